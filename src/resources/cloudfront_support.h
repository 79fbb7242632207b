// What the CloudFront types share (notes: "CloudFront"): listing every item of a List call
// page by page (one call answers for up to 100 objects, which is how the types read many at
// once), and CloudFront's optimistic locking: every update and delete names the object's
// current ETag (If-Match), which a Get call returns.
#ifndef VUEOPS_RESOURCES_CLOUDFRONT_SUPPORT_H_
#define VUEOPS_RESOURCES_CLOUDFRONT_SUPPORT_H_

#include <initializer_list>
#include <string>
#include <string_view>

#include "resources/resource_calls.h"  // ReportedOr
#include "resources/resource_context.h"

namespace vueops::resources {

// The Items of every page of `operation` (ListOriginAccessControls, ListPublicKeys, ...),
// whose answer holds them under `list_member` (OriginAccessControlList, ...), following
// NextMarker.
Result<Json> ListCloudFrontItems(ResourceContext& context, std::string_view operation,
                                 std::string_view list_member);

// Deletes object `id`: `get_operation` for its ETag, then `delete_operation` with If-Match.
// OK when it is already gone (an error code in `absent`).
Status DeleteCloudFrontObject(ResourceContext& context, std::string_view get_operation,
                              std::string_view delete_operation, const std::string& id,
                              std::initializer_list<std::string_view> absent);

// A result's list as CloudFront writes it ({"Quantity": n, "Items": [...]}) and back.
Json CloudFrontList(const Json& items);
Json CloudFrontItems(const Json& list);

// `text` without trailing spaces and newlines (PEM keys as files end, and as AWS keeps them).
std::string TrimTrailingSpace(std::string text);


}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_CLOUDFRONT_SUPPORT_H_
