#include "iam/policy.h"

namespace vueops::iam {

std::string_view EffectName(Effect effect) { return effect == Effect::kAllow ? "Allow" : "Deny"; }

std::string_view PolicyKindName(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::kIdentity: return "identity-based policy";
    case PolicyKind::kResource: return "resource-based policy";
    case PolicyKind::kTrust: return "trust policy";
    case PolicyKind::kServiceControl: return "service control policy";
    case PolicyKind::kPermissionsBoundary: return "permissions boundary";
    case PolicyKind::kSession: return "session policy";
  }
  return "";
}

bool NamesPrincipals(PolicyKind kind) {
  return kind == PolicyKind::kResource || kind == PolicyKind::kTrust;
}

std::string Statement::Label() const {
  std::string label = "Statement[" + std::to_string(index) + "]";
  if (!sid.empty()) label += " (Sid \"" + sid + "\")";
  return label;
}

}  // namespace vueops::iam
