// The base of every typed spec element: where it was written, and where each of its fields
// was written, so that lint rules and reference checks can point at the exact line.
#ifndef VUEOPS_SPEC_ELEMENT_H_
#define VUEOPS_SPEC_ELEMENT_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/source.h"

namespace vueops::spec {

class Element {
 public:
  // Where the element's own mapping (or scalar) starts.
  Location location;

  // Where field `name` was written, or the element's location when the field was not
  // written (a default applies) — a diagnostic then points at the element that lacks it.
  Location At(std::string_view name) const {
    for (const auto& [field, where] : fields_) {
      if (field == name) return where;
    }
    return location;
  }
  // Where item `index` of the list field `name` was written, or At(name) when the field was
  // a single value or its items were not recorded.
  Location At(std::string_view name, size_t index) const {
    std::string item = std::string(name) + "[" + std::to_string(index) + "]";
    for (const auto& [field, where] : fields_) {
      if (field == item) return where;
    }
    return At(name);
  }
  // True when the user wrote field `name` (rather than taking its default).
  bool Has(std::string_view name) const {
    for (const auto& field : fields_) {
      if (field.first == name) return true;
    }
    return false;
  }
  void Mark(std::string name, Location where) { fields_.emplace_back(std::move(name), where); }

 private:
  std::vector<std::pair<std::string, Location>> fields_;
};

}  // namespace vueops::spec

#endif  // VUEOPS_SPEC_ELEMENT_H_
