// The RDS and Elasticache sections of the notes: the database's subnet group, parameter group
// and MySQL instance, and the cache's subnet group and Redis replication group
// (docs/resources.md, "RDS and Elasticache").
//
//   RDS: "Using mySql running on Amazon RDS"; "RDS instances must BELONG TO SAME SECURITY
//   GROUP as servers that use them"; "Using InnoDB backend (vs. MyISAM). Use DB Parameter
//   Groups ... to make ini settings"; "Can boost max_connections to better match the max
//   number of uWSGI processes".
//   Elasticache: "Like RDS, Elasticache needs to belong to SecurityGroup that servers can
//   talk to"; "Will use Redis for everything".
#include <map>

#include "graph/build.h"
#include "graph/network_references.h"

namespace vueops::graph {
namespace {

using resources::MakeAddress;
using resources::Reference;

// The parameter group family of an engine version (RDS API reference,
// CreateDBParameterGroup: "mysql8.0", "mariadb10.6", "postgres16"): MySQL and MariaDB name
// a major.minor line, PostgreSQL only the major version. "" for an engine it does not know.
std::string ParameterGroupFamily(const std::string& engine, const std::string& version) {
  size_t first_dot = version.find('.');
  if (engine == "mysql" || engine == "mariadb") {
    size_t second_dot = first_dot == std::string::npos ? first_dot : version.find('.', first_dot + 1);
    return engine + version.substr(0, second_dot);
  }
  if (engine == "postgres") return engine + version.substr(0, first_dot);
  return "";
}

void AddDatabase(BuildContext& context, const spec::Environment& env, const spec::Database& db) {
  if (db.mode == spec::DatabaseMode::kServerless) {
    // Aurora MySQL Serverless v2 needs a DB cluster and its db.serverless instances, which
    // vueops does not make yet.
    context.Fail(FormatLocation(db.At("mode")) + ": " + env.name +
                 ".database: mode serverless (Aurora MySQL Serverless v2) is not supported by "
                 "vueops apply yet; use mode: instance");
    return;
  }
  std::string family = ParameterGroupFamily(db.engine, db.engine_version);
  if (family.empty()) {
    context.Fail(FormatLocation(db.At("engine")) + ": " + env.name + ".database: engine '" +
                 db.engine + "' has no parameter group family vueops knows");
    return;
  }
  const std::string account = context.AccountOf(env.account);
  const std::string identifier = LowerCase(context.Name(env, "database"));
  const std::string subnet_group = MakeAddress(env.name, "db_subnet_group", "main");
  const std::string parameter_group = MakeAddress(env.name, "db_parameter_group", "main");

  context
      .Add(subnet_group, "db_subnet_group", account, env.region,
           {{"name", identifier},
            {"description", "Subnets of the " + context.Name(env, "database") + " database"},
            {"subnet_ids", SubnetReferences(env, SubnetPlacement::kPrivateWhenPresent)}},
           db.location)
      .tags = context.EnvironmentTags(env);

  // A sorted map: the group's parameters compare as one object.
  std::map<std::string, std::string> parameters(db.parameters.begin(), db.parameters.end());
  parameters["max_connections"] = std::to_string(db.max_connections);
  // MySQL's system variable for the engine of new tables (notes: "Using InnoDB backend").
  parameters["default_storage_engine"] = db.storage_engine;
  // RDS boolean parameters take 0 and 1.
  if (db.require_tls) parameters["require_secure_transport"] = "1";
  Json parameter_values = Json::object();
  for (const auto& [name, value] : parameters) parameter_values[name] = value;
  context
      .Add(parameter_group, "db_parameter_group", account, env.region,
           {{"name", identifier},
            {"family", family},
            {"description", "Settings of the " + context.Name(env, "database") + " database"},
            {"parameters", parameter_values}},
           db.location)
      .tags = context.EnvironmentTags(env);

  context
      .Add(MakeAddress(env.name, "db_instance", "main"), "db_instance", account, env.region,
           {{"identifier", identifier},
            {"engine", db.engine},
            {"engine_version", db.engine_version},
            {"instance_class", db.instance_class},
            {"multi_az", db.multi_az},
            {"storage_type", db.storage_type},
            {"allocated_storage", db.allocated_storage_gb},
            {"max_allocated_storage", db.max_allocated_storage_gb},
            {"storage_encrypted", db.storage_encrypted},
            {"master_username", db.master_username},
            {"master_password_secret_arn",
             Reference(MakeAddress(env.name, "secret", db.master_password_secret), "arn")},
            {"db_subnet_group_name", Reference(subnet_group)},
            {"db_parameter_group_name", Reference(parameter_group)},
            {"vpc_security_group_ids", SecurityGroupReferences(env, db.security_groups)},
            {"backup_retention_days", db.backup_retention_days},
            {"deletion_protection", db.deletion_protection},
            {"auto_minor_version_upgrade", db.auto_minor_version_upgrade},
            {"publicly_accessible", db.publicly_accessible},
            {"copy_tags_to_snapshot", true},
            {"tags", TagsAttribute(env)}},
           db.location)
      .tags = context.EnvironmentTags(env);
}

void AddCache(BuildContext& context, const spec::Environment& env, const spec::Cache& cache) {
  const std::string account = context.AccountOf(env.account);
  const std::string identifier = LowerCase(context.Name(env, "cache"));
  const std::string subnet_group = MakeAddress(env.name, "cache_subnet_group", "main");
  context
      .Add(subnet_group, "cache_subnet_group", account, env.region,
           {{"name", identifier},
            {"description", "Subnets of the " + context.Name(env, "cache") + " cache"},
            {"subnet_ids", SubnetReferences(env, SubnetPlacement::kPrivateWhenPresent)}},
           cache.location)
      .tags = context.EnvironmentTags(env);
  context
      .Add(MakeAddress(env.name, "cache_replication_group", "main"), "cache_replication_group",
           account, env.region,
           {{"id", identifier},
            {"description", "Redis of " + context.Name(env, "cache")},
            {"engine", cache.engine},
            {"engine_version", cache.engine_version},
            {"node_type", cache.node_type},
            {"replicas", cache.replicas},
            {"multi_az", cache.multi_az},
            {"automatic_failover", cache.automatic_failover},
            {"encryption_at_rest", cache.encryption_at_rest},
            {"encryption_in_transit", cache.encryption_in_transit},
            {"snapshot_retention_days", cache.snapshot_retention_days},
            {"subnet_group_name", Reference(subnet_group)},
            {"security_group_ids", SecurityGroupReferences(env, cache.security_groups)},
            {"tags", TagsAttribute(env)}},
           cache.location)
      .tags = context.EnvironmentTags(env);
}

}  // namespace

void BuildDataStores(BuildContext& context, const spec::Environment& env) {
  if (env.database) AddDatabase(context, env, *env.database);
  if (env.cache) AddCache(context, env, *env.cache);
}

}  // namespace vueops::graph
