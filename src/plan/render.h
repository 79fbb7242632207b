// Showing a plan: to people, as terraform does (+ create, ~ update in place, -/+ replace,
// - destroy, attribute by attribute, secrets masked, a summary line), and as JSON.
#ifndef VUEOPS_PLAN_RENDER_H_
#define VUEOPS_PLAN_RENDER_H_

#include <string>

#include "plan/change.h"

namespace vueops::plan {

struct RenderOptions {
  bool color = false;
};

std::string RenderPlan(const Plan& plan, const RenderOptions& options);
// "Plan: 3 to add, 1 to change, 1 to replace, 0 to destroy." (adoptions counted when any).
std::string PlanSummary(const Plan& plan);
Json PlanToJson(const Plan& plan);

}  // namespace vueops::plan

#endif  // VUEOPS_PLAN_RENDER_H_
