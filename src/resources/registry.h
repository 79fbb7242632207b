// Every resource type vueops knows, by name.
#ifndef VUEOPS_RESOURCES_REGISTRY_H_
#define VUEOPS_RESOURCES_REGISTRY_H_

#include <span>
#include <string_view>

#include "resources/resource_type.h"

namespace vueops::resources {

// Ordered by name.
std::span<const ResourceType* const> AllResourceTypes();
// The type named `name` ("security_group"), or nullptr.
const ResourceType* FindResourceType(std::string_view name);

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_REGISTRY_H_
