#include "ops/role_session.h"

#include <cctype>

namespace vueops::ops {
namespace {

constexpr size_t kMaxSessionNameLength = 64;
constexpr int kSecondsPerHour = 3600;

bool SessionNameCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '+' || c == '=' ||
         c == ',' || c == '.' || c == '@' || c == '-';
}

}  // namespace

std::string SessionNameFor(const CallerIdentity& caller) {
  std::string who = caller.kind == CallerKind::kRoleSession ? caller.session_name : caller.name;
  std::string name = "vueops-";
  for (char c : who) name += SessionNameCharacter(c) ? c : '-';
  if (name == "vueops-") name += "operator";
  if (name.size() > kMaxSessionNameLength) name.resize(kMaxSessionNameLength);
  return name;
}

Result<std::chrono::seconds> ParseSessionDuration(const std::string& text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  std::string unit = text.substr(digits);
  if (digits == 0 || digits > 6 || !(unit.empty() || unit == "s" || unit == "m" || unit == "h")) {
    return InvalidArgumentError("'" + text + "' is not a duration; write e.g. 1h, 90m or 3600s");
  }
  int64_t value = std::stoll(text.substr(0, digits));
  int64_t scale = unit == "h" ? kSecondsPerHour : unit == "m" ? 60 : 1;
  return std::chrono::seconds(value * scale);
}

Result<RoleSession> PlanRoleSession(const RoleSessionInputs& inputs) {
  RoleSession session;
  session.params.role_arn =
      "arn:" + inputs.partition + ":iam::" + inputs.account_id + ":role/" + inputs.role_name;
  session.params.role_session_name = SessionNameFor(inputs.caller);
  session.params.mfa_serial = inputs.mfa_serial;
  session.chained = inputs.caller.kind == CallerKind::kRoleSession;

  std::chrono::seconds maximum(static_cast<int64_t>(inputs.role_max_session_hours) *
                               kSecondsPerHour);
  std::chrono::seconds duration = inputs.requested.value_or(maximum);
  if (duration < kShortestSession) {
    return InvalidArgumentError("--duration " + std::to_string(duration.count()) +
                                "s is below STS's minimum of 15 minutes (900s)");
  }
  if (duration > maximum) {
    return InvalidArgumentError("--duration " + std::to_string(duration.count()) + "s is above " +
                                inputs.role_name + "'s maximum session of " +
                                std::to_string(inputs.role_max_session_hours) +
                                "h (the spec's max_session_hours)");
  }
  if (session.chained && duration > kChainedSessionLimit) {
    session.notes.push_back(
        "the session lasts 3600s (1h), not " + std::to_string(duration.count()) +
        "s: the caller is itself a role session (" + DescribeCaller(inputs.caller) +
        "), and STS caps a chained role at one hour");
    duration = kChainedSessionLimit;
  }
  session.params.duration = duration;
  return session;
}

}  // namespace vueops::ops
