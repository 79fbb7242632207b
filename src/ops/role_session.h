// The sts:AssumeRole request an operator's `vueops assume` makes: the role's ARN in the
// account, a session name that says who, the duration the role allows, clamped to one hour
// when the caller is itself a role session (role chaining), and the MFA device the profile
// names.
#ifndef VUEOPS_OPS_ROLE_SESSION_H_
#define VUEOPS_OPS_ROLE_SESSION_H_

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "auth/role_assumer.h"
#include "ops/caller_identity.h"

namespace vueops::ops {

// STS refuses DurationSeconds above 3600 when the caller is a role session ("role chaining
// limits your AWS CLI or AWS API role session to a maximum of one hour", IAM User Guide,
// "Roles terms and concepts"), and below 900 always (STS API Reference, AssumeRole).
inline constexpr std::chrono::seconds kChainedSessionLimit{3600};
inline constexpr std::chrono::seconds kShortestSession{900};

struct RoleSessionInputs {
  std::string partition = "aws";
  std::string account_id;
  std::string role_name;
  CallerIdentity caller;
  int role_max_session_hours = 1;                 // the role's MaxSessionDuration, in hours
  std::optional<std::chrono::seconds> requested;  // --duration; unset: the role's maximum
  std::string mfa_serial;                         // the profile's mfa_serial; empty: none
};

struct RoleSession {
  auth::AssumeRoleParams params;
  bool chained = false;
  std::vector<std::string> notes;  // a clamped duration, said to the operator
};

// REQUIRES: account_id and role_name are not empty.
// kInvalidArgument for a requested duration below 15 minutes or above the role's maximum.
Result<RoleSession> PlanRoleSession(const RoleSessionInputs& inputs);

// "vueops-alice": the session name CloudTrail shows, from the caller's user or session name,
// reduced to what STS accepts ([\w+=,.@-], 2 to 64 characters).
std::string SessionNameFor(const CallerIdentity& caller);

// "1h", "90m", "3600s", "3600": a duration in seconds. kInvalidArgument otherwise.
Result<std::chrono::seconds> ParseSessionDuration(const std::string& text);

}  // namespace vueops::ops

#endif  // VUEOPS_OPS_ROLE_SESSION_H_
