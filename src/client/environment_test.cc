#include "client/environment.h"

#include <gtest/gtest.h>
#include <stdlib.h>

namespace vueops::client {
namespace {

TEST(EnvironmentTest, FixedEnvironmentAnswersOnlyWhatItHolds) {
  EnvironmentLookup environment = FixedEnvironment({{"AWS_REGION", "eu-west-1"}, {"EMPTY", ""}});
  EXPECT_EQ(environment("AWS_REGION"), "eu-west-1");
  EXPECT_EQ(environment("EMPTY"), "");
  EXPECT_EQ(environment("AWS_PROFILE"), std::nullopt);
}

TEST(EnvironmentTest, ProcessEnvironmentReadsAtEachCall) {
  EnvironmentLookup environment = ProcessEnvironment();
  ::unsetenv("VUEOPS_ENVIRONMENT_TEST");
  EXPECT_EQ(environment("VUEOPS_ENVIRONMENT_TEST"), std::nullopt);
  ::setenv("VUEOPS_ENVIRONMENT_TEST", "1", 1);
  EXPECT_EQ(environment("VUEOPS_ENVIRONMENT_TEST"), "1");
  ::unsetenv("VUEOPS_ENVIRONMENT_TEST");
}

TEST(EnvironmentTest, OnlyTrueIsTrue) {
  EXPECT_TRUE(IsTrueSetting("true"));
  EXPECT_TRUE(IsTrueSetting("TRUE"));
  EXPECT_TRUE(IsTrueSetting("True"));
  EXPECT_FALSE(IsTrueSetting("1"));
  EXPECT_FALSE(IsTrueSetting("yes"));
  EXPECT_FALSE(IsTrueSetting("truely"));
  EXPECT_FALSE(IsTrueSetting(""));
}

}  // namespace
}  // namespace vueops::client
