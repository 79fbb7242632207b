#include "auth/credential_process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth/aws_time.h"
#include "auth/testing/fakes.h"
#include "base/file.h"

namespace vueops::auth {
namespace {

using testing::TempDirectory;

constexpr char kSecret[] = "process-secret-ABCDEFGHIJ";
constexpr char kToken[] = "process-token-KLMNOPQRST";

TEST(SplitCommandLineTest, SplitsLikeAShellWithoutRunningOne) {
  EXPECT_EQ(*SplitCommandLine("tool --profile ops"),
            (std::vector<std::string>{"tool", "--profile", "ops"}));
  EXPECT_EQ(*SplitCommandLine("  '/opt/my tools/get' \"a b\" c\\ d  "),
            (std::vector<std::string>{"/opt/my tools/get", "a b", "c d"}));
  EXPECT_EQ(*SplitCommandLine(R"(x "say \"hi\" \$HOME" 'lit\eral' a""b)"),
            (std::vector<std::string>{"x", "say \"hi\" $HOME", "lit\\eral", "ab"}));
  EXPECT_EQ(*SplitCommandLine("x ''"), (std::vector<std::string>{"x", ""}));
  EXPECT_EQ(SplitCommandLine("x 'open").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SplitCommandLine("x \"open").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SplitCommandLine("   ").status().code(), StatusCode::kInvalidArgument);
}

class CredentialProcessTest : public ::testing::Test {
 protected:
  // Writes an executable shell script and returns its path.
  std::string Script(const std::string& name, const std::string& body) {
    std::string path = directory_ / name;
    EXPECT_TRUE(WriteFileAtomic(path, "#!/bin/sh\n" + body, 0755).ok());
    return path;
  }

  Result<std::optional<Credentials>> Run(const std::string& command) {
    ProcessCredentialsProvider provider(command, "ops", clock_);
    return provider.Provide();
  }

  TempDirectory directory_;
  FakeClock clock_{*ParseIso8601("2024-06-01T12:00:00Z")};
};

TEST_F(CredentialProcessTest, ReadsAVersionOneDocumentAndPassesArguments) {
  std::string script = Script("get-credentials", std::string(R"(
printf '%s' "$1" > ")") + (directory_ / "argument") + R"("
cat <<'JSON'
{"Version": 1, "AccessKeyId": "ASIAPROCESS", "SecretAccessKey": ")" +
                                                     kSecret + R"(",
 "SessionToken": ")" + kToken + R"(", "Expiration": "2024-06-01T13:00:00Z"}
JSON
)");
  Result<std::optional<Credentials>> credentials = Run(script + " 'two words'");
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  ASSERT_TRUE(credentials->has_value());
  EXPECT_EQ((*credentials)->access_key_id, "ASIAPROCESS");
  EXPECT_EQ((*credentials)->secret_access_key, kSecret);
  EXPECT_EQ((*credentials)->session_token, kToken);
  EXPECT_EQ((*credentials)->expiration, *ParseIso8601("2024-06-01T13:00:00Z"));
  EXPECT_EQ((*credentials)->source, "credential_process of profile ops");
  EXPECT_EQ(*ReadFile(directory_ / "argument"), "two words");
}

TEST_F(CredentialProcessTest, LongTermKeysNeedNoTokenOrExpiration) {
  std::string script =
      Script("keys", R"(echo '{"Version": 1, "AccessKeyId": "AKIA", "SecretAccessKey": "s"}')");
  Result<std::optional<Credentials>> credentials = Run(script);
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_FALSE((*credentials)->temporary());
  EXPECT_FALSE((*credentials)->expiration.has_value());
}

TEST_F(CredentialProcessTest, StandardErrorPassesThrough) {
  std::string script = Script("noisy", R"(echo "opening the vault" >&2
echo '{"Version": 1, "AccessKeyId": "AKIA", "SecretAccessKey": "s"}')");
  // Point this process's standard error at a file for the duration of the call.
  std::string captured = directory_ / "stderr";
  int file = ::open(captured.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ASSERT_GE(file, 0);
  int saved = ::dup(STDERR_FILENO);
  ::dup2(file, STDERR_FILENO);
  Result<std::optional<Credentials>> credentials = Run(script);
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  ::close(file);
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ(*ReadFile(captured), "opening the vault\n");
}

TEST_F(CredentialProcessTest, ANonZeroExitIsAnErrorThatShowsNoArgumentsOrOutput) {
  std::string script = Script("fails", std::string("echo '") + kSecret + "'\nexit 3\n");
  Status status = Run(script + " --password hunter2").status();
  EXPECT_EQ(status.code(), StatusCode::kUnauthenticated);
  EXPECT_NE(status.message().find("credential_process of profile ops: '" + script +
                                  "' exited with status 3"),
            std::string::npos)
      << status.message();
  EXPECT_EQ(status.message().find("hunter2"), std::string::npos);
  EXPECT_EQ(status.message().find(kSecret), std::string::npos);
}

TEST_F(CredentialProcessTest, BadOutputIsAClearErrorThatNeverQuotesIt) {
  struct Case {
    std::string output;
    std::string expected;
  };
  const std::string secret = kSecret;
  for (const Case& c : {
           Case{"AccessKeyId=AKIA SecretAccessKey=" + secret, "did not print a JSON object"},
           Case{"{\"Version\": 1, \"AccessKeyId\": \"AKIA\", \"SecretAccessKey\": \"" + secret,
                "did not print a JSON object"},
           Case{"{\"Version\": 2, \"AccessKeyId\": \"AKIA\", \"SecretAccessKey\": \"" + secret +
                    "\"}",
                "without \"Version\": 1"},
           Case{"{\"Version\": 1, \"SecretAccessKey\": \"" + secret + "\"}",
                "returned no AccessKeyId"},
           Case{"{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"" + secret +
                    "\", \"Expiration\": \"soon\"}",
                "unreadable Expiration"},
       }) {
    std::string script = Script("bad", "cat <<'EOF'\n" + c.output + "\nEOF\n");
    Status status = Run(script).status();
    EXPECT_EQ(status.code(), StatusCode::kUnauthenticated) << c.output;
    EXPECT_NE(status.message().find(c.expected), std::string::npos) << status.message();
    EXPECT_EQ(status.message().find(secret), std::string::npos) << status.message();
  }
}

TEST_F(CredentialProcessTest, ExpiredCredentialsAreAnErrorNamingTheProcess) {
  std::string script = Script(
      "stale", std::string(R"(echo '{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": ")") +
                   kSecret + R"(", "Expiration": "2024-06-01T11:30:00Z"}')");
  Status status = Run(script).status();
  EXPECT_EQ(status.code(), StatusCode::kUnauthenticated);
  EXPECT_NE(status.message().find("the credentials from credential_process of profile ops "
                                  "expired at 2024-06-01T11:30:00Z"),
            std::string::npos)
      << status.message();
  EXPECT_EQ(status.message().find(kSecret), std::string::npos);
}

TEST_F(CredentialProcessTest, AMissingProgramIsAnError) {
  Status status = Run(directory_ / "does-not-exist").status();
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("cannot run"), std::string::npos) << status.message();
}

}  // namespace
}  // namespace vueops::auth
