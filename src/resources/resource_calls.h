// Call patterns the Organizations, IAM and Secrets Manager types share: every page of a list
// operation, and calls whose "already done" errors mean success. Both go through
// ResourceContext::Call, so each request counts towards the context's calls() (the "API calls
// per resource" of a no-change plan) and errors name the resource's address.
#ifndef VUEOPS_RESOURCES_RESOURCE_CALLS_H_
#define VUEOPS_RESOURCES_RESOURCE_CALLS_H_

#include <initializer_list>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"
#include "resources/resource_context.h"

namespace vueops::resources {

// How a list operation pages: the input member that takes the token and the output member
// that returns it. IAM speaks Marker/Marker (with IsTruncated), Organizations and Secrets
// Manager NextToken/NextToken.
struct Paging {
  std::string_view input_token;
  std::string_view output_token;
};
inline constexpr Paging kIamPaging = {"Marker", "Marker"};
inline constexpr Paging kNextTokenPaging = {"NextToken", "NextToken"};

// Calls `operation` until the last page and returns every item of `items` (one list). The
// other members of the first page are dropped: callers want the list.
Result<Json> CallAllPages(ResourceContext& context, std::string_view service,
                          std::string_view operation, const Json& input, Paging paging,
                          std::string_view items);

// The output of `operation`, or an empty object when AWS answers with one of `done` (an error
// code that means the effect is already there: "EntityAlreadyExists" for an attach that was
// made, "NoSuchEntity" for a delete of something gone). *was_done says which happened.
Result<Json> CallUnlessDone(ResourceContext& context, std::string_view service,
                            std::string_view operation, const Json& input,
                            std::initializer_list<std::string_view> done, bool* was_done = nullptr);

// Like CallUnlessDone, for calls whose output is not needed.
Status CallIgnoring(ResourceContext& context, std::string_view service, std::string_view operation,
                    const Json& input, std::initializer_list<std::string_view> done);

// Every item of `list` (an array of strings) sorted and without repeats: the canonical form
// of the list attributes whose order AWS does not keep (policy ARNs, group names).
Json SortedStrings(const Json& list);

// `answer`'s `member`, or `recorded` ("" when null) when the answer leaves the member out.
// AWS sends some optional members only when they are set (CloudFront's Comment, SES's
// notification topics), and moto drops some it stores (an origin's OriginAccessControlId);
// either way nothing was reported, which is not drift. The cost: clearing such a member by
// hand goes unseen until the next apply.
Json ReportedOr(const Json& answer, const std::string& member, const Json& recorded);

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_RESOURCE_CALLS_H_
