#include "spec/merge.h"

#include <gtest/gtest.h>

#include "spec/yaml_loader.h"

namespace vueops::spec {
namespace {

NodePtr Yaml(const std::string& text) {
  Diagnostics diagnostics;
  NodePtr node = ParseYaml(RegisterSource("merge.yaml", text), diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  return node;
}

TEST(MergeTest, MappingsMergeListsReplaceNullRemoves) {
  NodePtr base = Yaml("a: {x: 1, y: 2}\nlist: [1, 2]\ngone: {z: 1}\nkeep: k\n");
  NodePtr overlay = Yaml("a: {y: 3, w: 4}\nlist: [9]\ngone: ~\nnew: n\n");
  NodePtr merged = MergeNodes(base, overlay);
  const Node& a = *merged->Find("a")->value;
  EXPECT_EQ(a.Find("x")->value->scalar, "1");
  EXPECT_EQ(a.Find("y")->value->scalar, "3");
  EXPECT_EQ(a.Find("w")->value->scalar, "4");
  EXPECT_EQ(merged->Find("list")->value->items.size(), 1u);
  EXPECT_EQ(merged->Find("gone"), nullptr);
  EXPECT_EQ(merged->Find("keep")->value->scalar, "k");
  EXPECT_EQ(merged->Find("new")->value->scalar, "n");
  // The template itself is untouched, and unchanged subtrees are shared.
  EXPECT_EQ(base->Find("a")->value->Find("y")->value->scalar, "2");
  EXPECT_EQ(merged->Find("keep")->value.get(), base->Find("keep")->value.get());
}

TEST(MergeTest, WithoutKey) {
  NodePtr node = Yaml("extends: base\nx: 1\n");
  NodePtr stripped = WithoutKey(node, "extends");
  EXPECT_EQ(stripped->Find("extends"), nullptr);
  EXPECT_NE(node->Find("extends"), nullptr);
  EXPECT_EQ(WithoutKey(node, "absent").get(), node.get());
}

}  // namespace
}  // namespace vueops::spec
