#include "ops/storage_growth.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vueops::ops {
namespace {

using ::testing::HasSubstr;

TEST(CheckStorageGrowthTest, AcceptsGrowthOfTenPercentOrMore) {
  EXPECT_TRUE(CheckStorageGrowth(20, 22).ok());
  EXPECT_TRUE(CheckStorageGrowth(20, 40).ok());
  EXPECT_TRUE(CheckStorageGrowth(5, 6).ok());  // 5.5 rounds up to 6
}

TEST(CheckStorageGrowthTest, RefusesShrinkingEqualAndTooSmallSteps) {
  Status shrink = CheckStorageGrowth(40, 20);
  EXPECT_EQ(shrink.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(shrink.message(), HasSubstr("never shrinks"));
  EXPECT_THAT(CheckStorageGrowth(20, 20).message(), HasSubstr("already has 20 GB"));
  EXPECT_THAT(CheckStorageGrowth(100, 105).message(), HasSubstr("give 110 GB or more"));
  EXPECT_THAT(CheckStorageGrowth(60000, 70000).message(), HasSubstr("64 TiB"));
}

TEST(SpecStorageHintTest, NamesTheLineWhenWrittenAndWhereToAddItOtherwise) {
  spec::Database database;
  database.allocated_storage_gb = 20;
  EXPECT_THAT(SpecStorageHint(database, 40), HasSubstr("add storage: {allocated_gb: 40}"));
  database.Mark("allocated_storage_gb", Location{});
  EXPECT_THAT(SpecStorageHint(database, 40),
              HasSubstr("change allocated_gb: 20 to allocated_gb: 40"));
}

}  // namespace
}  // namespace vueops::ops
