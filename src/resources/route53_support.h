// What the Route53 types share (notes: "Route53"): ids without their path prefix, DNS names
// in one canonical form, and tags, which Route53 reads for ten zones or health checks a call.
#ifndef VUEOPS_RESOURCES_ROUTE53_SUPPORT_H_
#define VUEOPS_RESOURCES_ROUTE53_SUPPORT_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "resources/resource_context.h"

namespace vueops::resources {

// "/hostedzone/Z123" -> "Z123" (Route53 answers with the path; the bare id is what the
// console shows and what alias targets take).
std::string BareRoute53Id(std::string_view id);

// A DNS name as vueops writes it: absolute (with the trailing dot, as Route53 answers and ACM
// gives its validation records), lower case, and with Route53's octal escapes ("\052" for
// '*') decoded. "WWW.Vueocity.com" -> "www.vueocity.com.".
std::string CanonicalDnsName(std::string_view name);

// The tags ([{"Key", "Value"}], vueops:* included) of each of `ids`, of `resource_type`
// ("hostedzone" or "healthcheck"), by id. One ListTagsForResources per ten ids.
Result<std::map<std::string, Json>> ReadRoute53Tags(ResourceContext& context,
                                                    std::string_view resource_type,
                                                    const std::vector<std::string>& ids);

// Whether a tag list holds vueops:address = `address`.
bool HasAddressTag(const Json& tags, const std::string& address);

// Puts the context's vueops:* tags and `desired` (a map), and removes the user tags in
// `current` that are not desired.
Status SyncRoute53Tags(ResourceContext& context, std::string_view resource_type,
                       const std::string& id, const Json& current, const Json& desired);

// Every record set of the zone (ListResourceRecordSets, 300 a call), or nullopt when the
// zone is gone.
Result<std::optional<Json>> ListZoneRecordSets(ResourceContext& context,
                                               const std::string& zone_id);

// Sends `changes` ([{"Action", "ResourceRecordSet"}]) to the zone in one batch, which Route53
// applies all or nothing.
Status ChangeRecordSets(ResourceContext& context, const std::string& zone_id, Json changes);

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_ROUTE53_SUPPORT_H_
