#include "resources/iam_entities.h"

#include <set>

#include "resources/resource_calls.h"

namespace vueops::resources {
namespace {

// GetAccountAuthorizationDetails' largest page (IAM API Reference: MaxItems 1-1000).
constexpr int kMaxDetailsPerPage = 1000;

bool IsVueopsTag(std::string_view key) { return key.rfind("vueops:", 0) == 0; }

// The tags an entity should carry, as a map: the context's vueops:* tags and `desired_tags`
// (with `all_context_tags`, the context's others too, as a create sets them).
Json WantedTags(const ResourceContext& context, const Json& desired_tags, bool all_context_tags) {
  Json tags = Json::object();
  for (const auto& [key, value] : context.tags()) {
    if (all_context_tags || IsVueopsTag(key)) tags[key] = value;
  }
  if (desired_tags.is_object()) {
    for (auto it = desired_tags.begin(); it != desired_tags.end(); ++it)
      tags[it.key()] = it.value();
  }
  return tags;
}

}  // namespace

std::string IamOperation(std::string_view prefix, const IamEntity& entity,
                         std::string_view suffix) {
  return std::string(prefix) + std::string(entity.noun) + std::string(suffix);
}

std::string PolicyText(const Json& document) { return DumpJson(document); }

Json PolicyValue(const Json& document) {
  if (!document.is_string()) return document;
  Result<Json> parsed = ParseJson(document.get<std::string>());
  return parsed.ok() ? *parsed : document;
}

Json InlinePolicies(const Json& policy_list) {
  Json policies = Json::object();
  if (!policy_list.is_array()) return policies;
  for (const Json& policy : policy_list) {
    policies[policy.value("PolicyName", "")] = PolicyValue(policy.value("PolicyDocument", Json()));
  }
  return policies;
}

Json ManagedPolicyArns(const Json& attached) {
  Json arns = Json::array();
  if (attached.is_array()) {
    for (const Json& policy : attached) arns.push_back(policy.value("PolicyArn", ""));
  }
  return SortedStrings(arns);
}

Result<std::map<std::string, Json>> AuthorizationDetails(ResourceContext& context,
                                                         const IamEntity& entity) {
  ASSIGN_OR_RETURN(Json details,
                   CallAllPages(context, "iam", "GetAccountAuthorizationDetails",
                                {{"Filter", {entity.filter}}, {"MaxItems", kMaxDetailsPerPage}},
                                kIamPaging, entity.detail_list));
  std::map<std::string, Json> by_name;
  for (Json& detail : details) {
    std::string name = detail.value(std::string(entity.name_member), "");
    by_name.emplace(std::move(name), std::move(detail));
  }
  return by_name;
}

Json InlinePolicyNames(const Json& policy_list) {
  Json names = Json::array();
  if (policy_list.is_array()) {
    for (const Json& policy : policy_list) names.push_back(policy.value("PolicyName", ""));
  }
  return SortedStrings(names);
}

Status KeepOnlyInlinePolicies(ResourceContext& context, const IamEntity& entity,
                              const std::string& name, const Json& keep) {
  const std::string member(entity.name_member);
  ASSIGN_OR_RETURN(Json names,
                   CallAllPages(context, "iam", IamOperation("List", entity, "Policies"),
                                {{member, name}}, kIamPaging, "PolicyNames"));
  std::set<std::string> kept;
  if (keep.is_array()) {
    for (const Json& policy : keep) {
      if (policy.is_string()) kept.insert(policy.get<std::string>());
    }
  }
  for (const Json& existing : names) {
    std::string policy = existing.get<std::string>();
    if (kept.count(policy)) continue;
    RETURN_IF_ERROR(CallIgnoring(context, "iam", IamOperation("Delete", entity, "Policy"),
                                 {{member, name}, {"PolicyName", policy}}, {kNoSuchEntity}));
  }
  return Status::Ok();
}

Status SyncManagedPolicies(ResourceContext& context, const IamEntity& entity,
                           const std::string& name, const Json& desired) {
  const std::string member(entity.name_member);
  ASSIGN_OR_RETURN(Json attached,
                   CallAllPages(context, "iam", IamOperation("ListAttached", entity, "Policies"),
                                {{member, name}}, kIamPaging, "AttachedPolicies"));
  std::set<std::string> wanted, present;
  if (desired.is_array()) {
    for (const Json& arn : desired) wanted.insert(arn.get<std::string>());
  }
  for (const Json& policy : attached) present.insert(policy.value("PolicyArn", ""));
  for (const std::string& arn : wanted) {
    if (present.count(arn)) continue;
    RETURN_IF_ERROR(context
                        .Call("iam", IamOperation("Attach", entity, "Policy"),
                              {{member, name}, {"PolicyArn", arn}})
                        .status());
  }
  for (const std::string& arn : present) {
    if (wanted.count(arn)) continue;
    RETURN_IF_ERROR(CallIgnoring(context, "iam", IamOperation("Detach", entity, "Policy"),
                                 {{member, name}, {"PolicyArn", arn}}, {kNoSuchEntity}));
  }
  return Status::Ok();
}

Json IamTagList(const ResourceContext& context, const Json& desired_tags) {
  Json list = Json::array();
  Json tags = WantedTags(context, desired_tags, /*all_context_tags=*/true);
  for (auto it = tags.begin(); it != tags.end(); ++it) {
    list.push_back({{"Key", it.key()}, {"Value", it.value()}});
  }
  return list;
}

Status SyncIamTags(ResourceContext& context, const IamEntity& entity, const std::string& name,
                   const Json& live_tags, const Json& desired_tags) {
  const std::string member(entity.name_member);
  const Json live = live_tags.is_array() ? live_tags : Json::array();
  Json wanted = WantedTags(context, desired_tags, /*all_context_tags=*/false);
  Json add = Json::array();
  for (auto it = wanted.begin(); it != wanted.end(); ++it) {
    bool same = false;
    for (const Json& tag : live) {
      same = same || (tag.value("Key", "") == it.key() && tag.value("Value", "") == it.value());
    }
    if (!same) add.push_back({{"Key", it.key()}, {"Value", it.value()}});
  }
  Json remove = Json::array();
  for (const Json& tag : live) {
    std::string key = tag.value("Key", "");
    if (!wanted.contains(key) && !IsVueopsTag(key)) remove.push_back(key);
  }
  if (!add.empty()) {
    RETURN_IF_ERROR(
        context.Call("iam", IamOperation("Tag", entity, ""), {{member, name}, {"Tags", add}})
            .status());
  }
  if (!remove.empty()) {
    RETURN_IF_ERROR(
        context
            .Call("iam", IamOperation("Untag", entity, ""), {{member, name}, {"TagKeys", remove}})
            .status());
  }
  return Status::Ok();
}

bool TaggedWithAddress(const ResourceContext& context, const Json& tag_list) {
  if (!tag_list.is_array()) return false;
  for (const Json& tag : tag_list) {
    if (tag.value("Key", "") == kAddressTag && tag.value("Value", "") == context.address()) {
      return true;
    }
  }
  return false;
}

}  // namespace vueops::resources
