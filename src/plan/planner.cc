#include "plan/planner.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "base/did_you_mean.h"
#include "base/glob.h"
#include "resources/registry.h"

namespace vueops::plan {
namespace {

using resources::DesiredResource;
using resources::ResourceType;
using state::RecordStatus;
using state::ResourceRecord;

bool Allowed(const std::set<std::string>& patterns, const std::string& address) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& pattern) { return GlobMatch(pattern, address); });
}

// What refreshing found for one record.
struct Refreshed {
  bool read = false;     // a live read was made
  bool gone = false;     // the object no longer exists
  Json attributes;       // live attributes when read and not gone
  std::optional<resources::Found> found;  // intents: the object an interrupted create made
};

class Planner {
 public:
  Planner(const std::vector<DesiredResource>& desired, state::StateStore& store,
          resources::AccountAccess& access, const PlanOptions& options)
      : desired_(desired), store_(store), access_(access), options_(options) {}

  Result<Plan> Run() {
    ASSIGN_OR_RETURN(state::StateInfo info, store_.Info());
    ASSIGN_OR_RETURN(std::vector<ResourceRecord> records, store_.List());
    for (ResourceRecord& record : records) records_.emplace(record.address, std::move(record));
    RETURN_IF_ERROR(IndexDesired());
    RETURN_IF_ERROR(BuildDesiredGraph());
    RETURN_IF_ERROR(CheckTargets());
    if (options_.refresh) RETURN_IF_ERROR(Refresh());
    Plan plan;
    plan.lineage = info.lineage;
    plan.serial = info.serial;
    plan.destroy = options_.destroy;
    plan.refresh_calls = refresh_calls_.load();
    if (!options_.destroy) {
      for (const std::string& address : desired_graph_.TopologicalOrder()) {
        ASSIGN_OR_RETURN(Change change, PlanDesired(*desired_by_address_.at(address)));
        actions_[address] = change.action;
        plan.changes.push_back(std::move(change));
      }
    }
    for (const auto& [address, record] : records_) {
      if (!options_.destroy && desired_by_address_.count(address)) continue;
      plan.changes.push_back(PlanDelete(record));
    }
    ApplyTargets(plan);
    RETURN_IF_ERROR(CheckStatefulDeletes(plan));
    std::sort(plan.changes.begin(), plan.changes.end(),
              [](const Change& a, const Change& b) { return a.address < b.address; });
    BuildPlanGraph(plan);
    return plan;
  }

 private:
  Status IndexDesired() {
    for (const DesiredResource& resource : desired_) {
      if (resource.type == nullptr) {
        return InternalError(resource.address + " has no resource type");
      }
      if (!desired_by_address_.emplace(resource.address, &resource).second) {
        return InternalError("two resources have the address " + resource.address);
      }
    }
    return Status::Ok();
  }

  Status BuildDesiredGraph() {
    for (const DesiredResource& resource : desired_) {
      desired_graph_.AddNode(resource.address);
      std::set<std::string> references;
      resources::CollectReferences(resource.attributes, &references);
      references.insert(resource.depends_on.begin(), resource.depends_on.end());
      for (const std::string& reference : references) {
        if (!desired_by_address_.count(reference)) {
          return InternalError(resource.address + " refers to " + reference +
                               ", which the spec does not define");
        }
        desired_graph_.AddEdge(reference, resource.address);
      }
    }
    return desired_graph_.CheckAcyclic();
  }

  // Reads every tracked object, in batches per type, account and region, the batches in
  // parallel. Intents look for the object an interrupted create may have made.
  Status Refresh() {
    std::map<std::string, std::vector<const ResourceRecord*>> batches;
    for (const auto& [address, record] : records_) {
      const ResourceType* type = TypeOf(record);
      if (type == nullptr) continue;  // reported when planning the record
      if (record.status == RecordStatus::kIntent) {
        batches["intent " + address].push_back(&record);
        continue;
      }
      std::string key = record.type + " " + record.account + " " + record.region;
      std::vector<const ResourceRecord*>& batch = batches[key];
      if (!batch.empty() && batch.size() % resources::kMaxReadBatch == 0) {
        batches[key + " #" + std::to_string(batch.size())].push_back(&record);
      } else {
        batch.push_back(&record);
      }
    }
    graph::Graph work;
    for (const auto& [key, batch] : batches) work.AddNode(key);
    std::mutex mutex;
    auto outcomes = graph::Walk(
        work,
        [&](const std::string& key) -> Status {
          const std::vector<const ResourceRecord*>& batch = batches.at(key);
          const ResourceRecord& first = *batch.front();
          ASSIGN_OR_RETURN(client::AwsClient * client,
                           access_.ClientFor(first.account, first.region));
          const ResourceType& type = *TypeOf(first);
          if (options_.progress) options_.progress("refreshing " + key);
          resources::ResourceContext context(*client, access_.clock(), first.address,
                                             TagsFor(first.address), {}, options_.cancelled);
          if (first.status == RecordStatus::kIntent) {
            auto desired = desired_by_address_.find(first.address);
            Json attributes = desired == desired_by_address_.end()
                                  ? first.attributes
                                  : ResolveKnown(desired->second->attributes);
            ASSIGN_OR_RETURN(std::optional<resources::Found> found,
                             type.Find(context, attributes, first.create_token));
            refresh_calls_ += context.calls();
            std::lock_guard<std::mutex> lock(mutex);
            refreshed_[first.address].found = std::move(found);
            return Status::Ok();
          }
          std::vector<Result<Json>> results = type.ReadMany(context, batch);
          refresh_calls_ += context.calls();
          std::lock_guard<std::mutex> lock(mutex);
          for (size_t i = 0; i < batch.size(); ++i) {
            Refreshed& entry = refreshed_[batch[i]->address];
            entry.read = true;
            if (results[i].ok()) {
              entry.attributes = std::move(*results[i]);
            } else if (results[i].status().code() == StatusCode::kNotFound) {
              entry.gone = true;
            } else {
              return results[i].status().WithContext("refresh " + batch[i]->address);
            }
          }
          return Status::Ok();
        },
        {.parallelism = options_.parallelism, .cancelled = options_.cancelled});
    std::string errors;
    for (const auto& [key, outcome] : outcomes) {
      if (outcome.state == graph::NodeState::kFailed) {
        errors += "\n  " + outcome.error.message();
      } else if (outcome.state == graph::NodeState::kSkipped) {
        return AbortedError("refresh interrupted");
      }
    }
    if (!errors.empty()) return UnavailableError("could not read the live objects:" + errors);
    return Status::Ok();
  }

  resources::Tags TagsFor(const std::string& address) const {
    resources::Tags tags = {{std::string(resources::kAddressTag), address}};
    auto desired = desired_by_address_.find(address);
    if (desired != desired_by_address_.end()) {
      tags.insert(tags.end(), desired->second->tags.begin(), desired->second->tags.end());
    }
    return tags;
  }

  const ResourceType* TypeOf(const ResourceRecord& record) const;

  // An output of a resource as the plan sees it: unknown when the resource will be created or
  // replaced, else from its state record.
  std::optional<Json> Output(const std::string& address, const std::string& output) const {
    auto action = actions_.find(address);
    if (action != actions_.end() &&
        (action->second == Action::kCreate || action->second == Action::kReplace)) {
      return std::nullopt;
    }
    auto record = records_.find(address);
    if (record == records_.end()) return std::nullopt;
    if (record->second.status == RecordStatus::kIntent) {
      auto refreshed = refreshed_.find(address);
      if (refreshed != refreshed_.end() && refreshed->second.found &&
          refreshed->second.found->outputs.contains(output)) {
        return refreshed->second.found->outputs[output];
      }
      return std::nullopt;
    }
    if (!record->second.outputs.contains(output)) return std::nullopt;
    return record->second.outputs[output];
  }

  Json ResolveKnown(const Json& attributes) const {
    bool known = true;
    return resources::ResolveReferences(
        attributes,
        [this](const std::string& address, const std::string& output) {
          return Output(address, output);
        },
        &known);
  }

  static Json Masked(const ResourceType& type, const std::string& name, const Json& value) {
    const resources::Attribute* attribute = type.FindAttribute(name);
    return attribute != nullptr && attribute->sensitive ? Json("(sensitive)") : value;
  }

  Result<Change> PlanDesired(const DesiredResource& resource) {
    const ResourceType& type = *resource.type;
    Change change;
    change.address = resource.address;
    change.type = &type;
    change.account = resource.account;
    change.region = resource.region;
    change.desired = resource.attributes;
    change.depends_on = desired_graph_.DependenciesOf(resource.address).empty()
                            ? std::vector<std::string>()
                            : std::vector<std::string>(
                                  desired_graph_.DependenciesOf(resource.address).begin(),
                                  desired_graph_.DependenciesOf(resource.address).end());
    change.tags = TagsFor(resource.address);
    Json after = ResolveKnown(resource.attributes);
    auto record = records_.find(resource.address);
    auto every_attribute = [&](Action action) {
      change.action = action;
      for (const resources::Attribute& attribute : type.attributes()) {
        if (!after.contains(attribute.name)) continue;
        change.attributes.push_back(
            {std::string(attribute.name), Json(),
             Masked(type, std::string(attribute.name), after[std::string(attribute.name)]),
             false});
      }
    };
    if (record == records_.end()) {
      every_attribute(Action::kCreate);
      return change;
    }
    change.record = record->second;
    const Refreshed* refreshed = nullptr;
    if (auto it = refreshed_.find(resource.address); it != refreshed_.end()) {
      refreshed = &it->second;
    }
    if (record->second.status == RecordStatus::kIntent) {
      if (refreshed != nullptr && refreshed->found) {
        change.action = Action::kAdopt;
        change.found = refreshed->found;
        change.reason = "adopting the object an interrupted apply created";
        return change;
      }
      every_attribute(Action::kCreate);
      change.reason = "finishing a create an interrupted apply began";
      return change;
    }
    if (record->second.status == RecordStatus::kTainted) {
      every_attribute(Action::kReplace);
      change.reason = "tainted: it did not become ready";
      return change;
    }
    if (refreshed != nullptr && refreshed->gone) {
      every_attribute(Action::kCreate);
      change.reason = "deleted outside vueops";
      return change;
    }
    const Json& live =
        refreshed != nullptr && refreshed->read ? refreshed->attributes : record->second.attributes;
    bool replace = false;
    bool drift = false;
    for (const resources::Attribute& attribute : type.attributes()) {
      std::string name(attribute.name);
      if (attribute.update == resources::UpdateMode::kCreateOnly || !after.contains(name)) {
        continue;
      }
      // A secret is never stored, and AWS seldom returns one: compare it only when it was read.
      if (attribute.sensitive && !live.contains(name)) continue;
      const Json& wanted = after[name];
      Json current = live.contains(name) ? live[name] : Json();
      if (!resources::ContainsUnknown(wanted) && JsonEqualUnordered(wanted, current)) continue;
      bool forces = attribute.update == resources::UpdateMode::kReplace;
      replace = replace || forces;
      Json recorded =
          record->second.attributes.contains(name) ? record->second.attributes[name] : Json();
      drift = drift || !JsonEqualUnordered(recorded, current);
      change.attributes.push_back(
          {name, Masked(type, name, current), Masked(type, name, wanted), forces});
    }
    if (change.attributes.empty()) return change;  // no-op
    RETURN_IF_ERROR(type.CheckUpdate(resource.address, live, after));
    change.action = replace ? Action::kReplace : Action::kUpdate;
    if (drift) change.reason = "changed outside vueops";
    return change;
  }

  Change PlanDelete(const ResourceRecord& record) {
    Change change;
    change.address = record.address;
    change.type = TypeOf(record);
    change.account = record.account;
    change.region = record.region;
    change.action = Action::kDelete;
    change.record = record;
    change.desired = nullptr;
    change.depends_on = record.dependencies;
    auto refreshed = refreshed_.find(record.address);
    if (refreshed != refreshed_.end() && refreshed->second.gone) {
      change.reason = "already deleted outside vueops; forgetting it";
    } else if (record.status == RecordStatus::kIntent) {
      bool found = refreshed != refreshed_.end() && refreshed->second.found;
      change.reason = found ? "deleting the object an interrupted apply created"
                            : "an interrupted create that made nothing; forgetting it";
      if (found) change.found = refreshed->second.found;
    } else if (!options_.destroy) {
      change.reason = "no longer in the spec";
    }
    if (change.type != nullptr) {
      for (const auto& [name, value] : record.attributes.items()) {
        change.attributes.push_back({name, Masked(*change.type, name, value), Json(), false});
      }
    }
    return change;
  }

  Status CheckStatefulDeletes(const Plan& plan) const {
    std::string refused;
    for (const Change& change : plan.changes) {
      bool destroys = change.action == Action::kDelete || change.action == Action::kReplace;
      if (!destroys || change.type == nullptr || !change.type->stateful()) continue;
      if (change.reason.rfind("already deleted", 0) == 0) continue;
      if (Allowed(options_.allow_destroy, change.address)) continue;
      // The spec declared the object's contents disposable (a bucket's force_destroy).
      const Json* disposable = change.record && change.record->attributes.is_object() &&
                                       change.record->attributes.contains("force_destroy")
                                   ? &change.record->attributes["force_destroy"]
                                   : nullptr;
      if (disposable != nullptr && disposable->is_boolean() && disposable->get<bool>()) continue;
      refused += "\n  " + change.address + " (" + std::string(ActionName(change.action)) + ")";
    }
    if (refused.empty()) return Status::Ok();
    return FailedPreconditionError(
        "the plan would destroy objects that hold data:" + refused +
        "\nrun again with --allow-destroy ADDRESS (a glob such as 'prod.bucket.*' works) for "
        "each you mean to lose");
  }

  // Every --target matches something in the spec or the state; a typo is an error naming the
  // closest address, not a silent empty plan.
  Status CheckTargets() const {
    std::vector<std::string> known;
    for (const auto& [address, resource] : desired_by_address_) known.push_back(address);
    for (const auto& [address, record] : records_) {
      if (!desired_by_address_.count(address)) known.push_back(address);
    }
    for (const std::string& target : options_.targets) {
      bool matches = std::any_of(known.begin(), known.end(), [&](const std::string& address) {
        return GlobMatch(target, address);
      });
      if (matches) continue;
      std::string hint = DidYouMean(target, known);
      return InvalidArgumentError("--target " + target +
                                  " matches nothing in the spec or the state" +
                                  (hint.empty() ? "" : "; " + hint));
    }
    return Status::Ok();
  }

  // With targets, only they and what they need change; everything else stays as it is. What
  // is destroyed takes along what depends on it (recorded in the state), as it must go first.
  void ApplyTargets(Plan& plan) const {
    if (options_.targets.empty()) return;
    std::set<std::string> roots;
    std::set<std::string> destroyed_roots;
    for (const Change& change : plan.changes) {
      if (!Allowed(options_.targets, change.address)) continue;
      (change.action == Action::kDelete ? destroyed_roots : roots).insert(change.address);
    }
    std::set<std::string> keep = desired_graph_.WithDependencies(roots);
    keep.insert(destroyed_roots.begin(), destroyed_roots.end());
    if (!destroyed_roots.empty()) {
      graph::Graph recorded;
      for (const auto& [address, record] : records_) {
        recorded.AddNode(address);
        for (const std::string& dependency : record.dependencies) {
          if (records_.count(dependency)) recorded.AddEdge(dependency, address);
        }
      }
      for (const std::string& address : recorded.WithDependents(destroyed_roots)) {
        keep.insert(address);
      }
    }
    for (Change& change : plan.changes) {
      if (!keep.count(change.address)) {
        change.action = Action::kNoop;
        change.attributes.clear();
        change.reason.clear();
      }
    }
  }

  // The order of the work, as terraform orders it. Creates, updates and adoptions run after
  // what they refer to. Destroying runs the other way: an object is destroyed before what it
  // depends on. A replace is two nodes, its destroy ("<address>#destroy") and its create (the
  // address), so that a replaced subnet's old instances go before the old subnet does and
  // the new subnet exists before the new instances.
  static void BuildPlanGraph(Plan& plan) {
    auto destroy_node = [&](const Change& change) -> std::optional<std::string> {
      if (change.action == Action::kDelete) return change.address;
      if (change.action == Action::kReplace) return change.address + std::string(kDestroySuffix);
      return std::nullopt;
    };
    auto create_node = [&](const Change& change) -> std::optional<std::string> {
      if (change.is_noop() || change.action == Action::kDelete) return std::nullopt;
      return change.address;
    };
    for (const Change& change : plan.changes) {
      if (change.is_noop()) continue;
      std::optional<std::string> destroy = destroy_node(change);
      std::optional<std::string> create = create_node(change);
      if (destroy) plan.graph.AddNode(*destroy);
      if (create) plan.graph.AddNode(*create);
      if (destroy && create) plan.graph.AddEdge(*destroy, *create);
      for (const std::string& dependency : change.depends_on) {
        const Change* other = plan.Find(dependency);
        if (other == nullptr || other->is_noop()) continue;
        std::optional<std::string> other_destroy = destroy_node(*other);
        std::optional<std::string> other_create = create_node(*other);
        if (create && other_create) plan.graph.AddEdge(*other_create, *create);
        if (destroy && other_destroy) plan.graph.AddEdge(*destroy, *other_destroy);
      }
    }
  }

  const std::vector<DesiredResource>& desired_;
  state::StateStore& store_;
  resources::AccountAccess& access_;
  const PlanOptions& options_;
  std::map<std::string, ResourceRecord> records_;
  std::map<std::string, const DesiredResource*> desired_by_address_;
  graph::Graph desired_graph_;
  std::map<std::string, Refreshed> refreshed_;
  std::map<std::string, Action> actions_;
  std::atomic<int> refresh_calls_{0};
};

const ResourceType* Planner::TypeOf(const ResourceRecord& record) const {
  auto desired = desired_by_address_.find(record.address);
  if (desired != desired_by_address_.end() &&
      desired->second->type->name() == record.type) {
    return desired->second->type;
  }
  if (options_.find_type) return options_.find_type(record.type);
  return resources::FindResourceType(record.type);
}

}  // namespace

Result<Plan> MakePlan(const std::vector<resources::DesiredResource>& desired,
                      state::StateStore& store, resources::AccountAccess& access,
                      const PlanOptions& options) {
  Planner planner(desired, store, access, options);
  return planner.Run();
}

}  // namespace vueops::plan
