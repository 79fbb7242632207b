// A plan: the list of changes that bring the live accounts to the spec, as terraform's plans
// are a list of Change{action, before, after}.
#ifndef VUEOPS_PLAN_CHANGE_H_
#define VUEOPS_PLAN_CHANGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "graph/graph.h"
#include "resources/desired.h"
#include "resources/resource_type.h"
#include "state/record.h"

namespace vueops::plan {

enum class Action {
  kNoop,     // live object matches the spec
  kCreate,   // + the object does not exist
  kUpdate,   // ~ in-place attributes differ
  kReplace,  // -/+ an attribute AWS cannot change differs (or the object is tainted)
  kDelete,   // - the spec no longer asks for it
  kAdopt,    // the object exists (an interrupted create, found by its tags or token): record it
};

std::string_view ActionName(Action action);    // "create", "update", ...
std::string_view ActionSymbol(Action action);  // "+", "~", "-/+", "-", "<=", " "

struct AttributeChange {
  std::string name;
  Json before;  // null when absent; "(sensitive)" for sensitive attributes
  Json after;   // may contain "(known after apply)"
  bool forces_replacement = false;
};

struct Change {
  std::string address;
  const resources::ResourceType* type = nullptr;
  std::string account;
  std::string region;
  Action action = Action::kNoop;
  // Why, when it is not obvious: "changed outside vueops", "deleted outside vueops",
  // "tainted: it did not become ready", "adopting an object an interrupted apply created".
  std::string reason;
  std::vector<AttributeChange> attributes;  // the differing attributes (all of them on create)
  // The spec's attributes, references unresolved; null for deletes.
  Json desired;
  // The state record before the change; null for creates.
  std::optional<state::ResourceRecord> record;
  // Adoption: the object found.
  std::optional<resources::Found> found;
  std::vector<std::string> depends_on;
  // The stack's and environment's tags for the object.
  resources::Tags tags;

  bool is_noop() const { return action == Action::kNoop; }
};

// The graph node of a replace's destroy half: "prod.subnet.a#destroy".
inline constexpr std::string_view kDestroySuffix = "#destroy";

struct Plan {
  std::vector<Change> changes;  // ordered by address; no-ops included
  // The order to apply them in: creates and updates after what they refer to, deletes before
  // what they depend on; a replace is a destroy node (kDestroySuffix) and a create node.
  graph::Graph graph;
  std::string lineage;   // of the state planned against
  int64_t serial = 0;    // of the state planned against: apply refuses a plan whose state moved
  std::string spec_digest;  // SHA-256 of the spec text, for the plan file
  std::string spec_path;    // the spec it was made from (absolute), for `apply FILE`
  bool destroy = false;     // a destroy plan
  // Reads made while refreshing, for "API calls per resource".
  int refresh_calls = 0;

  const Change* Find(const std::string& address) const;
  size_t Count(Action action) const;
  bool HasChanges() const;
};

}  // namespace vueops::plan

#endif  // VUEOPS_PLAN_CHANGE_H_
