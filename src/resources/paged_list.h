// Every item of a paginated AWS list, one context.Call per page (so that the calls are
// counted for "API calls per resource").
#ifndef VUEOPS_RESOURCES_PAGED_LIST_H_
#define VUEOPS_RESOURCES_PAGED_LIST_H_

#include <string_view>

#include "base/json.h"
#include "resources/resource_context.h"

namespace vueops::resources {

// The pagination members of the APIs the data store, load balancer and certificate types use.
struct PageTokens {
  std::string_view request;   // "Marker" (RDS, ElastiCache, ELBv2), "NextToken" (ACM)
  std::string_view response;  // "Marker" (RDS, ElastiCache), "NextMarker" (ELBv2), "NextToken"
};
inline constexpr PageTokens kMarkerPages = {"Marker", "Marker"};
inline constexpr PageTokens kElbv2Pages = {"Marker", "NextMarker"};
inline constexpr PageTokens kNextTokenPages = {"NextToken", "NextToken"};

// The items of `list_member` over every page of `operation`. When `absent` is not empty, an
// AWS error with one of those codes is kNotFound (as CallOrNotFound).
Result<Json> ListAllPages(ResourceContext& context, std::string_view service,
                          std::string_view operation, const Json& input,
                          std::string_view list_member, PageTokens tokens,
                          std::initializer_list<std::string_view> absent = {});

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_PAGED_LIST_H_
