#include "base/did_you_mean.h"

#include <gtest/gtest.h>

namespace vueops {
namespace {

TEST(EditDistanceTest, CountsEdits) {
  EXPECT_EQ(EditDistance("", ""), 0);
  EXPECT_EQ(EditDistance("abc", ""), 3);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
  EXPECT_EQ(EditDistance("instace_type", "instance_type"), 1);
  EXPECT_EQ(EditDistance("acocunt", "account"), 1);  // a transposition is one edit
  EXPECT_EQ(EditDistance("Instance-Type", "instance_type"), 0);
}

TEST(ClosestMatchTest, SuggestsOnlyPlausibleNames) {
  std::vector<std::string> keys = {"instance_types", "key_pair", "user_data", "capacity"};
  EXPECT_EQ(ClosestMatch("instance_type", keys), "instance_types");
  EXPECT_EQ(ClosestMatch("keypair", keys), "key_pair");
  EXPECT_EQ(ClosestMatch("database", keys), std::nullopt);
  EXPECT_EQ(ClosestMatch("", keys), std::nullopt);
  EXPECT_EQ(DidYouMean("userdata", keys), "did you mean 'user_data'?");
  EXPECT_EQ(DidYouMean("zzz", keys), "");
}

}  // namespace
}  // namespace vueops
