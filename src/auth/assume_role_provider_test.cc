#include "auth/assume_role_provider.h"

#include <gtest/gtest.h>

#include "auth/aws_time.h"
#include "auth/testing/fakes.h"
#include "auth/testing/test_credentials.h"

namespace vueops::auth {
namespace {

using testing::FakeMfaPrompter;
using testing::FakeRoleAssumer;
using testing::MakeCredentials;
using testing::NoteCollector;
using testing::TempDirectory;

constexpr char kRole[] = "arn:aws:iam::111111111111:role/VueAdmin";
constexpr char kMfa[] = "arn:aws:iam::222222222222:mfa/alice";

class AssumeRoleProviderTest : public ::testing::Test {
 protected:
  std::unique_ptr<AssumeRoleProvider> Make(AssumeRoleSettings settings,
                                           Credentials source = MakeCredentials("AKIAUSER",
                                                                                "user-secret", "",
                                                                                "profile users")) {
    return std::make_unique<AssumeRoleProvider>(
        std::move(settings), std::make_unique<StaticCredentialsProvider>(std::move(source)),
        &assumer_, &prompter_, &cache_, clock_, notes_.sink());
  }

  AssumeRoleSettings Settings() {
    AssumeRoleSettings settings;
    settings.params.role_arn = kRole;
    settings.profile = "admin";
    settings.source_description = "profile users";
    return settings;
  }

  FakeClock clock_{*ParseIso8601("2024-06-01T12:00:00Z")};
  FakeRoleAssumer assumer_{clock_};
  FakeMfaPrompter prompter_{"654321"};
  NoteCollector notes_;
  TempDirectory directory_;
  RoleCredentialsCache cache_{directory_ / "cache", clock_, notes_.sink()};
};

TEST_F(AssumeRoleProviderTest, AssumesWithTheSourceCredentialsAndDescribesTheChain) {
  AssumeRoleSettings settings = Settings();
  settings.params.external_id = "ext";
  settings.params.role_session_name = "alice";
  settings.params.duration = std::chrono::seconds(7200);
  Result<std::optional<Credentials>> credentials = Make(settings)->Provide();
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ((*credentials)->access_key_id, "ASIA-ROLE-1");
  EXPECT_TRUE((*credentials)->role_session);
  EXPECT_EQ((*credentials)->source,
            std::string("role ") + kRole + " (profile admin) via profile users");
  ASSERT_EQ(assumer_.calls().size(), 1u);
  const FakeRoleAssumer::Call call = assumer_.calls()[0];
  EXPECT_EQ(call.source.access_key_id, "AKIAUSER");
  EXPECT_EQ(call.params.role_arn, kRole);
  EXPECT_EQ(call.params.external_id, "ext");
  EXPECT_EQ(call.params.role_session_name, "alice");
  EXPECT_EQ(call.params.duration, std::chrono::seconds(7200));  // not chained: not clamped
  EXPECT_TRUE(prompter_.prompts().empty());
  EXPECT_TRUE(notes_.notes().empty());
}

TEST_F(AssumeRoleProviderTest, ASessionNameIsMadeUpWhenTheProfileSetsNone) {
  ASSERT_TRUE(Make(Settings())->Provide().ok());
  // 2024-06-01T12:00:00Z
  EXPECT_EQ(assumer_.calls()[0].params.role_session_name, "vueops-1717243200");
  clock_.Advance(std::chrono::minutes(1));
  ASSERT_TRUE(Make(Settings())->Provide().ok());
  EXPECT_EQ(assumer_.calls().size(), 1u);  // the made-up name does not defeat the cache
}

TEST_F(AssumeRoleProviderTest, PromptsForTheMfaCodeNamingProfileAndDevice) {
  AssumeRoleSettings settings = Settings();
  settings.params.mfa_serial = kMfa;
  ASSERT_TRUE(Make(settings)->Provide().ok());
  ASSERT_EQ(prompter_.prompts().size(), 1u);
  EXPECT_EQ(prompter_.prompts()[0], std::make_pair(std::string("admin"), std::string(kMfa)));
  EXPECT_EQ(assumer_.calls()[0].params.mfa_serial, kMfa);
  EXPECT_EQ(assumer_.calls()[0].params.mfa_token_code, "654321");
}

TEST_F(AssumeRoleProviderTest, TheFileCacheSavesTheSecondRunItsPromptAndItsCall) {
  AssumeRoleSettings settings = Settings();
  settings.params.mfa_serial = kMfa;
  Result<std::optional<Credentials>> first = Make(settings)->Provide();
  ASSERT_TRUE(first.ok());
  // A new provider, as a second vueops command would build.
  Result<std::optional<Credentials>> second = Make(settings)->Provide();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ((*second)->access_key_id, (*first)->access_key_id);
  EXPECT_EQ(assumer_.calls().size(), 1u);
  EXPECT_EQ(prompter_.prompts().size(), 1u);

  // Inside the advisory window the cache is passed over and the role assumed again.
  clock_.Advance(std::chrono::minutes(50));
  Result<std::optional<Credentials>> third = Make(settings)->Provide();
  ASSERT_TRUE(third.ok());
  EXPECT_EQ((*third)->access_key_id, "ASIA-ROLE-2");
  EXPECT_EQ(prompter_.prompts().size(), 2u);
}

TEST_F(AssumeRoleProviderTest, RoleChainingClampsTheDurationWithANote) {
  AssumeRoleSettings settings = Settings();
  settings.params.duration = std::chrono::seconds(14400);
  settings.source_is_role_session = true;
  settings.source_description = "profile users-role";
  ASSERT_TRUE(Make(settings)->Provide().ok());
  EXPECT_EQ(assumer_.calls()[0].params.duration, std::chrono::seconds(3600));
  EXPECT_NE(notes_.joined().find("profile admin: duration_seconds 14400 is more than the 3600 "
                                 "seconds AWS allows when a role is assumed with another "
                                 "role's credentials (role chaining, here from profile "
                                 "users-role); using 3600"),
            std::string::npos)
      << notes_.joined();
}

TEST_F(AssumeRoleProviderTest, ASourceThatTurnsOutToBeARoleSessionIsClampedToo) {
  AssumeRoleSettings settings = Settings();
  settings.params.duration = std::chrono::seconds(7200);
  Credentials instance_role = MakeCredentials("ASIAEC2", "s", "t", "EC2 instance metadata");
  instance_role.role_session = true;
  ASSERT_TRUE(Make(settings, instance_role)->Provide().ok());
  EXPECT_EQ(assumer_.calls()[0].params.duration, std::chrono::seconds(3600));
  EXPECT_EQ(notes_.notes().size(), 1u);
}

TEST_F(AssumeRoleProviderTest, FailuresNameTheRoleAndProfileButNoSecret) {
  AssumeRoleSettings settings = Settings();
  settings.params.mfa_serial = kMfa;
  assumer_.FailNext(PermissionDeniedError("AccessDenied: MultiFactorAuthentication failed"));
  Status status = Make(settings)->Provide().status();
  EXPECT_EQ(status.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(status.message(), std::string("assume ") + kRole +
                                  " for profile admin: AccessDenied: "
                                  "MultiFactorAuthentication failed");
  EXPECT_EQ(status.message().find("654321"), std::string::npos);
  EXPECT_EQ(status.message().find("user-secret"), std::string::npos);

  FakeMfaPrompter typo("65a321");
  AssumeRoleProvider provider(
      settings,
      std::make_unique<StaticCredentialsProvider>(MakeCredentials("AKIAUSER", "user-secret")),
      &assumer_, &typo, nullptr, clock_);
  Status bad_code = provider.Provide().status();
  EXPECT_EQ(bad_code.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad_code.message().find("65a321"), std::string::npos) << bad_code.message();
}

TEST_F(AssumeRoleProviderTest, MissingCollaboratorsAreClearErrors) {
  AssumeRoleSettings settings = Settings();
  settings.params.mfa_serial = kMfa;
  AssumeRoleProvider no_prompter(
      settings,
      std::make_unique<StaticCredentialsProvider>(MakeCredentials("AKIAUSER", "user-secret")),
      &assumer_, nullptr, nullptr, clock_);
  Status status = no_prompter.Provide().status();
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find(std::string("needs a code from MFA device ") + kMfa),
            std::string::npos);

  AssumeRoleProvider no_assumer(
      Settings(),
      std::make_unique<StaticCredentialsProvider>(MakeCredentials("AKIAUSER", "user-secret")),
      nullptr, nullptr, nullptr, clock_);
  EXPECT_EQ(no_assumer.Provide().status().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace vueops::auth
