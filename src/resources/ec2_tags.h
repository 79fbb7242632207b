// Tags and lookups shared by the EC2 types (VPC, subnet, gateways, security groups, ...).
#ifndef VUEOPS_RESOURCES_EC2_TAGS_H_
#define VUEOPS_RESOURCES_EC2_TAGS_H_

#include <optional>
#include <string>
#include <string_view>

#include "base/json.h"
#include "resources/resource_context.h"

namespace vueops::resources {

// [{"ResourceType": resource_type, "Tags": [...]}] for a Create call's TagSpecifications.
Json TagSpecifications(const ResourceContext& context, std::string_view resource_type);

// An EC2 "Tags" list ([{"Key", "Value"}]) as a map, leaving out the vueops:* tags.
Json UserTags(const Json& tag_list);

// The tags the spec asks for, as a map (the context's tags without the vueops:* ones).
Json DesiredUserTags(const ResourceContext& context);

// The first item of describe_operation's `list_member` tagged vueops:address = the context's
// address (Filters tag:vueops:address), or nullopt. For adoption after a crash.
Result<std::optional<Json>> FindByAddressTag(ResourceContext& context,
                                             std::string_view describe_operation,
                                             std::string_view list_member,
                                             const Json& extra_input = Json::object());

// Replaces the object's user tags with `desired` (a map): CreateTags for new or changed keys,
// DeleteTags for keys that went away. vueops:* tags are left alone.
Status SyncTags(ResourceContext& context, const std::string& resource_id, const Json& current,
                const Json& desired);

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_EC2_TAGS_H_
