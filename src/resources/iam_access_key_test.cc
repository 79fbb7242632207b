#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/ses_smtp_password.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr char kAddress[] = "org.iam_access_key.backup-agent/1";
constexpr char kSecret[] = "vueops/access-key/backup-agent/1";

class IamAccessKeyMotoTest : public test_support::ResourceMotoTest {
 protected:
  void SetUp() override {
    ResourceMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(client().Call("iam", "CreateUser", {{"UserName", "backup-agent"}}).ok());
  }

  Json Desired() {
    return {{"user", "backup-agent"}, {"status", "Active"}, {"secret_name", kSecret}};
  }

  state::ResourceRecord Record(const Created& created, const Json& attributes) {
    state::ResourceRecord record;
    record.address = kAddress;
    record.type = "iam_access_key";
    record.id = created.id;
    record.attributes = attributes;
    return record;
  }

  Result<Json> Secret(const std::string& name) {
    Result<Json> secret = client().Call("secretsmanager", "GetSecretValue", {{"SecretId", name}});
    if (!secret.ok()) return secret.status();
    return ParseJson(secret->value("SecretString", ""));
  }
};

TEST_F(IamAccessKeyMotoTest, RoundTripPutsTheSecretKeyInSecretsManager) {
  Created created = RoundTrip(IamAccessKey(), kAddress, Desired());
  EXPECT_EQ(created.id.rfind("AKIA", 0), 0u);
  EXPECT_EQ(DumpJson(created.outputs).find("secret_access_key"), std::string::npos);
  EXPECT_FALSE(Secret(kSecret).ok());  // deleted with the key it held
}

TEST_F(IamAccessKeyMotoTest, StatusUpdatesInPlaceAndDriftReadsBack) {
  ResourceContext context = Context(kAddress);
  Result<Created> created = IamAccessKey().Create(context, Desired(), "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  Result<Json> secret = Secret(kSecret);
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ((*secret)["aws_access_key_id"], created->id);
  EXPECT_FALSE((*secret)["aws_secret_access_key"].get<std::string>().empty());

  Json inactive = Desired();
  inactive["status"] = "Inactive";
  ASSERT_TRUE(
      IamAccessKey().Update(context, Record(*created, Desired()), inactive, {"status"}).ok());
  Result<Json> read = IamAccessKey().Read(context, Record(*created, inactive));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, inactive);

  ASSERT_TRUE(
      client()
          .Call("iam", "UpdateAccessKey",
                {{"UserName", "backup-agent"}, {"AccessKeyId", created->id}, {"Status", "Active"}})
          .ok());
  read = IamAccessKey().Read(context, Record(*created, inactive));
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["status"], "Active");
}

TEST_F(IamAccessKeyMotoTest, SmtpCredentialsGoIntoTheGivenSecret) {
  // The mail section's credentials secret, made by its own resource.
  ASSERT_TRUE(client()
                  .Call("secretsmanager", "CreateSecret",
                        {{"Name", "vueocity/prod/ses-smtp"}, {"SecretString", "{}"}})
                  .ok());
  ResourceContext context = Context("prod.iam_access_key.ses-smtp/1");
  Json desired = {{"user", "backup-agent"},
                  {"status", "Active"},
                  {"smtp_secret", "vueocity/prod/ses-smtp"},
                  {"smtp_region", "us-west-2"}};
  Result<Created> created = IamAccessKey().Create(context, desired, "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  Result<Json> secret = Secret("vueocity/prod/ses-smtp");
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ((*secret)["username"], created->id);
  EXPECT_EQ((*secret)["host"], "email-smtp.us-west-2.amazonaws.com");
  EXPECT_EQ((*secret)["port"], 587);
  // A version-4 SMTP password: the 0x04 byte and a 32-byte signature, in base64.
  std::string password = (*secret)["password"];
  EXPECT_EQ(password.size(), 44u);
  EXPECT_EQ(password[0], 'B');
  EXPECT_FALSE(Secret("vueops/access-key/ses-smtp/1").ok());

  Result<std::optional<Found>> found = IamAccessKey().Find(context, desired, "t");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->id, created->id);

  ASSERT_TRUE(IamAccessKey().Delete(context, Record(*created, desired)).ok());
  EXPECT_TRUE(Secret("vueocity/prod/ses-smtp").ok());  // not this resource's to delete
  EXPECT_EQ(IamAccessKey()
                .Create(context, {{"user", "backup-agent"}, {"smtp_secret", "x"}}, "t")
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

TEST_F(IamAccessKeyMotoTest, ReadManyListsEachUsersKeysOnce) {
  ResourceContext context = Context(kAddress);
  Json second = Desired();
  second["secret_name"] = "vueops/access-key/backup-agent/2";
  Result<Created> one = IamAccessKey().Create(context, Desired(), "t");
  Result<Created> two = IamAccessKey().Create(context, second, "t");
  ASSERT_TRUE(one.ok() && two.ok());
  state::ResourceRecord a = Record(*one, Desired()), b = Record(*two, second);
  state::ResourceRecord gone = a;
  gone.id = "AKIAGONEGONEGONEGONE";
  const state::ResourceRecord* records[] = {&a, &b, &gone};
  int before = context.calls();
  std::vector<Result<Json>> results = IamAccessKey().ReadMany(context, records);
  EXPECT_EQ(context.calls() - before, 1);
  ASSERT_TRUE(results[0].ok() && results[1].ok());
  EXPECT_EQ(results[2].status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace vueops::resources
