// vueops assume, servers and ssh, run as the built binary against moto after `vueops apply`
// of tests/specs/good/servers.yaml, as an operator runs them: with the access key of alice, a
// user of the identity account. ssh is a recording fake on PATH; nothing connects anywhere.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "base/file.h"
#include "base/json.h"
#include "client/aws_client.h"
#include "support/console_clients.h"
#include "support/local_aws_fixture.h"
#include "support/run_vueops.h"

namespace vueops::cli {
namespace {

using test_support::VueopsRun;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::Not;

// Writes each argument on its own line to $SSH_ARGV_FILE and exits 3, so that the test sees
// both the exact argv and that ssh's status is vueops's.
constexpr char kFakeSsh[] = "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$SSH_ARGV_FILE\"\nexit 3\n";

class OperationsCommandMotoTest : public test_support::MotoTest {
 protected:
  void SetUp() override {
    MotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    char pattern[] = "/tmp/vueops_operations_test_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    spec_ = dir_ + "/stack.yaml";
    state_ = dir_ + "/state.db";
    secrets_ = dir_ + "/secrets";
    Result<std::string> spec = ReadFile(VUEOPS_SOURCE_DIR "/tests/specs/good/servers.yaml");
    ASSERT_TRUE(spec.ok());
    ASSERT_TRUE(WriteFileAtomic(spec_, *spec).ok());
    std::vector<std::string> common = {"AWS_ENDPOINT_URL=" + endpoint_url(),
                                       "VUEOPS_CACHE_DIR=" + dir_ + "/cache",
                                       "VUEOPS_SECRETS_DIR=" + secrets_, "AWS_REGION="};
    management_ = common;
    management_.insert(management_.end(),
                       {std::string("AWS_ACCESS_KEY_ID=") + kAccessKeyId,
                        std::string("AWS_SECRET_ACCESS_KEY=") + kSecretAccessKey,
                        "AWS_CONFIG_FILE=" + dir_ + "/no-config",
                        "AWS_SHARED_CREDENTIALS_FILE=" + dir_ + "/no-credentials", "AWS_PROFILE="});
    VueopsRun apply = test_support::RunVueops(
        dir_, {"apply", spec_, "--state", state_, "--auto-approve"}, "", management_);
    ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;

    // alice's access key, made as an administrator makes it in the identity account.
    Result<Json> key = ConsoleIn("users").Call("iam", "CreateAccessKey", {{"UserName", "alice"}});
    ASSERT_TRUE(key.ok()) << key.status().ToString();
    const Json& access_key = (*key)["AccessKey"];
    ASSERT_TRUE(
        WriteFileAtomic(dir_ + "/credentials",
                        "[alice]\naws_access_key_id = " + access_key.value("AccessKeyId", "") +
                            "\naws_secret_access_key = " + access_key.value("SecretAccessKey", "") +
                            "\n")
            .ok());
    // "chained": a role session of alice's, so that assuming another role is role chaining.
    ASSERT_TRUE(WriteFileAtomic(dir_ + "/config",
                                "[profile alice]\nregion = us-west-2\n\n[profile chained]\n"
                                "role_arn = arn:aws:iam::" +
                                    AccountId("users") +
                                    ":role/OrganizationAccountAccessRole\n"
                                    "source_profile = alice\nregion = us-west-2\n")
                    .ok());
    operator_ = common;
    operator_.insert(operator_.end(),
                     {"AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=", "AWS_SESSION_TOKEN=",
                      "AWS_CONFIG_FILE=" + dir_ + "/config",
                      "AWS_SHARED_CREDENTIALS_FILE=" + dir_ + "/credentials", "AWS_PROFILE=alice"});
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // vueops as alice: the spec and state after the command word(s).
  VueopsRun Operator(std::vector<std::string> args, std::vector<std::string> extra = {}) {
    size_t at = 1;
    while (at < args.size() && args[at] != "--") ++at;
    args.insert(args.begin() + static_cast<std::ptrdiff_t>(at),
                {"--spec", spec_, "--state", state_});
    std::vector<std::string> environment = operator_;
    environment.insert(environment.end(), extra.begin(), extra.end());
    return test_support::RunVueops(dir_, args, "", environment);
  }

  std::string AccountId(const std::string& account) {
    VueopsRun show = test_support::RunVueops(
        dir_, {"state", "show", "org.account." + account, "--state", state_, "--json"});
    return ParseJson(show.out).value_or(Json::object()).value("id", "");
  }

  test_support::ConsoleClients& Clients() {
    if (!console_) console_.emplace(management_);
    return *console_;
  }

  // The management account's way into a member account, as an administrator switches role.
  client::AwsClient ConsoleIn(const std::string& account) {
    return Clients().InAccount(AccountId(account));
  }

  // A PATH whose ssh is the recording fake; SSH_ARGV_FILE says where it writes.
  std::vector<std::string> FakeSshEnvironment() {
    std::string bin = dir_ + "/bin";
    EXPECT_TRUE(MakeDirectories(bin).ok());
    EXPECT_TRUE(WriteFileAtomic(bin + "/ssh", kFakeSsh).ok());
    EXPECT_EQ(::chmod((bin + "/ssh").c_str(), 0755), 0);
    const char* path = std::getenv("PATH");
    return {"PATH=" + bin + ":" + (path != nullptr ? path : "/usr/bin:/bin"),
            "SSH_ARGV_FILE=" + dir_ + "/ssh-argv"};
  }

  std::vector<std::string> RecordedSshArgv() {
    std::vector<std::string> lines;
    std::ifstream in(dir_ + "/ssh-argv");
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

  // The FOH servers as `vueops servers --json` lists them (by launch time, then id).
  Json Servers(const std::string& profile) {
    VueopsRun listed = Operator({"servers", "prod", profile, "--json"});
    EXPECT_EQ(listed.exit_code, 0) << listed.err;
    return ParseJson(listed.out).value_or(Json::object())["servers"];
  }

  std::string dir_, spec_, state_, secrets_;
  std::vector<std::string> management_, operator_;
  std::optional<test_support::ConsoleClients> console_;
};

TEST_F(OperationsCommandMotoTest, AssumeTakesTheLeastPrivilegedRoleAndSaysWhich) {
  VueopsRun assumed = Operator({"assume", "prod", "--json"});
  ASSERT_EQ(assumed.exit_code, 0) << assumed.out << assumed.err;
  Json report = ParseJson(assumed.out).value_or(Json::object());
  std::string prod = AccountId("prod");
  EXPECT_EQ(report.value("role", ""), "Reader");
  EXPECT_EQ(report.value("role_arn", ""), "arn:aws:iam::" + prod + ":role/Reader");
  EXPECT_EQ(report.value("account_id_source", ""), "state org.account.prod");
  EXPECT_EQ(report.value("reason", ""),
            "the least privileged (limited) of alice's roles in prod (Reader: look, Admin: "
            "operate); name another to use it");
  EXPECT_EQ(report.value("caller_arn", ""), "arn:aws:iam::" + AccountId("users") + ":user/alice");
  EXPECT_EQ(report.value("session_name", ""), "vueops-alice");
  EXPECT_EQ(report.value("duration_seconds", 0), 3600);
  EXPECT_FALSE(report.value("chained", true));
  EXPECT_THAT(assumed.out, Not(HasSubstr("SecretAccessKey")));

  VueopsRun human = Operator({"assume", "prod", "Admin"});
  ASSERT_EQ(human.exit_code, 0) << human.err;
  EXPECT_THAT(human.out, HasSubstr("arn:aws:iam::" + prod + ":role/Admin (operate)"));
  EXPECT_THAT(human.out, HasSubstr("named on the command line"));
  EXPECT_THAT(human.out, HasSubstr("43200s session"));
  // Admin requires MFA and alice's profile names no device: said, and moto lets it pass.
  EXPECT_THAT(human.err, HasSubstr("role Admin requires MFA"));
}

// A profile naming an MFA device: assume asks for the code on the terminal (not stdin, not
// the screen: echo is off), STS gets it, and the cached session spares the next run the
// question. moto accepts any code, so a wrong one is refused by its form before STS.
TEST_F(OperationsCommandMotoTest, AnMfaProfileAsksForTheCodeOnTheTerminalOnce) {
  Result<std::string> credentials = ReadFile(dir_ + "/credentials");
  ASSERT_TRUE(credentials.ok());
  std::string mfa_keys = *credentials;
  mfa_keys.replace(mfa_keys.find("[alice]"), 7, "[alice-mfa]");
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/credentials", *credentials + "\n" + mfa_keys).ok());
  const std::string device = "arn:aws:iam::" + AccountId("users") + ":mfa/alice";
  Result<std::string> config = ReadFile(dir_ + "/config");
  ASSERT_TRUE(config.ok());
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/config", *config +
                                                    "\n[profile alice-mfa]\nregion = us-west-2\n"
                                                    "mfa_serial = " +
                                                    device + "\n")
                  .ok());
  std::vector<std::string> environment = operator_;
  environment.push_back("AWS_PROFILE=alice-mfa");
  const std::vector<std::string> args = {"assume", "prod",    "Admin", "--spec",
                                         spec_,    "--state", state_};
  const std::string question = "Enter MFA code for " + device + " (profile alice-mfa): ";

  bool answered = false;
  VueopsRun first =
      test_support::RunVueopsOnTerminal(args, "246810", &answered, environment, question);
  EXPECT_TRUE(answered) << first.out;
  EXPECT_EQ(first.exit_code, 0) << first.out;
  EXPECT_THAT(first.out, HasSubstr("arn:aws:iam::" + AccountId("prod") + ":role/Admin"));
  EXPECT_THAT(first.out, Not(HasSubstr("246810"))) << "the code is typed without echo";
  EXPECT_THAT(first.out, Not(HasSubstr("requires MFA"))) << "the profile names its device";

  VueopsRun cached =
      test_support::RunVueopsOnTerminal(args, "246810", &answered, environment, question);
  EXPECT_FALSE(answered) << "the cached session needs no code: " << cached.out;
  EXPECT_EQ(cached.exit_code, 0) << cached.out;

  VueopsRun wrong =
      test_support::RunVueopsOnTerminal({"assume", "prod", "--spec", spec_, "--state", state_},
                                        "12ab", &answered, environment, question);
  EXPECT_TRUE(answered) << wrong.out;
  EXPECT_EQ(wrong.exit_code, 1) << wrong.out;
  EXPECT_THAT(wrong.out, HasSubstr("an MFA code is 6 digits"));
}

TEST_F(OperationsCommandMotoTest, AssumeExecRunsTheCommandAsTheRoleAndPassesItsStatus) {
  // vueops whoami is the command: it sees only the variables assume sets.
  VueopsRun whoami = Operator(
      {"assume", "prod", "Admin", "--exec", "--", VUEOPS_BINARY_DIR "/vueops", "whoami", "--json"});
  ASSERT_EQ(whoami.exit_code, 0) << whoami.out << whoami.err;
  Json identity = ParseJson(whoami.out).value_or(Json::object());
  EXPECT_EQ(identity.value("Arn", ""),
            "arn:aws:sts::" + AccountId("prod") + ":assumed-role/Admin/vueops-alice");
  EXPECT_EQ(identity.value("CredentialsSource", ""), "environment variables");
  EXPECT_EQ(identity.value("Region", ""), "us-west-2");
  EXPECT_THAT(whoami.err, HasSubstr("assuming Admin in prod"));

  VueopsRun status = Operator({"assume", "prod", "--exec", "--", "/bin/sh", "-c",
                               "test -n \"$AWS_SESSION_TOKEN\" && test -n "
                               "\"$AWS_CREDENTIAL_EXPIRATION\" && test -z \"${AWS_PROFILE+x}\" "
                               "&& test \"$AWS_DEFAULT_REGION\" = us-west-2 && exit 7"});
  EXPECT_EQ(status.exit_code, 7) << status.err;
  VueopsRun missing = Operator({"assume", "prod", "--exec", "--", dir_ + "/no-such-command"});
  EXPECT_EQ(missing.exit_code, 127);
  EXPECT_THAT(missing.err, HasSubstr("cannot run"));
}

TEST_F(OperationsCommandMotoTest, ExportLinesEvalToTheCachedSession) {
  VueopsRun first = Operator({"assume", "prod", "--export"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("export AWS_ACCESS_KEY_ID='"));
  EXPECT_THAT(first.out, HasSubstr("export AWS_REGION='us-west-2'\n"));
  EXPECT_THAT(first.out, HasSubstr("unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SECURITY_TOKEN\n"));
  // The second run reuses the cached session: the same key, no second AssumeRole.
  VueopsRun second = Operator({"assume", "prod", "--export"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(first.out, second.out);
  std::vector<std::string> cached;
  for (const auto& entry : std::filesystem::directory_iterator(dir_ + "/cache")) {
    struct stat info;
    ASSERT_EQ(::stat(entry.path().c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u) << entry.path();
    cached.push_back(entry.path());
  }
  EXPECT_FALSE(cached.empty());

  // A shell reads back exactly what --exec hands over.
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/exports.sh", first.out).ok());
  VueopsRun exec = Operator({"assume", "prod", "--exec", "--", "/bin/sh", "-c",
                             "printf '%s %s' \"$AWS_SECRET_ACCESS_KEY\" \"$AWS_SESSION_TOKEN\""});
  std::string command = "/bin/sh -c '. " + dir_ + "/exports.sh && printf \"%s %s\" " +
                        "\"$AWS_SECRET_ACCESS_KEY\" \"$AWS_SESSION_TOKEN\" > " + dir_ +
                        "/evaluated'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  EXPECT_EQ(ReadFile(dir_ + "/evaluated").value_or(""), exec.out);
  EXPECT_FALSE(exec.out.empty());
}

TEST_F(OperationsCommandMotoTest, AChainedRoleIsCappedAtOneHourWithANote) {
  VueopsRun chained = Operator({"assume", "prod", "Admin", "--json"}, {"AWS_PROFILE=chained"});
  ASSERT_EQ(chained.exit_code, 0) << chained.out << chained.err;
  Json report = ParseJson(chained.out).value_or(Json::object());
  EXPECT_TRUE(report.value("chained", false));
  EXPECT_EQ(report.value("duration_seconds", 0), 3600);
  EXPECT_THAT(report.value("caller_arn", ""),
              HasSubstr(":assumed-role/OrganizationAccountAccessRole/"));
  EXPECT_THAT(chained.err, HasSubstr("the session lasts 3600s (1h), not 43200s"));
  EXPECT_THAT(chained.err, HasSubstr("STS caps a chained role at one hour"));
  // A role session is no user of the spec: the role must be named.
  VueopsRun unnamed = Operator({"assume", "prod"}, {"AWS_PROFILE=chained"});
  EXPECT_EQ(unnamed.exit_code, 1);
  EXPECT_THAT(unnamed.err, HasSubstr("name the ROLE"));
}

TEST_F(OperationsCommandMotoTest, ServersListsEachProfilesInstancesWithTargetHealth) {
  VueopsRun listed = Operator({"servers", "prod", "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.out << listed.err;
  Json servers = ParseJson(listed.out).value_or(Json::object())["servers"];
  ASSERT_EQ(servers.size(), 3u) << listed.out;
  for (size_t i = 0; i < servers.size(); ++i) {
    const Json& server = servers[i];
    EXPECT_EQ(server.value("profile", ""), i < 2 ? "FOH" : "BOH");
    EXPECT_EQ(server.value("autoscaling_group", ""), i < 2 ? "acme-prod-foh" : "acme-prod-boh");
    EXPECT_EQ(server.value("instance_type", ""), i < 2 ? "t3.large" : "t3.medium");
    EXPECT_THAT(server.value("instance_id", ""), HasSubstr("i-"));
    EXPECT_THAT(server.value("launch_template_id", ""), HasSubstr("lt-"));
    EXPECT_EQ(server.value("launch_template_version", ""), "1");
    EXPECT_EQ(server.value("lifecycle", ""), "on-demand");
    EXPECT_EQ(server.value("state", ""), "running");
    EXPECT_EQ(server.value("group_lifecycle", ""), "InService");
    EXPECT_THAT(server.value("availability_zone", ""), HasSubstr("us-west-2"));
    EXPECT_THAT(server.value("private_ip", ""), HasSubstr("10.0."));
    EXPECT_TRUE(server["public_ip"].is_string()) << server;
  }
  EXPECT_EQ(servers[0]["target_health"], Json::parse(R"([{"target_group":"acme-prod-foh",
                                                          "state":"healthy"}])"));
  EXPECT_EQ(servers[2]["target_health"], Json::array());

  VueopsRun table = Operator({"servers"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("TARGET HEALTH"));
  EXPECT_THAT(table.out, HasSubstr("acme-prod-foh (InService)  healthy"));
  EXPECT_THAT(table.out, HasSubstr("3 servers"));
  EXPECT_THAT(table.err, HasSubstr("prod in prod (" + AccountId("prod") + ") as Reader"));
  EXPECT_EQ(Servers("BOH").size(), 1u);
}

TEST_F(OperationsCommandMotoTest, SshGoesThroughTheEntryHostWithItsOwnKey) {
  ASSERT_TRUE(WriteFileAtomic(secrets_ + "/acme-entry.pem", "entry key\n", 0600).ok());
  Json foh = Servers("FOH");
  ASSERT_EQ(foh.size(), 2u);
  VueopsRun ssh = Operator({"ssh", "prod", "FOH", "1", "--", "-L", "8000:localhost:80", "uptime"},
                           FakeSshEnvironment());
  EXPECT_EQ(ssh.exit_code, 3) << ssh.out << ssh.err;
  EXPECT_THAT(
      RecordedSshArgv(),
      ElementsAreArray(std::vector<std::string>{
          "-i", secrets_ + "/acme-prod.pem", "-o", "IdentitiesOnly=yes", "-o", "ForwardAgent=no",
          "-o", "HostKeyAlias=" + foh[1].value("instance_id", ""), "-o",
          "ProxyCommand='ssh' -i '" + secrets_ +
              "/acme-entry.pem' -o IdentitiesOnly=yes -o ForwardAgent=no -W %h:%p "
              "'jump@ssh.acme.example'",
          "ubuntu@" + foh[1].value("private_ip", ""), "-L", "8000:localhost:80", "uptime"}));
  EXPECT_THAT(ssh.err, HasSubstr("prod FOH 1: " + foh[1].value("instance_id", "")));
}

TEST_F(OperationsCommandMotoTest, SshWithoutAnEntryHostGoesToThePublicAddress) {
  Result<std::string> spec = ReadFile(spec_);
  ASSERT_TRUE(spec.ok());
  std::string text = *spec;
  size_t entry = text.find("  ssh_entry:");
  ASSERT_NE(entry, std::string::npos);
  text.erase(entry, text.find('\n', entry) - entry + 1);
  ASSERT_TRUE(WriteFileAtomic(spec_, text).ok());
  Json boh = Servers("BOH");
  ASSERT_EQ(boh.size(), 1u);
  VueopsRun ssh = Operator({"ssh", "prod", "BOH"}, FakeSshEnvironment());
  EXPECT_EQ(ssh.exit_code, 3) << ssh.out << ssh.err;
  EXPECT_THAT(RecordedSshArgv(), ElementsAre("-i", secrets_ + "/acme-prod.pem", "-o",
                                             "IdentitiesOnly=yes", "-o", "ForwardAgent=no", "-o",
                                             "HostKeyAlias=" + boh[0].value("instance_id", ""),
                                             "ubuntu@" + boh[0].value("public_ip", "")));

  VueopsRun dry = Operator({"ssh", "prod", "BOH", "--dry-run"}, FakeSshEnvironment());
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_THAT(dry.out, HasSubstr("ssh -i " + secrets_ + "/acme-prod.pem"));
}

TEST_F(OperationsCommandMotoTest, SshRefusesAKeyOthersCanReadAndABadIndex) {
  ASSERT_TRUE(WriteFileAtomic(secrets_ + "/acme-entry.pem", "entry key\n", 0600).ok());
  std::string key = secrets_ + "/acme-prod.pem";
  ASSERT_EQ(::chmod(key.c_str(), 0644), 0);
  VueopsRun open = Operator({"ssh", "prod", "FOH"}, FakeSshEnvironment());
  EXPECT_EQ(open.exit_code, 1);
  EXPECT_THAT(open.err, HasSubstr("run: chmod 600 " + key));
  EXPECT_FALSE(FileExists(dir_ + "/ssh-argv"));

  ASSERT_EQ(::chmod(key.c_str(), 0600), 0);
  VueopsRun beyond = Operator({"ssh", "prod", "BOH", "1"}, FakeSshEnvironment());
  EXPECT_EQ(beyond.exit_code, 1);
  EXPECT_THAT(beyond.err, HasSubstr("prod BOH has 1 running server (INDEX 0..0)"));
  EXPECT_FALSE(FileExists(dir_ + "/ssh-argv"));
}

TEST_F(OperationsCommandMotoTest, UnknownNamesAndBadCommandLines) {
  VueopsRun account = Operator({"assume", "prdo"});
  EXPECT_EQ(account.exit_code, 1);
  EXPECT_THAT(account.err, HasSubstr("no account 'prdo' in the spec; did you mean 'prod'?"));
  VueopsRun role = Operator({"assume", "prod", "Admn"});
  EXPECT_EQ(role.exit_code, 1);
  EXPECT_THAT(role.err, HasSubstr("did you mean 'Admin'?"));
  VueopsRun environment = Operator({"servers", "prd"});
  EXPECT_EQ(environment.exit_code, 1);
  EXPECT_THAT(environment.err, HasSubstr("no environment 'prd' in the spec; did you mean 'prod'?"));
  VueopsRun profile = Operator({"ssh", "prod", "FHO"}, FakeSshEnvironment());
  EXPECT_EQ(profile.exit_code, 1);
  EXPECT_THAT(profile.err,
              HasSubstr("no server profile 'FHO' in environment prod; did you mean 'FOH'?"));
  VueopsRun servers_profile = Operator({"servers", "prod", "BHO"});
  EXPECT_THAT(servers_profile.err, HasSubstr("did you mean 'BOH'?"));

  EXPECT_EQ(Operator({"assume", "prod", "--exec"}).exit_code, 2);
  VueopsRun without_exec = Operator({"assume", "prod", "--", "ls"});
  EXPECT_EQ(without_exec.exit_code, 2);
  EXPECT_THAT(without_exec.err, HasSubstr("--exec"));
  EXPECT_EQ(Operator({"assume", "prod", "--export", "--json"}).exit_code, 2);
  EXPECT_EQ(Operator({"ssh", "prod"}).exit_code, 2);
  VueopsRun help = test_support::RunVueops(dir_, {"assume", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("Examples:"));
}

}  // namespace
}  // namespace vueops::cli
