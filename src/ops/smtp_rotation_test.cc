#include "ops/smtp_rotation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vueops::ops {
namespace {

using ::testing::HasSubstr;

Json Key(const std::string& id, const std::string& status = "Active") {
  return {{"AccessKeyId", id}, {"Status", status}};
}

TEST(CheckRoomForNewKeyTest, OneKeyLeavesRoom) {
  EXPECT_TRUE(CheckRoomForNewKey("ses-smtp-user", Json::array(), "").ok());
  EXPECT_TRUE(CheckRoomForNewKey("ses-smtp-user", Json::array({Key("AKIA1")}), "AKIA1").ok());
}

TEST(CheckRoomForNewKeyTest, TwoKeysAreRefusedNamingTheOneToDelete) {
  Status full =
      CheckRoomForNewKey("ses-smtp-user", Json::array({Key("AKIA1"), Key("AKIA2")}), "AKIA1");
  EXPECT_EQ(full.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(full.message(), HasSubstr("already has 2 access keys"));
  EXPECT_THAT(full.message(), HasSubstr("--access-key-id AKIA2"));
  // An inactive key is the one to delete, whatever the secret holds.
  Status inactive = CheckRoomForNewKey(
      "ses-smtp-user", Json::array({Key("AKIA1", "Inactive"), Key("AKIA2")}), "AKIA2");
  EXPECT_THAT(inactive.message(), HasSubstr("--access-key-id AKIA1"));
}

}  // namespace
}  // namespace vueops::ops
