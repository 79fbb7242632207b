// vueops db, ses smtp-credentials, asg roll and maintenance, run as the built binary against
// moto after `vueops apply` of the example stack's objects they work on (--target keeps the
// apply to those and what they need). ssh and mysql are recording fakes on PATH: the fake ssh
// listens on the forwarded loopback port, as the real one does; the fake mysql writes its
// arguments and its option file's mode and content, so the test can check that the password
// reached mysql only through a 0600 file, removed afterwards, and never in argv or output.
// Nothing connects anywhere but 127.0.0.1.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>

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

// What the fakes write: argv one per line; for mysql also its option file.
constexpr const char* kFakeSsh = R"(#!/bin/sh
printf '%s\n' "$@" > "$FAKE_LOG/ssh.args"
for arg in "$@"; do
  case "$arg" in 127.0.0.1:*) port=$(echo "$arg" | cut -d: -f2) ;; esac
done
exec python3 -c '
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(5)
while True:
    c, _ = s.accept()
    c.close()
' "$port"
)";

constexpr const char* kFakeMysql = R"(#!/bin/sh
printf '%s\n' "$@" > "$FAKE_LOG/mysql.args"
env > "$FAKE_LOG/mysql.env"
for arg in "$@"; do
  case "$arg" in
    --defaults-extra-file=*)
      file=${arg#--defaults-extra-file=}
      echo "$file" > "$FAKE_LOG/mysql.file"
      stat -c %a "$file" > "$FAKE_LOG/mysql.mode"
      cat "$file" > "$FAKE_LOG/mysql.options"
      ;;
  esac
done
echo "fake mysql ran"
)";

// The objects the commands work on; --target brings what they need along.
const std::vector<std::string> kTargets = {
    "--target", "prod.db_instance.main",  "--target", "prod.autoscaling_group.FOH",
    "--target", "prod.health_check.site", "--target", "prod.iam_access_key.ses-smtp/1",
    "--target", "prod.secret.ses-smtp",   "--target", "prod.secret.db-master"};

class OperationsCommandsMotoTest : public test_support::MotoTest {
 protected:
  void SetUp() override {
    MotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    char pattern[] = "/tmp/vueops_operations_test_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    spec_ = dir_ + "/vueocity";
    state_ = dir_ + "/state.db";
    std::filesystem::copy(VUEOPS_SOURCE_DIR "/examples/vueocity", spec_,
                          std::filesystem::copy_options::recursive);
    std::filesystem::create_directories(dir_ + "/bin");
    std::filesystem::create_directories(dir_ + "/log");
    std::filesystem::create_directories(dir_ + "/tmp");
    WriteScript(dir_ + "/bin/ssh", kFakeSsh);
    WriteScript(dir_ + "/bin/mysql", kFakeMysql);
    environment_ = {"AWS_ENDPOINT_URL=" + endpoint_url(),
                    std::string("AWS_ACCESS_KEY_ID=") + kAccessKeyId,
                    std::string("AWS_SECRET_ACCESS_KEY=") + kSecretAccessKey,
                    "AWS_CONFIG_FILE=" + dir_ + "/no-config",
                    "AWS_SHARED_CREDENTIALS_FILE=" + dir_ + "/no-credentials",
                    "AWS_PROFILE=",
                    "VUEOPS_CACHE_DIR=" + dir_ + "/cache",
                    "PATH=" + dir_ + "/bin:" + std::string(std::getenv("PATH")),
                    "FAKE_LOG=" + dir_ + "/log",
                    "TMPDIR=" + dir_ + "/tmp"};
    std::vector<std::string> apply = {"apply", spec_, "--state", state_, "--auto-approve"};
    apply.insert(apply.end(), kTargets.begin(), kTargets.end());
    VueopsRun applied = test_support::RunVueops(dir_, apply, "", environment_);
    ASSERT_EQ(applied.exit_code, 0) << applied.out << applied.err;
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  static void WriteScript(const std::string& path, const std::string& text) {
    ASSERT_TRUE(WriteFileAtomic(path, text).ok());
    ::chmod(path.c_str(), 0755);
  }

  // vueops COMMAND... with --spec and --state after the command's own words.
  VueopsRun Vueops(std::vector<std::string> args) {
    // Before a "--", whose followers go to mysql.
    auto end = std::find(args.begin(), args.end(), "--");
    args.insert(end, {"--spec", spec_, "--state", state_});
    return test_support::RunVueops(dir_, args, "", environment_);
  }

  std::string Log(const std::string& name) { return ReadFile(dir_ + "/log/" + name).value_or(""); }

  Json StateRecord(const std::string& address) {
    VueopsRun show = test_support::RunVueops(
        dir_, {"state", "show", address, "--state", state_, "--json"}, "", environment_);
    return ParseJson(show.out).value_or(Json::object());
  }

  // A client in the prod account (vueprod), through the role Organizations made there.
  client::AwsClient Prod() {
    if (!console_) console_.emplace(environment_);
    return console_->InAccount(StateRecord("org.account.vueprod").value("id", ""));
  }

  std::string SecretString(const std::string& address) {
    std::string arn = StateRecord(address).value("id", "");
    Result<Json> value = Prod().Call("secretsmanager", "GetSecretValue", {{"SecretId", arn}});
    EXPECT_TRUE(value.ok()) << value.status().ToString();
    return value.ok() ? value->value("SecretString", "") : "";
  }

  std::string dir_, spec_, state_;
  std::vector<std::string> environment_;
  std::optional<test_support::ConsoleClients> console_;
};

TEST_F(OperationsCommandsMotoTest, DbShellHandsThePasswordToMysqlOnlyThroughAPrivateFile) {
  std::string key_dir = spec_ + "/.secrets/vueocity";
  std::filesystem::create_directories(key_dir);
  std::string key = key_dir + "/vueops-entry.pem";
  ASSERT_TRUE(WriteFileAtomic(key, "-----BEGIN OPENSSH PRIVATE KEY-----\nfake\n").ok());
  ::chmod(key.c_str(), 0644);
  VueopsRun loose = Vueops({"db", "shell", "prod"});
  EXPECT_EQ(loose.exit_code, 1);
  EXPECT_THAT(loose.err, HasSubstr("chmod 600"));

  ::chmod(key.c_str(), 0600);
  VueopsRun shell = Vueops({"db", "shell", "prod", "--", "-e", "SELECT 1"});
  ASSERT_EQ(shell.exit_code, 0) << shell.out << shell.err;
  EXPECT_THAT(shell.out, HasSubstr("fake mysql ran"));

  const std::string password = SecretString("prod.secret.db-master");
  ASSERT_FALSE(password.empty());
  const std::string endpoint =
      StateRecord("prod.db_instance.main")["outputs"].value("endpoint", "");
  ASSERT_FALSE(endpoint.empty());
  // ssh forwarded a loopback port to the database through the entry host, with its key.
  std::string ssh = Log("ssh.args");
  EXPECT_THAT(ssh, HasSubstr("-i\n" + key + "\n"));
  EXPECT_THAT(ssh, HasSubstr(":" + endpoint + ":3306\n"));
  EXPECT_THAT(ssh, HasSubstr("-L\n127.0.0.1:"));
  EXPECT_THAT(ssh, HasSubstr("ubuntu@ssh.vueocity.com"));
  // mysql got the password through a 0600 option file, gone now, and nowhere else.
  std::string args = Log("mysql.args");
  EXPECT_THAT(args, HasSubstr("--defaults-extra-file="));
  EXPECT_THAT(args, HasSubstr("--host=127.0.0.1\n"));
  EXPECT_THAT(args, HasSubstr("--ssl-mode=REQUIRED\n-e\nSELECT 1\n"));
  EXPECT_EQ(Log("mysql.mode"), "600\n");
  EXPECT_THAT(Log("mysql.options"), HasSubstr("user=\"mpfadmin\"\npassword=\"" + password + "\""));
  std::string file = Log("mysql.file");
  ASSERT_FALSE(file.empty());
  EXPECT_FALSE(std::filesystem::exists(file.substr(0, file.size() - 1)));
  EXPECT_TRUE(std::filesystem::is_empty(dir_ + "/tmp"));
  EXPECT_THAT(args, Not(HasSubstr(password)));
  EXPECT_THAT(Log("mysql.env"), Not(HasSubstr(password)));
  EXPECT_THAT(Log("mysql.env"), Not(HasSubstr("MYSQL_PWD")));
  EXPECT_THAT(ssh, Not(HasSubstr(password)));
  EXPECT_THAT(shell.out + shell.err, Not(HasSubstr(password)));

  VueopsRun unknown = Vueops({"db", "shell", "prd"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("did you mean 'prod'?"));
}

TEST_F(OperationsCommandsMotoTest, DbGrowRaisesStorageRecordsItAndRefusesToShrink) {
  VueopsRun shrink = Vueops({"db", "grow", "prod", "10"});
  EXPECT_EQ(shrink.exit_code, 1);
  EXPECT_THAT(shrink.err, HasSubstr("never shrinks"));
  VueopsRun grow = Vueops({"db", "grow", "prod", "40"});
  ASSERT_EQ(grow.exit_code, 0) << grow.out << grow.err;
  EXPECT_THAT(grow.out, HasSubstr("storage 20 GB -> 40 GB"));
  EXPECT_THAT(grow.out, HasSubstr("stack.yaml:"));
  EXPECT_THAT(grow.out, HasSubstr("change allocated_gb: 20 to allocated_gb: 40"));
  EXPECT_EQ(StateRecord("prod.db_instance.main")["attributes"].value("allocated_storage", 0), 40);
  std::string id = StateRecord("prod.db_instance.main").value("id", "");
  Result<Json> live = Prod().Call("rds", "DescribeDBInstances", {{"DBInstanceIdentifier", id}});
  ASSERT_TRUE(live.ok()) << live.status().ToString();
  EXPECT_EQ((*live)["DBInstances"][0].value("AllocatedStorage", 0), 40);
  VueopsRun same = Vueops({"db", "grow", "prod", "40", "--json"});
  EXPECT_EQ(same.exit_code, 1);
  EXPECT_THAT(same.err, HasSubstr("already has 40 GB"));
  EXPECT_EQ(Vueops({"db", "grow", "prod", "forty"}).exit_code, 2);
}

TEST_F(OperationsCommandsMotoTest, SmtpCredentialsShowAndRotateInASafeOrder) {
  VueopsRun show = Vueops({"ses", "smtp-credentials", "prod", "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.out << show.err;
  Json shown = ParseJson(show.out).value_or(Json::object());
  EXPECT_EQ(shown.value("host", ""), "email-smtp.us-west-2.amazonaws.com");
  EXPECT_EQ(shown.value("port", 0), 587);
  EXPECT_EQ(shown.value("tls_wrapper_port", 0), 465);
  const std::string old_key = shown.value("user", "");
  EXPECT_THAT(old_key, HasSubstr("AKIA"));
  Json before = ParseJson(SecretString("prod.secret.ses-smtp")).value_or(Json::object());
  EXPECT_THAT(show.out, Not(HasSubstr(before.value("password", "-"))));

  VueopsRun rotate = Vueops({"ses", "smtp-credentials", "prod", "--rotate"});
  ASSERT_EQ(rotate.exit_code, 0) << rotate.out << rotate.err;
  Json after = ParseJson(SecretString("prod.secret.ses-smtp")).value_or(Json::object());
  const std::string new_key = after.value("username", "");
  EXPECT_NE(new_key, old_key);
  EXPECT_NE(after.value("password", ""), before.value("password", ""));
  EXPECT_THAT(rotate.out, Not(HasSubstr(after.value("password", "-"))));
  EXPECT_THAT(rotate.out, HasSubstr("deleted the old access key " + old_key));
  Result<Json> keys = Prod().Call("iam", "ListAccessKeys", {{"UserName", "ses-smtp-user"}});
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ((*keys)["AccessKeyMetadata"].size(), 1u);
  EXPECT_EQ((*keys)["AccessKeyMetadata"][0].value("AccessKeyId", ""), new_key);
  // The engine's record follows the key, so the next plan keeps it.
  EXPECT_EQ(StateRecord("prod.iam_access_key.ses-smtp/1").value("id", ""), new_key);

  // IAM's two-key limit: refused before anything changes.
  ASSERT_TRUE(Prod().Call("iam", "CreateAccessKey", {{"UserName", "ses-smtp-user"}}).ok());
  VueopsRun full = Vueops({"ses", "smtp-credentials", "prod", "--rotate"});
  EXPECT_EQ(full.exit_code, 1);
  EXPECT_THAT(full.err, HasSubstr("already has 2 access keys"));
  EXPECT_EQ(ParseJson(SecretString("prod.secret.ses-smtp"))
                .value_or(Json::object())
                .value("username", ""),
            new_key);
}

TEST_F(OperationsCommandsMotoTest, AsgRollReplacesEveryInstanceInBatchesOnMoto) {
  std::string group = StateRecord("prod.autoscaling_group.FOH").value("id", "");
  auto instances = [&]() {
    std::set<std::string> ids;
    Result<Json> found = Prod().Call("autoscaling", "DescribeAutoScalingGroups",
                                     {{"AutoScalingGroupNames", Json::array({group})}});
    EXPECT_TRUE(found.ok());
    if (found.ok()) {
      for (const Json& instance : (*found)["AutoScalingGroups"][0]["Instances"]) {
        ids.insert(instance.value("InstanceId", ""));
      }
    }
    return ids;
  };
  std::set<std::string> before = instances();
  ASSERT_EQ(before.size(), 2u);
  VueopsRun roll = Vueops({"asg", "roll", "prod", "FOH", "--poll-interval", "1", "--json"});
  ASSERT_EQ(roll.exit_code, 0) << roll.out << roll.err;
  EXPECT_THAT(roll.out, HasSubstr("\"event\":\"fallback\""));
  EXPECT_THAT(roll.out, HasSubstr("\"event\":\"done\""));
  EXPECT_THAT(roll.out, HasSubstr("\"percentage\":50"));
  std::set<std::string> after = instances();
  EXPECT_EQ(after.size(), 2u);
  for (const std::string& id : before) EXPECT_EQ(after.count(id), 0u) << id;

  VueopsRun unknown = Vueops({"asg", "roll", "prod", "FHO"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("did you mean 'FOH'?"));
  VueopsRun refresh_only = Vueops({"asg", "roll", "prod", "FOH", "--method", "instance-refresh"});
  EXPECT_EQ(refresh_only.exit_code, 1);
}

TEST_F(OperationsCommandsMotoTest, MaintenanceInvertsTheFailoverHealthCheckIdempotently) {
  std::string check = StateRecord("prod.health_check.site").value("id", "");
  auto inverted = [&]() {
    Result<Json> found = Prod().Call("route53", "GetHealthCheck", {{"HealthCheckId", check}});
    EXPECT_TRUE(found.ok());
    return found.ok() && (*found)["HealthCheck"]["HealthCheckConfig"].value("Inverted", false);
  };
  VueopsRun status = Vueops({"maintenance", "status", "prod"});
  ASSERT_EQ(status.exit_code, 0) << status.out << status.err;
  EXPECT_THAT(status.out, HasSubstr("Maintenance is off for prod."));

  VueopsRun on = Vueops({"maintenance", "on", "prod"});
  ASSERT_EQ(on.exit_code, 0) << on.out << on.err;
  EXPECT_THAT(on.out, HasSubstr("vueocity.com, www.vueocity.com: maintenance (to cdn.public) "
                                "[switched]"));
  EXPECT_TRUE(inverted());
  VueopsRun again = Vueops({"maintenance", "on", "prod", "--json"});
  ASSERT_EQ(again.exit_code, 0);
  Json json = ParseJson(again.out).value_or(Json::object());
  EXPECT_EQ(json.value("maintenance", ""), "on");
  EXPECT_FALSE(json["health_checks"][0].value("changed", true));

  VueopsRun off = Vueops({"maintenance", "off", "prod"});
  ASSERT_EQ(off.exit_code, 0);
  EXPECT_FALSE(inverted());
  EXPECT_THAT(Vueops({"maintenance", "status", "prod"}).out, HasSubstr("is off"));
  // dev has no failover pair: maintenance says what to add.
  VueopsRun dev = Vueops({"maintenance", "on", "dev"});
  EXPECT_EQ(dev.exit_code, 1);
  EXPECT_THAT(dev.err, HasSubstr("failover: secondary"));
}

}  // namespace
}  // namespace vueops::cli
