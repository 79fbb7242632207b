// YAML text -> spec::Node tree. The only code in vueops that includes yaml-cpp.
#ifndef VUEOPS_SPEC_YAML_LOADER_H_
#define VUEOPS_SPEC_YAML_LOADER_H_

#include <cstdint>

#include "base/diagnostic.h"
#include "spec/node.h"

namespace vueops::spec {

// Bounds that keep hostile or mistaken input from exhausting time, stack or memory.
struct YamlLimits {
  // A whole organization's spec is tens of kilobytes; anything near this is the wrong file.
  uint64_t max_bytes = 8u << 20;
  // Nesting deeper than any real spec needs (the Vueocity example nests 9 levels).
  uint32_t max_depth = 64;
  // Nodes the document may stand for once every alias is expanded ("billion laughs" guard).
  uint64_t max_expanded_nodes = 1'000'000;
};

// Parses the single YAML document of a registered source. An empty document yields a kNull
// node. Returns nullptr, with at least one error in `diagnostics`, when the text is not
// usable YAML: not UTF-8 text, a syntax error, more than one document, custom tags, a
// recursive alias, or a limit exceeded. Duplicate keys are reported and the first is kept;
// the YAML merge key "<<" is honoured.
NodePtr ParseYaml(SourceId source, Diagnostics& diagnostics, const YamlLimits& limits = {});

}  // namespace vueops::spec

#endif  // VUEOPS_SPEC_YAML_LOADER_H_
