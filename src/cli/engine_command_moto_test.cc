// vueops plan, apply and destroy, run as the built binary against moto, as a user runs them:
// the minimal spec (an organization of three accounts and one environment's network).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <optional>

#include "base/file.h"
#include "base/json.h"
#include "client/aws_client.h"
#include "support/console_clients.h"
#include "support/local_aws_fixture.h"
#include "support/run_vueops.h"

namespace vueops::cli {
namespace {

using test_support::VueopsRun;
using ::testing::HasSubstr;
using ::testing::Not;

class EngineCommandMotoTest : public test_support::MotoTest {
 protected:
  void SetUp() override {
    MotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    char pattern[] = "/tmp/vueops_engine_command_test_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    spec_ = dir_ + "/stack.yaml";
    state_ = dir_ + "/state.db";
    ASSERT_TRUE(CopyFile(VUEOPS_SOURCE_DIR "/tests/specs/good/minimal.yaml", spec_).ok());
    environment_ = {"AWS_ENDPOINT_URL=" + endpoint_url(),
                    std::string("AWS_ACCESS_KEY_ID=") + kAccessKeyId,
                    std::string("AWS_SECRET_ACCESS_KEY=") + kSecretAccessKey,
                    "AWS_CONFIG_FILE=" + dir_ + "/no-config",
                    "AWS_SHARED_CREDENTIALS_FILE=" + dir_ + "/no-credentials",
                    "AWS_PROFILE=",
                    "VUEOPS_CACHE_DIR=" + dir_ + "/cache"};
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  static Status CopyFile(const std::string& from, const std::string& to) {
    ASSIGN_OR_RETURN(std::string text, ReadFile(from));
    return WriteFileAtomic(to, text);
  }

  VueopsRun Vueops(std::vector<std::string> args) {
    args.insert(args.begin() + 1, {spec_, "--state", state_});
    return test_support::RunVueops(dir_, args, "", environment_);
  }

  // A client of the management account, for changes made "in the console".
  client::AwsClient& Console() { return Clients().Management(); }

  // The console of a member account: the management account's client through the role
  // Organizations made there, as an operator switches role.
  client::AwsClient ConsoleIn(const std::string& account) {
    VueopsRun show = test_support::RunVueops(
        dir_, {"state", "show", "org.account." + account, "--state", state_, "--json"});
    std::string id = ParseJson(show.out).value_or(Json::object()).value("id", "");
    EXPECT_FALSE(id.empty()) << show.out << show.err;
    return Clients().InAccount(id);
  }

  test_support::ConsoleClients& Clients() {
    if (!console_) console_.emplace(environment_);
    return *console_;
  }

  std::string dir_, spec_, state_;
  std::vector<std::string> environment_;
  std::optional<test_support::ConsoleClients> console_;
};

TEST_F(EngineCommandMotoTest, PlanApplyThenNothingToDo) {
  VueopsRun plan = Vueops({"plan", "--detailed-exitcode"});
  ASSERT_EQ(plan.exit_code, 2) << plan.out << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("# org.account.prod will be created"));
  EXPECT_THAT(plan.out, HasSubstr("+ vpc \"prod.vpc.main\""));
  EXPECT_THAT(plan.out, HasSubstr("Plan: 18 to add, 0 to change, 0 to destroy."));

  VueopsRun apply = Vueops({"apply", "--auto-approve"});
  ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  EXPECT_THAT(apply.out, HasSubstr("prod.vpc.main: created (vpc-"));
  EXPECT_THAT(apply.out,
              HasSubstr("Apply complete: 18 created, 0 updated, 0 replaced, 0 destroyed."));

  VueopsRun again = Vueops({"plan", "--detailed-exitcode"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_THAT(again.out, HasSubstr("No changes."));
  // terraform's spelling, as operators type it.
  VueopsRun terraform_style = Vueops({"plan", "-detailed-exitcode", "-out=" + dir_ + "/tf.plan"});
  EXPECT_EQ(terraform_style.exit_code, 0) << terraform_style.err;
  EXPECT_TRUE(FileExists(dir_ + "/tf.plan"));

  VueopsRun json = Vueops({"plan", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  Result<Json> parsed = ParseJson(json.out);
  ASSERT_TRUE(parsed.ok()) << json.out;
}

TEST_F(EngineCommandMotoTest, ConsoleDriftShowsAndApplyRevertsIt) {
  ASSERT_EQ(Vueops({"apply", "--auto-approve"}).exit_code, 0);
  VueopsRun show = test_support::RunVueops(
      dir_, {"state", "show", "prod.subnet.public-a", "--state", state_, "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  std::string subnet = ParseJson(show.out).value_or(Json::object()).value("id", "");
  ASSERT_FALSE(subnet.empty()) << show.out;
  Json change = {{"SubnetId", subnet}, {"MapPublicIpOnLaunch", {{"Value", true}}}};
  ASSERT_TRUE(ConsoleIn("prod").Call("ec2", "ModifySubnetAttribute", change).ok());

  VueopsRun drift = Vueops({"plan", "--detailed-exitcode"});
  ASSERT_EQ(drift.exit_code, 2) << drift.out << drift.err;
  EXPECT_THAT(drift.out, HasSubstr("~ subnet \"prod.subnet.public-a\""));
  EXPECT_THAT(drift.out, HasSubstr("map_public_ip_on_launch"));
  EXPECT_THAT(drift.out, HasSubstr("0 to add, 1 to change, 0 to destroy"));

  ASSERT_EQ(Vueops({"apply", "--auto-approve"}).exit_code, 0);
  EXPECT_EQ(Vueops({"plan", "--detailed-exitcode"}).exit_code, 0);
}

TEST_F(EngineCommandMotoTest, ASavedPlanIsAppliedAsItIsAndRefusedOnceStale) {
  const std::string saved = dir_ + "/tonight.plan";
  VueopsRun plan = Vueops({"plan", "--out", saved});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("vueops apply " + saved));
  VueopsRun apply =
      test_support::RunVueops(dir_, {"apply", saved, "--state", state_}, "", environment_);
  ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  EXPECT_THAT(apply.out, HasSubstr("Apply complete: 18 created"));
  VueopsRun stale =
      test_support::RunVueops(dir_, {"apply", saved, "--state", state_}, "", environment_);
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_THAT(stale.err, HasSubstr("the state changed since the plan was made"));
}

TEST_F(EngineCommandMotoTest, DestroyAsksForStatefulObjectsAndEmptiesTheEnvironment) {
  ASSERT_EQ(Vueops({"apply", "--auto-approve"}).exit_code, 0);
  VueopsRun without = Vueops({"apply", "--auto-approve"});
  EXPECT_EQ(without.exit_code, 0);

  // Without a terminal and without --auto-approve nothing happens.
  VueopsRun unapproved = Vueops({"destroy", "--target", "prod.*"});
  EXPECT_EQ(unapproved.exit_code, 1);
  EXPECT_THAT(unapproved.err, HasSubstr("--auto-approve"));

  VueopsRun destroyed = Vueops({"destroy", "--auto-approve", "--target", "prod.*"});
  ASSERT_EQ(destroyed.exit_code, 0) << destroyed.out << destroyed.err;
  EXPECT_THAT(destroyed.out, HasSubstr("15 destroyed"));
  Result<Json> vpcs = ConsoleIn("prod").Call(
      "ec2", "DescribeVpcs",
      {{"Filters", {{{"Name", "tag-key"}, {"Values", {"vueops:address"}}}}}});
  ASSERT_TRUE(vpcs.ok());
  EXPECT_EQ((*vpcs)["Vpcs"].size(), 0u) << DumpJson(*vpcs);

  // Accounts hold everything in them: destroying them must be asked for by name.
  VueopsRun refused = Vueops({"destroy", "--auto-approve"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("--allow-destroy"));
  EXPECT_THAT(refused.err, HasSubstr("org.account.prod"));
}

TEST_F(EngineCommandMotoTest, ImportAdoptsWhatTheStateForgot) {
  ASSERT_EQ(Vueops({"apply", "--auto-approve"}).exit_code, 0);
  VueopsRun show = test_support::RunVueops(
      dir_, {"state", "show", "prod.vpc.main", "--state", state_, "--json"});
  std::string vpc = ParseJson(show.out).value_or(Json::object()).value("id", "");
  ASSERT_FALSE(vpc.empty()) << show.out;
  // The state loses three objects (as if they had been made by hand): a plan would make them
  // again. The spec builds the subnet before the route table, their addresses sort the other
  // way round: the import adopts both at once all the same.
  VueopsRun removed = test_support::RunVueops(
      dir_, {"state", "rm", "prod.vpc.main", "prod.subnet.public-a", "prod.route_table.public",
             "--state", state_, "--yes"});
  ASSERT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_EQ(Vueops({"plan", "--detailed-exitcode"}).exit_code, 2);

  VueopsRun wrong_id = Vueops({"import", "prod.vpc.main=vpc-00000000"});
  EXPECT_EQ(wrong_id.exit_code, 1) << wrong_id.out << wrong_id.err;
  EXPECT_THAT(wrong_id.out, HasSubstr("asked for vpc-00000000, but " + vpc));
  VueopsRun typo = Vueops({"import", "prod.vcp.main=" + vpc});
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_THAT(typo.err, HasSubstr("did you mean 'prod.vpc.main'?"));

  VueopsRun by_id = Vueops({"import", "prod.vpc.main=" + vpc});
  ASSERT_EQ(by_id.exit_code, 0) << by_id.out << by_id.err;
  EXPECT_THAT(by_id.out, HasSubstr("Imported 1 object."));
  VueopsRun discovered = Vueops({"import", "--discover"});
  ASSERT_EQ(discovered.exit_code, 0) << discovered.out << discovered.err;
  EXPECT_THAT(discovered.out, HasSubstr("Imported 2 objects. 16 already in the state."));
  VueopsRun plan = Vueops({"plan", "--detailed-exitcode"});
  EXPECT_EQ(plan.exit_code, 0) << plan.out << plan.err;
}

TEST_F(EngineCommandMotoTest, BadInputGetsAClearError) {
  VueopsRun missing = test_support::RunVueops(
      dir_, {"plan", dir_ + "/nope.yaml", "--state", state_}, "", environment_);
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("nope.yaml"));
  VueopsRun bad_target = Vueops({"plan", "--target", "prod.vcp.main"});
  EXPECT_EQ(bad_target.exit_code, 1) << bad_target.out;
  EXPECT_THAT(bad_target.err, HasSubstr("prod.vpc.main"));
}

}  // namespace
}  // namespace vueops::cli
