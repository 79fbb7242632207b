#include "lint/linter.h"

#include <gtest/gtest.h>

#include "lint/report.h"
#include "spec/loader.h"

namespace vueops::lint {
namespace {

TEST(GlobMatchTest, StarsAndQuestionMarks) {
  EXPECT_TRUE(GlobMatch("*", ""));
  EXPECT_TRUE(GlobMatch("prod.*", "prod.bucket.logs"));
  EXPECT_TRUE(GlobMatch("*.bucket.*", "dev.bucket.public"));
  EXPECT_FALSE(GlobMatch("*.bucket.*", "dev.database"));
  EXPECT_TRUE(GlobMatch("dev?.x", "dev1.x"));
  EXPECT_FALSE(GlobMatch("dev?.x", "dev.x"));
  EXPECT_TRUE(GlobMatch("a*b*c", "aXXbYYc"));
  EXPECT_FALSE(GlobMatch("a*b*c", "aXXbYY"));
  EXPECT_TRUE(GlobMatch("prod.database", "prod.database"));
}

// A spec with SSH open to the world in two environments, and the given lint section.
spec::LoadResult SpecWithOpenSsh(const std::string& lint_section) {
  std::string env = R"(    network: {vpc_cidr: 10.0.0.0/16}
    devops_ips: [203.0.113.1/32]
    security_groups:
      servers:
        ingress:
          - {ports: 22, from: world, description: ssh}
)";
  std::string text = R"(vueops: 1
name: demo
region: us-west-2
organization:
  management_account: root
  accounts:
    root: {kind: root, email: root@example.com}
    users: {kind: identity, email: users@example.com}
    prod: {kind: production, email: prod@example.com}
    dev: {kind: sandbox, email: dev@example.com}
access:
  identity_account: users
  roles:
    Admin: {grants: {workloads: admin}}
environments:
  prod:
    account: prod
)" + env + "  dev:\n    account: dev\n" + env + lint_section;
  return spec::LoadStackFromText("suppress.yaml", text);
}

size_t Unsuppressed(const LintReport& report, std::string_view rule) {
  return static_cast<size_t>(std::count_if(report.findings.begin(), report.findings.end(),
                                           [&](const Finding& f) {
                                             return f.rule->id == rule && !f.suppressed_by;
                                           }));
}

TEST(LinterTest, SuppressionsMatchByRuleAndWhere) {
  spec::LoadResult loaded = SpecWithOpenSsh(R"(lint:
  suppress:
    - {rule: VO201, where: "dev.*", reason: the dev sandbox is torn down nightly}
)");
  ASSERT_TRUE(loaded.ok()) << RenderDiagnostics(loaded.diagnostics, {});
  LintReport report = Lint(*loaded.stack);
  EXPECT_EQ(Unsuppressed(report, "VO201"), 1u);
  EXPECT_EQ(report.suppressed(), 1u);
  EXPECT_TRUE(report.suppression_problems.empty());
  EXPECT_TRUE(report.has_errors());
  const Finding* suppressed = nullptr;
  for (const Finding& f : report.findings) {
    if (f.suppressed_by) suppressed = &f;
  }
  ASSERT_NE(suppressed, nullptr);
  EXPECT_EQ(suppressed->subject, "dev.security_group.servers");
  EXPECT_EQ(suppressed->suppressed_by->reason, "the dev sandbox is torn down nightly");
}

TEST(LinterTest, UnknownAndUnusedSuppressionsAreReported) {
  spec::LoadResult loaded = SpecWithOpenSsh(R"(lint:
  suppress:
    - {rule: VO2O1, reason: typo in the id}
    - {rule: VO602, reason: nothing to suppress}
)");
  ASSERT_TRUE(loaded.ok()) << RenderDiagnostics(loaded.diagnostics, {});
  LintReport report = Lint(*loaded.stack);
  ASSERT_EQ(report.suppression_problems.size(), 2u);
  const Diagnostic& unknown = report.suppression_problems.items()[0];
  EXPECT_EQ(unknown.severity, Severity::kError);
  EXPECT_EQ(unknown.hint, "did you mean 'VO201'?");
  EXPECT_EQ(report.suppression_problems.items()[1].severity, Severity::kWarning);
}

TEST(LinterTest, SuppressionNeedsAReason) {
  spec::LoadResult loaded = SpecWithOpenSsh("lint:\n  suppress:\n    - {rule: VO201}\n");
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(RenderDiagnostics(loaded.diagnostics, {}).find("needs 'reason'"), std::string::npos);
}

TEST(LinterTest, FindingsAreOrderedByRuleThenPlace) {
  spec::LoadResult loaded = SpecWithOpenSsh("");
  ASSERT_TRUE(loaded.ok());
  LintReport report = Lint(*loaded.stack);
  for (size_t i = 1; i < report.findings.size(); ++i) {
    const Finding& a = report.findings[i - 1];
    const Finding& b = report.findings[i];
    EXPECT_TRUE(a.rule->id < b.rule->id || (a.rule->id == b.rule->id && !(b.location < a.location)));
  }
}

}  // namespace
}  // namespace vueops::lint
