// Condition operators (IAM User Guide, "IAM JSON policy elements: Condition operators" and
// "Single-valued vs. multivalued context keys"): their names, the values they accept, and how
// one operator-key-values clause of a Condition block is decided against a request.
#ifndef VUEOPS_IAM_CONDITION_H_
#define VUEOPS_IAM_CONDITION_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "iam/request_context.h"

namespace vueops::iam {

enum class ConditionType { kString, kNumeric, kDate, kBool, kBinary, kIpAddress, kArn, kNull };

enum class Comparison {
  kEquals,  // String/Numeric/Date/Bool/Binary/ArnEquals; IpAddress (in range)
  kLike,    // StringLike, ArnLike (ArnEquals compares the same way)
  kLessThan,
  kLessThanEquals,
  kGreaterThan,
  kGreaterThanEquals,
  kExists,  // Null: compares the key's presence, not its values
};

enum class SetQualifier { kNone, kForAnyValue, kForAllValues };

struct ConditionOperator {
  std::string name;  // as written: "ForAnyValue:StringNotLikeIfExists"
  ConditionType type = ConditionType::kString;
  Comparison comparison = Comparison::kEquals;
  bool negated = false;      // StringNotEquals, NotIpAddress, ...: true when no value matches
  bool ignore_case = false;  // StringEqualsIgnoreCase
  bool if_exists = false;    // ...IfExists: a missing key makes the clause true
  SetQualifier qualifier = SetQualifier::kNone;

  // String and ARN operators take policy variables (and Like forms wildcards); the other
  // types compare values as written.
  bool TakesVariables() const {
    return type == ConditionType::kString || type == ConditionType::kArn;
  }
};

// The operator a Condition block's member names, or an InvalidArgument error naming the
// operator with a did-you-mean hint.
Result<ConditionOperator> ParseConditionOperator(std::string_view name);

// OK when `value` is one the operator can compare (a number for Numeric*, a date for Date*,
// "true"/"false" for Bool and Null, an address or CIDR for IpAddress); otherwise an
// InvalidArgument error whose message says what to write instead.
Status ValidateConditionValue(const ConditionOperator& op, std::string_view value);

// One key of one operator: "StringEquals": {"aws:SourceVpce": ["vpce-1", "vpce-2"]}.
struct ConditionClause {
  ConditionOperator op;
  std::string key;                  // as written; compared case-insensitively
  std::vector<std::string> values;  // JSON numbers and booleans kept as their text
};

enum class ConditionResult { kFalse, kTrue, kUnresolvedVariable };

// Decides the clause against the request's condition keys:
//   - missing key (absent, or a multivalued key with no values): ...IfExists and ForAllValues
//     are true, ForAnyValue false, a negated operator true, any other false; Null compares
//     presence ("true" means absent);
//   - one request value against the policy values: any match (OR); for a negated operator,
//     no match (NOR);
//   - ForAnyValue: some request value passes that test; ForAllValues: every request value
//     does; without a qualifier a multivalued key is read as ForAnyValue.
// kUnresolvedVariable when a policy value's variable has no value in the request: AWS then
// ignores the whole statement. `variables` is false for policies older than 2012-10-17.
ConditionResult EvaluateCondition(const ConditionClause& clause, const ContextValues& context,
                                  bool variables);

}  // namespace vueops::iam

#endif  // VUEOPS_IAM_CONDITION_H_
