#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "base/file.h"
#include "lint/report.h"
#include "lint/rule.h"

namespace vueops::lint {
namespace {

TEST(RuleTableTest, IdsAreUniqueOrderedAndWellFormed) {
  std::set<std::string_view> seen;
  std::string_view previous;
  const std::regex id_pattern("VO[0-9]{3}");
  for (const Rule& rule : AllRules()) {
    EXPECT_TRUE(std::regex_match(std::string(rule.id), id_pattern)) << rule.id;
    EXPECT_TRUE(seen.insert(rule.id).second) << "duplicate id " << rule.id;
    EXPECT_LT(previous, rule.id) << "the table is ordered by id";
    previous = rule.id;
    EXPECT_FALSE(rule.title.empty()) << rule.id;
    EXPECT_FALSE(rule.source.empty()) << rule.id;
    EXPECT_FALSE(rule.rationale.empty()) << rule.id;
    EXPECT_FALSE(rule.fix.empty()) << rule.id;
    EXPECT_NE(rule.check, nullptr) << rule.id;
    EXPECT_EQ(FindRule(rule.id), &rule);
  }
  // The issue asks for at least 60 rules across the notes and the industry checks.
  EXPECT_GE(AllRules().size(), 60u);
  EXPECT_EQ(FindRule("VO000"), nullptr);
}

TEST(RuleTableTest, DocsAreGeneratedFromTheTable) {
  std::string path = std::string(VUEOPS_SOURCE_DIR) + "/docs/rules.md";
  Result<std::string> docs = ReadFile(path);
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  EXPECT_TRUE(*docs == RulesMarkdown())
      << "docs/rules.md is out of date; regenerate it with\n"
         "  build/vueops lint --list-rules --format markdown > docs/rules.md";
}

}  // namespace
}  // namespace vueops::lint
