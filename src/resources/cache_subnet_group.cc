// cache_subnet_group: the subnets the environment's Redis nodes may be placed in (notes:
// "Elasticache": in the VPC, multi-AZ like RDS).
//
// Attributes:
//   name         string  replace   the group's name (ElastiCache keeps names in lower case)
//   description  string  in place
//   subnet_ids   list    in place  the private subnets (the public ones without them)
// Tagged at creation; tags are not compared (reading them costs a call per group).
// Outputs: id (the name), arn.
#include "resources/busy_retry.h"
#include "resources/canonical_values.h"
#include "resources/paged_list.h"
#include "resources/tag_changes.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},
    {"description", UpdateMode::kInPlace},
    {"subnet_ids", UpdateMode::kInPlace},
};

// A replication group being deleted keeps its subnet group in use until its nodes are gone
// (ElastiCache API reference, DeleteCacheSubnetGroup: CacheSubnetGroupInUse).
constexpr auto kInUseTimeout = std::chrono::minutes(60);

Json SubnetIds(const Json& group) {
  Json ids = Json::array();
  for (const Json& subnet : group.value("Subnets", Json::array())) {
    ids.push_back(subnet.value("SubnetIdentifier", ""));
  }
  return ids;
}

Json Attributes(const Json& group, const Json& recorded) {
  return {{"name", group.value("CacheSubnetGroupName", "")},
          {"description", group.value("CacheSubnetGroupDescription", "")},
          {"subnet_ids", OrderLike(SubnetIds(group), recorded.value("subnet_ids", Json()))}};
}

Json Outputs(const Json& group) {
  return {{"id", group.value("CacheSubnetGroupName", "")}, {"arn", group.value("ARN", "")}};
}

// The group named `name`, or nullopt when there is none.
Result<std::optional<Json>> Describe(ResourceContext& context, const std::string& name) {
  Result<Json> output = context.CallOrNotFound("elasticache", "DescribeCacheSubnetGroups",
                                               {{"CacheSubnetGroupName", name}},
                                               {"CacheSubnetGroupNotFoundFault"});
  if (!output.ok()) {
    if (output.status().code() == StatusCode::kNotFound) return std::optional<Json>();
    return output.status();
  }
  const Json& groups = (*output)["CacheSubnetGroups"];
  if (!groups.is_array() || groups.empty()) return std::optional<Json>();
  return std::optional<Json>(groups[0]);
}

class CacheSubnetGroupType : public ResourceType {
 public:
  std::string_view name() const override { return "cache_subnet_group"; }
  std::string_view service() const override { return "elasticache"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // One listing of the account's groups answers for all of them.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Result<Json> groups = ListAllPages(context, "elasticache", "DescribeCacheSubnetGroups",
                                       Json::object(), "CacheSubnetGroups", kMarkerPages);
    if (!groups.ok()) return std::vector<Result<Json>>(records.size(), groups.status());
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      const Json* found = nullptr;
      for (const Json& group : *groups) {
        if (group.value("CacheSubnetGroupName", "") == record->id) found = &group;
      }
      if (found == nullptr) {
        results.push_back(NotFoundError(record->address + ": cache subnet group " + record->id +
                                        " is gone"));
      } else {
        results.push_back(Attributes(*found, record->attributes));
      }
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    client::CallInfo info;
    Result<Json> output =
        context.Call("elasticache", "CreateCacheSubnetGroup",
                     {{"CacheSubnetGroupName", desired["name"]},
                      {"CacheSubnetGroupDescription", desired["description"]},
                      {"SubnetIds", desired["subnet_ids"]},
                      {"Tags", context.TagList()}},
                     &info);
    if (output.ok()) {
      const Json& group = (*output)["CacheSubnetGroup"];
      return Created{group.value("CacheSubnetGroupName", ""), Outputs(group),
                     Attributes(group, desired)};
    }
    // Our own create, retried after AWS had made the group, finds it taken.
    if (info.error && info.error->code == "CacheSubnetGroupAlreadyExists") {
      ASSIGN_OR_RETURN(std::optional<Json> group, Describe(context, desired.value("name", "")));
      if (group) {
        ASSIGN_OR_RETURN(bool ours, HasAddressTag(context, "elasticache", group->value("ARN", "")));
        if (ours) {
          return Created{group->value("CacheSubnetGroupName", ""), Outputs(*group),
                         Attributes(*group, desired)};
        }
      }
    }
    return output.status();
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>&) const override {
    return context
        .Call("elasticache", "ModifyCacheSubnetGroup",
              {{"CacheSubnetGroupName", record.id},
               {"CacheSubnetGroupDescription", desired["description"]},
               {"SubnetIds", desired["subnet_ids"]}})
        .status();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    return CallUntilAccepted(context, "elasticache", "DeleteCacheSubnetGroup",
                             {{"CacheSubnetGroupName", record.id}},
                             {"CacheSubnetGroupNotFoundFault"}, {"CacheSubnetGroupInUse"},
                             "the cache nodes using the subnet group to be deleted",
                             kInUseTimeout);
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(std::optional<Json> group, Describe(context, desired.value("name", "")));
    if (!group) return std::optional<Found>();
    return std::optional<Found>(Found{group->value("CacheSubnetGroupName", ""), Outputs(*group),
                                      Attributes(*group, desired)});
  }
};

}  // namespace

const ResourceType& CacheSubnetGroup() {
  static const CacheSubnetGroupType* type = new CacheSubnetGroupType();
  return *type;
}

}  // namespace vueops::resources
