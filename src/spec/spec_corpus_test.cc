// The malformed-spec corpus (tests/specs/bad/) and the valid variants (tests/specs/good/).
//
// Each tests/specs/bad/NAME.yaml is one mistake a user makes; NAME.expected holds exactly what
// `vueops validate tests/specs/bad/NAME.yaml` prints on stderr from the repository root with
// colour off. The test loads every case through the loader, renders the diagnostics the way
// validate does, and compares. Paths are made relative to the repository root so the goldens
// do not depend on where the tree is checked out.
//
// After a deliberate change to a message, regenerate the goldens and review the diff:
//
//   VUEOPS_UPDATE_GOLDENS=1 build/src/spec/spec_test --gtest_filter='SpecCorpus*'
//   git diff tests/specs/
//
// The cases too big to commit (a 50 MB file, a file just under the size limit) are written
// at run time into a temporary folder; their goldens live in tests/specs/bad/generated/.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "spec/loader.h"

namespace vueops::spec {
namespace {

namespace fs = std::filesystem;

const std::string kSourceDir = VUEOPS_SOURCE_DIR;
const std::string kBadDir = kSourceDir + "/tests/specs/bad";
const std::string kGoodDir = kSourceDir + "/tests/specs/good";
const std::string kGeneratedGoldenDir = kBadDir + "/generated";

// Rendered output of one case bigger than this means the loader reported a flood instead of
// the few errors a single mistake deserves.
constexpr size_t kMaxRenderedBytes = 64 * 1024;

bool UpdatingGoldens() {
  const char* update = std::getenv("VUEOPS_UPDATE_GOLDENS");
  return update != nullptr && std::string(update) == "1";
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

void WriteAll(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << contents;
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
}

// What `vueops validate PATH` prints on stderr, colour off (see cli/validate_command.cc).
std::string RenderLikeValidate(const LoadResult& result, const std::string& path) {
  std::string out = RenderDiagnostics(result.diagnostics, RenderOptions{.color = false});
  if (result.ok()) {
    if (!result.diagnostics.empty()) out += SummarizeDiagnostics(result.diagnostics) + "\n";
  } else {
    out += path + ": invalid: " + SummarizeDiagnostics(result.diagnostics) + "\n";
  }
  return out;
}

// The *.yaml files of a folder, sorted, as names without the extension.
std::vector<std::string> CaseNames(const std::string& folder) {
  std::vector<std::string> names;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// gtest parameter names allow only letters, digits and underscores.
std::string TestName(const testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::replace_if(
      name.begin(), name.end(), [](unsigned char c) { return !std::isalnum(c); }, '_');
  return name;
}

struct CaseRun {
  LoadResult result;
  std::string rendered;
  double milliseconds = 0;
};

// Loads `absolute_path` and renders it as validate would when given `shown_path`; every
// occurrence of `shown_prefix` in the output (the absolute folder) becomes `shown_as`.
CaseRun RunCase(const std::string& absolute_path, const std::string& shown_path,
                const std::string& shown_prefix, const std::string& shown_as) {
  CaseRun run;
  auto start = std::chrono::steady_clock::now();
  run.result = LoadStack(absolute_path);
  run.rendered = RenderLikeValidate(run.result, absolute_path);
  run.milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  ReplaceAll(run.rendered, absolute_path, shown_path);
  ReplaceAll(run.rendered, shown_prefix, shown_as);
  return run;
}

// Compares against the golden, or rewrites it under VUEOPS_UPDATE_GOLDENS=1.
void CheckGolden(const std::string& golden_path, const std::string& rendered) {
  if (UpdatingGoldens()) {
    WriteAll(golden_path, rendered);
    return;
  }
  ASSERT_TRUE(fs::exists(golden_path))
      << golden_path << " is missing; run with VUEOPS_UPDATE_GOLDENS=1 to create it";
  EXPECT_EQ(ReadAll(golden_path), rendered)
      << "diagnostics differ from " << golden_path
      << "; if the change is intended, rerun with VUEOPS_UPDATE_GOLDENS=1 and review the diff";
}

void CheckBadCase(const CaseRun& run) {
  // Every case holds a mistake: it must be reported as at least one error, never accepted.
  EXPECT_FALSE(run.result.ok());
  EXPECT_TRUE(run.result.diagnostics.has_errors());
  EXPECT_LE(run.rendered.size(), kMaxRenderedBytes);
  // Measured, never asserted: wall time depends on the machine. The work is bounded by the
  // loader's limits (size, depth, expanded nodes), which the cases exercise.
  testing::Test::RecordProperty("milliseconds", std::to_string(run.milliseconds));
}

class SpecCorpusBadTest : public testing::TestWithParam<std::string> {};

TEST_P(SpecCorpusBadTest, MatchesGolden) {
  const std::string name = GetParam();
  const std::string path = kBadDir + "/" + name + ".yaml";
  CaseRun run = RunCase(path, "tests/specs/bad/" + name + ".yaml", kSourceDir + "/", "");
  CheckBadCase(run);
  CheckGolden(kBadDir + "/" + name + ".expected", run.rendered);
}

INSTANTIATE_TEST_SUITE_P(SpecCorpus, SpecCorpusBadTest, testing::ValuesIn(CaseNames(kBadDir)),
                         TestName);

TEST(SpecCorpusTest, HasEnoughCasesAndEveryGoldenHasItsSpec) {
  std::vector<std::string> names = CaseNames(kBadDir);
  EXPECT_GE(names.size(), 45u) << "the corpus lost cases";
  for (const fs::directory_entry& entry : fs::directory_iterator(kBadDir)) {
    if (entry.path().extension() != ".expected") continue;
    std::string stem = entry.path().stem().string();
    EXPECT_TRUE(std::find(names.begin(), names.end(), stem) != names.end())
        << entry.path() << " has no " << stem << ".yaml beside it";
  }
}

class SpecCorpusGoodTest : public testing::TestWithParam<std::string> {};

// The valid variants load with no diagnostic at all: a warning here would be noise every
// user of that style of spec sees.
TEST_P(SpecCorpusGoodTest, LoadsWithoutDiagnostics) {
  const std::string path = kGoodDir + "/" + GetParam() + ".yaml";
  LoadResult result = LoadStack(path);
  EXPECT_TRUE(result.ok()) << RenderLikeValidate(result, path);
  EXPECT_TRUE(result.diagnostics.empty()) << RenderLikeValidate(result, path);
}

INSTANTIATE_TEST_SUITE_P(SpecCorpus, SpecCorpusGoodTest, testing::ValuesIn(CaseNames(kGoodDir)),
                         TestName);

TEST(SpecCorpusTest, HasGoodVariants) { EXPECT_GE(CaseNames(kGoodDir).size(), 3u); }

// A temporary folder, removed at the end of the test.
class TemporaryFolder {
 public:
  TemporaryFolder() {
    std::string pattern = (fs::temp_directory_path() / "vueops-corpus-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TemporaryFolder() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// One sandbox environment in flow style, about 120 bytes, for filling big files.
std::string SandboxLine(int index) {
  return "  sandbox" + std::to_string(index) + ": {account: vuedev, vars: {domain: s" +
         std::to_string(index) + ".dev.example.com}, network: {vpc_cidr: 10." +
         std::to_string(index % 256) + ".0.0/16}}\n";
}

// A real-looking spec padded with sandboxes until it reaches `bytes`.
std::string SpecOfSize(size_t bytes) {
  std::string text =
      "vueops: 1\nname: huge\nregion: us-west-2\norganization:\n  management_account: root\n"
      "  accounts:\n    root: {kind: root, email: root@example.com}\n"
      "    users: {kind: identity, email: users@example.com}\n"
      "    vuedev: {kind: sandbox, email: dev@example.com}\n"
      "access:\n  identity_account: users\nenvironments:\n";
  for (int index = 0; text.size() < bytes; ++index) text += SandboxLine(index);
  return text;
}

// A spec of 50 MB is not a spec: the loader refuses it before reading it, by its size.
TEST(SpecCorpusTest, FiftyMegabyteFileIsRefusedBySize) {
  TemporaryFolder folder;
  ASSERT_FALSE(folder.path().empty());
  const std::string path = folder.path() + "/huge.yaml";
  {
    // The file is refused by its size before it is parsed, so one megabyte of sandboxes
    // written fifty times (repeating names) makes the case as well as fifty distinct ones.
    std::ofstream out(path, std::ios::binary);
    const std::string megabyte = SpecOfSize(1u << 20);
    for (int i = 0; i < 50; ++i) out << megabyte;
  }
  ASSERT_GE(fs::file_size(path), 50u << 20);
  CaseRun run = RunCase(path, "$TMPDIR/huge.yaml", folder.path(), "$TMPDIR");
  CheckBadCase(run);
  CheckGolden(kGeneratedGoldenDir + "/fifty_megabytes.expected", run.rendered);
}

// A YAML file that is not a spec (a translation table of 100,000 keys, say): one error,
// found in linear time. Comparing every key with every earlier one took 28 s for 8 MB
// before mappings were indexed.
TEST(SpecCorpusTest, MegabytesOfOtherYamlAreOneError) {
  TemporaryFolder folder;
  ASSERT_FALSE(folder.path().empty());
  const std::string path = folder.path() + "/translations.yaml";
  {
    std::string text = "# Translations, exported by mistake where the spec should be.\n";
    for (int index = 0; text.size() < (3u << 20); ++index) {
      text += "message_" + std::to_string(index) + ": \"Text of message " + std::to_string(index) +
              "\"\n";
    }
    WriteAll(path, text);
  }
  CaseRun run = RunCase(path, "$TMPDIR/translations.yaml", folder.path(), "$TMPDIR");
  CheckBadCase(run);
  EXPECT_EQ(run.result.diagnostics.size(), 1u);
  CheckGolden(kGeneratedGoldenDir + "/three_megabytes_other_yaml.expected", run.rendered);
}

// One mistake repeated in 300 environments: the first 100 errors are shown, the rest
// counted, so the terminal shows something a person can act on.
TEST(SpecCorpusTest, HundredsOfErrorsAreCapped) {
  TemporaryFolder folder;
  ASSERT_FALSE(folder.path().empty());
  const std::string path = folder.path() + "/stack.yaml";
  {
    std::string text = SpecOfSize(0);
    for (int index = 0; index < 300; ++index) {
      text += "  sandbox" + std::to_string(index) + ": {account: vuedve, network: {vpc_cidr: 10." +
              std::to_string(index % 256) + ".0.0/16}}\n";
    }
    WriteAll(path, text);
  }
  CaseRun run = RunCase(path, "$TMPDIR/stack.yaml", folder.path(), "$TMPDIR");
  CheckBadCase(run);
  EXPECT_EQ(run.result.diagnostics.error_count(), 100u);
  CheckGolden(kGeneratedGoldenDir + "/hundreds_of_errors.expected", run.rendered);
}

}  // namespace
}  // namespace vueops::spec
