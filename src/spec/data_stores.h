// RDS and Elasticache (notes sections of those names).
#ifndef VUEOPS_SPEC_DATA_STORES_H_
#define VUEOPS_SPEC_DATA_STORES_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "spec/element.h"

namespace vueops::spec {

enum class DatabaseMode { kInstance, kServerless };

struct Database : Element {
  std::string engine = "mysql";
  std::string engine_version = "8.0";
  DatabaseMode mode = DatabaseMode::kInstance;
  std::string instance_class = "db.t4g.medium";
  bool multi_az = true;
  // notes: "start with 5 GB allocation since once storage is increased on an instance it
  // cannot be reduced".
  int allocated_storage_gb = 5;
  int max_allocated_storage_gb = 0;  // storage autoscaling ceiling; 0 = off
  std::string storage_type = "gp3";
  bool storage_encrypted = true;
  // notes: "Using InnoDB backend (vs. MyISAM)".
  std::string storage_engine = "InnoDB";
  // max_connections: 0 = "auto", sized from the fleet's uWSGI processes (see Resolve).
  int max_connections = 0;
  bool max_connections_auto = true;
  std::map<std::string, std::string> parameters;  // further parameter-group settings
  // Aurora MySQL Serverless v2 capacity, in ACUs.
  double serverless_min_capacity = 0.5;
  double serverless_max_capacity = 4;
  std::string master_username = "mpfadmin";
  std::string master_password_secret = "db-master";
  int backup_retention_days = 7;
  std::string backup_copy_account;  // notes: vueback "used for backups"
  bool deletion_protection = true;
  bool publicly_accessible = false;
  bool auto_minor_version_upgrade = true;
  // require_secure_transport=ON in the parameter group: clients must use TLS.
  bool require_tls = true;
  std::vector<std::string> security_groups = {"database"};
};

struct Cache : Element {
  std::string engine = "redis";  // notes: "Will use Redis for everything"
  std::string engine_version = "7.1";
  std::string node_type = "cache.t4g.small";
  int replicas = 1;  // replicas per shard (multi-AZ needs at least one)
  bool multi_az = true;
  bool automatic_failover = true;
  bool encryption_at_rest = true;
  bool encryption_in_transit = true;
  int snapshot_retention_days = 7;
  std::vector<std::string> security_groups = {"cache"};
};

}  // namespace vueops::spec

#endif  // VUEOPS_SPEC_DATA_STORES_H_
