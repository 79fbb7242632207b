#include "auth/role_credentials_cache.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "auth/aws_time.h"
#include "auth/testing/fakes.h"
#include "base/file.h"

namespace vueops::auth {
namespace {

using testing::NoteCollector;
using testing::TempDirectory;

mode_t ModeOf(const std::string& path) {
  struct stat info;
  EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
  return info.st_mode & 0777;
}

class RoleCredentialsCacheTest : public ::testing::Test {
 protected:
  Credentials RoleCredentials(std::chrono::minutes lifetime) {
    Credentials credentials;
    credentials.access_key_id = "ASIAROLE";
    credentials.secret_access_key = "cached-secret";
    credentials.session_token = "cached-token";
    credentials.expiration = clock_.Now() + lifetime;
    credentials.source = "role arn:aws:iam::1:role/A (profile ops) via profile base";
    credentials.role_session = true;
    return credentials;
  }

  TempDirectory root_;
  std::string directory_ = root_ / "home/.vueops/cache";
  FakeClock clock_{*ParseIso8601("2024-06-01T12:00:00Z")};
  NoteCollector notes_;
  RoleCredentialsCache cache_{directory_, clock_, notes_.sink()};
};

TEST_F(RoleCredentialsCacheTest, StoresPrivatelyAndLoadsBack) {
  ASSERT_TRUE(cache_.Store("k1", RoleCredentials(std::chrono::minutes(60))).ok());
  EXPECT_EQ(ModeOf(directory_), 0700u);
  EXPECT_EQ(ModeOf(directory_ + "/k1.json"), 0600u);

  Result<std::optional<Credentials>> loaded = cache_.Load("k1", std::chrono::minutes(15));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ((*loaded)->access_key_id, "ASIAROLE");
  EXPECT_EQ((*loaded)->secret_access_key, "cached-secret");
  EXPECT_EQ((*loaded)->session_token, "cached-token");
  EXPECT_EQ((*loaded)->expiration, clock_.Now() + std::chrono::minutes(60));
  EXPECT_TRUE((*loaded)->role_session);
  EXPECT_EQ((*loaded)->source,
            "role arn:aws:iam::1:role/A (profile ops) via profile base (cached)");
  EXPECT_FALSE(cache_.Load("other", std::chrono::minutes(15))->has_value());
}

TEST_F(RoleCredentialsCacheTest, CredentialsCloseToExpiryAreNotReused) {
  ASSERT_TRUE(cache_.Store("k", RoleCredentials(std::chrono::minutes(20))).ok());
  EXPECT_TRUE(cache_.Load("k", std::chrono::minutes(15))->has_value());
  clock_.Advance(std::chrono::minutes(6));
  EXPECT_FALSE(cache_.Load("k", std::chrono::minutes(15))->has_value());
}

TEST_F(RoleCredentialsCacheTest, AFileOthersCanReadIsRefusedNamingTheChmod) {
  ASSERT_TRUE(cache_.Store("k", RoleCredentials(std::chrono::minutes(60))).ok());
  std::string path = directory_ + "/k.json";
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  Result<std::optional<Credentials>> loaded = cache_.Load("k", std::chrono::minutes(15));
  EXPECT_EQ(loaded.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(loaded.status().message().find("chmod 600 " + path), std::string::npos)
      << loaded.status().message();
  EXPECT_EQ(loaded.status().message().find("cached-secret"), std::string::npos);

  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  ASSERT_EQ(::chmod(directory_.c_str(), 0777), 0);
  Status directory = cache_.Load("k", std::chrono::minutes(15)).status();
  EXPECT_EQ(directory.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(directory.message().find("chmod 700 " + directory_), std::string::npos);
}

TEST_F(RoleCredentialsCacheTest, ACorruptFileIsIgnoredWithANoteAndReplaced) {
  ASSERT_TRUE(MakeDirectories(directory_, 0700).ok());
  for (const char* junk : {"", "{not json", "[1, 2]", R"({"Version": 9})",
                           R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "S"})",
                           R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "S",
                               "Expiration": "garbage"})"}) {
    ASSERT_TRUE(WriteFileAtomic(directory_ + "/k.json", junk, 0600).ok());
    Result<std::optional<Credentials>> loaded = cache_.Load("k", std::chrono::minutes(15));
    ASSERT_TRUE(loaded.ok()) << junk << ": " << loaded.status().ToString();
    EXPECT_FALSE(loaded->has_value()) << junk;
  }
  EXPECT_EQ(notes_.notes().size(), 6u);
  EXPECT_NE(notes_.joined().find("they will be replaced"), std::string::npos);
  ASSERT_TRUE(cache_.Store("k", RoleCredentials(std::chrono::minutes(60))).ok());
  EXPECT_TRUE(cache_.Load("k", std::chrono::minutes(15))->has_value());
}

TEST_F(RoleCredentialsCacheTest, OnlyTemporaryCredentialsAreStored) {
  Credentials keys = RoleCredentials(std::chrono::minutes(60));
  keys.expiration.reset();
  EXPECT_EQ(cache_.Store("k", keys).code(), StatusCode::kInvalidArgument);
}

TEST(RoleCredentialsCacheKeyTest, DependsOnEverythingButTheMfaCode) {
  AssumeRoleParams params;
  params.role_arn = "arn:aws:iam::111111111111:role/VueAdmin";
  params.mfa_serial = "arn:aws:iam::222222222222:mfa/alice";
  const std::string base = RoleCredentialsCache::Key(params, "profile users");
  EXPECT_EQ(base.size(), 64u);
  EXPECT_EQ(RoleCredentialsCache::Key(params, "profile users"), base);

  AssumeRoleParams with_code = params;
  with_code.mfa_token_code = "123456";
  EXPECT_EQ(RoleCredentialsCache::Key(with_code, "profile users"), base);

  EXPECT_NE(RoleCredentialsCache::Key(params, "profile other"), base);
  std::vector<AssumeRoleParams> variants(6, params);
  variants[0].role_session_name = "s";
  variants[1].external_id = "e";
  variants[2].duration = std::chrono::seconds(3600);
  variants[3].source_identity = "alice";
  variants[4].mfa_serial = "arn:aws:iam::222222222222:mfa/bob";
  variants[5].role_arn = "arn:aws:iam::111111111111:role/VueDev";
  for (const AssumeRoleParams& variant : variants) {
    EXPECT_NE(RoleCredentialsCache::Key(variant, "profile users"), base);
  }
}

TEST(RoleCredentialsCacheDirectoryTest, DefaultsUnderHomeAndHonoursTheOverride) {
  MapEnvironment environment({{"HOME", "/home/alice"}});
  EXPECT_EQ(*RoleCredentialsCache::DefaultDirectory(environment), "/home/alice/.vueops/cache");
  environment.Set("VUEOPS_CACHE_DIR", "~/elsewhere");
  EXPECT_EQ(*RoleCredentialsCache::DefaultDirectory(environment), "/home/alice/elsewhere");
}

}  // namespace
}  // namespace vueops::auth
