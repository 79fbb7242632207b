// Who the operator's credentials are, from the ARN sts:GetCallerIdentity returns: an IAM user
// (the notes' way in: "IAM roles assumed by IAM users in the vueusers account"), a role
// session (so assuming another role is role chaining), or something else.
#ifndef VUEOPS_OPS_CALLER_IDENTITY_H_
#define VUEOPS_OPS_CALLER_IDENTITY_H_

#include <string>
#include <string_view>

namespace vueops::ops {

enum class CallerKind {
  kUser,         // arn:aws:iam::ACCOUNT:user[/PATH]/NAME
  kRoleSession,  // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION
  kRoot,         // arn:aws:iam::ACCOUNT:root
  kOther,        // a federated user, or an ARN this does not know
};

struct CallerIdentity {
  std::string arn;
  std::string account;  // 12 digits
  CallerKind kind = CallerKind::kOther;
  std::string name;          // the user's name, or the role's for a role session
  std::string session_name;  // a role session's name
};

// Parses an ARN as sts:GetCallerIdentity returns it (IAM User Guide, "IAM identifiers").
// Never fails: what it cannot read is kOther, with the account when the ARN has one.
CallerIdentity ParseCallerArn(std::string_view arn);

// "user alice (123456789012)", "role session VueAdmin/alice (123456789012)", for messages.
std::string DescribeCaller(const CallerIdentity& caller);

}  // namespace vueops::ops

#endif  // VUEOPS_OPS_CALLER_IDENTITY_H_
