// Template instantiation at the YAML level: an environment is its template with the
// environment's own keys laid over it.
#ifndef VUEOPS_SPEC_MERGE_H_
#define VUEOPS_SPEC_MERGE_H_

#include <string_view>

#include "spec/node.h"

namespace vueops::spec {

// Overlays `overlay` on `base`. Two mappings merge key by key, recursively, keeping base's
// key order and appending new keys; anything else in `overlay` replaces `base` (lists are
// replaced whole, not concatenated); an overlay value of null removes the key ("cache: ~"
// drops the template's cache). Unchanged subtrees are shared, not copied.
NodePtr MergeNodes(const NodePtr& base, const NodePtr& overlay);

// A copy of a mapping without `key` (or the node itself when it has no such key).
NodePtr WithoutKey(const NodePtr& mapping, std::string_view key);

}  // namespace vueops::spec

#endif  // VUEOPS_SPEC_MERGE_H_
