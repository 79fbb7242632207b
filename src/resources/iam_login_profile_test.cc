#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr char kAddress[] = "org.iam_login_profile.alice";
constexpr char kSecret[] = "vueops/initial-password/alice";

class IamLoginProfileMotoTest : public test_support::ResourceMotoTest {
 protected:
  void SetUp() override {
    ResourceMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(client().Call("iam", "CreateUser", {{"UserName", "alice"}}).ok());
  }

  Json Desired() { return {{"user", "alice"}, {"password_reset_required", true}}; }

  state::ResourceRecord Record() {
    state::ResourceRecord record;
    record.address = kAddress;
    record.type = "iam_login_profile";
    record.id = "alice";
    record.attributes = {{"user", "alice"}};
    return record;
  }

  Result<Json> StoredSecret() {
    Result<Json> secret =
        client().Call("secretsmanager", "GetSecretValue", {{"SecretId", kSecret}});
    if (!secret.ok()) return secret.status();
    return ParseJson(secret->value("SecretString", ""));
  }
};

TEST_F(IamLoginProfileMotoTest, RoundTripKeepsThePasswordInSecretsManagerOnly) {
  Created created = RoundTrip(IamLoginProfile(), kAddress, Desired());
  EXPECT_EQ(created.id, "alice");
  EXPECT_FALSE(created.outputs["secret_arn"].get<std::string>().empty());
  // Nothing the engine records holds the password.
  EXPECT_EQ(DumpJson(created.outputs).find("password\""), std::string::npos);
  EXPECT_EQ(DumpJson(created.attributes).find("password\""), std::string::npos);
  // The secret vueops made went with the login profile.
  EXPECT_FALSE(StoredSecret().ok());
}

TEST_F(IamLoginProfileMotoTest, ThePasswordMeetsTheAccountsPolicyAndIsStored) {
  ASSERT_TRUE(client()
                  .Call("iam", "UpdateAccountPasswordPolicy",
                        {{"MinimumPasswordLength", 40}, {"RequireSymbols", true}})
                  .ok());
  ResourceContext context = Context(kAddress);
  Result<Created> created = IamLoginProfile().Create(context, Desired(), "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  Result<Json> secret = StoredSecret();
  ASSERT_TRUE(secret.ok()) << secret.status().ToString();
  EXPECT_EQ((*secret)["username"], "alice");
  std::string password = (*secret)["password"];
  EXPECT_EQ(password.size(), 40u);
  EXPECT_EQ(password.find_first_of("\"'`\\"), std::string::npos);
  // moto's CreateLoginProfile drops PasswordResetRequired, so whether IAM will ask alice for
  // a new password cannot be checked here.
  EXPECT_TRUE(client().Call("iam", "GetLoginProfile", {{"UserName", "alice"}}).ok());
}

TEST_F(IamLoginProfileMotoTest, DriftIsAProfileDeletedByHandAndACreateNeverResetsOne) {
  ResourceContext context = Context(kAddress);
  ASSERT_TRUE(IamLoginProfile().Create(context, Desired(), "t").ok());
  // A second create (state lost) refuses to reset the password of a user who may use it.
  EXPECT_EQ(IamLoginProfile().Create(context, Desired(), "t").status().code(),
            StatusCode::kAlreadyExists);
  ASSERT_TRUE(IamLoginProfile().Read(context, Record()).ok());
  ASSERT_TRUE(client().Call("iam", "DeleteLoginProfile", {{"UserName", "alice"}}).ok());
  EXPECT_EQ(IamLoginProfile().Read(context, Record()).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(IamLoginProfile().FindAttribute("password_reset_required") == nullptr);
  EXPECT_EQ(IamLoginProfile().FindAttribute("password_reset_required")->update,
            UpdateMode::kCreateOnly);
}

TEST_F(IamLoginProfileMotoTest, DeleteLeavesASecretItDidNotMake) {
  ASSERT_TRUE(
      client()
          .Call("secretsmanager", "CreateSecret", {{"Name", kSecret}, {"SecretString", "{}"}})
          .ok());
  ResourceContext context = Context(kAddress);
  ASSERT_TRUE(IamLoginProfile().Create(context, Desired(), "t").ok());
  Result<Json> secret = StoredSecret();
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ((*secret)["username"], "alice");  // the value was put into it
  ASSERT_TRUE(IamLoginProfile().Delete(context, Record()).ok());
  EXPECT_TRUE(StoredSecret().ok());
}

}  // namespace
}  // namespace vueops::resources
