// Planning: the desired resources, the state and the live accounts in; the changes out.
#ifndef VUEOPS_PLAN_PLANNER_H_
#define VUEOPS_PLAN_PLANNER_H_

#include <atomic>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "plan/change.h"
#include "resources/account_access.h"
#include "resources/desired.h"
#include "state/store.h"

namespace vueops::plan {

struct PlanOptions {
  // Read every tracked object from AWS (drift detection). Off: trust the state.
  bool refresh = true;
  // Destroy everything the state tracks instead.
  bool destroy = false;
  // Only these addresses (and what they depend on); empty: everything.
  std::set<std::string> targets;
  // Stateful objects (databases, buckets, zones) that may be destroyed or replaced: addresses
  // or globs ("prod.bucket.*"). Anything else stateful in a delete is an error.
  std::set<std::string> allow_destroy;
  int parallelism = 10;
  const std::atomic<bool>* cancelled = nullptr;
  // Receives "refreshing prod.vpc.main" style lines.
  std::function<void(std::string_view)> progress;
  // Finds the type of a state record the spec no longer mentions; empty: the registry of
  // every type vueops knows (tests substitute their fakes).
  std::function<const resources::ResourceType*(std::string_view name)> find_type;
};

// Makes the plan. Fails when the desired resources are inconsistent (a duplicate address, a
// reference to an address nothing defines, a dependency cycle), when refreshing fails (each
// failed read named), or when the plan would destroy a stateful object not allowed by
// allow_destroy (each named, with the flag that allows it).
Result<Plan> MakePlan(const std::vector<resources::DesiredResource>& desired,
                      state::StateStore& store, resources::AccountAccess& access,
                      const PlanOptions& options);

}  // namespace vueops::plan

#endif  // VUEOPS_PLAN_PLANNER_H_
