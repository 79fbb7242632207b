#include "state/sqlite_schema.h"

#include <cassert>
#include <cstdint>
#include <cstdio>

#include "base/file.h"
#include "state/lineage.h"
#include "state/private_file.h"

namespace vueops::state {
namespace {

// Version 1: the record's fields as columns, so the sqlite3 shell shows state readably; the
// structured fields as JSON text in the record's JSON form. No CHECK constraints: the store
// validates what it writes and what it reads, and a later version may widen a field's values
// without rebuilding the table.
Status CreateVersion1(SqliteDatabase& db) {
  RETURN_IF_ERROR(db.Execute(R"sql(
    CREATE TABLE meta (
      key TEXT PRIMARY KEY NOT NULL,
      value NOT NULL
    );
    CREATE TABLE resources (
      address TEXT PRIMARY KEY NOT NULL,
      type TEXT NOT NULL,
      account TEXT NOT NULL,
      region TEXT NOT NULL,
      id TEXT NOT NULL,
      status TEXT NOT NULL,
      attributes TEXT NOT NULL,
      outputs TEXT NOT NULL,
      dependencies TEXT NOT NULL,
      create_token TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );
    INSERT INTO meta (key, value) VALUES ('serial', 0);
  )sql"));
  ASSIGN_OR_RETURN(SqliteStatement lineage,
                   db.Prepare("INSERT INTO meta (key, value) VALUES ('lineage', ?1)"));
  RETURN_IF_ERROR(lineage.Bind(1, NewLineage()));
  return lineage.Step().status();
}

Status SaveCopy(SqliteDatabase& db, int version) {
  const std::string backup = SchemaBackupPath(db.path(), version);
  const std::string temporary = backup + ".tmp";
  // VACUUM INTO writes into an empty file: create it first, so that it gets mode 0600.
  std::remove(temporary.c_str());
  Status status = CreatePrivateFile(temporary);
  if (status.ok()) {
    ASSIGN_OR_RETURN(SqliteStatement vacuum, db.Prepare("VACUUM INTO ?1"));
    RETURN_IF_ERROR(vacuum.Bind(1, temporary));
    status = vacuum.Step().status();
  }
  // VACUUM INTO does not sync what it writes; the copy must be on disk before the upgrade.
  if (status.ok()) status = SyncFile(temporary);
  if (status.ok() && std::rename(temporary.c_str(), backup.c_str()) != 0) {
    status = UnavailableError("cannot rename " + temporary + " to " + backup);
  }
  if (status.ok()) status = SyncDirectory(DirectoryOf(backup));
  if (!status.ok()) {
    std::remove(temporary.c_str());
    return status.WithContext("cannot save a copy of " + db.path() +
                              " before upgrading its schema (nothing was changed)");
  }
  return Status::Ok();
}

// The steps after the version read under the write lock, and the new version, in the open
// transaction.
Status ApplySteps(SqliteDatabase& db, const std::vector<SchemaStep>& steps) {
  ASSIGN_OR_RETURN(int version, ReadSchemaVersion(db));
  RETURN_IF_ERROR(CheckNotNewer(db.path(), version, steps));
  for (const SchemaStep& step : steps) {
    if (step.version <= version) continue;
    RETURN_IF_ERROR(step.upgrade(db).WithContext(
        "cannot upgrade " + db.path() + " to state schema " + std::to_string(step.version) + " (" +
        std::string(step.summary) + "); it was left at schema " + std::to_string(version)));
    ASSIGN_OR_RETURN(
        SqliteStatement record,
        db.Prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?1)"));
    RETURN_IF_ERROR(record.Bind(1, int64_t{step.version}));
    RETURN_IF_ERROR(record.Step().status());
  }
  return db.Execute("COMMIT");
}

}  // namespace

const std::vector<SchemaStep>& SchemaSteps() {
  static const std::vector<SchemaStep> steps = {
      {1, "the meta and resources tables", CreateVersion1},
  };
  return steps;
}

std::string SchemaBackupPath(const std::string& path, int version) {
  return path + ".schema" + std::to_string(version) + ".backup";
}

Result<int> ReadSchemaVersion(SqliteDatabase& db) {
  ASSIGN_OR_RETURN(SqliteStatement tables,
                   db.Prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND "
                              "name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"));
  std::vector<std::string> names;
  bool has_meta = false;
  while (true) {
    ASSIGN_OR_RETURN(bool row, tables.Step());
    if (!row) break;
    names.push_back(tables.Text(0));
    has_meta = has_meta || names.back() == "meta";
  }
  if (names.empty()) return 0;
  if (!has_meta) {
    std::string list;
    for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
    return FailedPreconditionError(
        db.path() + " is an SQLite database, but not vueops state (its tables: " + list +
        "); vueops will not write to it: choose another path");
  }
  ASSIGN_OR_RETURN(SqliteStatement version,
                   db.Prepare("SELECT value FROM meta WHERE key = 'schema_version'"));
  ASSIGN_OR_RETURN(bool row, version.Step());
  if (!row || !version.IsInteger(0) || version.Integer(0) < 1 || version.Integer(0) > INT32_MAX) {
    return FailedPreconditionError(
        db.path() +
        " has a meta table without a valid schema_version, so it is damaged or not "
        "vueops state; restore it from a backup, or move it away");
  }
  return static_cast<int>(version.Integer(0));
}

Status CheckNotNewer(const std::string& path, int version, const std::vector<SchemaStep>& steps) {
  const int latest = steps.empty() ? 0 : steps.back().version;
  if (version <= latest) return Status::Ok();
  return FailedPreconditionError(
      path + " was written by a newer vueops (state schema " + std::to_string(version) +
      "; this vueops reads up to " + std::to_string(latest) +
      "): upgrade vueops to use it (an older vueops never rewrites a newer state)");
}

Status UpgradeSchema(SqliteDatabase& db, const std::vector<SchemaStep>& steps) {
  for (size_t i = 0; i < steps.size(); ++i) {
    assert(steps[i].version == static_cast<int>(i) + 1 && "schema steps must be consecutive");
  }
  const int latest = steps.empty() ? 0 : steps.back().version;
  ASSIGN_OR_RETURN(int version, ReadSchemaVersion(db));
  RETURN_IF_ERROR(CheckNotNewer(db.path(), version, steps));
  if (version == latest) return Status::Ok();
  if (version >= 1) RETURN_IF_ERROR(SaveCopy(db, version));
  // IMMEDIATE takes the write lock now, so two processes opening a new state at once create
  // the schema (and its lineage) once: the second waits, then reads the version the first
  // wrote.
  RETURN_IF_ERROR(db.Execute("BEGIN IMMEDIATE"));
  Status status = ApplySteps(db, steps);
  if (!status.ok() && db.in_transaction()) db.Execute("ROLLBACK").IgnoreError();
  return status;
}

}  // namespace vueops::state
