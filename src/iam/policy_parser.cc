#include "iam/policy_parser.h"

#include <map>

#include "base/did_you_mean.h"
#include "iam/arn.h"

namespace vueops::iam {
namespace {

const std::vector<std::string> kPolicyElements = {"Version", "Id", "Statement"};
const std::vector<std::string> kStatementElements = {"Sid",       "Effect",       "Action",
                                                     "NotAction", "Resource",     "NotResource",
                                                     "Principal", "NotPrincipal", "Condition"};
const std::vector<std::string> kPrincipalTypes = {"AWS", "Service", "Federated", "CanonicalUser"};

// Where in the document a problem is: "Statement[1] (Sid \"X\"): Action".
class Location {
 public:
  explicit Location(std::string statement) : statement_(std::move(statement)) {}
  Status Error(std::string_view element, std::string_view message) const {
    std::string text = statement_;
    if (!element.empty()) text += (text.empty() ? "" : ": ") + std::string(element);
    return InvalidArgumentError(text + ": " + std::string(message));
  }

 private:
  std::string statement_;
};

// "an identity-based policy", "a trust policy".
std::string_view PolicyKindArticle(PolicyKind kind) {
  return kind == PolicyKind::kIdentity ? "an" : "a";
}

std::string Quote(std::string_view text) { return "\"" + std::string(text) + "\""; }

// A JSON scalar as the text IAM compares: strings as they are, numbers and booleans as written.
std::optional<std::string> ScalarText(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) return value.dump();
  return std::nullopt;
}

// A string or a non-empty array of strings.
Result<std::vector<std::string>> StringList(const Json& value, const Location& where,
                                            std::string_view element) {
  std::vector<std::string> list;
  if (value.is_string()) {
    list.push_back(value.get<std::string>());
    return list;
  }
  if (!value.is_array()) {
    return where.Error(
        element, "must be a string or an array of strings, not " + std::string(value.type_name()));
  }
  if (value.empty()) {
    return where.Error(element, "is an empty array; name at least one value or remove it");
  }
  for (const Json& item : value) {
    if (!item.is_string()) {
      return where.Error(element, "must hold only strings; found " + std::string(item.type_name()) +
                                      " " + item.dump());
    }
    list.push_back(item.get<std::string>());
  }
  return list;
}

Status CheckAction(const std::string& action, const Location& where, std::string_view element) {
  if (action == "*") return Status::Ok();
  size_t colon = action.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == action.size()) {
    return where.Error(element, Quote(action) +
                                    " is not \"service:action\"; write it like \"s3:GetObject\" "
                                    "or \"s3:Get*\", or \"*\" for every action");
  }
  return Status::Ok();
}

Status CheckResource(const std::string& resource, const Location& where, std::string_view element) {
  if (resource == "*") return Status::Ok();
  if (!ParseArn(resource)) {
    return where.Error(element, Quote(resource) +
                                    " is not an ARN or \"*\"; write "
                                    "arn:partition:service:region:account:resource, e.g. "
                                    "\"arn:aws:s3:::bucket/*\"");
  }
  return Status::Ok();
}

// An AWS principal: "*", an account id, an IAM or STS ARN, or a unique id (AIDA..., AROA...)
// that IAM shows in place of a deleted principal.
Status CheckAwsPrincipal(const std::string& value, const Location& where,
                         std::string_view element) {
  if (value == "*" || IsAccountId(value)) return Status::Ok();
  if (value.find_first_of("*?") != std::string::npos) {
    return where.Error(element, Quote(value) +
                                    " has a wildcard; a principal names a whole ARN or is \"*\": "
                                    "to match many, use \"*\" with an ArnLike condition on "
                                    "aws:PrincipalArn");
  }
  if (std::optional<Arn> arn = ParseArn(value)) {
    if (arn->service == "iam" || arn->service == "sts") return Status::Ok();
  }
  bool unique_id = value.size() >= 16;
  for (char c : value) unique_id = unique_id && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  if (unique_id) return Status::Ok();
  return where.Error(element, Quote(value) +
                                  " is not an AWS principal; write a 12-digit account id, "
                                  "\"arn:aws:iam::123456789012:root\", or a user, role or "
                                  "assumed-role ARN");
}

Result<std::vector<PrincipalEntry>> ParsePrincipals(const Json& value, const Location& where,
                                                    std::string_view element) {
  std::vector<PrincipalEntry> entries;
  if (value.is_string()) {
    if (value.get<std::string>() != "*") {
      return where.Error(element, Quote(value.get<std::string>()) +
                                      " is not a principal; write \"*\" or name the type: "
                                      "{\"AWS\": \"arn:aws:iam::123456789012:root\"}");
    }
    entries.push_back({PrincipalEntry::Type::kAny, "*"});
    return entries;
  }
  if (!value.is_object() || value.empty()) {
    return where.Error(element,
                       "must be \"*\" or an object such as {\"AWS\": [...]} or "
                       "{\"Service\": \"ec2.amazonaws.com\"}");
  }
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string& type_name = it.key();
    std::string field = std::string(element) + "." + type_name;
    PrincipalEntry::Type type;
    if (type_name == "AWS") {
      type = PrincipalEntry::Type::kAws;
    } else if (type_name == "Service") {
      type = PrincipalEntry::Type::kService;
    } else if (type_name == "Federated") {
      type = PrincipalEntry::Type::kFederated;
    } else if (type_name == "CanonicalUser") {
      type = PrincipalEntry::Type::kCanonicalUser;
    } else {
      std::string hint = DidYouMean(type_name, kPrincipalTypes);
      return where.Error(element, Quote(type_name) + " is not a principal type; " +
                                      (hint.empty() ? "use AWS, Service, Federated or "
                                                      "CanonicalUser"
                                                    : hint));
    }
    ASSIGN_OR_RETURN(std::vector<std::string> values, StringList(it.value(), where, field));
    for (std::string& entry : values) {
      if (type == PrincipalEntry::Type::kAws) {
        RETURN_IF_ERROR(CheckAwsPrincipal(entry, where, field));
        if (entry == "*") {
          entries.push_back({PrincipalEntry::Type::kAny, "*"});
          continue;
        }
      }
      entries.push_back({type, std::move(entry)});
    }
  }
  return entries;
}

Result<std::vector<ConditionClause>> ParseConditions(const Json& value, const Location& where) {
  std::vector<ConditionClause> clauses;
  if (!value.is_object()) {
    return where.Error("Condition",
                       "must be an object of operators, such as "
                       "{\"Bool\": {\"aws:SecureTransport\": \"true\"}}");
  }
  for (auto op_it = value.begin(); op_it != value.end(); ++op_it) {
    std::string field = "Condition." + op_it.key();
    Result<ConditionOperator> op = ParseConditionOperator(op_it.key());
    if (!op.ok()) return where.Error("Condition", op.status().message());
    if (!op_it.value().is_object() || op_it.value().empty()) {
      return where.Error(field,
                         "must be an object of condition keys and their values, such as "
                         "{\"aws:SourceVpce\": \"vpce-1a2b3c4d\"}");
    }
    for (auto key_it = op_it.value().begin(); key_it != op_it.value().end(); ++key_it) {
      std::string key_field = field + "." + key_it.key();
      ConditionClause clause{*op, key_it.key(), {}};
      const Json& values = key_it.value();
      std::vector<const Json*> items;
      if (values.is_array()) {
        if (values.empty()) {
          return where.Error(key_field, "is an empty array; give at least one value");
        }
        for (const Json& item : values) items.push_back(&item);
      } else {
        items.push_back(&values);
      }
      for (const Json* item : items) {
        std::optional<std::string> text = ScalarText(*item);
        if (!text) {
          return where.Error(key_field, "values must be strings, numbers or booleans; found " +
                                            std::string(item->type_name()));
        }
        Status valid = ValidateConditionValue(*op, *text);
        if (!valid.ok()) return where.Error(key_field, valid.message());
        clause.values.push_back(std::move(*text));
      }
      clauses.push_back(std::move(clause));
    }
  }
  return clauses;
}

Status CheckElementNames(const Json& statement, const Location& where) {
  for (auto it = statement.begin(); it != statement.end(); ++it) {
    bool known = false;
    for (const std::string& name : kStatementElements) known = known || it.key() == name;
    if (!known) {
      std::string hint = DidYouMean(it.key(), kStatementElements);
      return where.Error(it.key(), "is not a statement element; " +
                                       (hint.empty() ? "use Sid, Effect, Action, Resource, "
                                                       "Principal, Condition or their Not forms"
                                                     : hint));
    }
  }
  return Status::Ok();
}

Result<Statement> ParseStatement(const Json& json, size_t index, PolicyKind kind) {
  Statement statement;
  statement.index = index;
  Location where("Statement[" + std::to_string(index) + "]");
  if (!json.is_object()) {
    return where.Error("", "a statement is an object with Effect, Action and Resource; found " +
                               std::string(json.type_name()));
  }
  if (json.contains("Sid")) {
    if (!json["Sid"].is_string()) return where.Error("Sid", "must be a string");
    statement.sid = json["Sid"].get<std::string>();
  }
  where = Location(statement.Label());
  RETURN_IF_ERROR(CheckElementNames(json, where));

  if (!json.contains("Effect"))
    return where.Error("Effect", "is missing; add \"Allow\" or \"Deny\"");
  const Json& effect = json["Effect"];
  if (effect == "Allow") {
    statement.effect = Effect::kAllow;
  } else if (effect == "Deny") {
    statement.effect = Effect::kDeny;
  } else {
    return where.Error("Effect", effect.dump() + " must be \"Allow\" or \"Deny\" (as written)");
  }

  // Action or NotAction, exactly one.
  bool has_action = json.contains("Action");
  bool has_not_action = json.contains("NotAction");
  if (has_action == has_not_action) {
    return where.Error(has_action ? "NotAction" : "Action",
                       has_action ? "a statement has Action or NotAction, not both; remove one"
                                  : "is missing; add the actions the statement covers, e.g. "
                                    "\"s3:GetObject\", or NotAction");
  }
  statement.not_action = has_not_action;
  const char* action_element = has_action ? "Action" : "NotAction";
  ASSIGN_OR_RETURN(statement.actions, StringList(json[action_element], where, action_element));
  for (const std::string& action : statement.actions) {
    RETURN_IF_ERROR(CheckAction(action, where, action_element));
  }

  // Resource or NotResource: exactly one, except in trust policies, which have neither.
  bool has_resource = json.contains("Resource");
  bool has_not_resource = json.contains("NotResource");
  if (kind == PolicyKind::kTrust) {
    if (has_resource || has_not_resource) {
      return where.Error(has_resource ? "Resource" : "NotResource",
                         "a trust policy names no resource (the role is the resource); remove "
                         "it");
    }
  } else if (has_resource == has_not_resource) {
    return where.Error(has_resource ? "NotResource" : "Resource",
                       has_resource ? "a statement has Resource or NotResource, not both; remove "
                                      "one"
                                    : "is missing; add \"Resource\": \"*\" or the ARNs the "
                                      "statement covers");
  } else {
    statement.has_resource = true;
    statement.not_resource = has_not_resource;
    const char* element = has_resource ? "Resource" : "NotResource";
    ASSIGN_OR_RETURN(statement.resources, StringList(json[element], where, element));
    for (const std::string& resource : statement.resources) {
      RETURN_IF_ERROR(CheckResource(resource, where, element));
    }
  }

  // Principal or NotPrincipal: required in resource and trust policies, refused elsewhere.
  bool has_principal = json.contains("Principal");
  bool has_not_principal = json.contains("NotPrincipal");
  if (!NamesPrincipals(kind)) {
    if (has_principal || has_not_principal) {
      return where.Error(has_principal ? "Principal" : "NotPrincipal",
                         "is not allowed in " + std::string(PolicyKindArticle(kind)) + " " +
                             std::string(PolicyKindName(kind)) +
                             ": it applies to whoever it is attached to; remove it");
    }
  } else if (has_principal == has_not_principal) {
    return where.Error(has_principal ? "NotPrincipal" : "Principal",
                       has_principal ? "a statement has Principal or NotPrincipal, not both; "
                                       "remove one"
                                     : "is missing; name who the statement applies to, e.g. "
                                       "{\"AWS\": \"arn:aws:iam::123456789012:root\"}");
  } else {
    statement.has_principal = true;
    statement.not_principal = has_not_principal;
    const char* element = has_principal ? "Principal" : "NotPrincipal";
    ASSIGN_OR_RETURN(statement.principals, ParsePrincipals(json[element], where, element));
  }

  if (json.contains("Condition")) {
    ASSIGN_OR_RETURN(statement.conditions, ParseConditions(json["Condition"], where));
  }
  return statement;
}

}  // namespace

Result<Policy> ParsePolicyDocument(const Json& document, PolicyKind kind, std::string name) {
  Policy policy;
  policy.name = std::move(name);
  policy.kind = kind;
  std::string context = "policy " + Quote(policy.name);
  if (!document.is_object()) {
    return InvalidArgumentError(context +
                                ": a policy is a JSON object such as {\"Version\": "
                                "\"2012-10-17\", \"Statement\": [...]}; found " +
                                std::string(document.type_name()));
  }
  for (auto it = document.begin(); it != document.end(); ++it) {
    bool known = false;
    for (const std::string& element : kPolicyElements) known = known || it.key() == element;
    if (!known) {
      std::string hint = DidYouMean(it.key(), kPolicyElements);
      return InvalidArgumentError(context + ": " + it.key() + ": is not a policy element; " +
                                  (hint.empty() ? "use Version, Id and Statement" : hint));
    }
  }
  policy.version = std::string(kPolicyVersionOld);
  if (document.contains("Version")) {
    const Json& version = document["Version"];
    if (version != std::string(kPolicyVersionCurrent) &&
        version != std::string(kPolicyVersionOld)) {
      return InvalidArgumentError(context + ": Version: " + version.dump() +
                                  " is not a policy language version; write \"2012-10-17\"");
    }
    policy.version = version.get<std::string>();
  }
  if (!document.contains("Statement")) {
    return InvalidArgumentError(context + ": Statement: is missing; add at least one statement");
  }
  const Json& statements = document["Statement"];
  std::vector<const Json*> items;
  if (statements.is_array()) {
    if (statements.empty()) {
      return InvalidArgumentError(context + ": Statement: is empty; add at least one statement");
    }
    for (const Json& statement : statements) items.push_back(&statement);
  } else {
    items.push_back(&statements);
  }
  std::map<std::string, size_t> sids;
  for (size_t index = 0; index < items.size(); ++index) {
    Result<Statement> statement = ParseStatement(*items[index], index, kind);
    if (!statement.ok()) return statement.status().WithContext(context);
    if (!statement->sid.empty()) {
      auto [it, inserted] = sids.emplace(statement->sid, index);
      if (!inserted) {
        return InvalidArgumentError(context + ": " + statement->Label() + ": Sid: is also " +
                                    "Statement[" + std::to_string(it->second) +
                                    "]'s; Sids must be unique within a policy");
      }
    }
    policy.statements.push_back(std::move(*statement));
  }
  return policy;
}

Result<Policy> ParsePolicy(std::string_view json_text, PolicyKind kind, std::string name) {
  Result<Json> document = ParseJson(json_text);
  if (!document.ok()) return document.status().WithContext("policy " + Quote(name));
  return ParsePolicyDocument(*document, kind, std::move(name));
}

}  // namespace vueops::iam
