// Every rule against its fixture: tests/lint/fixtures/<RULE>.yaml lays a `fail:` and a `pass:`
// overlay over tests/lint/base.yaml; the rule must fire on the first and stay silent on the
// second, and the base must pass every rule.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <set>

#include "base/file.h"
#include "lint/linter.h"
#include "spec/loader.h"
#include "spec/merge.h"

namespace vueops::lint {
namespace {

namespace fs = std::filesystem;

const std::string kLintDir = std::string(VUEOPS_SOURCE_DIR) + "/tests/lint";

spec::NodePtr ParseFile(const std::string& path) {
  Result<std::string> text = ReadFile(path);
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  Diagnostics diagnostics;
  spec::NodePtr node = spec::ParseYaml(RegisterSource(path, text.value_or("")), diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << RenderDiagnostics(diagnostics, {});
  return node;
}

struct Outcome {
  std::vector<Finding> findings;
  std::string rendered;
};

// Files the fixture asks for in the secrets folder ("name": "0600"), or "absent".
using FileModes = std::map<std::string, std::string>;

class RuleFixtureTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/vueops_lint_fixture_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    scratch_ = pattern;
  }
  void TearDown() override { fs::remove_all(scratch_); }

  // Lints the base with `overlay` laid over it, in a secrets folder holding a 0600 key for
  // every key pair, adjusted by `files`.
  Outcome LintWith(const spec::NodePtr& overlay, const FileModes& files, const std::string& name) {
    spec::NodePtr root = spec::MergeNodes(ParseFile(kLintDir + "/base.yaml"), overlay);
    spec::LoadResult loaded = spec::LoadStackFromTree(kLintDir + "/base.yaml", root);
    EXPECT_FALSE(loaded.diagnostics.has_errors())
        << name << ": the fixture is not a valid spec:\n"
        << RenderDiagnostics(loaded.diagnostics, {});
    Outcome outcome;
    if (!loaded.stack) return outcome;
    std::string secrets = scratch_ + "/" + name + "/.secrets/vueocity";
    EXPECT_TRUE(MakeDirectories(secrets).ok());
    FileModes modes;
    for (const spec::Environment& env : loaded.stack->environments) {
      if (env.servers) modes[env.servers->key_pair + ".pem"] = "0600";
    }
    for (const auto& [file, mode] : files) modes[file] = mode;
    for (const auto& [file, mode] : modes) {
      if (mode == "absent") continue;
      std::string path = JoinPath(secrets, file);
      EXPECT_TRUE(MakeDirectories(DirectoryOf(path)).ok());
      EXPECT_TRUE(WriteFileAtomic(path, "test key\n", std::stoi(mode, nullptr, 8)).ok());
    }
    LintOptions options;
    options.secrets_dir = secrets;
    LintReport report = Lint(*loaded.stack, options);
    outcome.findings = report.findings;
    for (const Finding& finding : report.findings) {
      outcome.rendered += std::string(finding.rule->id) + " " + finding.subject + ": " +
                          finding.message + "\n";
    }
    return outcome;
  }

  std::string scratch_;
};

size_t CountOf(const Outcome& outcome, std::string_view rule) {
  return static_cast<size_t>(std::count_if(outcome.findings.begin(), outcome.findings.end(),
                                           [&](const Finding& f) { return f.rule->id == rule; }));
}

FileModes ModesOf(const spec::Node* files, std::string_view which) {
  FileModes modes;
  if (files == nullptr || !files->is_mapping()) return modes;
  const spec::MapEntry* entry = files->Find(which);
  if (entry == nullptr || !entry->value->is_mapping()) return modes;
  for (const spec::MapEntry& file : entry->value->entries) modes[file.key] = file.value->scalar;
  return modes;
}

TEST_P(RuleFixtureTest, FiresOnFailAndNotOnPass) {
  const std::string& id = GetParam();
  std::string path = kLintDir + "/fixtures/" + id + ".yaml";
  ASSERT_TRUE(FileExists(path)) << "rule " << id << " has no fixture " << path;
  spec::NodePtr fixture = ParseFile(path);
  ASSERT_TRUE(fixture && fixture->is_mapping()) << path;
  const spec::MapEntry* fail = fixture->Find("fail");
  const spec::MapEntry* pass = fixture->Find("pass");
  const spec::MapEntry* files = fixture->Find("files");
  ASSERT_NE(fail, nullptr) << path << " needs a fail: overlay";
  const spec::Node* file_modes = files ? files->value.get() : nullptr;
  Outcome failing = LintWith(fail->value, ModesOf(file_modes, "fail"), "fail");
  EXPECT_GT(CountOf(failing, id), 0u) << id << " did not fire on its fail overlay; findings:\n"
                                      << failing.rendered;
  Outcome passing =
      LintWith(pass ? pass->value : nullptr, ModesOf(file_modes, "pass"), "pass");
  EXPECT_EQ(CountOf(passing, id), 0u) << id << " fired on its pass overlay:\n" << passing.rendered;
}

std::vector<std::string> RuleIds() {
  std::vector<std::string> ids;
  for (const Rule& rule : AllRules()) ids.emplace_back(rule.id);
  return ids;
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixtureTest, testing::ValuesIn(RuleIds()),
                         [](const auto& info) { return info.param; });

TEST_F(RuleFixtureTest, BasePassesEveryRule) {
  Outcome outcome = LintWith(nullptr, {}, "base");
  EXPECT_TRUE(outcome.findings.empty()) << outcome.rendered;
}

TEST(RuleFixtureFilesTest, EveryFixtureNamesARule) {
  std::set<std::string> ids;
  for (const Rule& rule : AllRules()) ids.emplace(rule.id);
  for (const auto& entry : fs::directory_iterator(kLintDir + "/fixtures")) {
    std::string stem = entry.path().stem();
    EXPECT_TRUE(ids.count(stem)) << entry.path() << " is a fixture for no rule";
  }
}

}  // namespace
}  // namespace vueops::lint
