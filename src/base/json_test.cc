#include "base/json.h"

#include <gtest/gtest.h>

namespace vueops {
namespace {

TEST(JsonTest, ParseReportsErrors) {
  EXPECT_EQ((*ParseJson(R"({"a": [1, 2]})"))["a"][1], 2);
  Result<Json> bad = ParseJson("{\"a\": ");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("invalid JSON: ", 0), 0u) << bad.status().message();
}

TEST(JsonTest, UnorderedEquality) {
  Json a = *ParseJson(R"({"x": 1, "y": {"p": [1, {"q": 2, "r": 3}]}})");
  Json b = *ParseJson(R"({"y": {"p": [1, {"r": 3, "q": 2}]}, "x": 1})");
  Json c = *ParseJson(R"({"y": {"p": [{"r": 3, "q": 2}, 1]}, "x": 1})");
  EXPECT_TRUE(JsonEqualUnordered(a, b));
  EXPECT_FALSE(JsonEqualUnordered(a, c));
  EXPECT_EQ(DumpJson(Json::object({{"k", "v"}})), R"({"k":"v"})");
}

}  // namespace
}  // namespace vueops
