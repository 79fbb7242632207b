// A state's lineage: the random id fixed when the state is created. Every backend makes one the
// same way, so `vueops state push` and `pull` can tell one system's state from another's.
#ifndef VUEOPS_STATE_LINEAGE_H_
#define VUEOPS_STATE_LINEAGE_H_

#include <string>

namespace vueops::state {

// A random (version 4) UUID from the kernel's random source: "1b4e28ba-2fa1-41d2-883f-...".
std::string NewLineage();

}  // namespace vueops::state

#endif  // VUEOPS_STATE_LINEAGE_H_
