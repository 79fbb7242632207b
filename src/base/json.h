// The JSON value vueops passes around: API inputs and outputs, plans, state, --json output.
//
// ordered_json keeps members in insertion order, so output follows the order of the AWS
// model (as the AWS CLI prints it) and of our own documents. Compare two values with
// JsonEqualUnordered when member order must not matter.
#ifndef VUEOPS_BASE_JSON_H_
#define VUEOPS_BASE_JSON_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/status.h"

namespace vueops {

using Json = nlohmann::ordered_json;

// Parses JSON text; a syntax error names the byte offset and what was expected.
Result<Json> ParseJson(std::string_view text);

// Equality that ignores the order of object members (arrays stay ordered).
bool JsonEqualUnordered(const Json& a, const Json& b);

// Compact or pretty text; invalid UTF-8 is replaced rather than thrown on.
std::string DumpJson(const Json& value, int indent = -1);

}  // namespace vueops

#endif  // VUEOPS_BASE_JSON_H_
