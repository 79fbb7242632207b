#include "resources/ec2_tags.h"

namespace vueops::resources {
namespace {

bool IsVueopsTag(std::string_view key) { return key.rfind("vueops:", 0) == 0; }

}  // namespace

Json TagSpecifications(const ResourceContext& context, std::string_view resource_type) {
  return Json::array({Json{{"ResourceType", resource_type}, {"Tags", context.TagList()}}});
}

Json UserTags(const Json& tag_list) {
  Json tags = Json::object();
  if (!tag_list.is_array()) return tags;
  for (const Json& tag : tag_list) {
    std::string key = tag.value("Key", "");
    if (!key.empty() && !IsVueopsTag(key)) tags[key] = tag.value("Value", "");
  }
  return tags;
}

Json DesiredUserTags(const ResourceContext& context) {
  Json tags = Json::object();
  for (const auto& [key, value] : context.tags()) {
    if (!IsVueopsTag(key)) tags[key] = value;
  }
  return tags;
}

Result<std::optional<Json>> FindByAddressTag(ResourceContext& context,
                                             std::string_view describe_operation,
                                             std::string_view list_member,
                                             const Json& extra_input) {
  Json input = extra_input;
  input["Filters"] = Json::array(
      {Json{{"Name", "tag:" + std::string(kAddressTag)}, {"Values", {context.address()}}}});
  ASSIGN_OR_RETURN(Json output, context.Call("ec2", describe_operation, input));
  const Json& items = output[std::string(list_member)];
  if (!items.is_array() || items.empty()) return std::optional<Json>();
  return std::optional<Json>(items[0]);
}

Status SyncTags(ResourceContext& context, const std::string& resource_id, const Json& current,
                const Json& desired) {
  Json add = Json::array();
  for (auto it = desired.begin(); it != desired.end(); ++it) {
    if (!current.contains(it.key()) || current[it.key()] != it.value()) {
      add.push_back({{"Key", it.key()}, {"Value", it.value()}});
    }
  }
  Json remove = Json::array();
  for (auto it = current.begin(); it != current.end(); ++it) {
    if (!desired.contains(it.key())) remove.push_back({{"Key", it.key()}});
  }
  if (!add.empty()) {
    RETURN_IF_ERROR(
        context.Call("ec2", "CreateTags", {{"Resources", {resource_id}}, {"Tags", add}}).status());
  }
  if (!remove.empty()) {
    RETURN_IF_ERROR(context
                        .Call("ec2", "DeleteTags", {{"Resources", {resource_id}}, {"Tags", remove}})
                        .status());
  }
  return Status::Ok();
}

}  // namespace vueops::resources
