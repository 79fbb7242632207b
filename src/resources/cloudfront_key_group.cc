// cloudfront_key_group: the key group protected behaviours trust to sign URLs and cookies
// (notes: "CloudFront": "Protected files use signed URLs"). Key groups replace the legacy
// trusted signers (the root user's CloudFront key pairs).
//
// Attributes:
//   name            string  in place  unique in the account (the spec's cdn.key_group)
//   public_key_ids  list    in place  the public keys' ids, sorted
//   comment         string  in place
// Outputs: id.
#include <algorithm>

#include "resources/cloudfront_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kInPlace},
    {"public_key_ids", UpdateMode::kInPlace},
    {"comment", UpdateMode::kInPlace},
};

// `recorded`: the attributes last applied, for what the answer leaves out (ReportedOr).
Json Attributes(const Json& config, const Json& recorded) {
  Json ids = config.value("Items", Json::array());
  std::sort(ids.begin(), ids.end());
  return {{"name", config.value("Name", "")},
          {"public_key_ids", ids},
          {"comment", ReportedOr(config, "Comment", recorded.value("comment", Json()))}};
}

Json Config(const Json& desired) {
  return {{"Name", desired.value("name", "")},
          {"Items", desired.value("public_key_ids", Json::array())},
          {"Comment", desired.value("comment", "")}};
}

// The KeyGroups of ListKeyGroups.
Result<Json> ListKeyGroups(ResourceContext& context) {
  ASSIGN_OR_RETURN(Json summaries, ListCloudFrontItems(context, "ListKeyGroups", "KeyGroupList"));
  Json groups = Json::array();
  for (const Json& summary : summaries) groups.push_back(summary.value("KeyGroup", Json::object()));
  return groups;
}

class CloudFrontKeyGroupType : public ResourceType {
 public:
  std::string_view name() const override { return "cloudfront_key_group"; }
  std::string_view service() const override { return "cloudfront"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool global() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // One ListKeyGroups for all of them.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Result<Json> groups = ListKeyGroups(context);
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      if (!groups.ok()) {
        results.push_back(groups.status());
        continue;
      }
      Result<Json> found =
          NotFoundError(record->address + ": key group " + record->id + " is gone");
      for (const Json& group : *groups) {
        if (group.value("Id", "") == record->id) {
          found = Attributes(group.value("KeyGroupConfig", Json::object()), record->attributes);
        }
      }
      results.push_back(std::move(found));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    ASSIGN_OR_RETURN(Json output, context.Call("cloudfront", "CreateKeyGroup",
                                               {{"KeyGroupConfig", Config(desired)}}));
    const Json& group = output.value("KeyGroup", Json::object());
    std::string id = group.value("Id", "");
    return Created{id, {{"id", id}}, Attributes(group.value("KeyGroupConfig", Json::object()), desired)};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>&) const override {
    ASSIGN_OR_RETURN(Json current, context.Call("cloudfront", "GetKeyGroup", {{"Id", record.id}}));
    return context
        .Call("cloudfront", "UpdateKeyGroup",
              {{"Id", record.id},
               {"IfMatch", current.value("ETag", "")},
               {"KeyGroupConfig", Config(desired)}})
        .status();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    return DeleteCloudFrontObject(context, "GetKeyGroup", "DeleteKeyGroup", record.id,
                                  {"NoSuchResource"});
  }

  // By name: CloudFront refuses two key groups of one name (KeyGroupAlreadyExists).
  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(Json groups, ListKeyGroups(context));
    for (const Json& group : groups) {
      const Json& config = group.value("KeyGroupConfig", Json::object());
      if (config.value("Name", "") == desired.value("name", "")) {
        std::string id = group.value("Id", "");
        return std::optional<Found>(Found{id, {{"id", id}}, Attributes(config, desired)});
      }
    }
    return std::optional<Found>();
  }
};

}  // namespace

const ResourceType& CloudFrontKeyGroup() {
  static const CloudFrontKeyGroupType* type = new CloudFrontKeyGroupType();
  return *type;
}

}  // namespace vueops::resources
