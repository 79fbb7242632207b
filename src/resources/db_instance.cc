// db_instance: the environment's MySQL database on RDS (notes: "RDS": "Using mySql running on
// Amazon RDS"; "RDS instances must BELONG TO SAME SECURITY GROUP as servers that use them";
// "once storage is increased on an instance it cannot [be] reduced"; "Increase allocation
// with command line: rds-modify-db-instance acme --allocated-storage=20 --apply-immediately").
//
// Attributes:
//   identifier                  string   replace   the DB instance identifier (lower case)
//   engine                      string   replace   "mysql"
//   engine_version              string   in place  "8.0": the line; automatic minor upgrades
//                                                  move the instance along it unnoticed
//   instance_class              string   in place  next maintenance window
//   multi_az                    bool     in place  next maintenance window
//   storage_type                string   in place  next maintenance window ("gp3")
//   allocated_storage           int      in place  GiB, at once; never shrinks (CheckUpdate)
//   max_allocated_storage       int      in place  storage autoscaling ceiling, GiB; 0 = off
//   storage_encrypted           bool     replace
//   master_username             string   replace
//   master_password_secret_arn  string   create    the Secrets Manager secret holding the
//                                                  master password, read once by Create; the
//                                                  password never reaches state
//   db_subnet_group_name        string   in place  next maintenance window
//   db_parameter_group_name     string   in place
//   vpc_security_group_ids      list     in place
//   backup_retention_days       int      in place
//   deletion_protection         bool     in place
//   auto_minor_version_upgrade  bool     in place
//   publicly_accessible         bool     in place
//   copy_tags_to_snapshot       bool     in place
//   tags                        object   in place  the environment's tags
// Changes that interrupt service (class, Multi-AZ, storage type, subnet group, version) wait
// for the maintenance window; Read reports them as pending values, so the plan stays quiet
// once they are scheduled. Everything else applies at once.
// Delete: a protected instance (deletion_protection on) is unprotected and deleted with a
// final snapshot "<identifier>-final-<UTC date-time>"; an unprotected one without.
// Outputs: id (the identifier), arn, endpoint (the address), port.
#include <ctime>
#include <set>

#include "resources/canonical_values.h"
#include "resources/ec2_tags.h"
#include "resources/tag_changes.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"identifier", UpdateMode::kReplace},
    {"engine", UpdateMode::kReplace},
    {"engine_version", UpdateMode::kInPlace},
    {"instance_class", UpdateMode::kInPlace},
    {"multi_az", UpdateMode::kInPlace},
    {"storage_type", UpdateMode::kInPlace},
    {"allocated_storage", UpdateMode::kInPlace},
    {"max_allocated_storage", UpdateMode::kInPlace},
    {"storage_encrypted", UpdateMode::kReplace},
    {"master_username", UpdateMode::kReplace},
    {"master_password_secret_arn", UpdateMode::kCreateOnly},
    {"db_subnet_group_name", UpdateMode::kInPlace},
    {"db_parameter_group_name", UpdateMode::kInPlace},
    {"vpc_security_group_ids", UpdateMode::kInPlace},
    {"backup_retention_days", UpdateMode::kInPlace},
    {"deletion_protection", UpdateMode::kInPlace},
    {"auto_minor_version_upgrade", UpdateMode::kInPlace},
    {"publicly_accessible", UpdateMode::kInPlace},
    {"copy_tags_to_snapshot", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

// Creating a Multi-AZ MySQL instance takes 10 to 40 minutes; modifying storage or the class
// can take as long. These bounds only stop a wait that will never end.
constexpr auto kAvailableTimeout = std::chrono::minutes(90);
constexpr auto kDeletedTimeout = std::chrono::minutes(60);

// The attributes whose change interrupts the database, and so waits for the maintenance
// window (RDS User Guide, "Settings for DB instances": "Downtime" for each setting).
constexpr std::string_view kMaintenanceWindowAttributes[] = {
    "engine_version", "instance_class", "multi_az", "storage_type", "db_subnet_group_name"};

// DBInstanceStatus values (RDS User Guide, "Viewing Amazon RDS DB instance status") in which
// the instance serves connections and accepts changes.
bool IsUsable(const std::string& status) {
  return status == "available" || status == "storage-optimization";
}

// Statuses the instance does not leave by itself.
bool IsBroken(const std::string& status) {
  return status == "failed" || status == "inaccessible-encryption-credentials" ||
         status == "inaccessible-encryption-credentials-recoverable" ||
         status.rfind("incompatible-", 0) == 0 || status == "restore-error";
}

// The value AWS will have once the pending modification is applied, else the current one.
Json Pending(const Json& instance, std::string_view pending_member, std::string_view member,
             const Json& fallback) {
  const Json pending = instance.value("PendingModifiedValues", Json::object());
  if (pending.contains(std::string(pending_member))) return pending[std::string(pending_member)];
  return instance.value(std::string(member), fallback);
}

Json Attributes(const Json& instance, const Json& recorded) {
  Json security_groups = Json::array();
  for (const Json& group : instance.value("VpcSecurityGroups", Json::array())) {
    // "removing" groups are on their way out.
    if (group.value("Status", "") != "removing") {
      security_groups.push_back(group.value("VpcSecurityGroupId", ""));
    }
  }
  std::string parameter_group;
  for (const Json& group : instance.value("DBParameterGroups", Json::array())) {
    parameter_group = group.value("DBParameterGroupName", "");
  }
  std::string version =
      Pending(instance, "EngineVersion", "EngineVersion", "").get<std::string>();
  const Json subnet_group = instance.value("DBSubnetGroup", Json::object());
  // Autoscaling is off when there is no ceiling above the allocation.
  Json allocated = Pending(instance, "AllocatedStorage", "AllocatedStorage", 0);
  int ceiling = instance.value("MaxAllocatedStorage", 0);
  if (allocated.is_number() && ceiling <= allocated.get<int>()) ceiling = 0;
  return {
      {"identifier", instance.value("DBInstanceIdentifier", "")},
      {"engine", instance.value("Engine", "")},
      {"engine_version", VersionAsRecorded(version, recorded.value("engine_version", Json()))},
      {"instance_class", Pending(instance, "DBInstanceClass", "DBInstanceClass", "")},
      {"multi_az", Pending(instance, "MultiAZ", "MultiAZ", false)},
      {"storage_type", Pending(instance, "StorageType", "StorageType", "")},
      {"allocated_storage", allocated},
      {"max_allocated_storage", ceiling},
      {"storage_encrypted", instance.value("StorageEncrypted", false)},
      {"master_username", instance.value("MasterUsername", "")},
      {"db_subnet_group_name", Pending(instance, "DBSubnetGroupName", "",
                                       subnet_group.value("DBSubnetGroupName", ""))},
      {"db_parameter_group_name", parameter_group},
      {"vpc_security_group_ids",
       OrderLike(security_groups, recorded.value("vpc_security_group_ids", Json()))},
      {"backup_retention_days",
       Pending(instance, "BackupRetentionPeriod", "BackupRetentionPeriod", 0)},
      {"deletion_protection", instance.value("DeletionProtection", false)},
      {"auto_minor_version_upgrade", instance.value("AutoMinorVersionUpgrade", false)},
      {"publicly_accessible", instance.value("PubliclyAccessible", false)},
      {"copy_tags_to_snapshot", instance.value("CopyTagsToSnapshot", false)},
      {"tags", UserTags(instance.value("TagList", Json::array()))},
  };
}

Json Outputs(const Json& instance) {
  const Json endpoint = instance.value("Endpoint", Json::object());
  return {{"id", instance.value("DBInstanceIdentifier", "")},
          {"arn", instance.value("DBInstanceArn", "")},
          {"endpoint", endpoint.value("Address", "")},
          {"port", endpoint.value("Port", instance.value("DbInstancePort", 0))}};
}

// The instance named `identifier`, or nullopt. Filtering by db-instance-id answers with the
// instances that exist instead of failing when one is gone.
Result<std::optional<Json>> Describe(ResourceContext& context, const std::string& identifier) {
  ASSIGN_OR_RETURN(Json output,
                   context.Call("rds", "DescribeDBInstances",
                                {{"Filters", {{{"Name", "db-instance-id"},
                                               {"Values", {identifier}}}}}}));
  for (const Json& instance : output.value("DBInstances", Json::array())) {
    if (instance.value("DBInstanceIdentifier", "") == identifier) {
      return std::optional<Json>(instance);
    }
  }
  return std::optional<Json>();
}

// The master password: the secret's string, or its "password" member when the secret holds
// the JSON document Secrets Manager's RDS rotation functions keep ({"username", "password",
// ...}).
Result<std::string> MasterPassword(ResourceContext& context, const std::string& secret_arn) {
  ASSIGN_OR_RETURN(Json secret, context.Call("secretsmanager", "GetSecretValue",
                                             {{"SecretId", secret_arn}}));
  std::string text = secret.value("SecretString", "");
  if (text.empty()) {
    return FailedPreconditionError(context.address() + ": the master password secret " +
                                   secret_arn + " holds no string; put the password first");
  }
  if (text.front() == '{') {
    Result<Json> document = ParseJson(text);
    if (document.ok() && document->is_object() && (*document)["password"].is_string()) {
      return (*document)["password"].get<std::string>();
    }
  }
  return text;
}

// "20261124-153012": the final snapshot's date and time, UTC.
std::string SnapshotTime(Clock& clock) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(
      std::chrono::time_point_cast<std::chrono::system_clock::duration>(clock.Now()));
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%d-%H%M%S", &utc);
  return text;
}

class DbInstanceType : public ResourceType {
 public:
  std::string_view name() const override { return "db_instance"; }
  std::string_view service() const override { return "rds"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool stateful() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // One DescribeDBInstances filtered by every identifier (the filter takes up to 100).
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Json ids = Json::array();
    for (const state::ResourceRecord* record : records) ids.push_back(record->id);
    Result<Json> output = context.Call(
        "rds", "DescribeDBInstances", {{"Filters", {{{"Name", "db-instance-id"}, {"Values", ids}}}}});
    if (!output.ok()) return std::vector<Result<Json>>(records.size(), output.status());
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      const Json* found = nullptr;
      for (const Json& instance : (*output)["DBInstances"]) {
        // An instance being deleted is already lost to the plan.
        if (instance.value("DBInstanceIdentifier", "") == record->id &&
            instance.value("DBInstanceStatus", "") != "deleting") {
          found = &instance;
        }
      }
      if (found == nullptr) {
        results.push_back(NotFoundError(record->address + ": DB instance " + record->id +
                                        " is gone"));
      } else {
        results.push_back(Attributes(*found, record->attributes));
      }
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string identifier = desired.value("identifier", "");
    ASSIGN_OR_RETURN(std::string password,
                     MasterPassword(context, desired.value("master_password_secret_arn", "")));
    Json input = {
        {"DBInstanceIdentifier", identifier},
        {"Engine", desired["engine"]},
        {"EngineVersion", desired["engine_version"]},
        {"DBInstanceClass", desired["instance_class"]},
        {"MultiAZ", desired["multi_az"]},
        {"StorageType", desired["storage_type"]},
        {"AllocatedStorage", desired["allocated_storage"]},
        {"StorageEncrypted", desired["storage_encrypted"]},
        {"MasterUsername", desired["master_username"]},
        {"MasterUserPassword", password},
        {"DBSubnetGroupName", desired["db_subnet_group_name"]},
        {"DBParameterGroupName", desired["db_parameter_group_name"]},
        {"VpcSecurityGroupIds", desired["vpc_security_group_ids"]},
        {"BackupRetentionPeriod", desired["backup_retention_days"]},
        {"DeletionProtection", desired["deletion_protection"]},
        {"AutoMinorVersionUpgrade", desired["auto_minor_version_upgrade"]},
        {"PubliclyAccessible", desired["publicly_accessible"]},
        {"CopyTagsToSnapshot", desired["copy_tags_to_snapshot"]},
        {"Tags", context.TagList()},
    };
    if (desired.value("max_allocated_storage", 0) > 0) {
      input["MaxAllocatedStorage"] = desired["max_allocated_storage"];
    }
    client::CallInfo info;
    Result<Json> output = context.Call("rds", "CreateDBInstance", input, &info);
    if (!output.ok()) {
      // Our own create, retried after AWS had begun it, finds the identifier taken.
      bool ours = false;
      if (info.error && info.error->code == "DBInstanceAlreadyExists") {
        ASSIGN_OR_RETURN(std::optional<Json> existing, Describe(context, identifier));
        ours = existing && UserTagsWithAddress(*existing, context.address());
      }
      if (!ours) return output.status();
    }
    // The endpoint exists only once the instance is available, and other objects refer to
    // it: the create ends there.
    ASSIGN_OR_RETURN(Json instance, WaitUntilUsable(context, identifier, "created"));
    return Created{identifier, Outputs(instance), Attributes(instance, desired)};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    Json now = {{"DBInstanceIdentifier", record.id}, {"ApplyImmediately", true}};
    Json later = {{"DBInstanceIdentifier", record.id}, {"ApplyImmediately", false}};
    std::string window_changes;
    for (const std::string& attribute : changed) {
      bool waits = std::find(std::begin(kMaintenanceWindowAttributes),
                             std::end(kMaintenanceWindowAttributes),
                             attribute) != std::end(kMaintenanceWindowAttributes);
      Json& input = waits ? later : now;
      if (waits) window_changes += (window_changes.empty() ? "" : ", ") + attribute;
      if (attribute == "engine_version") {
        input["EngineVersion"] = desired["engine_version"];
        // A new major line ("5.7" to "8.0") must be allowed explicitly.
        std::string from = record.attributes.value("engine_version", "");
        std::string to = desired.value("engine_version", "");
        if (from.substr(0, from.find('.', from.find('.') + 1)) !=
            to.substr(0, to.find('.', to.find('.') + 1))) {
          input["AllowMajorVersionUpgrade"] = true;
        }
      } else if (attribute == "instance_class") {
        input["DBInstanceClass"] = desired["instance_class"];
      } else if (attribute == "multi_az") {
        input["MultiAZ"] = desired["multi_az"];
      } else if (attribute == "storage_type") {
        input["StorageType"] = desired["storage_type"];
      } else if (attribute == "db_subnet_group_name") {
        input["DBSubnetGroupName"] = desired["db_subnet_group_name"];
      } else if (attribute == "allocated_storage") {
        input["AllocatedStorage"] = desired["allocated_storage"];
      } else if (attribute == "max_allocated_storage") {
        // RDS turns storage autoscaling off when the ceiling equals the allocation.
        int ceiling = desired.value("max_allocated_storage", 0);
        input["MaxAllocatedStorage"] =
            ceiling > 0 ? ceiling : desired.value("allocated_storage", 0);
      } else if (attribute == "db_parameter_group_name") {
        input["DBParameterGroupName"] = desired["db_parameter_group_name"];
      } else if (attribute == "vpc_security_group_ids") {
        input["VpcSecurityGroupIds"] = desired["vpc_security_group_ids"];
      } else if (attribute == "backup_retention_days") {
        input["BackupRetentionPeriod"] = desired["backup_retention_days"];
      } else if (attribute == "deletion_protection") {
        input["DeletionProtection"] = desired["deletion_protection"];
      } else if (attribute == "auto_minor_version_upgrade") {
        input["AutoMinorVersionUpgrade"] = desired["auto_minor_version_upgrade"];
      } else if (attribute == "publicly_accessible") {
        input["PubliclyAccessible"] = desired["publicly_accessible"];
      } else if (attribute == "copy_tags_to_snapshot") {
        input["CopyTagsToSnapshot"] = desired["copy_tags_to_snapshot"];
      }
    }
    if (now.size() > 2) {
      RETURN_IF_ERROR(context.Call("rds", "ModifyDBInstance", now).status());
    }
    if (later.size() > 2) {
      if (now.size() > 2) {
        ASSIGN_OR_RETURN(Json instance, WaitUntilUsable(context, record.id, "modified"));
        (void)instance;
      }
      RETURN_IF_ERROR(context.Call("rds", "ModifyDBInstance", later).status());
      context.Progress(window_changes + ": scheduled for the next maintenance window");
    }
    if (std::find(changed.begin(), changed.end(), "tags") != changed.end()) {
      RETURN_IF_ERROR(SyncResourceTags(context, "rds", record.outputs.value("arn", ""),
                                       record.attributes.value("tags", Json::object()),
                                       desired.value("tags", Json::object())));
    }
    return Status::Ok();
  }

  Status CheckUpdate(const std::string& address, const Json& before,
                     const Json& after) const override {
    // notes: "once storage is increased on an instance it cannot [be] reduced" (RDS refuses
    // a smaller AllocatedStorage).
    if (before.value("allocated_storage", 0) > after.value("allocated_storage", 0)) {
      return FailedPreconditionError(
          address + ": allocated_storage cannot shrink from " +
          std::to_string(before.value("allocated_storage", 0)) + " to " +
          std::to_string(after.value("allocated_storage", 0)) +
          " GiB (RDS never reduces an instance's storage); keep it at least " +
          std::to_string(before.value("allocated_storage", 0)));
    }
    return Status::Ok();
  }

  Status WaitReady(ResourceContext& context, const state::ResourceRecord& record) const override {
    return WaitUntilUsable(context, record.id, "ready").status();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    ASSIGN_OR_RETURN(std::optional<Json> instance, Describe(context, record.id));
    if (!instance) return Status::Ok();
    if (instance->value("DBInstanceStatus", "") != "deleting") {
      Json input = {{"DBInstanceIdentifier", record.id}};
      if (instance->value("DeletionProtection", false)) {
        // The operator named this database in --allow-destroy: lift the protection, and keep
        // a final snapshot of what it held.
        RETURN_IF_ERROR(context
                            .Call("rds", "ModifyDBInstance",
                                  {{"DBInstanceIdentifier", record.id},
                                   {"DeletionProtection", false},
                                   {"ApplyImmediately", true}})
                            .status());
        std::string snapshot = record.id + "-final-" + SnapshotTime(context.clock());
        input["FinalDBSnapshotIdentifier"] = snapshot;
        input["DeleteAutomatedBackups"] = false;
        context.Progress("deleting with the final snapshot " + snapshot);
      } else {
        input["SkipFinalSnapshot"] = true;
      }
      Result<Json> deleted =
          context.CallOrNotFound("rds", "DeleteDBInstance", input, {"DBInstanceNotFound"});
      if (!deleted.ok() && deleted.status().code() != StatusCode::kNotFound) {
        return deleted.status();
      }
    }
    // The subnet group, parameter group and security groups stay in use until it is gone.
    return context.Poll("the DB instance to be deleted", kDeletedTimeout, [&]() -> Result<bool> {
      ASSIGN_OR_RETURN(std::optional<Json> left, Describe(context, record.id));
      return !left.has_value();
    });
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(std::optional<Json> instance,
                     Describe(context, desired.value("identifier", "")));
    if (!instance || instance->value("DBInstanceStatus", "") == "deleting") {
      return std::optional<Found>();
    }
    return std::optional<Found>(Found{instance->value("DBInstanceIdentifier", ""),
                                      Outputs(*instance), Attributes(*instance, desired)});
  }

 private:
  static bool UserTagsWithAddress(const Json& instance, const std::string& address) {
    for (const Json& tag : instance.value("TagList", Json::array())) {
      if (tag.value("Key", "") == kAddressTag && tag.value("Value", "") == address) return true;
    }
    return false;
  }

  // Polls until the instance serves connections, reporting its status; returns it then.
  static Result<Json> WaitUntilUsable(ResourceContext& context, const std::string& identifier,
                                      std::string_view goal) {
    Json last;
    std::string reported;
    Status waited = context.Poll(
        "the DB instance to be " + std::string(goal), kAvailableTimeout,
        [&]() -> Result<bool> {
          ASSIGN_OR_RETURN(std::optional<Json> instance, Describe(context, identifier));
          if (!instance) {
            return NotFoundError(context.address() + ": DB instance " + identifier +
                                 " disappeared while waiting for it");
          }
          std::string status = instance->value("DBInstanceStatus", "");
          if (IsBroken(status)) {
            return FailedPreconditionError(context.address() + ": DB instance " + identifier +
                                           " is " + status);
          }
          if (status != reported) {
            context.Progress("DB instance " + identifier + " is " + status);
            reported = status;
          }
          last = std::move(*instance);
          return IsUsable(status);
        },
        std::chrono::seconds(5), std::chrono::seconds(30));
    if (!waited.ok()) return waited;
    return last;
  }
};

}  // namespace

const ResourceType& DbInstance() {
  static const DbInstanceType* type = new DbInstanceType();
  return *type;
}

}  // namespace vueops::resources
