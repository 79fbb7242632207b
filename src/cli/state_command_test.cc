// vueops state list|show|rm|mv, run as the built binary on a state the test fills.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <optional>

#include "base/file.h"
#include "base/json.h"
#include "state/sqlite_state_store.h"
#include "support/run_vueops.h"

namespace vueops::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using Outcome = test_support::VueopsRun;

class StateCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/vueops_state_command_test_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    state_ = dir_ + "/state.db";
    Result<std::unique_ptr<state::StateStore>> store = state::OpenSqliteStateStore(state_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    for (const state::ResourceRecord& record : Records()) ASSERT_TRUE((*store)->Put(record).ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::vector<state::ResourceRecord> Records() {
    state::ResourceRecord account;
    account.address = "org.account.vueprod";
    account.type = "account";
    account.id = "123456789012";
    account.outputs = {{"id", "123456789012"}};
    state::ResourceRecord vpc;
    vpc.address = "prod.vpc.main";
    vpc.type = "vpc";
    vpc.account = "vueprod";
    vpc.region = "us-east-1";
    vpc.id = "vpc-0abc";
    vpc.attributes = {{"cidr_block", "10.0.0.0/16"}};
    vpc.dependencies = {"org.account.vueprod"};
    vpc.create_token = "token-vpc";
    vpc.updated_at = 1'700'000'000;
    state::ResourceRecord group = vpc;
    group.address = "prod.security_group.servers";
    group.type = "security_group";
    group.id = "sg-0def";
    group.attributes = {{"name", "servers"}, {"ingress", Json::array({80})}};
    group.dependencies = {"prod.vpc.main"};
    state::ResourceRecord intent = vpc;
    intent.address = "prod.subnet.a";
    intent.type = "subnet";
    intent.id.clear();
    intent.status = state::RecordStatus::kIntent;
    intent.dependencies = {"prod.vpc.main"};
    return {account, vpc, group, intent};
  }

  std::unique_ptr<state::StateStore> Store() {
    Result<std::unique_ptr<state::StateStore>> store =
        state::OpenSqliteStateStore(state_, {.create_if_missing = false});
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }

  Outcome Vueops(const std::vector<std::string>& args, const std::string& input = "",
                 const std::vector<std::string>& environment = {}) {
    return test_support::RunVueops(dir_, args, input, environment);
  }

  Outcome VueopsOnTerminal(const std::vector<std::string>& args, const std::string& answer) {
    bool answered = false;
    Outcome run = test_support::RunVueopsOnTerminal(args, answer, &answered);
    EXPECT_TRUE(answered) << run.out;
    return run;
  }

  // A valid spec in its own folder, with `state_block` appended.
  std::string WriteSpec(const std::string& folder, const std::string& state_block) {
    EXPECT_TRUE(MakeDirectories(folder).ok());
    std::string spec = folder + "/stack.yaml";
    EXPECT_TRUE(WriteFileAtomic(spec,
                                "vueops: 1\n"
                                "name: acme\n"
                                "region: us-east-1\n"
                                "organization:\n"
                                "  management_account: root\n"
                                "  accounts:\n"
                                "    root: {kind: root, email: root@example.com}\n"
                                "    users: {kind: identity, email: users@example.com}\n"
                                "    prod: {kind: production, email: prod@example.com}\n"
                                "access:\n"
                                "  identity_account: users\n"
                                "environments:\n"
                                "  prod:\n"
                                "    account: prod\n"
                                "    network: {vpc_cidr: 10.0.0.0/16}\n" +
                                    state_block)
                    .ok());
    return spec;
  }

  std::string dir_;
  std::string state_;
};

TEST_F(StateCommandTest, ListShowsEveryResourceInAddressOrder) {
  Outcome run = Vueops({"state", "list", "--state", state_});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  std::vector<std::string> lines;
  for (size_t start = 0, end; (end = run.out.find('\n', start)) != std::string::npos;
       start = end + 1) {
    lines.push_back(run.out.substr(start, end - start));
  }
  ASSERT_EQ(lines.size(), 6u) << run.out;
  EXPECT_THAT(lines[0], ::testing::MatchesRegex("ADDRESS +TYPE +ACCOUNT +REGION +ID +STATUS"));
  EXPECT_THAT(lines[1], ::testing::MatchesRegex(
                            "org.account.vueprod +account +\\(management\\) +global +123456789012 "
                            "+created"));
  EXPECT_THAT(lines[2], ::testing::StartsWith("prod.security_group.servers  security_group  "));
  EXPECT_THAT(lines[3], ::testing::MatchesRegex("prod.subnet.a +subnet +vueprod +us-east-1 +- "
                                                "+intent"));
  EXPECT_THAT(lines[4], ::testing::StartsWith("prod.vpc.main "));
  EXPECT_EQ(lines[5], "4 resources in " + state_ +
                          "; 1 intent (a create that may have been sent: the next apply adopts "
                          "or finishes it)");
}

TEST_F(StateCommandTest, ListAsJsonCarriesTheStateFacts) {
  Outcome run = Vueops({"state", "list", "--state", state_, "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Result<Json> json = ParseJson(run.out);
  ASSERT_TRUE(json.ok()) << run.out;
  EXPECT_EQ((*json)["state"], state_);
  EXPECT_EQ((*json)["serial"], 4);
  EXPECT_EQ((*json)["schema_version"], state::kStateFormatVersion);
  EXPECT_EQ((*json)["lineage"], Store()->Info()->lineage);
  ASSERT_EQ((*json)["resources"].size(), 4u);
  EXPECT_EQ((*json)["resources"][2],
            Json::parse(R"({"address": "prod.subnet.a", "type": "subnet", "account": "vueprod",
                            "region": "us-east-1", "id": "", "status": "intent"})"));
}

TEST_F(StateCommandTest, AnEmptyStateSaysSo) {
  const std::string empty = dir_ + "/empty.db";
  ASSERT_TRUE(state::OpenSqliteStateStore(empty).ok());
  Outcome run = Vueops({"state", "list", "--state", empty});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "No resources in " + empty + ".\n");
}

TEST_F(StateCommandTest, ShowPrintsTheWholeRecord) {
  Outcome run = Vueops({"state", "show", "prod.security_group.servers", "--state", state_});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("# prod.security_group.servers (security_group)\n"));
  EXPECT_THAT(run.out, HasSubstr("id           = sg-0def\n"));
  EXPECT_THAT(run.out, HasSubstr("updated_at   = 2023-11-14T22:13:20Z\n"));
  EXPECT_THAT(run.out, HasSubstr("dependencies = [\"prod.vpc.main\"]\n"));
  EXPECT_THAT(run.out, HasSubstr("\"name\": \"servers\""));

  Outcome intent = Vueops({"state", "show", "prod.subnet.a", "--state", state_});
  EXPECT_THAT(intent.out, HasSubstr("# an intent: the create may have been sent"));
}

TEST_F(StateCommandTest, ShowAsJsonIsTheRecordsJsonForm) {
  Outcome run = Vueops({"state", "show", "prod.vpc.main", "--json", "--state", state_});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Result<Json> json = ParseJson(run.out);
  ASSERT_TRUE(json.ok()) << run.out;
  Result<state::ResourceRecord> record = state::RecordFromJson(*json);
  ASSERT_TRUE(record.ok()) << record.status().ToString();
  EXPECT_EQ(*record, Records()[1]);
}

TEST_F(StateCommandTest, AnUnknownAddressSuggestsTheClosest) {
  Outcome run = Vueops({"state", "show", "prod.vpc.mian", "--state", state_});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "vueops state show: no resource 'prod.vpc.mian' in " + state_ +
                         "; did you mean 'prod.vpc.main'?\n");
}

TEST_F(StateCommandTest, RmWithoutATerminalNeedsYes) {
  Outcome run = Vueops({"state", "rm", "prod.vpc.main", "--state", state_});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("stdin is not a terminal to ask on; pass --yes"));
  EXPECT_TRUE(Store()->Get("prod.vpc.main")->has_value());
}

TEST_F(StateCommandTest, RmForgetsOnlyWhenEveryAddressExists) {
  Outcome typo =
      Vueops({"state", "rm", "prod.subnet.a", "prod.vpc.mainn", "--yes", "--state", state_});
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_THAT(typo.err, HasSubstr("no resource 'prod.vpc.mainn' in " + state_ +
                                  "; did you mean 'prod.vpc.main'?; nothing was forgotten"));
  EXPECT_EQ(Store()->List()->size(), 4u);

  Outcome run = Vueops(
      {"state", "rm", "prod.subnet.a", "prod.security_group.servers", "--yes", "--state", state_});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("Forgot prod.subnet.a (subnet with no id yet, an intent)\n"));
  EXPECT_THAT(run.out, HasSubstr("Forgot prod.security_group.servers (security_group sg-0def)\n"));
  EXPECT_THAT(run.out, HasSubstr("2 resources removed from " + state_ +
                                 "; the objects still exist in AWS.\n"));
  std::unique_ptr<state::StateStore> store = Store();
  EXPECT_EQ(store->List()->size(), 2u);
  EXPECT_EQ(store->Info()->serial, 6);
}

TEST_F(StateCommandTest, RmOnATerminalAsksAndTakesOnlyYes) {
  Outcome declined = VueopsOnTerminal({"state", "rm", "prod.vpc.main", "--state", state_}, "y");
  EXPECT_EQ(declined.exit_code, 1);
  EXPECT_THAT(declined.out, HasSubstr("vueops will forget 1 resource in " + state_));
  EXPECT_THAT(declined.out, HasSubstr("prod.vpc.main (vpc vpc-0abc)"));
  EXPECT_THAT(declined.out, HasSubstr("The AWS objects are not destroyed"));
  EXPECT_THAT(declined.out, HasSubstr("Nothing was forgotten."));
  EXPECT_TRUE(Store()->Get("prod.vpc.main")->has_value());

  Outcome accepted = VueopsOnTerminal({"state", "rm", "prod.vpc.main", "--state", state_}, "yes");
  EXPECT_EQ(accepted.exit_code, 0) << accepted.out;
  EXPECT_THAT(accepted.out, HasSubstr("Forgot prod.vpc.main"));
  EXPECT_FALSE(Store()->Get("prod.vpc.main")->has_value());
}

TEST_F(StateCommandTest, RepairsWaitForNoApplyButReadsGoOn) {
  // This test process holds the state as an apply would.
  Result<std::unique_ptr<state::StateStore>> apply =
      state::OpenSqliteStateStore(state_, {.exclusive = true});
  ASSERT_TRUE(apply.ok()) << apply.status().ToString();
  Outcome rm = Vueops({"state", "rm", "prod.vpc.main", "--yes", "--state", state_});
  EXPECT_EQ(rm.exit_code, 1);
  EXPECT_THAT(rm.err,
              HasSubstr("vueops state rm: " + state_ +
                        " is in use by another vueops process (pid " + std::to_string(::getpid())));
  Outcome mv = Vueops({"state", "mv", "prod.vpc.main", "prod.vpc.x", "--state", state_});
  EXPECT_EQ(mv.exit_code, 1);
  Outcome list = Vueops({"state", "list", "--state", state_});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ((*apply)->List()->size(), 4u);
}

TEST_F(StateCommandTest, MvRenamesAndUpdatesDependents) {
  Outcome run = Vueops({"state", "mv", "prod.vpc.main", "prod.vpc.primary", "--state", state_});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "Moved prod.vpc.main to prod.vpc.primary (vpc vpc-0abc) in " + state_ + ".\n");
  std::unique_ptr<state::StateStore> store = Store();
  EXPECT_FALSE(store->Get("prod.vpc.main")->has_value());
  EXPECT_EQ((*store->Get("prod.vpc.primary"))->id, "vpc-0abc");
  EXPECT_THAT((*store->Get("prod.subnet.a"))->dependencies,
              ::testing::ElementsAre("prod.vpc.primary"));
}

TEST_F(StateCommandTest, MvRefusesTyposTakenAddressesAndNonsense) {
  Outcome typo = Vueops({"state", "mv", "prod.vcp.main", "prod.vpc.x", "--state", state_});
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_THAT(typo.err, HasSubstr("did you mean 'prod.vpc.main'?"));
  Outcome taken = Vueops({"state", "mv", "prod.vpc.main", "prod.subnet.a", "--state", state_});
  EXPECT_EQ(taken.exit_code, 1);
  EXPECT_THAT(taken.err, HasSubstr("'prod.subnet.a' is already in " + state_ +
                                   " (subnet with no id yet); forget it first (vueops state rm "
                                   "prod.subnet.a) or choose another address"));
  Outcome same = Vueops({"state", "mv", "prod.vpc.main", "prod.vpc.main", "--state", state_});
  EXPECT_EQ(same.exit_code, 2);
  Outcome spaced = Vueops({"state", "mv", "prod.vpc.main", "prod.vpc main", "--state", state_});
  EXPECT_EQ(spaced.exit_code, 2);
  Outcome missing = Vueops({"state", "mv", "prod.vpc.main", "--state", state_});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(Store()->Info()->serial, 4);
}

TEST_F(StateCommandTest, TheStateIsFoundBesideTheSpec) {
  const std::string project = dir_ + "/project";
  WriteSpec(project, "");
  // Nothing applied yet: the commands say so instead of creating an empty state.
  Outcome none = Vueops({"state", "list", "--spec", project});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_THAT(none.err, HasSubstr("no state at " + project +
                                  "/.vueops/state.db (nothing has "
                                  "been applied with it yet)"));
  EXPECT_FALSE(FileExists(project + "/.vueops"));

  ASSERT_TRUE(MakeDirectories(project + "/.vueops").ok());
  std::filesystem::copy_file(state_, project + "/.vueops/state.db");
  Outcome by_flag = Vueops({"state", "list", "--spec", project});
  EXPECT_EQ(by_flag.exit_code, 0) << by_flag.err;
  EXPECT_THAT(by_flag.out, HasSubstr("4 resources in " + project + "/.vueops/state.db"));
  Outcome by_environment =
      Vueops({"state", "show", "prod.vpc.main"}, "", {"VUEOPS_SPEC=" + project + "/stack.yaml"});
  EXPECT_EQ(by_environment.exit_code, 0) << by_environment.err;

  // state.path moves it.
  const std::string elsewhere = dir_ + "/elsewhere";
  WriteSpec(elsewhere, "state: {backend: local, path: states/prod.db}\n");
  ASSERT_TRUE(MakeDirectories(elsewhere + "/states").ok());
  std::filesystem::copy_file(state_, elsewhere + "/states/prod.db");
  Outcome moved = Vueops({"state", "list", "--spec", elsewhere + "/stack.yaml"});
  EXPECT_EQ(moved.exit_code, 0) << moved.err;
  EXPECT_THAT(moved.out, HasSubstr("in " + elsewhere + "/states/prod.db"));
}

TEST_F(StateCommandTest, AnS3BackendNeedsItsAccountsIdOrALocalState) {
  const std::string project = dir_ + "/team";
  WriteSpec(project, "state: {backend: s3, bucket: acme-state, account: prod}\n");
  // Nothing but a closed local port to ask, whatever credentials this machine has.
  Outcome run = Vueops({"state", "list", "--spec", project}, "",
                       {"AWS_ENDPOINT_URL=http://127.0.0.1:9", "AWS_MAX_ATTEMPTS=1"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("the state lives in account 'prod' (state: account), whose id "
                                 "vueops could not find"));
  EXPECT_THAT(run.err, HasSubstr("write it in the spec (organization: accounts: prod: {id: "));
  Outcome local = Vueops({"state", "list", "--spec", project, "--state", state_});
  EXPECT_EQ(local.exit_code, 0) << local.err;
}

TEST_F(StateCommandTest, AnInvalidSpecOrABadFileIsAClearFailure) {
  Outcome no_spec = Vueops({"state", "list", "--spec", dir_ + "/nowhere.yaml"});
  EXPECT_EQ(no_spec.exit_code, 1);
  EXPECT_THAT(no_spec.err, HasSubstr("invalid spec"));
  EXPECT_THAT(no_spec.err, HasSubstr("pass --state FILE"));

  const std::string text = dir_ + "/notes.txt";
  ASSERT_TRUE(WriteFileAtomic(text, std::string(5000, 'n')).ok());
  Outcome not_state = Vueops({"state", "list", "--state", text});
  EXPECT_EQ(not_state.exit_code, 1);
  EXPECT_THAT(not_state.err, HasSubstr(text + " is not an SQLite database"));
  EXPECT_THAT(not_state.err, Not(HasSubstr("terminate")));
}

TEST_F(StateCommandTest, HelpHasExamplesAndUsageErrorsExitTwo) {
  Outcome help = Vueops({"state", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("vueops state mv prod.security_group.web"));
  for (const char* command : {"list", "show", "rm", "mv"}) {
    Outcome sub = Vueops({"state", command, "--help"});
    EXPECT_EQ(sub.exit_code, 0) << command;
    EXPECT_THAT(sub.out, HasSubstr("vueops state " + std::string(command))) << command;
  }
  EXPECT_EQ(Vueops({"state"}).exit_code, 2);
  EXPECT_EQ(Vueops({"state", "lsit"}).exit_code, 2);
  EXPECT_EQ(Vueops({"state", "show"}).exit_code, 2);
}

}  // namespace
}  // namespace vueops::cli
