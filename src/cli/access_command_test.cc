// vueops access matrix|check, run as the built binary on the example spec and on a copy of it
// that breaks the notes' intent.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "base/file.h"
#include "base/json.h"
#include "support/run_vueops.h"

namespace vueops::cli {
namespace {

using ::testing::AllOf;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;

using Outcome = test_support::VueopsRun;

constexpr const char* kExample = VUEOPS_SOURCE_DIR "/examples/vueocity";

class AccessCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/vueops_access_command_test_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Outcome Run(const std::vector<std::string>& args) { return test_support::RunVueops(dir_, args); }

  // The example with `from` replaced by `to` (once), in a folder of its own.
  std::string ExampleWith(const std::string& from, const std::string& to) {
    std::string folder = dir_ + "/broken";
    std::filesystem::copy(kExample, folder, std::filesystem::copy_options::recursive);
    Result<std::string> text = ReadFile(folder + "/stack.yaml");
    EXPECT_TRUE(text.ok());
    std::string spec = text.value_or("");
    size_t at = spec.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) spec.replace(at, from.size(), to);
    EXPECT_TRUE(WriteFileAtomic(folder + "/stack.yaml", spec).ok());
    return folder;
  }

  // VueDev deploys to production instead of reading it.
  std::string DevWritesProd() {
    return ExampleWith("        sandboxes: admin\n        production: read-only",
                       "        sandboxes: admin\n        production: deploy");
  }

  std::string dir_;
};

TEST_F(AccessCommandTest, TheExampleHasTheNotesMatrix) {
  Outcome run = Run({"access", "matrix", kExample});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("The matrix matches the notes' intent."));
  EXPECT_THAT(run.out, Not(ContainsRegex("(allowed|partial|denied|—)!")));  // no marked cell
  // VueDev: admin on the sandboxes, read-only on production, nowhere else.
  EXPECT_THAT(run.out, HasSubstr("write                       —         —         —         —  "
                                 "       denied    allowed   allowed"));
  EXPECT_THAT(run.out, HasSubstr("assume via OrgAdmin@vueorg  allowed   allowed   allowed"));
}

TEST_F(AccessCommandTest, JsonCarriesEveryCell) {
  Outcome run = Run({"access", "matrix", kExample, "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Result<Json> json = ParseJson(run.out);
  ASSERT_TRUE(json.ok()) << run.out;
  EXPECT_TRUE((*json)["matches_intent"].get<bool>());
  EXPECT_EQ((*json)["accounts"].size(), 7u);
  const Json& roles = (*json)["roles"];
  ASSERT_EQ(roles[2]["role"], "VueDev");
  const Json& write = roles[2]["rows"][2];
  EXPECT_EQ(write["class"], "write");
  EXPECT_EQ(write["cells"]["vueprod"]["verdict"], "denied");
  EXPECT_EQ(write["cells"]["vueops"]["verdict"], "no role");
  EXPECT_EQ(write["cells"]["vuedev"]["actions"][1]["action"], "s3:PutObject");
}

TEST_F(AccessCommandTest, ABreachOfTheIntentIsADifferenceWithItsStatement) {
  std::string broken = DevWritesProd();
  Outcome run = Run({"access", "matrix", broken});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("partial!"));
  EXPECT_THAT(run.out, HasSubstr("1 difference from the notes' intent:"));
  EXPECT_THAT(run.out, HasSubstr("VueDev in vueprod, write: expected denied, computed partial"));
  EXPECT_THAT(run.out, HasSubstr("s3:PutObject on arn:aws:s3:::vueops-access-probe/object: "
                                 "allowed by identity-based policy \"VueDev@vueprod/deploy\" "
                                 "Statement[1] (Sid \"PublishStatic\")"));
}

TEST_F(AccessCommandTest, HtmlGoesToAFileAndTheDifferencesToStderr) {
  std::string broken = DevWritesProd();
  std::string page = dir_ + "/access.html";
  Outcome run = Run({"access", "matrix", broken, "--format", "html", "--out", page});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_THAT(run.out, HasSubstr("wrote " + page + ": 1 difference from the notes' intent"));
  EXPECT_THAT(run.err, HasSubstr("VueDev in vueprod, write: expected denied, computed partial"));
  Result<std::string> html = ReadFile(page);
  ASSERT_TRUE(html.ok());
  EXPECT_THAT(*html, AllOf(HasSubstr("<!DOCTYPE html>"), HasSubstr("partial diff"),
                           Not(HasSubstr("<script")), Not(HasSubstr("<link"))));
}

TEST_F(AccessCommandTest, CheckAllowsTheGroupToAssumeItsRole) {
  Outcome run =
      Run({"access", "check", "group:VueDev", "sts:AssumeRole", "VueDev@vueprod", kExample});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("allowed: a member of group VueDev in vueusers"));
  EXPECT_THAT(run.out, HasSubstr("Allow  trust policy \"VueDev@vueprod trust policy\" "
                                 "Statement[0]"));
  EXPECT_THAT(run.out, HasSubstr("Allow  identity-based policy \"group VueDev/vueops-assume-roles\""
                                 " Statement[0] (Sid \"AssumeRoles\")"));
}

TEST_F(AccessCommandTest, CheckWithoutMfaIsImplicitlyDeniedByTheTrust) {
  Outcome run = Run({"access", "check", "group:VueDev", "sts:AssumeRole", "VueDev@vueprod",
                     kExample, "--context", "aws:MultiFactorAuthPresent=false"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("implicitly denied: "));
  EXPECT_THAT(run.out, HasSubstr("ImplicitDeny at resource-based policy"));
}

TEST_F(AccessCommandTest, CheckNamesTheDenyingStatement) {
  Outcome run = Run({"access", "check", "VueAdmin@vueprod", "organizations:LeaveOrganization", "*",
                     kExample, "--json"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  Result<Json> json = ParseJson(run.out);
  ASSERT_TRUE(json.ok()) << run.out;
  EXPECT_EQ((*json)["outcome"], "explicitly denied");
  EXPECT_EQ((*json)["step"], "explicit deny");
  ASSERT_EQ((*json)["statements"].size(), 1u);
  EXPECT_EQ((*json)["statements"][0]["policy"], "deny-leaving");
  EXPECT_EQ((*json)["statements"][0]["level"], "ou:Production");
  EXPECT_EQ((*json)["statements"][0]["sid"], "DenyLeave");
}

TEST_F(AccessCommandTest, CheckOfReadOnlyWriteIsImplicitlyDenied) {
  Outcome run = Run({"access", "check", "VueDev@vueprod", "s3:PutObject",
                     "arn:aws:s3:::vueocity-prod-static/index.html", kExample});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("implicitly denied: VueDev@vueprod"));
  EXPECT_THAT(run.out, HasSubstr("ImplicitDeny at identity-based policies"));
}

struct UsageCase {
  std::vector<std::string> args;
  const char* message;
};

TEST_F(AccessCommandTest, BadArgumentsExitTwoNamingTheArgumentAndTheFix) {
  const UsageCase kCases[] = {
      {{"access", "matrix", kExample, "--format", "xml"},
       "--format 'xml' is not a format; use --format table, --format json or --format html"},
      {{"access", "check", "VueDev", "s3:GetObject", "*", kExample},
       "PRINCIPAL 'VueDev' is not a principal; write ROLE@ACCOUNT (VueDev@vueprod)"},
      {{"access", "check", "VueDev@vueprd", "s3:GetObject", "*", kExample},
       "the spec has no account 'vueprd'; did you mean 'vueprod'?"},
      {{"access", "check", "VueProd@vuedev", "s3:GetObject", "*", kExample},
       "role VueProd does not exist in vuedev (the spec grants it in vueprod)"},
      {{"access", "check", "group:VueDevs", "s3:GetObject", "*", kExample},
       "the spec has no group 'VueDevs'; did you mean 'VueDev'?"},
      {{"access", "check", "VueDev@vueprod", "s3", "*", kExample},
       "ACTION 's3' is not service:Action; write e.g. s3:PutObject"},
      {{"access", "check", "VueDev@vueprod", "s3:GetObject", "bucket/key", kExample},
       "RESOURCE 'bucket/key' is not an ARN"},
      {{"access", "check", "VueDev@vueprod", "s3:GetObject", "*", kExample, "--context", "mfa"},
       "--context 'mfa' is not KEY=VALUE; write e.g. --context aws:MultiFactorAuthPresent=false"},
      {{"access", "check", "VueDev@vueprod"}, "ACTION is required"},
  };
  for (const UsageCase& test : kCases) {
    Outcome run = Run(test.args);
    EXPECT_EQ(run.exit_code, 2) << test.message << "\n" << run.err;
    EXPECT_THAT(run.err, HasSubstr(test.message));
  }
}

TEST_F(AccessCommandTest, AnInvalidSpecFailsWithExitOne) {
  std::string broken = ExampleWith("  identity_account: vueusers", "  identity_account: nowhere");
  Outcome run = Run({"access", "matrix", broken});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_THAT(run.err, HasSubstr("invalid spec"));
}

TEST_F(AccessCommandTest, HelpHasExamples) {
  Outcome run = Run({"access", "matrix", "--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.out, HasSubstr("vueops access matrix examples/vueocity --format html"));
  run = Run({"access", "check", "--help"});
  EXPECT_THAT(run.out, HasSubstr("Exit status: 0 allowed, 1 denied"));
}

}  // namespace
}  // namespace vueops::cli
