#include "iam/condition_values.h"

#include <gtest/gtest.h>

namespace vueops::iam {
namespace {

TEST(ConditionValuesTest, Numbers) {
  EXPECT_EQ(ParseNumber("10"), 10.0);
  EXPECT_EQ(ParseNumber("-1.5"), -1.5);
  EXPECT_EQ(ParseNumber("2e3"), 2000.0);
  EXPECT_FALSE(ParseNumber(""));
  EXPECT_FALSE(ParseNumber("ten"));
  EXPECT_FALSE(ParseNumber(" 10"));
  EXPECT_FALSE(ParseNumber("0x10"));
  EXPECT_FALSE(ParseNumber("inf"));
}

TEST(ConditionValuesTest, DatesInEveryAcceptedForm) {
  constexpr double k2024 = 1704067200;  // 2024-01-01T00:00:00Z
  EXPECT_EQ(ParseDate("2024-01-01T00:00:00Z"), k2024);
  EXPECT_EQ(ParseDate("2024-01-01"), k2024);
  EXPECT_EQ(ParseDate("2024-01-01T00:00Z"), k2024);
  EXPECT_EQ(ParseDate("1704067200"), k2024);
  EXPECT_EQ(ParseDate("2024-01-01T01:00:00+01:00"), k2024);
  EXPECT_EQ(ParseDate("2023-12-31T19:00:00-0500"), k2024);
  EXPECT_EQ(ParseDate("2024-01-01T00:00:00.500Z"), k2024 + 0.5);
  EXPECT_EQ(ParseDate("1970-01-01T00:00:00Z"), 0.0);
  EXPECT_EQ(ParseDate("2024-02-29"), k2024 + 59 * 86400);  // leap day
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_FALSE(ParseDate("2024-13-01"));
  EXPECT_FALSE(ParseDate("2024-01-01T25:00:00Z"));
  EXPECT_FALSE(ParseDate("yesterday"));
  EXPECT_FALSE(ParseDate("2024-01-01T00:00:00Q"));
}

TEST(ConditionValuesTest, Booleans) {
  EXPECT_EQ(ParseBool("true"), true);
  EXPECT_EQ(ParseBool("FALSE"), false);
  EXPECT_FALSE(ParseBool("yes"));
  EXPECT_FALSE(ParseBool("1"));
}

TEST(ConditionValuesTest, IpRanges) {
  std::optional<IpRange> office = ParseIpRange("203.0.113.0/24");
  ASSERT_TRUE(office);
  EXPECT_TRUE(office->Contains(*ParseIpRange("203.0.113.7")));
  EXPECT_FALSE(office->Contains(*ParseIpRange("203.0.114.7")));
  std::optional<IpRange> odd = ParseIpRange("10.0.0.0/9");
  EXPECT_TRUE(odd->Contains(*ParseIpRange("10.127.255.255")));
  EXPECT_FALSE(odd->Contains(*ParseIpRange("10.128.0.0")));
  EXPECT_TRUE(ParseIpRange("0.0.0.0/0")->Contains(*ParseIpRange("198.51.100.1")));
  std::optional<IpRange> v6 = ParseIpRange("2001:db8::/32");
  EXPECT_TRUE(v6->Contains(*ParseIpRange("2001:db8:1234::1")));
  EXPECT_FALSE(v6->Contains(*ParseIpRange("2001:db9::1")));
  EXPECT_FALSE(v6->Contains(*ParseIpRange("203.0.113.7")));  // families differ
  EXPECT_FALSE(ParseIpRange("203.0.113.0/33"));
  EXPECT_FALSE(ParseIpRange("2001:db8::/129"));
  EXPECT_FALSE(ParseIpRange("203.0.113"));
  EXPECT_FALSE(ParseIpRange("10.0.0.0/"));
}

}  // namespace
}  // namespace vueops::iam
