#include "resources/route53_support.h"

#include <cctype>

namespace vueops::resources {
namespace {

// Route 53 API Reference, ListTagsForResources: "You can specify up to 10" resource ids.
constexpr size_t kTagBatch = 10;
// Route 53 API Reference, ListResourceRecordSets: MaxItems up to 300.
constexpr std::string_view kRecordSetPage = "300";

}  // namespace

std::string BareRoute53Id(std::string_view id) {
  size_t slash = id.rfind('/');
  return std::string(slash == std::string_view::npos ? id : id.substr(slash + 1));
}

std::string CanonicalDnsName(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    // Route 53 Developer Guide, "DNS domain name format": characters other than a-z, 0-9, '-'
    // and '.' come back as a backslash and three octal digits.
    if (name[i] == '\\' && i + 3 < name.size() && std::isdigit(name[i + 1]) &&
        std::isdigit(name[i + 2]) && std::isdigit(name[i + 3])) {
      out += static_cast<char>((name[i + 1] - '0') * 64 + (name[i + 2] - '0') * 8 +
                               (name[i + 3] - '0'));
      i += 3;
      continue;
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
  }
  if (!out.empty() && out.back() != '.') out += '.';
  return out;
}

Result<std::map<std::string, Json>> ReadRoute53Tags(ResourceContext& context,
                                                    std::string_view resource_type,
                                                    const std::vector<std::string>& ids) {
  std::map<std::string, Json> tags;
  for (size_t start = 0; start < ids.size(); start += kTagBatch) {
    Json batch = Json::array();
    for (size_t i = start; i < ids.size() && i < start + kTagBatch; ++i) batch.push_back(ids[i]);
    ASSIGN_OR_RETURN(Json output,
                     context.Call("route53", "ListTagsForResources",
                                  {{"ResourceType", resource_type}, {"ResourceIds", batch}}));
    for (const Json& set : output.value("ResourceTagSets", Json::array())) {
      tags[set.value("ResourceId", "")] = set.value("Tags", Json::array());
    }
  }
  return tags;
}

bool HasAddressTag(const Json& tags, const std::string& address) {
  for (const Json& tag : tags) {
    if (tag.value("Key", "") == kAddressTag && tag.value("Value", "") == address) return true;
  }
  return false;
}

Status SyncRoute53Tags(ResourceContext& context, std::string_view resource_type,
                       const std::string& id, const Json& current, const Json& desired) {
  Json add = Json::array();
  for (const auto& [key, value] : context.tags()) {
    if (key.rfind("vueops:", 0) == 0) add.push_back({{"Key", key}, {"Value", value}});
  }
  for (auto it = desired.begin(); it != desired.end(); ++it) {
    add.push_back({{"Key", it.key()}, {"Value", it.value()}});
  }
  Json input = {{"ResourceType", resource_type}, {"ResourceId", id}, {"AddTags", add}};
  Json remove = Json::array();
  for (auto it = current.begin(); it != current.end(); ++it) {
    if (!desired.contains(it.key())) remove.push_back(it.key());
  }
  if (!remove.empty()) input["RemoveTagKeys"] = remove;
  return context.Call("route53", "ChangeTagsForResource", input).status();
}

Result<std::optional<Json>> ListZoneRecordSets(ResourceContext& context,
                                               const std::string& zone_id) {
  Json sets = Json::array();
  Json input = {{"HostedZoneId", zone_id}, {"MaxItems", kRecordSetPage}};
  while (true) {
    Result<Json> page =
        context.CallOrNotFound("route53", "ListResourceRecordSets", input, {"NoSuchHostedZone"});
    if (!page.ok()) {
      if (page.status().code() == StatusCode::kNotFound) return std::optional<Json>();
      return page.status();
    }
    for (const Json& set : page->value("ResourceRecordSets", Json::array())) sets.push_back(set);
    if (!page->value("IsTruncated", false)) return std::optional<Json>(sets);
    input["StartRecordName"] = page->value("NextRecordName", "");
    input["StartRecordType"] = page->value("NextRecordType", "");
    if (page->contains("NextRecordIdentifier")) {
      input["StartRecordIdentifier"] = (*page)["NextRecordIdentifier"];
    } else {
      input.erase("StartRecordIdentifier");
    }
  }
}

Status ChangeRecordSets(ResourceContext& context, const std::string& zone_id, Json changes) {
  return context
      .Call("route53", "ChangeResourceRecordSets",
            {{"HostedZoneId", zone_id},
             {"ChangeBatch",
              {{"Comment", "vueops " + context.address()}, {"Changes", std::move(changes)}}}})
      .status();
}

}  // namespace vueops::resources
