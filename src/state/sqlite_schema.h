// The SQLite state's schema and its upgrades: one function per version step, each turning a
// database at version N-1 into version N (after terraform's one upgrader per state format).
//
// Version 1:
//   meta(key TEXT PRIMARY KEY, value)       schema_version, lineage, serial
//   resources(address TEXT PRIMARY KEY,     one row per ResourceRecord; attributes, outputs
//             type, account, region, id,    and dependencies as JSON text, status by name
//             status, attributes, outputs,
//             dependencies, create_token,
//             updated_at INTEGER)
//
// To make version 2: write UpgradeToVersion2 in sqlite_schema.cc, append it to SchemaSteps()
// and bump kStateFormatVersion (record.h). Databases at version 1 are then upgraded when
// opened, after a copy is saved beside them.
#ifndef VUEOPS_STATE_SQLITE_SCHEMA_H_
#define VUEOPS_STATE_SQLITE_SCHEMA_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "state/record.h"
#include "state/sqlite_database.h"

namespace vueops::state {

struct SchemaStep {
  int version;               // the version this step produces, from version - 1
  std::string_view summary;  // what it changes, for error messages: "add the tags column"
  std::function<Status(SqliteDatabase&)> upgrade;
};

// The steps from an empty file (version 0) to kStateFormatVersion, in order.
const std::vector<SchemaStep>& SchemaSteps();

// The version of the database, read without writing to it: 0 for an empty file.
// kFailedPrecondition for an SQLite database that is not vueops state (vueops never writes to
// it), and for a meta table without a usable schema_version.
Result<int> ReadSchemaVersion(SqliteDatabase& db);

// OK unless `version` is newer than the last step's; then kFailedPrecondition naming both
// versions and the fix (a newer vueops).
Status CheckNotNewer(const std::string& path, int version, const std::vector<SchemaStep>& steps);

// Brings the database to the last step's version in one transaction, so an upgrade that fails
// (or a crash during it) leaves the old version intact. Before upgrading a database that holds
// state (version 1 and up) it saves a copy beside it, PATH.schemaN.backup (mode 0600), replacing
// an older copy of the same version. A database at a version newer than the last step is
// refused with kFailedPrecondition naming both versions: an older vueops never rewrites it.
// REQUIRES: steps[i].version == i + 1.
Status UpgradeSchema(SqliteDatabase& db, const std::vector<SchemaStep>& steps);

// The name of the copy UpgradeSchema saves before upgrading `path` from `version`.
std::string SchemaBackupPath(const std::string& path, int version);

}  // namespace vueops::state

#endif  // VUEOPS_STATE_SQLITE_SCHEMA_H_
