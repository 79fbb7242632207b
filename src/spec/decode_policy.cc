// IAM policy documents written in YAML: checked against the IAM JSON policy grammar
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html) and
// kept as the JSON AWS takes.
#include "spec/decode.h"

namespace vueops::spec {
namespace {

// Policy text is strings all the way down (IAM accepts "true" and "10" as condition values).
// vueops variables (${env}) are replaced; IAM's own (${aws:username}) are kept.
Json ToJson(DecodeContext& context, const Node& node) {
  switch (node.kind) {
    case Node::Kind::kNull: return nullptr;
    case Node::Kind::kScalar: return context.Interpolate(node.scalar, node);
    case Node::Kind::kSequence: {
      Json list = Json::array();
      for (const NodePtr& item : node.items) list.push_back(ToJson(context, *item));
      return list;
    }
    case Node::Kind::kMapping: {
      Json object = Json::object();
      for (const MapEntry& entry : node.entries) object[entry.key] = ToJson(context, *entry.value);
      return object;
    }
  }
  return nullptr;
}

bool CheckStringOrList(DecodeContext& context, const Node& node, const std::string& what) {
  std::vector<std::string> ignored;
  return ReadStringList(context, node, what, &ignored);
}

void CheckStatement(DecodeContext& context, const Node& node, const std::string& what) {
  Element element;
  MapReader reader(context, &node, what, &element, true);
  if (!reader.ok()) return;
  std::string effect;
  if (reader.String("Effect", &effect, true) && effect != "Allow" && effect != "Deny") {
    ReportBadEnum(context, *reader.Get("Effect"), "Effect of " + what, {"Allow", "Deny"});
  }
  reader.Get("Sid");
  const Node* action = reader.Get("Action");
  const Node* not_action = reader.Get("NotAction");
  if ((action == nullptr) == (not_action == nullptr)) {
    context.Error("spec.value", node,
                  what + " needs exactly one of Action and NotAction");
  }
  for (const Node* list : {action, not_action}) {
    if (list != nullptr) CheckStringOrList(context, *list, "Action of " + what);
  }
  const Node* resource = reader.Get("Resource");
  const Node* not_resource = reader.Get("NotResource");
  if (resource != nullptr && not_resource != nullptr) {
    context.Error("spec.value", node, what + " has both Resource and NotResource");
  }
  for (const Node* list : {resource, not_resource}) {
    if (list != nullptr) CheckStringOrList(context, *list, "Resource of " + what);
  }
  for (const char* key : {"Principal", "NotPrincipal"}) {
    const Node* principal = reader.Get(key);
    if (principal == nullptr) continue;
    if (principal->is_scalar()) {
      if (principal->scalar != "*") {
        context.Error("spec.value", *principal,
                      std::string(key) + " of " + what + " must be \"*\" or a mapping",
                      "write e.g. Principal: {AWS: arn:aws:iam::123456789012:root}");
      }
      continue;
    }
    MapReader principals(context, principal, std::string(key) + " of " + what);
    for (const char* kind : {"AWS", "Service", "Federated", "CanonicalUser"}) {
      if (const Node* value = principals.Get(kind)) {
        CheckStringOrList(context, *value, std::string(kind) + " principal of " + what);
      }
    }
    principals.Finish();
  }
  if (const Node* condition = reader.Get("Condition")) {
    MapReader operators(context, condition, "Condition of " + what);
    if (operators.ok()) {
      for (const MapEntry& entry : condition->entries) {
        operators.Get(entry.key);
        MapReader keys(context, entry.value.get(), "condition " + entry.key + " of " + what);
        if (!keys.ok()) continue;
        for (const MapEntry& key : entry.value->entries) {
          keys.Get(key.key);
          CheckStringOrList(context, *key.value, "condition " + key.key);
        }
      }
    }
  }
  reader.Finish();
}

}  // namespace

bool DecodePolicyDocument(DecodeContext& context, const Node& node, std::string_view what,
                          PolicyDocument* out) {
  size_t errors_before = context.diagnostics().error_count();
  std::string name = "policy of " + std::string(what);
  MapReader reader(context, &node, name, out, true);
  if (!reader.ok()) return false;
  std::string version;
  if (reader.String("Version", &version) && version != "2012-10-17" && version != "2008-10-17") {
    context.Error("spec.value", *reader.Get("Version"),
                  "Version of " + name + " is '" + version + "'",
                  "use Version: \"2012-10-17\", the current policy language");
  }
  reader.Get("Id");
  const Node* statements = reader.Require("Statement", "Statement: [{Effect: Allow, ...}]");
  if (statements != nullptr) {
    if (statements->is_sequence()) {
      for (size_t i = 0; i < statements->items.size(); ++i) {
        CheckStatement(context, *statements->items[i],
                       "statement " + std::to_string(i + 1) + " of " + name);
      }
    } else {
      CheckStatement(context, *statements, "the statement of " + name);
    }
  }
  reader.Finish();
  out->document = ToJson(context, node);
  if (!out->document.contains("Version")) out->document["Version"] = "2012-10-17";
  return context.diagnostics().error_count() == errors_before;
}

}  // namespace vueops::spec
