// Policy variables (IAM User Guide, "IAM policy elements: Variables and tags"): ${aws:username}
// in a Resource or a string/ARN condition value is replaced by the request's value of that key.
#ifndef VUEOPS_IAM_POLICY_VARIABLES_H_
#define VUEOPS_IAM_POLICY_VARIABLES_H_

#include <optional>
#include <string_view>

#include "iam/request_context.h"
#include "iam/wildcard.h"

namespace vueops::iam {

struct ExpandOptions {
  // '*' and '?' written in the text are wildcards (Resource, StringLike, ArnLike); otherwise
  // they are literal (StringEquals).
  bool wildcards = true;
  // Policy variables are replaced: only in policies of Version "2012-10-17"; older policies
  // read "${aws:username}" as literal text.
  bool variables = true;
};

// `text` as a pattern, each ${key} replaced by the key's single value in `context` (literal,
// never wildcards), ${key, 'default'} by the default when the key has no single value (''
// inside the quotes is one quote), and the escapes ${*} ${?} ${$} by a literal '*', '?', '$'.
// Keys are case-insensitive. Returns nullopt when a variable cannot be resolved (no value, a
// multivalued key, or an empty "${}"): AWS then treats the statement as not matching. A "${"
// with no closing brace is literal text.
std::optional<WildcardPattern> ExpandPolicyText(std::string_view text, const ContextValues& context,
                                                ExpandOptions options = {});

}  // namespace vueops::iam

#endif  // VUEOPS_IAM_POLICY_VARIABLES_H_
