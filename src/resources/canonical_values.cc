#include "resources/canonical_values.h"

#include <algorithm>
#include <charconv>
#include <set>

namespace vueops::resources {

std::string VersionAsRecorded(const std::string& live, const Json& recorded) {
  if (!recorded.is_string()) return live;
  const std::string& written = recorded.get_ref<const std::string&>();
  if (live == written) return written;
  if (!written.empty() && live.size() > written.size() && live.compare(0, written.size(), written) == 0 &&
      live[written.size()] == '.') {
    return written;
  }
  return live;
}

std::vector<Json> Chunks(const Json& items, size_t size) {
  std::vector<Json> chunks;
  if (!items.is_array()) return chunks;
  for (const Json& item : items) {
    if (chunks.empty() || chunks.back().size() >= size) chunks.push_back(Json::array());
    chunks.back().push_back(item);
  }
  return chunks;
}

int IntOr(const std::string& text, int fallback) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return fallback;
  return value;
}

Json KeyValueMap(const Json& attributes) {
  Json map = Json::object();
  if (!attributes.is_array()) return map;
  for (const Json& attribute : attributes) {
    std::string key = attribute.value("Key", "");
    if (!key.empty()) map[key] = attribute.value("Value", "");
  }
  return map;
}

}  // namespace vueops::resources
