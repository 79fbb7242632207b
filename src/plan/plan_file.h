// Saved plans: `vueops plan -out FILE` writes exactly what `vueops apply FILE` carries out.
#ifndef VUEOPS_PLAN_PLAN_FILE_H_
#define VUEOPS_PLAN_PLAN_FILE_H_

#include <functional>
#include <string>

#include "plan/change.h"

namespace vueops::plan {

// Writes `plan` to `path` (mode 0600: it holds account ids and the spec's settings, never a
// secret, since plans never hold sensitive values).
Status WritePlanFile(const Plan& plan, const std::string& path);

// Reads a plan written by WritePlanFile. Resource types are looked up by name (`find_type`,
// empty: every type vueops knows). A file that is not a vueops plan, from another format
// version, or damaged is a clear error naming the file.
Result<Plan> ReadPlanFile(
    const std::string& path,
    const std::function<const resources::ResourceType*(std::string_view)>& find_type = {});

}  // namespace vueops::plan

#endif  // VUEOPS_PLAN_PLAN_FILE_H_
