#include "resources/tag_changes.h"

namespace vueops::resources {

TagChanges DiffTags(const Json& current, const Json& desired) {
  TagChanges changes;
  if (desired.is_object()) {
    for (auto it = desired.begin(); it != desired.end(); ++it) {
      if (!current.is_object() || !current.contains(it.key()) || current[it.key()] != it.value()) {
        changes.add.push_back({{"Key", it.key()}, {"Value", it.value()}});
      }
    }
  }
  if (current.is_object()) {
    for (auto it = current.begin(); it != current.end(); ++it) {
      bool ours = it.key().rfind("vueops:", 0) == 0;
      if (!ours && (!desired.is_object() || !desired.contains(it.key()))) {
        changes.remove.push_back(it.key());
      }
    }
  }
  return changes;
}

Status SyncResourceTags(ResourceContext& context, std::string_view service,
                        const std::string& arn, const Json& current, const Json& desired) {
  TagChanges changes = DiffTags(current, desired);
  if (!changes.add.empty()) {
    RETURN_IF_ERROR(context
                        .Call(service, "AddTagsToResource",
                              {{"ResourceName", arn}, {"Tags", changes.add}})
                        .status());
  }
  if (!changes.remove.empty()) {
    RETURN_IF_ERROR(context
                        .Call(service, "RemoveTagsFromResource",
                              {{"ResourceName", arn}, {"TagKeys", changes.remove}})
                        .status());
  }
  return Status::Ok();
}

Result<bool> HasAddressTag(ResourceContext& context, std::string_view service,
                           const std::string& arn) {
  ASSIGN_OR_RETURN(Json output,
                   context.Call(service, "ListTagsForResource", {{"ResourceName", arn}}));
  for (const Json& tag : output.value("TagList", Json::array())) {
    if (tag.value("Key", "") == kAddressTag && tag.value("Value", "") == context.address()) {
      return true;
    }
  }
  return false;
}

}  // namespace vueops::resources
