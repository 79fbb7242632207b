#include "spec/yaml_loader.h"

#include <gtest/gtest.h>

namespace vueops::spec {
namespace {

struct Parsed {
  NodePtr root;
  Diagnostics diagnostics;
};

Parsed Parse(const std::string& text, YamlLimits limits = {}) {
  Parsed parsed;
  parsed.root = ParseYaml(RegisterSource("test.yaml", text), parsed.diagnostics, limits);
  return parsed;
}

std::string FirstMessage(const Parsed& parsed) {
  return parsed.diagnostics.empty() ? "" : parsed.diagnostics.items()[0].message;
}

TEST(YamlLoaderTest, BuildsTreeWithLocations) {
  Parsed parsed = Parse("a: 1\nb:\n  - x\n  - 'y'\nc: ~\n");
  ASSERT_TRUE(parsed.root);
  const Node& root = *parsed.root;
  ASSERT_TRUE(root.is_mapping());
  ASSERT_EQ(root.entries.size(), 3u);
  EXPECT_EQ(root.entries[0].key, "a");
  EXPECT_EQ(root.entries[0].value->scalar, "1");
  EXPECT_FALSE(root.entries[0].value->quoted);
  EXPECT_EQ(root.entries[0].key_location.line, 1u);
  EXPECT_EQ(root.entries[0].value->location.column, 4u);
  const Node& list = *root.Find("b")->value;
  ASSERT_TRUE(list.is_sequence());
  EXPECT_EQ(list.items[1]->scalar, "y");
  EXPECT_TRUE(list.items[1]->quoted);
  EXPECT_EQ(list.items[1]->location.line, 4u);
  EXPECT_TRUE(root.Find("c")->value->is_null());
  EXPECT_TRUE(parsed.diagnostics.empty());
}

TEST(YamlLoaderTest, EmptyDocumentIsNull) {
  Parsed parsed = Parse("# nothing here\n");
  ASSERT_TRUE(parsed.root);
  EXPECT_TRUE(parsed.root->is_null());
}

TEST(YamlLoaderTest, DuplicateKeysAreReportedAndFirstKept) {
  Parsed parsed = Parse("a: 1\nb: 2\na: 3\n");
  ASSERT_TRUE(parsed.root);
  EXPECT_EQ(parsed.root->Find("a")->value->scalar, "1");
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics.items()[0].code, "spec.duplicate");
  EXPECT_EQ(parsed.diagnostics.items()[0].location.line, 3u);
  EXPECT_NE(parsed.diagnostics.items()[0].hint.find("line 1"), std::string::npos);
}

TEST(YamlLoaderTest, MergeKeysAddMissingEntries) {
  Parsed parsed = Parse("base: &b {x: 1, y: 2}\nthing:\n  <<: *b\n  y: 3\n");
  ASSERT_TRUE(parsed.root);
  const Node& thing = *parsed.root->Find("thing")->value;
  EXPECT_EQ(thing.Find("x")->value->scalar, "1");
  EXPECT_EQ(thing.Find("y")->value->scalar, "3");
  EXPECT_EQ(thing.Find("<<"), nullptr);
}

TEST(YamlLoaderTest, AliasesShareNodes) {
  Parsed parsed = Parse("a: &anchor [1, 2]\nb: *anchor\n");
  ASSERT_TRUE(parsed.root);
  EXPECT_EQ(parsed.root->Find("a")->value.get(), parsed.root->Find("b")->value.get());
}

TEST(YamlLoaderTest, BillionLaughsIsStopped) {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) text += std::string(k ? ", " : "") + "*a" + std::to_string(i - 1);
    text += "]\n";
  }
  Parsed parsed = Parse(text);
  EXPECT_EQ(parsed.root, nullptr);
  EXPECT_EQ(parsed.diagnostics.items()[0].code, "spec.limit");
  EXPECT_NE(FirstMessage(parsed).find("aliases"), std::string::npos);
}

TEST(YamlLoaderTest, DeepNestingIsStopped) {
  Parsed flow = Parse(std::string(10000, '[') + std::string(10000, ']'));
  EXPECT_EQ(flow.root, nullptr);
  EXPECT_EQ(flow.diagnostics.items()[0].code, "spec.limit");
  std::string block;
  for (int i = 0; i < 100; ++i) block += std::string(i * 2, ' ') + "k" + std::to_string(i) + ":\n";
  Parsed nested = Parse(block + std::string(200, ' ') + "v\n");
  EXPECT_EQ(nested.root, nullptr);
  EXPECT_NE(FirstMessage(nested).find("levels deep"), std::string::npos);
}

TEST(YamlLoaderTest, NonTextIsRejectedWithItsPlace) {
  Parsed nul = Parse(std::string("a: 1\nb: \0x\n", 11));
  EXPECT_EQ(nul.root, nullptr);
  EXPECT_EQ(nul.diagnostics.items()[0].code, "spec.file");
  EXPECT_EQ(nul.diagnostics.items()[0].location.line, 2u);
  EXPECT_EQ(nul.diagnostics.items()[0].location.column, 4u);
  Parsed latin1 = Parse("name: caf\xe9\n");
  EXPECT_NE(FirstMessage(latin1).find("not UTF-8"), std::string::npos);
}

TEST(YamlLoaderTest, SyntaxErrorsCustomTagsAndDocuments) {
  Parsed syntax = Parse("a: [1, 2\n");
  EXPECT_EQ(syntax.root, nullptr);
  EXPECT_EQ(syntax.diagnostics.items()[0].code, "spec.syntax");
  EXPECT_NE(FirstMessage(Parse("a: !Ref x\n")).find("tag"), std::string::npos);
  EXPECT_NE(FirstMessage(Parse("a: 1\n---\nb: 2\n")).find("more than one"), std::string::npos);
  EXPECT_EQ(Parse("a: !!str 5\n").root->Find("a")->value->quoted, true);
}

TEST(YamlLoaderTest, SizeLimit) {
  YamlLimits limits;
  limits.max_bytes = 10;
  Parsed parsed = Parse("a: 12345678901234567890\n", limits);
  EXPECT_EQ(parsed.root, nullptr);
  EXPECT_EQ(parsed.diagnostics.items()[0].code, "spec.limit");
}

}  // namespace
}  // namespace vueops::spec
