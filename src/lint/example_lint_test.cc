// The example stack passes lint with only the findings it accepts on purpose, each
// suppressed with its reason.
#include <gtest/gtest.h>

#include <filesystem>

#include "base/file.h"
#include "lint/linter.h"
#include "lint/report.h"
#include "spec/loader.h"

namespace vueops::lint {
namespace {

TEST(ExampleLintTest, OnlyDeliberateFindings) {
  spec::LoadResult loaded =
      spec::LoadStack(std::string(VUEOPS_SOURCE_DIR) + "/examples/vueocity");
  ASSERT_TRUE(loaded.ok()) << RenderDiagnostics(loaded.diagnostics, {});
  // The operator's machine holds the key pairs' private keys.
  char pattern[] = "/tmp/vueops_example_secrets_XXXXXX";
  ASSERT_NE(::mkdtemp(pattern), nullptr);
  std::string secrets = pattern;
  for (const spec::Environment& env : loaded.stack->environments) {
    ASSERT_TRUE(WriteFileAtomic(secrets + "/" + env.servers->key_pair + ".pem", "key\n", 0600).ok());
  }
  ASSERT_TRUE(
      WriteFileAtomic(secrets + "/" + loaded.stack->operations.ssh_entry_key_pair + ".pem", "key\n",
                      0600)
          .ok());
  LintOptions options;
  options.secrets_dir = secrets;
  LintReport report = Lint(*loaded.stack, options);
  std::filesystem::remove_all(secrets);
  EXPECT_EQ(report.Count(Severity::kError), 0u) << RenderHuman(report, {});
  EXPECT_EQ(report.Count(Severity::kWarning), 0u) << RenderHuman(report, {});
  EXPECT_EQ(report.Count(Severity::kInfo), 0u) << RenderHuman(report, {});
  EXPECT_TRUE(report.suppression_problems.empty())
      << RenderDiagnostics(report.suppression_problems, {});
  for (const Finding& finding : report.findings) {
    ASSERT_NE(finding.suppressed_by, nullptr);
    EXPECT_FALSE(finding.suppressed_by->reason.empty());
  }
}

}  // namespace
}  // namespace vueops::lint
