// Canonical attribute values shared by the RDS, ElastiCache, load balancer and certificate
// types. The planner compares a type's Read with the desired attributes value by value, and
// list order counts, so a list AWS reports in its own order is put into the order the desired
// value uses before it is compared.
#ifndef VUEOPS_RESOURCES_CANONICAL_VALUES_H_
#define VUEOPS_RESOURCES_CANONICAL_VALUES_H_

#include <string>
#include <vector>

#include "base/json.h"
#include "resources/ec2_support.h"     // OrderLike
#include "resources/resource_calls.h"  // SortedStrings

namespace vueops::resources {

// The engine version as the record writes it when `live` is that version or one of its
// later minor or patch releases ("8.0" recorded, "8.0.39" live): the spec names the line,
// and automatic minor upgrades move the instance along it. Otherwise `live`.
std::string VersionAsRecorded(const std::string& live, const Json& recorded);

// `items` split into runs of at most `size`, for APIs that take a bounded number of names.
std::vector<Json> Chunks(const Json& items, size_t size);

// `text` as a whole decimal number, or `fallback` when it is not one (AWS attribute maps hold
// numbers as strings).
int IntOr(const std::string& text, int fallback);

// The value of an AWS "key=value" attribute list ([{"Key": k, "Value": v}]) as a map.
Json KeyValueMap(const Json& attributes);

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_CANONICAL_VALUES_H_
