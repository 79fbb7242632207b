#include "spec/merge.h"

#include <algorithm>

namespace vueops::spec {

NodePtr MergeNodes(const NodePtr& base, const NodePtr& overlay) {
  if (!base) return overlay;
  if (!overlay) return base;
  if (!base->is_mapping() || !overlay->is_mapping()) return overlay;
  auto merged = std::make_shared<Node>(*base);
  merged->location = overlay->location;
  for (const MapEntry& entry : overlay->entries) {
    auto existing = std::find_if(merged->entries.begin(), merged->entries.end(),
                                 [&](const MapEntry& e) { return e.key == entry.key; });
    if (entry.value->is_null()) {
      if (existing != merged->entries.end()) merged->entries.erase(existing);
      continue;
    }
    if (existing == merged->entries.end()) {
      merged->entries.push_back(entry);
    } else {
      existing->value = MergeNodes(existing->value, entry.value);
      existing->key_location = entry.key_location;
    }
  }
  uint64_t size = 1;
  for (const MapEntry& entry : merged->entries) size += entry.value->expanded_size;
  merged->expanded_size = size;
  return merged;
}

NodePtr WithoutKey(const NodePtr& mapping, std::string_view key) {
  if (!mapping || !mapping->is_mapping() || mapping->Find(key) == nullptr) return mapping;
  auto copy = std::make_shared<Node>(*mapping);
  std::erase_if(copy->entries, [&](const MapEntry& entry) { return entry.key == key; });
  return copy;
}

}  // namespace vueops::spec
