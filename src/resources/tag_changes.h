// Bringing an object's user tags (the environment's tags; vueops:* are set at creation and
// left alone) to the desired map, for the APIs that tag by ARN with AddTagsToResource and
// RemoveTagsFromResource (RDS, ElastiCache) or AddTags and RemoveTags (ELBv2).
#ifndef VUEOPS_RESOURCES_TAG_CHANGES_H_
#define VUEOPS_RESOURCES_TAG_CHANGES_H_

#include <string>
#include <string_view>

#include "base/json.h"
#include "resources/resource_context.h"

namespace vueops::resources {

struct TagChanges {
  Json add = Json::array();     // [{"Key": k, "Value": v}]: new or changed
  Json remove = Json::array();  // ["k", ...]: keys `desired` no longer has
  bool empty() const { return add.empty() && remove.empty(); }
};

// What turns the user tags `current` (a map) into `desired` (a map). vueops:* keys are never
// removed.
TagChanges DiffTags(const Json& current, const Json& desired);

// RDS and ElastiCache: AddTagsToResource / RemoveTagsFromResource on `arn`.
Status SyncResourceTags(ResourceContext& context, std::string_view service,
                        const std::string& arn, const Json& current, const Json& desired);

// RDS and ElastiCache: whether the object at `arn` carries vueops:address = the context's
// address (ListTagsForResource). A create that AWS refuses because the name is taken is our
// own earlier create, answered too late, when this is true.
Result<bool> HasAddressTag(ResourceContext& context, std::string_view service,
                           const std::string& arn);

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_TAG_CHANGES_H_
