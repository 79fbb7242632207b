// db_subnet_group: the subnets an RDS instance may be placed in (notes: "RDS": instances
// "configured to use multi-AZ"; the subnets span the environment's zones).
//
// Attributes:
//   name         string  replace   the group's name (RDS keeps names in lower case)
//   description  string  in place
//   subnet_ids   list    in place  the private subnets (the public ones without them),
//                                  in the order the spec lists the zones
// Tagged at creation (vueops:address, vueops:stack, the environment's tags); tags are not
// compared, since reading them costs a call per group.
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

// An instance being deleted keeps its subnet group in use until it is gone (RDS API
// reference, DeleteDBSubnetGroup: InvalidDBSubnetGroupStateFault).
constexpr auto kInUseTimeout = std::chrono::minutes(60);

Json SubnetIds(const Json& group) {
  Json ids = Json::array();
  for (const Json& subnet : group.value("Subnets", Json::array())) {
    ids.push_back(subnet.value("SubnetIdentifier", ""));
  }
  return ids;
}

Json Attributes(const Json& group, const Json& recorded) {
  return {{"name", group.value("DBSubnetGroupName", "")},
          {"description", group.value("DBSubnetGroupDescription", "")},
          {"subnet_ids", OrderLike(SubnetIds(group), recorded.value("subnet_ids", Json()))}};
}

Json Outputs(const Json& group) {
  return {{"id", group.value("DBSubnetGroupName", "")}, {"arn", group.value("DBSubnetGroupArn", "")}};
}

class DbSubnetGroupType : public ResourceType {
 public:
  std::string_view name() const override { return "db_subnet_group"; }
  std::string_view service() const override { return "rds"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // DescribeDBSubnetGroups filters nothing (its Filters are "not currently supported"), so
  // one listing answers for every group of the account and region.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Result<Json> groups =
        ListAllPages(context, "rds", "DescribeDBSubnetGroups", Json::object(), "DBSubnetGroups",
                     kMarkerPages);
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      if (!groups.ok()) {
        results.push_back(groups.status());
        continue;
      }
      Result<Json> found =
          NotFoundError(record->address + ": DB subnet group " + record->id + " is gone");
      for (const Json& group : *groups) {
        if (group.value("DBSubnetGroupName", "") == record->id) {
          found = Attributes(group, record->attributes);
        }
      }
      results.push_back(std::move(found));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    client::CallInfo info;
    Result<Json> output = context.Call("rds", "CreateDBSubnetGroup",
                                       {{"DBSubnetGroupName", desired["name"]},
                                        {"DBSubnetGroupDescription", desired["description"]},
                                        {"SubnetIds", desired["subnet_ids"]},
                                        {"Tags", context.TagList()}},
                                       &info);
    if (!output.ok()) {
      // Our own create, retried after AWS had made the group, finds it taken.
      if (info.error && info.error->code == "DBSubnetGroupAlreadyExists") {
        ASSIGN_OR_RETURN(std::optional<Json> group, Describe(context, desired.value("name", "")));
        if (group) {
          ASSIGN_OR_RETURN(bool ours,
                           HasAddressTag(context, "rds", group->value("DBSubnetGroupArn", "")));
          if (ours) {
            return Created{group->value("DBSubnetGroupName", ""), Outputs(*group),
                           Attributes(*group, desired)};
          }
        }
      }
      return output.status();
    }
    const Json& group = (*output)["DBSubnetGroup"];
    return Created{group.value("DBSubnetGroupName", ""), Outputs(group),
                   Attributes(group, desired)};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>&) const override {
    // ModifyDBSubnetGroup takes the whole subnet list, and the description with it.
    return context
        .Call("rds", "ModifyDBSubnetGroup",
              {{"DBSubnetGroupName", record.id},
               {"DBSubnetGroupDescription", desired["description"]},
               {"SubnetIds", desired["subnet_ids"]}})
        .status();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    return CallUntilAccepted(context, "rds", "DeleteDBSubnetGroup",
                             {{"DBSubnetGroupName", record.id}}, {"DBSubnetGroupNotFoundFault"},
                             {"InvalidDBSubnetGroupStateFault", "InvalidDBSubnetStateFault"},
                             "the DB instance using the subnet group to be deleted",
                             kInUseTimeout);
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(std::optional<Json> group, Describe(context, desired.value("name", "")));
    if (!group) return std::optional<Found>();
    return std::optional<Found>(Found{group->value("DBSubnetGroupName", ""), Outputs(*group),
                                      Attributes(*group, desired)});
  }

 private:
  // The group named `name`, or nullopt when there is none.
  static Result<std::optional<Json>> Describe(ResourceContext& context, const std::string& name) {
    Result<Json> output =
        context.CallOrNotFound("rds", "DescribeDBSubnetGroups", {{"DBSubnetGroupName", name}},
                               {"DBSubnetGroupNotFoundFault"});
    if (!output.ok()) {
      if (output.status().code() == StatusCode::kNotFound) return std::optional<Json>();
      return output.status();
    }
    const Json& groups = (*output)["DBSubnetGroups"];
    if (!groups.is_array() || groups.empty()) return std::optional<Json>();
    return std::optional<Json>(groups[0]);
  }
};

}  // namespace

const ResourceType& DbSubnetGroup() {
  static const DbSubnetGroupType* type = new DbSubnetGroupType();
  return *type;
}

}  // namespace vueops::resources
