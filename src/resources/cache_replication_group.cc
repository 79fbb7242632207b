// cache_replication_group: the environment's Redis (notes: "Elasticache": "Will use Redis for
// everything"; "Like RDS, Elasticache needs to belong to SecurityGroup that servers can talk
// to"; multi-AZ "using clustered endpoints").
//
// One shard (cluster mode disabled): a primary and `replicas` read replicas, reached through
// the primary and reader endpoints.
//
// Attributes:
//   id                        string  replace   the replication group id (lower case)
//   description               string  in place
//   engine                    string  replace   "redis"
//   engine_version            string  in place  "7.1": the line (as for RDS)
//   node_type                 string  in place  online scaling
//   replicas                  int     in place  read replicas (IncreaseReplicaCount /
//                                               DecreaseReplicaCount)
//   multi_az                  bool    in place
//   automatic_failover        bool    in place
//   encryption_at_rest        bool    replace
//   encryption_in_transit     bool    replace   (turning it on in place takes a two-step
//                                               migration through "preferred" mode)
//   snapshot_retention_days   int     in place
//   subnet_group_name         string  replace
//   security_group_ids        list    in place
//   tags                      object  in place  the environment's tags
// The subnet group, security groups and version are kept on the member clusters, read with
// one DescribeCacheClusters for every group.
// Outputs: id, arn, primary_endpoint, reader_endpoint, port.
#include "resources/canonical_values.h"
#include "resources/ec2_tags.h"
#include "resources/paged_list.h"
#include "resources/tag_changes.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"id", UpdateMode::kReplace},
    {"description", UpdateMode::kInPlace},
    {"engine", UpdateMode::kReplace},
    {"engine_version", UpdateMode::kInPlace},
    {"node_type", UpdateMode::kInPlace},
    {"replicas", UpdateMode::kInPlace},
    {"multi_az", UpdateMode::kInPlace},
    {"automatic_failover", UpdateMode::kInPlace},
    {"encryption_at_rest", UpdateMode::kReplace},
    {"encryption_in_transit", UpdateMode::kReplace},
    {"snapshot_retention_days", UpdateMode::kInPlace},
    {"subnet_group_name", UpdateMode::kReplace},
    {"security_group_ids", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

// A Multi-AZ group with a replica usually takes 10 to 20 minutes to create; scaling the node
// type takes as long. The bound only stops a wait that will never end.
constexpr auto kAvailableTimeout = std::chrono::minutes(60);
constexpr auto kDeletedTimeout = std::chrono::minutes(60);

Json ClustersOf(const std::string& group_id, const Json& clusters) {
  Json members = Json::array();
  for (const Json& cluster : clusters) {
    if (cluster.value("ReplicationGroupId", "") == group_id) members.push_back(cluster);
  }
  return members;
}

int ReplicaCount(const Json& group) {
  int members = 0;
  for (const Json& node_group : group.value("NodeGroups", Json::array())) {
    members += static_cast<int>(node_group.value("NodeGroupMembers", Json::array()).size());
  }
  // One member of the shard is the primary.
  return members > 0 ? members - 1 : 0;
}

// `group` (DescribeReplicationGroups), its member `clusters` (DescribeCacheClusters) and its
// user `tags`, in the schema. AWS lists the member clusters of every group it has; where none
// is listed (moto keeps no member clusters) the settings kept on them read as last applied.
Json Attributes(const Json& group, const Json& clusters, const Json& tags, const Json& recorded) {
  Json attributes = {
      {"id", group.value("ReplicationGroupId", "")},
      {"description", group.value("Description", "")},
      {"engine", group.value("Engine", "redis")},
      {"node_type", group.value("CacheNodeType", "")},
      {"replicas", ReplicaCount(group)},
      {"multi_az", group.value("MultiAZ", "") == "enabled"},
      {"automatic_failover", group.value("AutomaticFailover", "") == "enabled"},
      {"encryption_at_rest", group.value("AtRestEncryptionEnabled", false)},
      {"encryption_in_transit", group.value("TransitEncryptionEnabled", false)},
      {"snapshot_retention_days", group.value("SnapshotRetentionLimit", 0)},
      {"tags", tags},
  };
  if (clusters.empty()) {
    for (const char* name : {"engine_version", "subnet_group_name", "security_group_ids"}) {
      attributes[name] = recorded.value(name, Json());
    }
    return attributes;
  }
  const Json& primary = clusters[0];
  Json security_groups = Json::array();
  for (const Json& membership : primary.value("SecurityGroups", Json::array())) {
    security_groups.push_back(membership.value("SecurityGroupId", ""));
  }
  attributes["engine_version"] = VersionAsRecorded(primary.value("EngineVersion", ""),
                                                   recorded.value("engine_version", Json()));
  attributes["subnet_group_name"] = primary.value("CacheSubnetGroupName", "");
  attributes["security_group_ids"] =
      OrderLike(security_groups, recorded.value("security_group_ids", Json()));
  return attributes;
}

Json Outputs(const Json& group) {
  Json primary = Json::object();
  Json reader = Json::object();
  for (const Json& node_group : group.value("NodeGroups", Json::array())) {
    primary = node_group.value("PrimaryEndpoint", Json::object());
    reader = node_group.value("ReaderEndpoint", Json::object());
  }
  return {{"id", group.value("ReplicationGroupId", "")},
          {"arn", group.value("ARN", "")},
          {"primary_endpoint", primary.value("Address", "")},
          {"reader_endpoint", reader.value("Address", "")},
          {"port", primary.value("Port", 0)}};
}

// The group `id`, or nullopt when there is none.
Result<std::optional<Json>> Describe(ResourceContext& context, const std::string& id) {
  Result<Json> output =
      context.CallOrNotFound("elasticache", "DescribeReplicationGroups",
                             {{"ReplicationGroupId", id}}, {"ReplicationGroupNotFoundFault"});
  if (!output.ok()) {
    if (output.status().code() == StatusCode::kNotFound) return std::optional<Json>();
    return output.status();
  }
  const Json& groups = (*output)["ReplicationGroups"];
  if (!groups.is_array() || groups.empty()) return std::optional<Json>();
  return std::optional<Json>(groups[0]);
}

Result<Json> AllCacheClusters(ResourceContext& context) {
  return ListAllPages(context, "elasticache", "DescribeCacheClusters", Json::object(),
                      "CacheClusters", kMarkerPages);
}

Result<Json> UserTagsOf(ResourceContext& context, const std::string& arn) {
  ASSIGN_OR_RETURN(Json output, context.Call("elasticache", "ListTagsForResource",
                                             {{"ResourceName", arn}}));
  return UserTags(output.value("TagList", Json::array()));
}

class CacheReplicationGroupType : public ResourceType {
 public:
  std::string_view name() const override { return "cache_replication_group"; }
  std::string_view service() const override { return "elasticache"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool stateful() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // One listing of the groups and one of the clusters answer for every group; the tags take
  // a call per group.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Result<Json> groups = ListAllPages(context, "elasticache", "DescribeReplicationGroups",
                                       Json::object(), "ReplicationGroups", kMarkerPages);
    if (!groups.ok()) return std::vector<Result<Json>>(records.size(), groups.status());
    std::vector<const Json*> found(records.size(), nullptr);
    bool any = false;
    for (size_t i = 0; i < records.size(); ++i) {
      for (const Json& group : *groups) {
        // A group being deleted is already lost to the plan.
        if (group.value("ReplicationGroupId", "") == records[i]->id &&
            group.value("Status", "") != "deleting") {
          found[i] = &group;
          any = true;
        }
      }
    }
    Result<Json> clusters = any ? AllCacheClusters(context) : Result<Json>(Json::array());
    if (!clusters.ok()) return std::vector<Result<Json>>(records.size(), clusters.status());
    std::vector<Result<Json>> results;
    for (size_t i = 0; i < records.size(); ++i) {
      if (found[i] == nullptr) {
        results.push_back(NotFoundError(records[i]->address + ": replication group " +
                                        records[i]->id + " is gone"));
        continue;
      }
      results.push_back(ReadOne(context, *found[i], *clusters, records[i]->attributes));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string id = desired.value("id", "");
    // One shard: NumNodeGroups 1 with its replicas is what the API asks of a group with
    // cluster mode disabled ("either omit this parameter or set it to 1").
    Json input = {
        {"ReplicationGroupId", id},
        {"ReplicationGroupDescription", desired["description"]},
        {"Engine", desired["engine"]},
        {"EngineVersion", desired["engine_version"]},
        {"CacheNodeType", desired["node_type"]},
        {"NumNodeGroups", 1},
        {"ReplicasPerNodeGroup", desired["replicas"]},
        {"MultiAZEnabled", desired["multi_az"]},
        {"AutomaticFailoverEnabled", desired["automatic_failover"]},
        {"AtRestEncryptionEnabled", desired["encryption_at_rest"]},
        {"TransitEncryptionEnabled", desired["encryption_in_transit"]},
        {"SnapshotRetentionLimit", desired["snapshot_retention_days"]},
        {"CacheSubnetGroupName", desired["subnet_group_name"]},
        {"SecurityGroupIds", desired["security_group_ids"]},
        {"Tags", context.TagList()},
    };
    client::CallInfo info;
    Result<Json> output = context.Call("elasticache", "CreateReplicationGroup", input, &info);
    if (!output.ok()) {
      // Our own create, retried after AWS had begun it, finds the id taken.
      bool ours = false;
      if (info.error && info.error->code == "ReplicationGroupAlreadyExists") {
        ASSIGN_OR_RETURN(std::optional<Json> existing, Describe(context, id));
        if (existing) {
          ASSIGN_OR_RETURN(ours, HasAddressTag(context, "elasticache", existing->value("ARN", "")));
        }
      }
      if (!ours) return output.status();
    }
    // The endpoints exist only once the group is available, and other objects refer to them:
    // the create ends there.
    ASSIGN_OR_RETURN(Json group, WaitUntilAvailable(context, id, "created"));
    ASSIGN_OR_RETURN(Json clusters, AllCacheClusters(context));
    return Created{id, Outputs(group),
                   Attributes(group, ClustersOf(id, clusters), DesiredUserTags(context), desired)};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    auto has = [&](std::string_view name) {
      return std::find(changed.begin(), changed.end(), name) != changed.end();
    };
    Json modify = {{"ReplicationGroupId", record.id}, {"ApplyImmediately", true}};
    if (has("description")) modify["ReplicationGroupDescription"] = desired["description"];
    if (has("engine_version")) modify["EngineVersion"] = desired["engine_version"];
    if (has("node_type")) modify["CacheNodeType"] = desired["node_type"];
    if (has("multi_az")) modify["MultiAZEnabled"] = desired["multi_az"];
    if (has("automatic_failover")) {
      modify["AutomaticFailoverEnabled"] = desired["automatic_failover"];
    }
    if (has("snapshot_retention_days")) {
      modify["SnapshotRetentionLimit"] = desired["snapshot_retention_days"];
    }
    if (has("security_group_ids")) modify["SecurityGroupIds"] = desired["security_group_ids"];
    if (modify.size() > 2) {
      RETURN_IF_ERROR(context.Call("elasticache", "ModifyReplicationGroup", modify).status());
    }
    if (has("replicas")) {
      // A group accepts one change at a time: the replica count waits for the modification.
      if (modify.size() > 2) {
        RETURN_IF_ERROR(WaitUntilAvailable(context, record.id, "modified").status());
      }
      int from = record.attributes.value("replicas", 0);
      int to = desired.value("replicas", 0);
      RETURN_IF_ERROR(context
                          .Call("elasticache",
                                to > from ? "IncreaseReplicaCount" : "DecreaseReplicaCount",
                                {{"ReplicationGroupId", record.id},
                                 {"NewReplicaCount", to},
                                 {"ApplyImmediately", true}})
                          .status());
    }
    if (has("tags")) {
      RETURN_IF_ERROR(SyncResourceTags(context, "elasticache", record.outputs.value("arn", ""),
                                       record.attributes.value("tags", Json::object()),
                                       desired.value("tags", Json::object())));
    }
    return Status::Ok();
  }

  Status WaitReady(ResourceContext& context, const state::ResourceRecord& record) const override {
    return WaitUntilAvailable(context, record.id, "ready").status();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    ASSIGN_OR_RETURN(std::optional<Json> group, Describe(context, record.id));
    if (!group) return Status::Ok();
    if (group->value("Status", "") != "deleting") {
      Result<Json> deleted = context.CallOrNotFound(
          "elasticache", "DeleteReplicationGroup", {{"ReplicationGroupId", record.id}},
          {"ReplicationGroupNotFoundFault"});
      if (!deleted.ok() && deleted.status().code() != StatusCode::kNotFound) {
        return deleted.status();
      }
    }
    // The subnet group and security groups stay in use until the nodes are gone: the group
    // is gone when AWS no longer lists it, or lists it as deleting with no node left.
    return context.Poll("the replication group to be deleted", kDeletedTimeout,
                        [&]() -> Result<bool> {
                          ASSIGN_OR_RETURN(std::optional<Json> left, Describe(context, record.id));
                          if (!left) return true;
                          if (left->value("Status", "") != "deleting") return false;
                          ASSIGN_OR_RETURN(Json clusters, AllCacheClusters(context));
                          return ClustersOf(record.id, clusters).empty();
                        });
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    std::string id = desired.value("id", "");
    ASSIGN_OR_RETURN(std::optional<Json> group, Describe(context, id));
    if (!group || group->value("Status", "") == "deleting") return std::optional<Found>();
    ASSIGN_OR_RETURN(Json clusters, AllCacheClusters(context));
    ASSIGN_OR_RETURN(Json attributes, ReadOne(context, *group, clusters, desired));
    return std::optional<Found>(Found{id, Outputs(*group), attributes});
  }

 private:
  static Result<Json> ReadOne(ResourceContext& context, const Json& group, const Json& clusters,
                              const Json& recorded) {
    ASSIGN_OR_RETURN(Json tags, UserTagsOf(context, group.value("ARN", "")));
    return Attributes(group, ClustersOf(group.value("ReplicationGroupId", ""), clusters), tags,
                      recorded);
  }

  // Polls until the group is available, reporting its status; returns it then.
  static Result<Json> WaitUntilAvailable(ResourceContext& context, const std::string& id,
                                         std::string_view goal) {
    Json last;
    std::string reported;
    Status waited = context.Poll(
        "the replication group to be " + std::string(goal), kAvailableTimeout,
        [&]() -> Result<bool> {
          ASSIGN_OR_RETURN(std::optional<Json> group, Describe(context, id));
          if (!group) {
            return NotFoundError(context.address() + ": replication group " + id +
                                 " disappeared while waiting for it");
          }
          std::string status = group->value("Status", "");
          if (status == "create-failed" || status == "deleting") {
            return FailedPreconditionError(context.address() + ": replication group " + id +
                                           " is " + status);
          }
          if (status != reported) {
            context.Progress("replication group " + id + " is " + status);
            reported = status;
          }
          last = std::move(*group);
          return status == "available";
        },
        std::chrono::seconds(5), std::chrono::seconds(30));
    if (!waited.ok()) return waited;
    return last;
  }
};

}  // namespace

const ResourceType& CacheReplicationGroup() {
  static const CacheReplicationGroupType* type = new CacheReplicationGroupType();
  return *type;
}

}  // namespace vueops::resources
