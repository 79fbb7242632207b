// Batched reads and tags for the load balancer types (ELBv2: load balancer, target group,
// listener, listener rule).
#ifndef VUEOPS_RESOURCES_ELBV2_DESCRIBE_H_
#define VUEOPS_RESOURCES_ELBV2_DESCRIBE_H_

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "resources/resource_context.h"
#include "state/record.h"

namespace vueops::resources {

// ELBv2 API reference: DescribeLoadBalancers and DescribeTags take up to 20 ARNs a call.
inline constexpr size_t kElbv2ArnsPerCall = 20;

// What describes one kind of object: DescribeLoadBalancers with LoadBalancerArns, answering
// LoadBalancers whose items carry LoadBalancerArn, or LoadBalancerNotFound when one is gone.
struct Elbv2Describe {
  std::string_view operation;    // "DescribeLoadBalancers"
  std::string_view arns_member;  // "LoadBalancerArns"
  std::string_view list_member;  // "LoadBalancers"
  std::string_view arn_key;      // "LoadBalancerArn"
  std::string_view not_found;    // "LoadBalancerNotFound"
};

// The objects named by `arns`, in order; nullopt for one that is gone. One call per
// kElbv2ArnsPerCall ARNs; a batch AWS refuses because one of them is gone is asked again
// one by one.
Result<std::vector<std::optional<Json>>> DescribeByArn(ResourceContext& context,
                                                       const Elbv2Describe& describe,
                                                       const std::vector<std::string>& arns);

// The user tags (a map, without vueops:*) of each of `arns`, in order; an object that is gone
// has none. One DescribeTags per kElbv2ArnsPerCall ARNs.
Result<std::vector<Json>> UserTagsByArn(ResourceContext& context,
                                        const std::vector<std::string>& arns);

// A type's ReadMany over DescribeByArn and UserTagsByArn: `read` turns one record's object
// (nullopt when it is gone) and user tags into its attributes. A failed batch call fails
// every record.
using Elbv2ReadOne = std::function<Result<Json>(const state::ResourceRecord& record,
                                                const std::optional<Json>& object,
                                                const Json& tags)>;
std::vector<Result<Json>> ReadManyByArn(ResourceContext& context, const Elbv2Describe& describe,
                                        std::span<const state::ResourceRecord* const> records,
                                        const Elbv2ReadOne& read);

// Whether `arn` carries vueops:address = the context's address.
Result<bool> Elbv2HasAddressTag(ResourceContext& context, const std::string& arn);

// Brings the user tags of `arn` from `current` to `desired` (AddTags, RemoveTags).
Status SyncElbv2Tags(ResourceContext& context, const std::string& arn, const Json& current,
                     const Json& desired);

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_ELBV2_DESCRIBE_H_
