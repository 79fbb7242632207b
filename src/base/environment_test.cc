#include "base/environment.h"

#include <gtest/gtest.h>
#include <stdlib.h>

namespace vueops {
namespace {

TEST(EnvironmentTest, MapEnvironmentAnswersOnlyWhatItHolds) {
  MapEnvironment environment({{"AWS_REGION", "eu-west-1"}, {"EMPTY", ""}});
  EXPECT_EQ(environment.Get("AWS_REGION"), "eu-west-1");
  EXPECT_EQ(environment.Get("EMPTY"), "");
  EXPECT_EQ(environment.Get("AWS_PROFILE"), std::nullopt);
  environment.Unset("AWS_REGION");
  EXPECT_EQ(environment.Get("AWS_REGION"), std::nullopt);
}

TEST(EnvironmentTest, EmptyCountsAsUnsetForGetNonEmpty) {
  MapEnvironment environment({{"EMPTY", ""}, {"SET", "x"}});
  EXPECT_EQ(environment.GetNonEmpty("EMPTY"), std::nullopt);
  EXPECT_EQ(environment.GetNonEmpty("SET"), "x");
}

TEST(EnvironmentTest, ProcessEnvironmentReadsAtEachCall) {
  const Environment& environment = Environment::Process();
  ::unsetenv("VUEOPS_ENVIRONMENT_TEST");
  EXPECT_EQ(environment.Get("VUEOPS_ENVIRONMENT_TEST"), std::nullopt);
  ::setenv("VUEOPS_ENVIRONMENT_TEST", "1", 1);
  EXPECT_EQ(environment.Get("VUEOPS_ENVIRONMENT_TEST"), "1");
  ::unsetenv("VUEOPS_ENVIRONMENT_TEST");
}

TEST(EnvironmentTest, ExpandHomeUsesHome) {
  MapEnvironment environment({{"HOME", "/home/alice"}});
  EXPECT_EQ(*ExpandHome("~/.aws/config", environment), "/home/alice/.aws/config");
  EXPECT_EQ(*ExpandHome("~", environment), "/home/alice");
  EXPECT_EQ(*ExpandHome("/etc/aws", environment), "/etc/aws");
  EXPECT_EQ(*ExpandHome("~bob/x", environment), "~bob/x");
}

TEST(EnvironmentTest, ParseBooleanAcceptsOnlyTrueAndFalse) {
  EXPECT_EQ(ParseBoolean("true"), true);
  EXPECT_EQ(ParseBoolean("TRUE"), true);
  EXPECT_EQ(ParseBoolean("False"), false);
  EXPECT_EQ(ParseBoolean("1"), std::nullopt);
  EXPECT_EQ(ParseBoolean("yes"), std::nullopt);
  EXPECT_EQ(ParseBoolean("truely"), std::nullopt);
  EXPECT_EQ(ParseBoolean(""), std::nullopt);
}

}  // namespace
}  // namespace vueops
