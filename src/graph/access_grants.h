// Where each role exists and with which permissions (notes: "The roles must be created in each
// target account and the permissions for that role on that account defined").
#ifndef VUEOPS_GRAPH_ACCESS_GRANTS_H_
#define VUEOPS_GRAPH_ACCESS_GRANTS_H_

#include <vector>

#include "spec/stack.h"

namespace vueops::graph {

// A role in one account: the permission set it has there and the grant that gave it.
struct RoleGrant {
  const spec::Account* account = nullptr;
  const spec::PermissionSet* permission_set = nullptr;
  const spec::Grant* grant = nullptr;
};

// The accounts `role` exists in, in the spec's account order. In each account the most
// specific grant wins: one naming the account, then a kind ("sandboxes", "production",
// "workloads"), then "all"; a winning "none" means no role there. A permission set the spec
// does not define (the loader reports it) grants nothing.
std::vector<RoleGrant> GrantsOf(const spec::Stack& stack, const spec::Role& role);

}  // namespace vueops::graph

#endif  // VUEOPS_GRAPH_ACCESS_GRANTS_H_
