// Decoding database: (notes: "RDS") and cache: (notes: "Elasticache").
#include "spec/decode.h"

namespace vueops::spec {
namespace {

constexpr EnumName<DatabaseMode> kDatabaseModes[] = {{"instance", DatabaseMode::kInstance},
                                                    {"serverless", DatabaseMode::kServerless}};

// Smallest allocation RDS for MySQL accepts per storage type (RDS User Guide, "Amazon RDS DB
// instance storage"). The notes' "start with 5 GB" dates from magnetic storage; SSD storage
// starts at 20 GiB today.
int MinimumStorageGb(const std::string& type) {
  if (type == "standard") return 5;
  if (type == "io1" || type == "io2") return 100;
  return 20;
}

void DecodeStorage(DecodeContext& context, const Node* node, Database* db) {
  Element storage;
  MapReader reader(context, node, "storage of database", &storage);
  std::string type;
  if (reader.String("type", &type)) {
    const std::vector<std::string> types = {"gp3", "gp2", "io1", "io2", "standard"};
    if (std::find(types.begin(), types.end(), type) == types.end()) {
      ReportBadEnum(context, *reader.Get("type"), "storage type", types);
    } else {
      db->storage_type = type;
    }
  }
  db->allocated_storage_gb = MinimumStorageGb(db->storage_type);
  // 65536 GiB is RDS for MySQL's largest volume.
  constexpr int kMaxStorageGb = 65536;
  if (reader.Integer("allocated_gb", &db->allocated_storage_gb, 1, kMaxStorageGb)) {
    db->Mark("allocated_storage_gb", storage.At("allocated_gb"));
    int minimum = MinimumStorageGb(db->storage_type);
    if (db->allocated_storage_gb < minimum) {
      context.Error("spec.value", *reader.Get("allocated_gb"),
                    "RDS " + db->storage_type + " storage starts at " + std::to_string(minimum) +
                        " GB, not " + std::to_string(db->allocated_storage_gb),
                    "use allocated_gb: " + std::to_string(minimum) +
                        " (the smallest start, as the notes advise: it can never shrink)");
    }
  }
  if (reader.Integer("max_allocated_gb", &db->max_allocated_storage_gb, 0, kMaxStorageGb)) {
    db->Mark("max_allocated_storage_gb", storage.At("max_allocated_gb"));
    if (db->max_allocated_storage_gb != 0 &&
        db->max_allocated_storage_gb <= db->allocated_storage_gb) {
      context.Error("spec.value", *reader.Get("max_allocated_gb"),
                    "max_allocated_gb must be above allocated_gb (" +
                        std::to_string(db->allocated_storage_gb) + ") or 0 to turn autoscaling off");
    }
  }
  reader.Boolean("encrypted", &db->storage_encrypted);
  reader.Finish();
}

}  // namespace

void DecodeDatabase(DecodeContext& context, const Node& node, Database* db) {
  MapReader reader(context, &node, "database", db, true);
  std::string engine;
  if (reader.String("engine", &engine)) {
    if (engine == "mysql") {
      db->engine = engine;
    } else {
      ReportBadEnum(context, *reader.Get("engine"), "engine of database", {"mysql"});
    }
  }
  reader.String("engine_version", &db->engine_version);
  reader.Enum("mode", &db->mode, kDatabaseModes);
  if (reader.String("instance_class", &db->instance_class) &&
      db->instance_class.rfind("db.", 0) != 0) {
    context.Error("spec.value", *reader.Get("instance_class"),
                  "instance_class '" + db->instance_class + "' is not an RDS instance class",
                  "RDS classes start with db., e.g. db.t4g.medium");
  }
  reader.Boolean("multi_az", &db->multi_az);
  db->allocated_storage_gb = MinimumStorageGb(db->storage_type);
  DecodeStorage(context, reader.Get("storage"), db);
  std::string storage_engine;
  if (reader.String("storage_engine", &storage_engine)) {
    if (storage_engine == "InnoDB" || storage_engine == "MyISAM") {
      db->storage_engine = storage_engine;
    } else {
      ReportBadEnum(context, *reader.Get("storage_engine"), "storage_engine", {"InnoDB", "MyISAM"});
    }
  }
  if (const Node* connections = reader.Get("max_connections")) {
    if (connections->is_scalar() && connections->scalar == "auto") {
      db->max_connections_auto = true;
    } else if (ReadInteger(context, *connections, "max_connections", 1, 100000,
                           &db->max_connections)) {
      db->max_connections_auto = false;
    }
  }
  reader.EachEntry("parameters", "parameter values", [&](const MapEntry& entry) {
    if (entry.key == "max_connections" || entry.key == "default_storage_engine") {
      context.Error("spec.value", entry.key_location,
                    "set " + entry.key + " with the database's own key, not in parameters",
                    entry.key == "max_connections" ? "max_connections: auto (or a number)"
                                                   : "storage_engine: InnoDB");
      return;
    }
    std::string value;
    if (ReadString(context, *entry.value, "parameter '" + entry.key + "'", &value)) {
      db->parameters[entry.key] = value;
    }
  });
  if (const Node* serverless = reader.Get("serverless")) {
    MapReader capacity(context, serverless, "serverless of database");
    // Aurora Serverless v2 capacity: 0 to 256 ACUs in half-ACU steps.
    capacity.Number("min_capacity", &db->serverless_min_capacity, 0, 256);
    capacity.Number("max_capacity", &db->serverless_max_capacity, 1, 256);
    auto check_step = [&](const char* key, double value) {
      if (capacity.Get(key) != nullptr && value * 2 != static_cast<int>(value * 2)) {
        context.Error("spec.value", *capacity.Get(key),
                      std::string(key) + " must be a multiple of 0.5 ACU",
                      "Aurora Serverless v2 scales in half-ACU steps");
      }
    };
    check_step("min_capacity", db->serverless_min_capacity);
    check_step("max_capacity", db->serverless_max_capacity);
    if (db->serverless_min_capacity > db->serverless_max_capacity) {
      std::string max = capacity.Get("max_capacity") ? "max_capacity"
                                                      : "the default max_capacity of 4";
      context.Error("spec.value", *serverless, "serverless min_capacity is above " + max,
                    "raise max_capacity");
    }
    capacity.Finish();
  }
  reader.String("master_username", &db->master_username);
  reader.String("master_password_secret", &db->master_password_secret);
  if (const Node* backup = reader.Get("backup")) {
    MapReader backups(context, backup, "backup of database");
    // RDS automated backups are kept 0 to 35 days.
    backups.Integer("retention_days", &db->backup_retention_days, 0, 35);
    if (backups.String("copy_to_account", &db->backup_copy_account)) {
      db->Mark("backup_copy_account", backups.Get("copy_to_account")->location);
    }
    backups.Finish();
  }
  reader.Boolean("deletion_protection", &db->deletion_protection);
  reader.Boolean("publicly_accessible", &db->publicly_accessible);
  reader.Boolean("auto_minor_version_upgrade", &db->auto_minor_version_upgrade);
  reader.Boolean("require_tls", &db->require_tls);
  reader.StringList("security_groups", &db->security_groups);
  if (db->mode == DatabaseMode::kServerless && !db->max_connections_auto) {
    // notes: Serverless "can't modify max_connections, which is set to 90 for 1 unit".
    context.Error("spec.value", db->At("max_connections"),
                  "serverless databases set max_connections from their capacity",
                  "remove max_connections, or raise serverless.max_capacity");
  }
  reader.Finish();
}

void DecodeCache(DecodeContext& context, const Node& node, Cache* cache) {
  MapReader reader(context, &node, "cache", cache, true);
  std::string engine;
  if (reader.String("engine", &engine)) {
    if (engine == "redis") {
      cache->engine = engine;
    } else {
      ReportBadEnum(context, *reader.Get("engine"), "engine of cache", {"redis"});
    }
  }
  reader.String("engine_version", &cache->engine_version);
  if (reader.String("node_type", &cache->node_type) && cache->node_type.rfind("cache.", 0) != 0) {
    context.Error("spec.value", *reader.Get("node_type"),
                  "node_type '" + cache->node_type + "' is not an ElastiCache node type",
                  "node types start with cache., e.g. cache.t4g.small");
  }
  // ElastiCache: up to 5 replicas per shard.
  reader.Integer("replicas", &cache->replicas, 0, 5);
  reader.Boolean("multi_az", &cache->multi_az);
  reader.Boolean("automatic_failover", &cache->automatic_failover);
  if (const Node* encryption = reader.Get("encryption")) {
    MapReader flags(context, encryption, "encryption of cache");
    flags.Boolean("at_rest", &cache->encryption_at_rest);
    flags.Boolean("in_transit", &cache->encryption_in_transit);
    flags.Finish();
  }
  reader.Integer("snapshot_retention_days", &cache->snapshot_retention_days, 0, 35);
  reader.StringList("security_groups", &cache->security_groups);
  if (cache->automatic_failover && cache->replicas == 0 && !cache->multi_az) {
    context.Error("spec.value", cache->At("automatic_failover"),
                  "automatic failover needs at least one replica to fail over to",
                  "set replicas: 1, or automatic_failover: false");
  }
  if (cache->multi_az && cache->replicas == 0) {
    context.Error("spec.value", cache->At("replicas"),
                  "a multi-AZ cache needs at least one replica",
                  "set replicas: 1 (or multi_az: false, which the notes advise against)");
  }
  reader.Finish();
}

}  // namespace vueops::spec
