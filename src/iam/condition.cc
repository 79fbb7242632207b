#include "iam/condition.h"

#include <array>

#include "base/did_you_mean.h"
#include "iam/arn.h"
#include "iam/condition_values.h"
#include "iam/policy_variables.h"
#include "iam/wildcard.h"

namespace vueops::iam {
namespace {

struct BaseOperator {
  const char* name;
  ConditionType type;
  Comparison comparison;
  bool negated;
  bool ignore_case;
};

// Every operator AWS documents, without its qualifier and IfExists suffix.
constexpr std::array<BaseOperator, 27> kBaseOperators = {{
    {"StringEquals", ConditionType::kString, Comparison::kEquals, false, false},
    {"StringNotEquals", ConditionType::kString, Comparison::kEquals, true, false},
    {"StringEqualsIgnoreCase", ConditionType::kString, Comparison::kEquals, false, true},
    {"StringNotEqualsIgnoreCase", ConditionType::kString, Comparison::kEquals, true, true},
    {"StringLike", ConditionType::kString, Comparison::kLike, false, false},
    {"StringNotLike", ConditionType::kString, Comparison::kLike, true, false},
    {"NumericEquals", ConditionType::kNumeric, Comparison::kEquals, false, false},
    {"NumericNotEquals", ConditionType::kNumeric, Comparison::kEquals, true, false},
    {"NumericLessThan", ConditionType::kNumeric, Comparison::kLessThan, false, false},
    {"NumericLessThanEquals", ConditionType::kNumeric, Comparison::kLessThanEquals, false, false},
    {"NumericGreaterThan", ConditionType::kNumeric, Comparison::kGreaterThan, false, false},
    {"NumericGreaterThanEquals", ConditionType::kNumeric, Comparison::kGreaterThanEquals, false,
     false},
    {"DateEquals", ConditionType::kDate, Comparison::kEquals, false, false},
    {"DateNotEquals", ConditionType::kDate, Comparison::kEquals, true, false},
    {"DateLessThan", ConditionType::kDate, Comparison::kLessThan, false, false},
    {"DateLessThanEquals", ConditionType::kDate, Comparison::kLessThanEquals, false, false},
    {"DateGreaterThan", ConditionType::kDate, Comparison::kGreaterThan, false, false},
    {"DateGreaterThanEquals", ConditionType::kDate, Comparison::kGreaterThanEquals, false, false},
    {"Bool", ConditionType::kBool, Comparison::kEquals, false, false},
    {"BinaryEquals", ConditionType::kBinary, Comparison::kEquals, false, false},
    {"IpAddress", ConditionType::kIpAddress, Comparison::kEquals, false, false},
    {"NotIpAddress", ConditionType::kIpAddress, Comparison::kEquals, true, false},
    // ArnEquals and ArnLike behave the same: both take wildcards, part by part.
    {"ArnEquals", ConditionType::kArn, Comparison::kLike, false, false},
    {"ArnLike", ConditionType::kArn, Comparison::kLike, false, false},
    {"ArnNotEquals", ConditionType::kArn, Comparison::kLike, true, false},
    {"ArnNotLike", ConditionType::kArn, Comparison::kLike, true, false},
    {"Null", ConditionType::kNull, Comparison::kExists, false, false},
}};

constexpr std::string_view kForAnyValue = "ForAnyValue:";
constexpr std::string_view kForAllValues = "ForAllValues:";
constexpr std::string_view kIfExists = "IfExists";

std::vector<std::string> OperatorNames() {
  std::vector<std::string> names;
  for (const BaseOperator& base : kBaseOperators) names.push_back(base.name);
  return names;
}

template <typename T>
bool Compare(Comparison comparison, T request, T policy) {
  switch (comparison) {
    case Comparison::kEquals:
    case Comparison::kLike: return request == policy;
    case Comparison::kLessThan: return request < policy;
    case Comparison::kLessThanEquals: return request <= policy;
    case Comparison::kGreaterThan: return request > policy;
    case Comparison::kGreaterThanEquals: return request >= policy;
    case Comparison::kExists: return false;
  }
  return false;
}

// Whether one request value matches one policy value, before any negation. `pattern` is the
// policy value with its variables replaced (string and ARN operators only).
bool ValueMatches(const ConditionOperator& op, std::string_view request_value,
                  std::string_view policy_value, const WildcardPattern& pattern) {
  switch (op.type) {
    case ConditionType::kString:
      return op.comparison == Comparison::kLike
                 ? pattern.Matches(request_value, op.ignore_case)
                 : pattern.EqualsLiteral(request_value, op.ignore_case);
    case ConditionType::kArn: return ArnMatches(pattern, request_value);
    case ConditionType::kNumeric: {
      std::optional<double> request = ParseNumber(request_value);
      std::optional<double> policy = ParseNumber(policy_value);
      return request && policy && Compare(op.comparison, *request, *policy);
    }
    case ConditionType::kDate: {
      std::optional<double> request = ParseDate(request_value);
      std::optional<double> policy = ParseDate(policy_value);
      return request && policy && Compare(op.comparison, *request, *policy);
    }
    case ConditionType::kBool: {
      std::optional<bool> request = ParseBool(request_value);
      std::optional<bool> policy = ParseBool(policy_value);
      return request && policy && *request == *policy;
    }
    // Base64 text compared as written: the request carries the same encoding.
    case ConditionType::kBinary: return request_value == policy_value;
    case ConditionType::kIpAddress: {
      std::optional<IpRange> range = ParseIpRange(policy_value);
      std::optional<IpRange> address = ParseIpRange(request_value);
      return range && address && range->Contains(*address);
    }
    case ConditionType::kNull: return false;
  }
  return false;
}

}  // namespace

Result<ConditionOperator> ParseConditionOperator(std::string_view name) {
  ConditionOperator op;
  op.name = std::string(name);
  std::string_view base = name;
  if (base.starts_with(kForAnyValue)) {
    op.qualifier = SetQualifier::kForAnyValue;
    base.remove_prefix(kForAnyValue.size());
  } else if (base.starts_with(kForAllValues)) {
    op.qualifier = SetQualifier::kForAllValues;
    base.remove_prefix(kForAllValues.size());
  }
  if (base.ends_with(kIfExists)) {
    op.if_exists = true;
    base.remove_suffix(kIfExists.size());
  }
  for (const BaseOperator& candidate : kBaseOperators) {
    if (base != candidate.name) continue;
    op.type = candidate.type;
    op.comparison = candidate.comparison;
    op.negated = candidate.negated;
    op.ignore_case = candidate.ignore_case;
    if (op.type == ConditionType::kNull && op.if_exists) {
      return InvalidArgumentError("\"" + op.name +
                                  "\" is not a condition operator: Null already tests whether "
                                  "the key exists; write \"Null\"");
    }
    return op;
  }
  std::string hint = DidYouMean(base, OperatorNames());
  if (hint.empty()) {
    hint =
        "use one of StringEquals, StringLike, ArnLike, Bool, IpAddress, NumericLessThan, "
        "DateGreaterThan, Null (and their Not/IfExists forms)";
  }
  return InvalidArgumentError("\"" + op.name + "\" is not a condition operator; " + hint);
}

Status ValidateConditionValue(const ConditionOperator& op, std::string_view value) {
  std::string quoted = "\"" + std::string(value) + "\"";
  switch (op.type) {
    case ConditionType::kNumeric:
      if (!ParseNumber(value)) {
        return InvalidArgumentError(quoted +
                                    " is not a number; write digits such as \"10\" or "
                                    "\"2.5\"");
      }
      break;
    case ConditionType::kDate:
      if (!ParseDate(value)) {
        return InvalidArgumentError(quoted +
                                    " is not a date; write ISO 8601 "
                                    "(\"2024-01-31T00:00:00Z\") or epoch seconds");
      }
      break;
    case ConditionType::kBool:
    case ConditionType::kNull:
      if (!ParseBool(value)) {
        return InvalidArgumentError(quoted + " is not a boolean; write \"true\" or \"false\"");
      }
      break;
    case ConditionType::kIpAddress:
      if (!ParseIpRange(value)) {
        return InvalidArgumentError(quoted +
                                    " is not an IP address or CIDR range; write "
                                    "\"203.0.113.0/24\" or \"2001:db8::/32\"");
      }
      break;
    case ConditionType::kString:
    case ConditionType::kBinary:
    case ConditionType::kArn: break;
  }
  return Status::Ok();
}

ConditionResult EvaluateCondition(const ConditionClause& clause, const ContextValues& context,
                                  bool variables) {
  const ConditionOperator& op = clause.op;
  const ContextValue* found = context.Find(clause.key);
  const bool present = found != nullptr && !found->values.empty();
  auto result = [](bool value) { return value ? ConditionResult::kTrue : ConditionResult::kFalse; };

  if (op.type == ConditionType::kNull) {
    // "true": the key must be absent; "false": present. Several values: any (OR).
    for (const std::string& value : clause.values) {
      std::optional<bool> want_absent = ParseBool(value);
      if (want_absent && *want_absent == !present) return ConditionResult::kTrue;
    }
    return ConditionResult::kFalse;
  }
  if (!present) {
    if (op.if_exists) return ConditionResult::kTrue;
    if (op.qualifier == SetQualifier::kForAllValues) return ConditionResult::kTrue;
    if (op.qualifier == SetQualifier::kForAnyValue) return ConditionResult::kFalse;
    return result(op.negated);
  }

  std::vector<WildcardPattern> patterns;
  patterns.reserve(clause.values.size());
  for (const std::string& value : clause.values) {
    if (!op.TakesVariables()) {
      patterns.push_back(WildcardPattern::Literal(value));
      continue;
    }
    std::optional<WildcardPattern> pattern = ExpandPolicyText(
        value, context, {.wildcards = op.comparison == Comparison::kLike, .variables = variables});
    if (!pattern) return ConditionResult::kUnresolvedVariable;
    patterns.push_back(std::move(*pattern));
  }
  // One request value against every policy value: OR, or NOR for a negated operator.
  auto passes = [&](const std::string& request_value) {
    bool any = false;
    for (size_t i = 0; i < clause.values.size() && !any; ++i) {
      any = ValueMatches(op, request_value, clause.values[i], patterns[i]);
    }
    return op.negated ? !any : any;
  };
  if (op.qualifier == SetQualifier::kForAllValues) {
    for (const std::string& value : found->values) {
      if (!passes(value)) return ConditionResult::kFalse;
    }
    return ConditionResult::kTrue;
  }
  for (const std::string& value : found->values) {
    if (passes(value)) return ConditionResult::kTrue;
  }
  return ConditionResult::kFalse;
}

}  // namespace vueops::iam
