#include "plan/plan_file.h"

#include "base/file.h"
#include "resources/registry.h"
#include "state/record.h"

namespace vueops::plan {
namespace {

constexpr std::string_view kFormat = "vueops-plan";
constexpr int kFormatVersion = 1;
// A plan of the whole organization is a few megabytes at most.
constexpr uint64_t kMaxPlanBytes = 256u << 20;

Json TagsToJson(const resources::Tags& tags) {
  Json list = Json::array();
  for (const auto& [key, value] : tags) list.push_back(Json::array({key, value}));
  return list;
}

Json ChangeToJson(const Change& change) {
  Json item;
  item["address"] = change.address;
  item["type"] = change.type != nullptr ? std::string(change.type->name()) : "";
  item["account"] = change.account;
  item["region"] = change.region;
  item["action"] = ActionName(change.action);
  item["reason"] = change.reason;
  Json attributes = Json::array();
  for (const AttributeChange& attribute : change.attributes) {
    attributes.push_back({{"name", attribute.name},
                          {"before", attribute.before},
                          {"after", attribute.after},
                          {"forces_replacement", attribute.forces_replacement}});
  }
  item["attributes"] = std::move(attributes);
  item["desired"] = change.desired;
  if (change.record) item["record"] = state::RecordToJson(*change.record);
  if (change.found) {
    item["found"] = {{"id", change.found->id},
                     {"outputs", change.found->outputs},
                     {"attributes", change.found->attributes}};
  }
  item["depends_on"] = change.depends_on;
  item["tags"] = TagsToJson(change.tags);
  return item;
}

Result<Action> ParseAction(const std::string& name) {
  for (Action action : {Action::kNoop, Action::kCreate, Action::kUpdate, Action::kReplace,
                        Action::kDelete, Action::kAdopt}) {
    if (ActionName(action) == name) return action;
  }
  return InvalidArgumentError("unknown action '" + name + "'");
}

// nlohmann throws on a type mismatch: every read goes through here, inside one try block.
Result<Change> ChangeFromJson(
    const Json& item,
    const std::function<const resources::ResourceType*(std::string_view)>& find_type) {
  Change change;
  change.address = item.at("address").get<std::string>();
  std::string type = item.at("type").get<std::string>();
  change.type = find_type ? find_type(type) : resources::FindResourceType(type);
  if (change.type == nullptr) {
    return InvalidArgumentError(change.address + " has type '" + type +
                                "', which this vueops does not know");
  }
  change.account = item.at("account").get<std::string>();
  change.region = item.at("region").get<std::string>();
  ASSIGN_OR_RETURN(change.action, ParseAction(item.at("action").get<std::string>()));
  change.reason = item.at("reason").get<std::string>();
  for (const Json& attribute : item.at("attributes")) {
    change.attributes.push_back({attribute.at("name").get<std::string>(), attribute.at("before"),
                                 attribute.at("after"),
                                 attribute.at("forces_replacement").get<bool>()});
  }
  change.desired = item.at("desired");
  if (item.contains("record")) {
    ASSIGN_OR_RETURN(state::ResourceRecord record, state::RecordFromJson(item.at("record")));
    change.record = std::move(record);
  }
  if (item.contains("found")) {
    const Json& found = item.at("found");
    change.found = resources::Found{found.at("id").get<std::string>(), found.at("outputs"),
                                    found.at("attributes")};
  }
  change.depends_on = item.at("depends_on").get<std::vector<std::string>>();
  for (const Json& tag : item.at("tags")) {
    change.tags.emplace_back(tag.at(0).get<std::string>(), tag.at(1).get<std::string>());
  }
  return change;
}

}  // namespace

Status WritePlanFile(const Plan& plan, const std::string& path) {
  Json root;
  root["format"] = kFormat;
  root["version"] = kFormatVersion;
  root["lineage"] = plan.lineage;
  root["serial"] = plan.serial;
  root["spec_digest"] = plan.spec_digest;
  root["spec_path"] = plan.spec_path;
  root["destroy"] = plan.destroy;
  root["refresh_calls"] = plan.refresh_calls;
  Json changes = Json::array();
  for (const Change& change : plan.changes) changes.push_back(ChangeToJson(change));
  root["changes"] = std::move(changes);
  Json edges = Json::array();
  for (const std::string& node : plan.graph.nodes()) {
    edges.push_back(Json::array({node}));
    for (const std::string& dependency : plan.graph.DependenciesOf(node)) {
      edges.back().push_back(dependency);
    }
  }
  root["graph"] = std::move(edges);
  return WriteFileAtomic(path, DumpJson(root, 1) + "\n", 0600).WithContext("write plan " + path);
}

Result<Plan> ReadPlanFile(
    const std::string& path,
    const std::function<const resources::ResourceType*(std::string_view)>& find_type) {
  ASSIGN_OR_RETURN(std::string text, ReadFile(path, kMaxPlanBytes));
  Result<Json> parsed = ParseJson(text);
  if (!parsed.ok() || !parsed->is_object() || parsed->value("format", "") != kFormat) {
    return InvalidArgumentError(path + " is not a vueops plan (make one with vueops plan -out " +
                                path + ")");
  }
  const Json& root = *parsed;
  if (root.value("version", 0) != kFormatVersion) {
    return InvalidArgumentError(path + " was written by another vueops release (plan format " +
                                std::to_string(root.value("version", 0)) +
                                "); make the plan again with this one");
  }
  try {
    Plan plan;
    plan.lineage = root.at("lineage").get<std::string>();
    plan.serial = root.at("serial").get<int64_t>();
    plan.spec_digest = root.at("spec_digest").get<std::string>();
    plan.spec_path = root.at("spec_path").get<std::string>();
    plan.destroy = root.at("destroy").get<bool>();
    plan.refresh_calls = root.at("refresh_calls").get<int>();
    for (const Json& item : root.at("changes")) {
      Result<Change> change = ChangeFromJson(item, find_type);
      if (!change.ok()) return change.status().WithContext(path);
      plan.changes.push_back(std::move(*change));
    }
    for (const Json& entry : root.at("graph")) {
      std::string node = entry.at(0).get<std::string>();
      plan.graph.AddNode(node);
      for (size_t i = 1; i < entry.size(); ++i) {
        plan.graph.AddEdge(entry.at(i).get<std::string>(), node);
      }
    }
    RETURN_IF_ERROR(plan.graph.CheckAcyclic().WithContext(path));
    return plan;
  } catch (const Json::exception& error) {
    return DataLossError(path + " is damaged: " + error.what());
  }
}

}  // namespace vueops::plan
