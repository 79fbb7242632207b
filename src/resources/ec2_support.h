// What the EC2 types (network and servers) share beyond tags: one Describe call for many
// records, error codes to branch on, idempotency tokens after a stale answer, the order of
// list attributes whose items are references, and the tags a create puts on an object.
#ifndef VUEOPS_RESOURCES_EC2_SUPPORT_H_
#define VUEOPS_RESOURCES_EC2_SUPPORT_H_

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "resources/resource_context.h"
#include "state/record.h"

namespace vueops::resources {

// How a batched read finds and maps the records' objects.
struct DescribeBatch {
  std::string_view service = "ec2";
  std::string_view operation;    // "DescribeSubnets"
  std::string_view filter;       // "subnet-id": filtering, unlike the Ids parameters, answers
                                 // with the objects that exist instead of failing the call
                                 // when one of them is gone
  std::string_view list_member;  // "Subnets"
  std::string_view id_member;    // "SubnetId"
  // A noun for messages: "subnet".
  std::string_view noun;
  // The object's attributes in the schema's vocabulary; `record` gives the recorded values
  // (for list order, see OrderLike).
  std::function<Json(const Json& item, const state::ResourceRecord& record)> attributes = {};
  // True when the object AWS still lists is as good as gone (a NAT gateway "deleted", an
  // instance "terminated"): Read reports kNotFound so the plan creates it again.
  std::function<bool(const Json& item, const state::ResourceRecord& record)> gone = {};
  // Extra members of the Describe input (MaxResults).
  Json extra_input = Json::object();
  // The input member holding filters: "Filters", but "Filter" for DescribeNatGateways and
  // DescribeFlowLogs.
  std::string_view filters_member = "Filters";
};

// Reads every record with Describe calls filtered by the records' ids (all pages), one result
// per record in order: the mapped attributes, or kNotFound.
std::vector<Result<Json>> DescribeRecords(ResourceContext& context,
                                          std::span<const state::ResourceRecord* const> records,
                                          const DescribeBatch& batch);

// Reads one record through DescribeRecords.
Result<Json> DescribeRecord(ResourceContext& context, const state::ResourceRecord& record,
                            const DescribeBatch& batch);

// The first item of `list_member` tagged vueops:address = the context's address, among
// those `extra_filters` (a list of EC2 filters) admit; like FindByAddressTag, for operations
// whose filters member is not "Filters" and for filters beyond the tag.
Result<std::optional<Json>> FindTagged(ResourceContext& context, std::string_view operation,
                                       std::string_view list_member,
                                       std::string_view filters_member = "Filters",
                                       const Json& extra_filters = Json::array());

// Every item of `list_member` over all pages of an EC2-style operation (NextToken), each page
// counted as a call of the context.
Result<Json> CallAllPages(ResourceContext& context, std::string_view service,
                          std::string_view operation, const Json& input,
                          std::string_view list_member);

// context.Call that also gives the AWS error code of a failed call in `*code` ("" on success
// or when no answer came), for callers that branch on it ("InvalidPermission.Duplicate").
// `*message`, when given, receives the error's message.
Result<Json> CallForCode(ResourceContext& context, std::string_view service,
                         std::string_view operation, const Json& input, std::string* code,
                         std::string* message = nullptr);

// A Delete's outcome: OK when the call succeeded or AWS says the object is already gone (one
// of `gone_codes`).
Status DeleteIgnoringGone(ResourceContext& context, std::string_view service,
                          std::string_view operation, const Json& input,
                          std::initializer_list<std::string_view> gone_codes);

// The idempotency token to retry a create with when AWS answered the stable `token` with an
// object that is already deleted (tokens outlive their objects): derived from the stale
// object's id, so a retry after a crash derives the same token and gets the same new object.
std::string TokenAfter(const std::string& token, const std::string& stale_id);

// `live` (a list) ordered like `reference`: items found in `reference` in its order, then the
// others sorted. Attributes whose items are references (subnet ids, security group ids)
// cannot be sorted by the pass, which sees only the references; the recorded list gives the
// order the pass chose, so an unchanged set reads back equal.
Json OrderLike(const Json& live, const Json& reference);

// The TagSpecifications of a create: the context's vueops:* tags, then the desired "tags"
// attribute (the environment's tags and a Name), or the context's own tags when the
// attributes have none.
Json TagSpecificationsFor(const ResourceContext& context, std::string_view resource_type,
                          const Json& desired);
// The same tags as an EC2 tag list ([{"Key", "Value"}]).
Json TagListFor(const ResourceContext& context, const Json& desired);

// "a,b" split at commas, without empty parts.
std::vector<std::string> SplitCommas(std::string_view text);

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_EC2_SUPPORT_H_
