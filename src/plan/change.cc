#include "plan/change.h"

#include <algorithm>

namespace vueops::plan {

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kNoop: return "no-op";
    case Action::kCreate: return "create";
    case Action::kUpdate: return "update";
    case Action::kReplace: return "replace";
    case Action::kDelete: return "delete";
    case Action::kAdopt: return "adopt";
  }
  return "?";
}

std::string_view ActionSymbol(Action action) {
  switch (action) {
    case Action::kNoop: return " ";
    case Action::kCreate: return "+";
    case Action::kUpdate: return "~";
    case Action::kReplace: return "-/+";
    case Action::kDelete: return "-";
    case Action::kAdopt: return "<=";
  }
  return "?";
}

const Change* Plan::Find(const std::string& address) const {
  auto it = std::lower_bound(changes.begin(), changes.end(), address,
                             [](const Change& change, const std::string& key) {
                               return change.address < key;
                             });
  return it != changes.end() && it->address == address ? &*it : nullptr;
}

size_t Plan::Count(Action action) const {
  return static_cast<size_t>(std::count_if(changes.begin(), changes.end(),
                                           [&](const Change& c) { return c.action == action; }));
}

bool Plan::HasChanges() const {
  return std::any_of(changes.begin(), changes.end(), [](const Change& c) { return !c.is_noop(); });
}

}  // namespace vueops::plan
