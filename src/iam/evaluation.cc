#include "iam/evaluation.h"

namespace vueops::iam {

std::string_view DecisionName(Decision decision) {
  switch (decision) {
    case Decision::kAllow: return "Allow";
    case Decision::kExplicitDeny: return "ExplicitDeny";
    case Decision::kImplicitDeny: return "ImplicitDeny";
  }
  return "";
}

std::string_view EvaluationStepName(EvaluationStep step) {
  switch (step) {
    case EvaluationStep::kExplicitDeny: return "explicit deny";
    case EvaluationStep::kServiceControlPolicies: return "service control policies";
    case EvaluationStep::kResourcePolicy: return "resource-based policy";
    case EvaluationStep::kIdentityPolicies: return "identity-based policies";
    case EvaluationStep::kPermissionsBoundary: return "permissions boundary";
    case EvaluationStep::kSessionPolicies: return "session policies";
  }
  return "";
}

std::string Evaluation::ToString() const {
  std::string text = std::string(DecisionName(decision)) + " at " +
                     std::string(EvaluationStepName(step)) + ": " + reason;
  for (const StatementRef& statement : statements) {
    text += "\n  " + std::string(EffectName(statement.effect)) + "  " +
            std::string(PolicyKindName(statement.kind)) + " \"" + statement.policy + "\"";
    if (!statement.level.empty()) text += " at " + statement.level;
    text += " Statement[" + std::to_string(statement.index) + "]";
    if (!statement.sid.empty()) text += " (Sid \"" + statement.sid + "\")";
  }
  return text;
}

Json Evaluation::ToJson() const {
  Json list = Json::array();
  for (const StatementRef& statement : statements) {
    Json item = {{"policy", statement.policy},
                 {"policy_type", std::string(PolicyKindName(statement.kind))}};
    if (!statement.level.empty()) item["level"] = statement.level;
    item["statement"] = statement.index;
    if (!statement.sid.empty()) item["sid"] = statement.sid;
    item["effect"] = std::string(EffectName(statement.effect));
    list.push_back(std::move(item));
  }
  return {{"decision", std::string(DecisionName(decision))},
          {"step", std::string(EvaluationStepName(step))},
          {"reason", reason},
          {"statements", std::move(list)}};
}

}  // namespace vueops::iam
