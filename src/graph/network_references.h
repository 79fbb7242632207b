// What the data store and load balancer passes take from the network section and the
// environment: references to its subnets and security groups (docs/resources.md, "Network"),
// and the environment's tags as the "tags" attribute.
#ifndef VUEOPS_GRAPH_NETWORK_REFERENCES_H_
#define VUEOPS_GRAPH_NETWORK_REFERENCES_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "spec/environment.h"

namespace vueops::graph {

// The zone letter of a full zone name ("us-west-2a" -> "a"): the last character.
std::string ZoneLetter(std::string_view availability_zone);

// References to the ids of the environment's subnets, in zone order: the private ones
// (<env>.subnet.private-<letter>), or the public ones when `placement` asks for them or the
// environment has no private subnets (<env>.subnet.public-<letter>).
enum class SubnetPlacement { kPrivateWhenPresent, kPublic };
Json SubnetReferences(const spec::Environment& env, SubnetPlacement placement);

// References to the ids of the named security groups (<env>.security_group.<name>).
Json SecurityGroupReferences(const spec::Environment& env, const std::vector<std::string>& names);

// The environment's own tags as a map: the "tags" attribute of the types that compare tags.
Json TagsAttribute(const spec::Environment& env);

// `name` in lower case: RDS and ElastiCache keep identifiers in lower case, so the desired
// value must be written as AWS reads it back.
std::string LowerCase(std::string name);

}  // namespace vueops::graph

#endif  // VUEOPS_GRAPH_NETWORK_REFERENCES_H_
