#include "graph/access_grants.h"

namespace vueops::graph {
namespace {

// How specifically `selector` names `account`: 3 by name, 2 by kind, 1 as "all", 0 not at all.
int Specificity(const spec::Account& account, const std::string& selector) {
  using spec::AccountKind;
  if (selector == account.name) return 3;
  bool workload = account.kind == AccountKind::kProduction || account.kind == AccountKind::kSandbox;
  if ((selector == "sandboxes" && account.kind == AccountKind::kSandbox) ||
      (selector == "production" && account.kind == AccountKind::kProduction) ||
      (selector == "workloads" && workload)) {
    return 2;
  }
  return selector == "all" ? 1 : 0;
}

}  // namespace

std::vector<RoleGrant> GrantsOf(const spec::Stack& stack, const spec::Role& role) {
  std::vector<RoleGrant> grants;
  for (const spec::Account& account : stack.organization.accounts) {
    const spec::Grant* best = nullptr;
    int best_rank = 0;
    for (const spec::Grant& grant : role.grants) {
      int rank = Specificity(account, grant.selector);
      if (rank > best_rank) {
        best_rank = rank;
        best = &grant;
      }
    }
    if (best == nullptr || best->permission_set == "none") continue;
    const spec::PermissionSet* set = stack.access.FindPermissionSet(best->permission_set);
    if (set == nullptr) continue;
    grants.push_back({&account, set, best});
  }
  return grants;
}

}  // namespace vueops::graph
