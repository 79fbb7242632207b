#include "resources/iam_inline_policy.h"

#include "resources/resource_calls.h"

namespace vueops::resources {
namespace {

// "<owner>:<policy>" as {owner, policy}; nullopt when it is not that.
std::optional<std::pair<std::string, std::string>> SplitId(const std::string& id) {
  size_t colon = id.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == id.size()) return std::nullopt;
  return std::make_pair(id.substr(0, colon), id.substr(colon + 1));
}

}  // namespace

std::string InlinePolicyType(std::string_view entity_type) {
  return std::string(entity_type) + "_policy";
}

std::string_view InlinePolicyOwner(std::string_view policy_type) {
  if (policy_type == "iam_role_policy") return "role";
  if (policy_type == "iam_group_policy") return "group";
  if (policy_type == "iam_user_policy") return "user";
  return "";
}

IamInlinePolicyType::IamInlinePolicyType(std::string_view type_name, const IamEntity& entity)
    : type_name_(type_name),
      entity_(entity),
      owner_(InlinePolicyOwner(type_name)),
      attributes_{{owner_, UpdateMode::kReplace},
                  {"name", UpdateMode::kReplace},
                  {"policy", UpdateMode::kInPlace}} {}

Json IamInlinePolicyType::AttributesOf(const std::string& owner_name,
                                       const std::string& policy_name, const Json& document) const {
  return {{std::string(owner_), owner_name}, {"name", policy_name}, {"policy", document}};
}

Result<Json> IamInlinePolicyType::Read(ResourceContext& context,
                                       const state::ResourceRecord& record) const {
  const state::ResourceRecord* one[] = {&record};
  return std::move(ReadMany(context, one)[0]);
}

std::vector<Result<Json>> IamInlinePolicyType::ReadMany(
    ResourceContext& context, std::span<const state::ResourceRecord* const> records) const {
  Result<std::map<std::string, Json>> details = AuthorizationDetails(context, entity_);
  const std::string list = std::string(entity_.noun) + "PolicyList";
  std::vector<Result<Json>> results;
  for (const state::ResourceRecord* record : records) {
    if (!details.ok()) {
      results.push_back(details.status());
      continue;
    }
    auto parts = SplitId(record->id);
    if (!parts) {
      results.push_back(InvalidArgumentError(record->address + ": the id " + record->id +
                                             " is not <" + std::string(owner_) +
                                             ">:<policy>; repair it with `vueops state rm` "
                                             "and `vueops import`"));
      continue;
    }
    auto detail = details->find(parts->first);
    Json policies = detail == details->end() ? Json::object()
                                             : InlinePolicies(detail->second.value(list, Json()));
    if (!policies.contains(parts->second)) {
      results.push_back(NotFoundError(record->address + ": inline policy " + parts->second +
                                      " of " + std::string(owner_) + " " + parts->first +
                                      " is gone"));
      continue;
    }
    results.push_back(AttributesOf(parts->first, parts->second, policies[parts->second]));
  }
  return results;
}

Status IamInlinePolicyType::Put(ResourceContext& context, const Json& desired) const {
  return context
      .Call("iam", IamOperation("Put", entity_, "Policy"),
            {{std::string(entity_.name_member), desired.value(std::string(owner_), "")},
             {"PolicyName", desired.value("name", "")},
             {"PolicyDocument", PolicyText(desired.value("policy", Json::object()))}})
      .status();
}

Result<Created> IamInlinePolicyType::Create(ResourceContext& context, const Json& desired,
                                            const std::string&) const {
  // PutXPolicy writes the policy whether or not one of that name exists, so a retried or
  // repeated create is harmless: the owner is this stack's, and the name is the spec's.
  RETURN_IF_ERROR(Put(context, desired));
  std::string id = desired.value(std::string(owner_), "") + ":" + desired.value("name", "");
  return Created{id, {{"id", id}}, Json::object()};
}

Status IamInlinePolicyType::Update(ResourceContext& context, const state::ResourceRecord&,
                                   const Json& desired, const std::vector<std::string>&) const {
  return Put(context, desired);
}

Status IamInlinePolicyType::Delete(ResourceContext& context,
                                   const state::ResourceRecord& record) const {
  auto parts = SplitId(record.id);
  if (!parts) {
    return InvalidArgumentError(record.address + ": the id " + record.id + " is not <" +
                                std::string(owner_) + ">:<policy>");
  }
  return CallIgnoring(
      context, "iam", IamOperation("Delete", entity_, "Policy"),
      {{std::string(entity_.name_member), parts->first}, {"PolicyName", parts->second}},
      {kNoSuchEntity});
}

Result<std::optional<Found>> IamInlinePolicyType::Find(ResourceContext& context,
                                                       const Json& desired,
                                                       const std::string&) const {
  std::string owner_name = desired.value(std::string(owner_), "");
  std::string policy_name = desired.value("name", "");
  Result<Json> policy = context.CallOrNotFound(
      "iam", IamOperation("Get", entity_, "Policy"),
      {{std::string(entity_.name_member), owner_name}, {"PolicyName", policy_name}},
      {kNoSuchEntity});
  if (!policy.ok()) {
    if (policy.status().code() == StatusCode::kNotFound) return std::optional<Found>();
    return policy.status();
  }
  std::string id = owner_name + ":" + policy_name;
  return std::optional<Found>(Found{
      id,
      {{"id", id}},
      AttributesOf(owner_name, policy_name, PolicyValue(policy->value("PolicyDocument", Json())))});
}

}  // namespace vueops::resources
