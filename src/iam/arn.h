// Amazon Resource Names as IAM compares them: six colon-separated parts,
// arn:partition:service:region:account:resource, where the resource part may hold more colons.
#ifndef VUEOPS_IAM_ARN_H_
#define VUEOPS_IAM_ARN_H_

#include <optional>
#include <string>
#include <string_view>

#include "iam/wildcard.h"

namespace vueops::iam {

// The number of colon-separated parts of an ARN (IAM User Guide, "IAM identifiers").
inline constexpr size_t kArnParts = 6;

struct Arn {
  std::string partition;
  std::string service;
  std::string region;
  std::string account;
  std::string resource;  // "user/path/name", "role/name", "assumed-role/role/session", "root"
};

// The parts of `text`, or nullopt when it does not start with "arn:" or has fewer than six parts.
std::optional<Arn> ParseArn(std::string_view text);

// ArnLike/ArnEquals and the Resource element: each of the six parts matched on its own, so a
// '*' never crosses a part's colon (although in the resource part, which keeps any further
// colons, it crosses '/' and ':' alike). A pattern that is only "*" matches every value; any
// other pattern with fewer than six parts matches nothing. Case-sensitive, as ARNs are.
bool ArnMatches(const WildcardPattern& pattern, std::string_view arn);

// "arn:<partition>:iam::<account>:root" for the account's partition ("aws" when unknown).
std::string AccountRootArn(std::string_view account, std::string_view partition = "aws");

// Whether `text` is a 12-digit AWS account id.
bool IsAccountId(std::string_view text);

}  // namespace vueops::iam

#endif  // VUEOPS_IAM_ARN_H_
