// The AssumeRole request: ARN, session name, duration and the role-chaining cap.
#include "ops/role_session.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vueops::ops {
namespace {

using std::chrono::seconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

RoleSessionInputs Inputs(std::string caller_arn) {
  RoleSessionInputs inputs;
  inputs.account_id = "444455556666";
  inputs.role_name = "VueAdmin";
  inputs.caller = ParseCallerArn(caller_arn);
  inputs.role_max_session_hours = 12;
  return inputs;
}

TEST(RoleSessionTest, AUserGetsTheRolesMaximumAndItsMfaDevice) {
  RoleSessionInputs inputs = Inputs("arn:aws:iam::111122223333:user/alice");
  inputs.mfa_serial = "arn:aws:iam::111122223333:mfa/alice";
  Result<RoleSession> session = PlanRoleSession(inputs);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_EQ(session->params.role_arn, "arn:aws:iam::444455556666:role/VueAdmin");
  EXPECT_EQ(session->params.role_session_name, "vueops-alice");
  EXPECT_EQ(session->params.duration, seconds(43200));
  EXPECT_EQ(session->params.mfa_serial, "arn:aws:iam::111122223333:mfa/alice");
  EXPECT_FALSE(session->chained);
  EXPECT_TRUE(session->notes.empty());
}

TEST(RoleSessionTest, ARoleSessionIsChainedAndCappedAtOneHourWithANote) {
  Result<RoleSession> session =
      PlanRoleSession(Inputs("arn:aws:sts::111122223333:assumed-role/Base/alice@example.com"));
  ASSERT_TRUE(session.ok());
  EXPECT_TRUE(session->chained);
  EXPECT_EQ(session->params.duration, seconds(3600));
  EXPECT_EQ(session->params.role_session_name, "vueops-alice@example.com");
  ASSERT_EQ(session->notes.size(), 1u);
  EXPECT_THAT(session->notes[0], HasSubstr("not 43200s"));
  EXPECT_THAT(session->notes[0], HasSubstr("role session Base/alice@example.com"));
}

TEST(RoleSessionTest, AChainedHourIsNotWorthANote) {
  RoleSessionInputs inputs = Inputs("arn:aws:sts::111122223333:assumed-role/Base/s");
  inputs.requested = seconds(1800);
  Result<RoleSession> session = PlanRoleSession(inputs);
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(session->params.duration, seconds(1800));
  EXPECT_TRUE(session->notes.empty());
}

TEST(RoleSessionTest, DurationsOutsideWhatStsAndTheRoleAllowAreRefused) {
  RoleSessionInputs inputs = Inputs("arn:aws:iam::111122223333:user/alice");
  inputs.requested = seconds(600);
  EXPECT_THAT(PlanRoleSession(inputs).status().message(), HasSubstr("minimum of 15 minutes"));
  inputs.requested = seconds(13 * 3600);
  EXPECT_THAT(PlanRoleSession(inputs).status().message(), HasSubstr("maximum session of 12h"));
}

TEST(RoleSessionTest, SessionNamesKeepToStsCharacters) {
  EXPECT_EQ(SessionNameFor(ParseCallerArn("arn:aws:iam::1:user/j doe!")), "vueops-j-doe-");
  EXPECT_EQ(SessionNameFor(ParseCallerArn("arn:aws:iam::1:user/" + std::string(80, 'x'))).size(),
            64u);
}

TEST(ParseSessionDurationTest, UnitsAndErrors) {
  EXPECT_EQ(*ParseSessionDuration("1h"), seconds(3600));
  EXPECT_EQ(*ParseSessionDuration("90m"), seconds(5400));
  EXPECT_EQ(*ParseSessionDuration("900s"), seconds(900));
  EXPECT_EQ(*ParseSessionDuration("3600"), seconds(3600));
  EXPECT_FALSE(ParseSessionDuration("1d").ok());
  EXPECT_FALSE(ParseSessionDuration("h").ok());
  EXPECT_FALSE(ParseSessionDuration("").ok());
}

}  // namespace
}  // namespace vueops::ops
