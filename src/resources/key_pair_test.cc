#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "base/file.h"
#include "resources/network_moto_test.h"
#include "resources/ssh_public_key.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class KeyPairMotoTest : public NetworkMotoTest {
 protected:
  void SetUp() override {
    NetworkMotoTest::SetUp();
    std::string pattern = ::testing::TempDir() + "key_pair_test_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    directory_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  // A path in a folder that does not exist yet, as .secrets/vueocity is before the first apply.
  std::string PemPath(const std::string& name) { return directory_ + "/secrets/" + name + ".pem"; }

  Json Desired(const std::string& name) {
    return {{"name", name},
            {"key_type", "rsa"},
            {"private_key_path", PemPath(name)},
            {"tags", {{"environment", "test"}}}};
  }

  // The public key AWS keeps for key pair `name`.
  std::string RemotePublicKey(const std::string& name) {
    Json keys = Must("ec2", "DescribeKeyPairs", {{"KeyNames", {name}}, {"IncludePublicKey", true}});
    return keys["KeyPairs"].empty() ? "" : WithoutComment(keys["KeyPairs"][0].value("PublicKey", ""));
  }

  std::string directory_;
};

TEST_F(KeyPairMotoTest, RoundTripWritesThePrivateKeyOwnerOnly) {
  Created created = RoundTrip(KeyPair(), "test.key_pair.vueocity-test", Desired("vueocity-test"));
  EXPECT_EQ(created.id, "vueocity-test");
  struct stat info;
  ASSERT_EQ(::stat(PemPath("vueocity-test").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  // Delete removed the key pair but kept the .pem: it is the operators' copy.
  EXPECT_TRUE(FileExists(PemPath("vueocity-test")));
}

TEST_F(KeyPairMotoTest, ImportsTheLocalKeyWhenTheKeyPairIsGone) {
  ResourceContext context = Context("test.key_pair.vueocity-test");
  Json desired = Desired("vueocity-test");
  Created created = MustCreate(KeyPair(), context, desired);
  std::string original = RemotePublicKey("vueocity-test");
  ASSERT_FALSE(original.empty());
  Must("ec2", "DeleteKeyPair", {{"KeyName", "vueocity-test"}});

  Created imported = MustCreate(KeyPair(), context, desired);
  EXPECT_EQ(imported.id, "vueocity-test");
  EXPECT_EQ(RemotePublicKey("vueocity-test"), original);
  state::ResourceRecord record = Record(KeyPair(), context.address(), imported, desired);
  EXPECT_EQ(MustRead(KeyPair(), context, record)["tags"], desired["tags"]);
}

TEST_F(KeyPairMotoTest, RefusesAnExistingKeyPairWithoutItsPrivateKey) {
  Must("ec2", "CreateKeyPair", {{"KeyName", "made-by-hand"}});
  ResourceContext context = Context("test.key_pair.made-by-hand");
  Result<Created> created = KeyPair().Create(context, Desired("made-by-hand"), "t");
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(created.status().message().find("is missing"), std::string::npos)
      << created.status().message();
  EXPECT_FALSE(FileExists(PemPath("made-by-hand")));
}

TEST_F(KeyPairMotoTest, AdoptsAnExistingKeyPairWithItsPrivateKeyAndRefusesAnother) {
  Json made = Must("ec2", "CreateKeyPair", {{"KeyName", "made-by-hand"}});
  ASSERT_TRUE(MakeDirectories(directory_ + "/secrets").ok());
  ASSERT_TRUE(WriteFileAtomic(PemPath("made-by-hand"), made.value("KeyMaterial", ""), 0600).ok());
  ResourceContext context = Context("test.key_pair.made-by-hand");
  Result<Created> adopted = KeyPair().Create(context, Desired("made-by-hand"), "t");
  ASSERT_TRUE(adopted.ok()) << adopted.status().ToString();
  Result<std::optional<Found>> found = KeyPair().Find(context, Desired("made-by-hand"), "t");
  ASSERT_TRUE(found.ok() && found->has_value());

  // Another key's .pem under that name is refused, not adopted.
  Json other = Must("ec2", "CreateKeyPair", {{"KeyName", "other"}});
  ASSERT_TRUE(WriteFileAtomic(PemPath("other"), made.value("KeyMaterial", ""), 0600).ok());
  ResourceContext other_context = Context("test.key_pair.other");
  Result<Created> refused = KeyPair().Create(other_context, Desired("other"), "t");
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(KeyPairMotoTest, TagsUpdateInPlaceAndDriftShows) {
  ResourceContext context = Context("test.key_pair.vueocity-test");
  Json desired = Desired("vueocity-test");
  Created created = MustCreate(KeyPair(), context, desired);
  state::ResourceRecord record = Record(KeyPair(), context.address(), created, desired);
  Json changed = desired;
  changed["tags"] = {{"environment", "prod"}};
  ASSERT_TRUE(KeyPair().Update(context, record, changed, {"tags"}).ok());
  EXPECT_EQ(MustRead(KeyPair(), context, record)["tags"], changed["tags"]);
  Json keys = Must("ec2", "DescribeKeyPairs", {{"KeyNames", {"vueocity-test"}}});
  std::string key_id = keys["KeyPairs"][0].value("KeyPairId", "");
  Must("ec2", "DeleteTags", {{"Resources", {key_id}}, {"Tags", {{{"Key", "environment"}}}}});
  EXPECT_EQ(MustRead(KeyPair(), context, record)["tags"], Json::object());
  EXPECT_TRUE(KeyPair().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources
