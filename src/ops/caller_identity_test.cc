// Who GetCallerIdentity's ARN says the caller is.
#include "ops/caller_identity.h"

#include <gtest/gtest.h>

namespace vueops::ops {
namespace {

TEST(CallerIdentityTest, AUserIsNamedWithoutItsPath) {
  CallerIdentity caller = ParseCallerArn("arn:aws:iam::111122223333:user/operators/alice");
  EXPECT_EQ(caller.kind, CallerKind::kUser);
  EXPECT_EQ(caller.account, "111122223333");
  EXPECT_EQ(caller.name, "alice");
  EXPECT_EQ(DescribeCaller(caller), "user alice (111122223333)");
}

TEST(CallerIdentityTest, ARoleSessionNamesTheRoleAndTheSession) {
  CallerIdentity caller =
      ParseCallerArn("arn:aws:sts::111122223333:assumed-role/VueAdmin/vueops-alice");
  EXPECT_EQ(caller.kind, CallerKind::kRoleSession);
  EXPECT_EQ(caller.name, "VueAdmin");
  EXPECT_EQ(caller.session_name, "vueops-alice");
  EXPECT_EQ(DescribeCaller(caller), "role session VueAdmin/vueops-alice (111122223333)");
}

TEST(CallerIdentityTest, TheRootUserAndOthers) {
  EXPECT_EQ(ParseCallerArn("arn:aws:iam::111122223333:root").kind, CallerKind::kRoot);
  CallerIdentity federated = ParseCallerArn("arn:aws:sts::111122223333:federated-user/bob");
  EXPECT_EQ(federated.kind, CallerKind::kOther);
  EXPECT_EQ(federated.account, "111122223333");
  CallerIdentity garbage = ParseCallerArn("not an arn");
  EXPECT_EQ(garbage.kind, CallerKind::kOther);
  EXPECT_EQ(garbage.account, "");
  EXPECT_EQ(DescribeCaller(garbage), "not an arn");
}

TEST(CallerIdentityTest, MotosAnswerForUnknownKeysIsAUser) {
  // moto answers arn:aws:sts::ACCOUNT:user/moto for credentials it did not issue.
  CallerIdentity caller = ParseCallerArn("arn:aws:sts::123456789012:user/moto");
  EXPECT_EQ(caller.kind, CallerKind::kUser);
  EXPECT_EQ(caller.name, "moto");
}

}  // namespace
}  // namespace vueops::ops
