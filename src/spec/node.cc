#include "spec/node.h"

#include <algorithm>

namespace vueops::spec {

const MapEntry* Node::Find(std::string_view key) const {
  for (const MapEntry& entry : entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

std::string_view Node::KindName() const {
  switch (kind) {
    case Kind::kNull: return "nothing (null)";
    case Kind::kScalar: return quoted ? "a string" : "a scalar";
    case Kind::kSequence: return "a list";
    case Kind::kMapping: return "a mapping";
  }
  return "?";
}

uint32_t Node::CaretLength() const {
  if (kind != Kind::kScalar) return 1;
  size_t end = scalar.find('\n');
  size_t length = end == std::string::npos ? scalar.size() : end;
  if (quoted) length += 2;
  return static_cast<uint32_t>(std::clamp<size_t>(length, 1, 120));
}

}  // namespace vueops::spec
