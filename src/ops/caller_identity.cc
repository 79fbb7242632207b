#include "ops/caller_identity.h"

#include <vector>

namespace vueops::ops {
namespace {

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t at = text.find(separator); at != std::string_view::npos;
       at = text.find(separator, start)) {
    parts.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

}  // namespace

CallerIdentity ParseCallerArn(std::string_view arn) {
  CallerIdentity caller;
  caller.arn = std::string(arn);
  // arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, where RESOURCE may itself hold colons.
  std::vector<std::string_view> fields = Split(arn, ':');
  if (fields.size() < 6 || fields[0] != "arn") return caller;
  caller.account = std::string(fields[4]);
  // The resource is everything after the fifth colon.
  size_t at = 0;
  for (int colon = 0; colon < 5; ++colon) at = arn.find(':', at) + 1;
  std::string_view resource = arn.substr(at);
  std::string_view service = fields[2];
  std::vector<std::string_view> parts = Split(resource, '/');
  if (service == "iam" && resource == "root") {
    caller.kind = CallerKind::kRoot;
    caller.name = "root";
  } else if (parts.size() >= 2 && parts.front() == "user") {
    // A user's path sits between "user/" and its name; the name is the last part. (moto
    // answers "arn:aws:sts::ACCOUNT:user/moto" for credentials it does not know.)
    caller.kind = CallerKind::kUser;
    caller.name = std::string(parts.back());
  } else if (service == "sts" && parts.size() >= 3 && parts.front() == "assumed-role") {
    caller.kind = CallerKind::kRoleSession;
    caller.name = std::string(parts[1]);
    caller.session_name = std::string(parts.back());
  } else if (!parts.empty()) {
    caller.name = std::string(parts.back());
  }
  return caller;
}

std::string DescribeCaller(const CallerIdentity& caller) {
  std::string account = caller.account.empty() ? "" : " (" + caller.account + ")";
  switch (caller.kind) {
    case CallerKind::kUser: return "user " + caller.name + account;
    case CallerKind::kRoleSession:
      return "role session " + caller.name + "/" + caller.session_name + account;
    case CallerKind::kRoot: return "the root user" + account;
    case CallerKind::kOther: break;
  }
  return caller.arn;
}

}  // namespace vueops::ops
