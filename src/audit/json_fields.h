// Reading AWS's JSON answers (vueops audit, access matrix --live): a member or null, a string
// member (numbers as their digits) or "", an array's elements or none.
#ifndef VUEOPS_AUDIT_JSON_FIELDS_H_
#define VUEOPS_AUDIT_JSON_FIELDS_H_

#include <string>
#include <string_view>

#include "base/json.h"

namespace vueops::audit {

inline const Json& Member(const Json& object, std::string_view name) {
  static const Json kNull;
  if (!object.is_object()) return kNull;
  auto found = object.find(name);
  return found == object.end() ? kNull : *found;
}

inline std::string Text(const Json& object, std::string_view name) {
  const Json& value = Member(object, name);
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
  return "";
}

// An array member's elements, or none.
inline const Json& Items(const Json& value) {
  static const Json kEmpty = Json::array();
  return value.is_array() ? value : kEmpty;
}

}  // namespace vueops::audit

#endif  // VUEOPS_AUDIT_JSON_FIELDS_H_
