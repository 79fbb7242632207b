// Rules of the notes' "RDS" and "Elasticache" sections (VO4xx), with the industry's checks
// of the same resources.
#include <algorithm>
#include <cctype>

#include "lint/rule_helpers.h"
#include "lint/rules.h"
#include "spec/resolve.h"

namespace vueops::lint {
namespace {

// Point-in-time recovery reaches back a week (Prowler rds_instance_backup_enabled).
constexpr int kMinBackupRetentionDays = 7;

// Smallest allocation RDS for MySQL accepts per storage type (RDS User Guide, "Amazon RDS DB
// instance storage"): the notes' 5 GB is magnetic ("standard") storage; SSD starts at 20 GB.
int MinimumStorageGb(const std::string& type) {
  if (type == "standard") return 5;
  if (type == "io1" || type == "io2") return 100;
  return 20;
}

// A parameter-group value that turns a MySQL boolean off.
bool IsOff(std::string value) {
  std::transform(value.begin(), value.end(), value.begin(), ::tolower);
  return value == "0" || value == "off" || value == "false";
}

}  // namespace

void CheckDatabaseMultiAz(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.database && !env.database->multi_az) {
      context.Report(env.database->At("multi_az"), Address(env.name, "database"),
                     "the database of '" + env.name + "' runs in one availability zone");
    }
  }
}

void CheckCacheMultiAz(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.cache) continue;
    const spec::Cache& cache = *env.cache;
    std::string subject = Address(env.name, "cache");
    if (!cache.multi_az) {
      context.Report(cache.At("multi_az"), subject, "the cache runs in one availability zone");
    }
    if (!cache.automatic_failover) {
      context.Report(cache.At("automatic_failover"), subject,
                     "the cache has no automatic failover");
    }
    if (cache.replicas < 1) {
      context.Report(cache.At("replicas"), subject, "the cache has no replica to fail over to");
    }
  }
}

void CheckDatabaseEncrypted(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.database && !env.database->storage_encrypted) {
      context.Report(env.database->At("storage"), Address(env.name, "database"),
                     "the database's storage is not encrypted");
    }
  }
}

void CheckCacheEncryptedAtRest(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.cache && !env.cache->encryption_at_rest) {
      context.Report(env.cache->At("encryption"), Address(env.name, "cache"),
                     "the cache is not encrypted at rest");
    }
  }
}

void CheckCacheTlsInTransit(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.cache && !env.cache->encryption_in_transit) {
      context.Report(env.cache->At("encryption"), Address(env.name, "cache"),
                     "the cache takes connections without TLS");
    }
  }
}

void CheckDatabaseStartsSmall(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    // Serverless (Aurora) storage grows by itself; only instances allocate storage.
    if (!env.database || env.database->mode != spec::DatabaseMode::kInstance) continue;
    const spec::Database& db = *env.database;
    int minimum = MinimumStorageGb(db.storage_type);
    if (db.allocated_storage_gb > minimum) {
      context.Report(db.At("allocated_storage_gb"), Address(env.name, "database"),
                     "the database starts at " + std::to_string(db.allocated_storage_gb) +
                         " GB of " + db.storage_type + " storage, not the smallest start (" +
                         std::to_string(minimum) + " GB); storage never shrinks");
    }
  }
}

void CheckMaxConnectionsCoverFleet(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    // Serverless sets max_connections from its capacity; the notes: "can't modify
    // max_connections" there. Only instances have a value to check.
    if (!env.database || !env.servers || env.database->mode != spec::DatabaseMode::kInstance) {
      continue;
    }
    int demand = spec::FleetConnectionDemand(*env.servers);
    if (env.database->max_connections < demand) {
      context.Report(env.database->At("max_connections"), Address(env.name, "database"),
                     "max_connections is " + std::to_string(env.database->max_connections) +
                         ", but the fleet runs up to " + std::to_string(demand) +
                         " uWSGI processes");
    }
  }
}

void CheckDatabaseBackups(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.database && env.database->backup_retention_days < kMinBackupRetentionDays) {
      context.Report(env.database->At("backup"), Address(env.name, "database"),
                     "automated backups are kept " +
                         std::to_string(env.database->backup_retention_days) + " days");
    }
  }
}

void CheckDatabaseDeletionProtection(RuleContext& context) {
  const spec::Stack& stack = context.stack();
  for (const spec::Environment& env : stack.environments) {
    if (env.database && !env.database->deletion_protection && IsProduction(stack, env)) {
      context.Report(env.database->At("deletion_protection"), Address(env.name, "database"),
                     "the production database of '" + env.name + "' can be deleted");
    }
  }
}

void CheckDatabaseMinorUpgrades(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.database && !env.database->auto_minor_version_upgrade) {
      context.Report(env.database->At("auto_minor_version_upgrade"), Address(env.name, "database"),
                     "the database skips minor version upgrades");
    }
  }
}

void CheckInnoDb(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.database && env.database->storage_engine != "InnoDB") {
      context.Report(env.database->At("storage_engine"), Address(env.name, "database"),
                     "the database uses " + env.database->storage_engine);
    }
  }
}

void CheckDatabaseRequiresTls(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.database) continue;
    const spec::Database& db = *env.database;
    if (!db.require_tls) {
      context.Report(db.At("require_tls"), Address(env.name, "database"),
                     "the database takes connections without TLS");
      continue;
    }
    // A parameter written beside require_tls would override it in the parameter group.
    auto secure = db.parameters.find("require_secure_transport");
    if (secure != db.parameters.end() && IsOff(secure->second)) {
      context.Report(db.At("parameters"), Address(env.name, "database"),
                     "parameter require_secure_transport is " + secure->second);
    }
  }
}

void CheckDatabaseBackupToBackupAccount(RuleContext& context) {
  const spec::Stack& stack = context.stack();
  for (const spec::Environment& env : stack.environments) {
    if (!env.database) continue;
    const spec::Database& db = *env.database;
    const spec::Account* account = stack.organization.FindAccount(db.backup_copy_account);
    if (db.backup_copy_account.empty()) {
      context.Report(db.At("backup"), Address(env.name, "database"),
                     "backups stay in account '" + env.account + "'");
    } else if (account != nullptr && account->kind != spec::AccountKind::kBackup) {
      context.Report(db.At("backup"), Address(env.name, "database"),
                     "backups are copied to '" + account->name + "', a " +
                         std::string(spec::AccountKindName(account->kind)) +
                         " account, not the backup account");
    }
  }
}

void CheckDatabaseNotPublic(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.database && env.database->publicly_accessible) {
      context.Report(env.database->At("publicly_accessible"), Address(env.name, "database"),
                     "the database has a public endpoint");
    }
  }
}

void CheckCacheSnapshots(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.cache && env.cache->snapshot_retention_days < 1) {
      context.Report(env.cache->At("snapshot_retention_days"), Address(env.name, "cache"),
                     "the cache keeps no snapshots");
    }
  }
}

}  // namespace vueops::lint
