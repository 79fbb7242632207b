#include "base/json.h"

namespace vueops {

Result<Json> ParseJson(std::string_view text) {
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& error) {
    // nlohmann's text starts with "[json.exception.parse_error.101] parse error at ...".
    std::string what = error.what();
    size_t start = what.find("] ");
    if (start != std::string::npos) what = what.substr(start + 2);
    return InvalidArgumentError("invalid JSON: " + what);
  }
}

bool JsonEqualUnordered(const Json& a, const Json& b) {
  if (a.is_object() && b.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !JsonEqualUnordered(it.value(), *other)) return false;
    }
    return true;
  }
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!JsonEqualUnordered(a[i], b[i])) return false;
    }
    return true;
  }
  return a == b;
}

std::string DumpJson(const Json& value, int indent) {
  return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace vueops
