#include "http/http.h"

#include <strings.h>

namespace vueops::http {
namespace {

bool SameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

const std::string* FindHeader(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (SameName(key, name)) return &value;
  }
  return nullptr;
}

void SetHeader(Headers& headers, std::string_view name, std::string value) {
  std::erase_if(headers, [&](const auto& header) { return SameName(header.first, name); });
  headers.emplace_back(std::string(name), std::move(value));
}

}  // namespace vueops::http
