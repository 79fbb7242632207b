#include "state/sqlite_state_store.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include "base/file.h"
#include "state/commit_queue.h"
#include "state/private_file.h"
#include "state/snapshot.h"
#include "state/sqlite_database.h"
#include "state/sqlite_schema.h"
#include "state/state_lock.h"

namespace vueops::state {
namespace {

// The columns every query reads, in the order RowToRecord expects.
constexpr const char* kColumns =
    "address, type, account, region, id, status, attributes, outputs, dependencies, "
    "create_token, updated_at";

// Resets a cached statement when a use of it ends, however it ends.
class StatementUse {
 public:
  explicit StatementUse(SqliteStatement& statement) : statement_(statement) {}
  ~StatementUse() { statement_.Reset(); }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;

 private:
  SqliteStatement& statement_;
};

class SqliteStateStore final : public StateStore {
 public:
  SqliteStateStore(std::unique_ptr<SqliteDatabase> database, std::unique_ptr<StateLock> lock)
      : lock_(std::move(lock)),
        database_(std::move(database)),
        commits_([this](const std::vector<const CommitQueue::Change*>& changes,
                        std::vector<Status>* statuses) { CommitGroup(changes, statuses); }) {}

  // Prepares the statements every call reuses.
  Status Prepare() {
    auto prepare = [this](SqliteStatement* out, const std::string& sql) -> Status {
      ASSIGN_OR_RETURN(*out, database_->Prepare(sql));
      return Status::Ok();
    };
    RETURN_IF_ERROR(prepare(&info_, "SELECT key, value FROM meta"));
    RETURN_IF_ERROR(
        prepare(&list_, std::string("SELECT ") + kColumns + " FROM resources ORDER BY address"));
    RETURN_IF_ERROR(
        prepare(&get_, std::string("SELECT ") + kColumns + " FROM resources WHERE address = ?1"));
    RETURN_IF_ERROR(prepare(&put_, std::string("INSERT OR REPLACE INTO resources (") + kColumns +
                                       ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
    RETURN_IF_ERROR(prepare(&remove_, "DELETE FROM resources WHERE address = ?1"));
    RETURN_IF_ERROR(prepare(&exists_, "SELECT 1 FROM resources WHERE address = ?1"));
    RETURN_IF_ERROR(prepare(&rename_, "UPDATE resources SET address = ?2 WHERE address = ?1"));
    // instr() over the JSON text finds the candidates; the match is made exact after parsing.
    RETURN_IF_ERROR(prepare(&dependents_,
                            "SELECT address, dependencies FROM resources "
                            "WHERE instr(dependencies, ?1) > 0"));
    RETURN_IF_ERROR(
        prepare(&set_dependencies_, "UPDATE resources SET dependencies = ?2 WHERE address = ?1"));
    return prepare(&bump_serial_, "UPDATE meta SET value = value + 1 WHERE key = 'serial'");
  }

  Result<StateInfo> Info() override {
    std::lock_guard lock(database_mutex_);
    StatementUse use(info_);
    StateInfo info;
    bool has_version = false, has_lineage = false, has_serial = false;
    while (true) {
      ASSIGN_OR_RETURN(bool row, info_.Step());
      if (!row) break;
      std::string key = info_.Text(0);
      if (key == "schema_version" && info_.IsInteger(1)) {
        info.schema_version = static_cast<int>(info_.Integer(1));
        has_version = true;
      } else if (key == "lineage") {
        info.lineage = info_.Text(1);
        has_lineage = !info.lineage.empty();
      } else if (key == "serial" && info_.IsInteger(1)) {
        info.serial = info_.Integer(1);
        has_serial = true;
      }
    }
    if (!has_version || !has_lineage || !has_serial) {
      return DataLossError(database_->path() +
                           ": the meta table lacks a schema_version, lineage or serial; restore "
                           "the file from a backup");
    }
    return info;
  }

  Result<std::vector<ResourceRecord>> List() override {
    std::lock_guard lock(database_mutex_);
    StatementUse use(list_);
    std::vector<ResourceRecord> records;
    while (true) {
      ASSIGN_OR_RETURN(bool row, list_.Step());
      if (!row) break;
      ASSIGN_OR_RETURN(ResourceRecord record, RowToRecord(list_));
      records.push_back(std::move(record));
    }
    return records;
  }

  Result<std::optional<ResourceRecord>> Get(const std::string& address) override {
    std::lock_guard lock(database_mutex_);
    StatementUse use(get_);
    RETURN_IF_ERROR(get_.Bind(1, address));
    ASSIGN_OR_RETURN(bool row, get_.Step());
    if (!row) return std::optional<ResourceRecord>();
    ASSIGN_OR_RETURN(ResourceRecord record, RowToRecord(get_));
    return std::optional<ResourceRecord>(std::move(record));
  }

  Status Put(const ResourceRecord& record) override {
    RETURN_IF_ERROR(ValidateRecord(record));
    // Serialized before queueing, so the group's transaction holds the lock for SQL alone.
    EncodedFields fields = Encode(record);
    return commits_.Submit([&]() -> Status {
      RETURN_IF_ERROR(Insert(record, fields));
      return BumpSerial();
    });
  }

  // Makes the database hold exactly `snapshot`, in one transaction.
  Status Replace(const StateSnapshot& snapshot) {
    for (const ResourceRecord& record : snapshot.records) RETURN_IF_ERROR(ValidateRecord(record));
    std::lock_guard lock(database_mutex_);
    RETURN_IF_ERROR(database_->Execute("BEGIN IMMEDIATE"));
    Status status = [&]() -> Status {
      RETURN_IF_ERROR(database_->Execute("DELETE FROM resources"));
      for (const ResourceRecord& record : snapshot.records) {
        RETURN_IF_ERROR(Insert(record, Encode(record)));
      }
      ASSIGN_OR_RETURN(SqliteStatement meta,
                       database_->Prepare("UPDATE meta SET value = ?2 WHERE key = ?1"));
      RETURN_IF_ERROR(meta.Bind(1, std::string("lineage")));
      RETURN_IF_ERROR(meta.Bind(2, snapshot.info.lineage));
      RETURN_IF_ERROR(meta.Step().status());
      meta.Reset();
      RETURN_IF_ERROR(meta.Bind(1, std::string("serial")));
      RETURN_IF_ERROR(meta.Bind(2, snapshot.info.serial));
      return meta.Step().status();
    }();
    if (!status.ok()) {
      if (database_->in_transaction()) database_->Execute("ROLLBACK").IgnoreError();
      return status.WithContext("cannot write the state into " + database_->path());
    }
    return database_->Execute("COMMIT");
  }

  Status Remove(const std::string& address) override {
    return commits_.Submit([&]() -> Status {
      StatementUse use(remove_);
      RETURN_IF_ERROR(remove_.Bind(1, address));
      RETURN_IF_ERROR(remove_.Step().status());
      return BumpSerial();
    });
  }

  Status Move(const std::string& from, const std::string& to) override {
    if (to.empty()) return InvalidArgumentError("cannot move '" + from + "' to an empty address");
    return commits_.Submit([&]() -> Status {
      ASSIGN_OR_RETURN(bool from_exists, Exists(from));
      if (!from_exists) return NotFoundError("no record at '" + from + "' in the state");
      ASSIGN_OR_RETURN(bool to_exists, Exists(to));
      if (to_exists) return AlreadyExistsError("a record at '" + to + "' is already in the state");
      {
        StatementUse use(rename_);
        RETURN_IF_ERROR(rename_.Bind(1, from));
        RETURN_IF_ERROR(rename_.Bind(2, to));
        RETURN_IF_ERROR(rename_.Step().status());
      }
      RETURN_IF_ERROR(RenameDependencies(from, to));
      return BumpSerial();
    });
  }

 private:
  // Runs a group of changes in one transaction (see CommitQueue::GroupCommitter). Each change
  // runs inside a savepoint, so one that fails (a Move to a taken address) is undone alone.
  void CommitGroup(const std::vector<const CommitQueue::Change*>& changes,
                   std::vector<Status>* statuses) {
    std::lock_guard lock(database_mutex_);
    auto fail_all = [&](const Status& cause) {
      if (database_->in_transaction()) database_->Execute("ROLLBACK").IgnoreError();
      for (Status& status : *statuses) {
        if (status.ok()) status = cause;
      }
    };
    // IMMEDIATE takes the write lock up front: a transaction that read first and then wrote
    // could fail at once with SQLITE_BUSY, whatever the busy timeout.
    Status begin = database_->Execute("BEGIN IMMEDIATE");
    if (!begin.ok()) return fail_all(begin);
    for (size_t i = 0; i < changes.size(); ++i) {
      Status savepoint = database_->Execute("SAVEPOINT change");
      if (!savepoint.ok()) return fail_all(savepoint);
      Status status = (*changes[i])();
      if (status.ok()) {
        Status released = database_->Execute("RELEASE change");
        if (!released.ok()) return fail_all(released);
      } else if (!database_->in_transaction()) {
        // On a full disk or an I/O error SQLite may roll the whole transaction back by
        // itself: the group's earlier changes are lost with it.
        return fail_all(status);
      } else {
        Status undone = database_->Execute("ROLLBACK TO change; RELEASE change");
        if (!undone.ok()) return fail_all(undone);
      }
      (*statuses)[i] = status;
    }
    Status commit = database_->Execute("COMMIT");
    if (!commit.ok()) fail_all(commit);
  }

  struct EncodedFields {
    std::string attributes, outputs, dependencies;
  };
  static EncodedFields Encode(const ResourceRecord& record) {
    return {DumpJson(record.attributes), DumpJson(record.outputs),
            DumpJson(Json(record.dependencies))};
  }

  // REQUIRES: database_mutex_ held (inside a transaction).
  Status Insert(const ResourceRecord& record, const EncodedFields& fields) {
    StatementUse use(put_);
    RETURN_IF_ERROR(put_.Bind(1, record.address));
    RETURN_IF_ERROR(put_.Bind(2, record.type));
    RETURN_IF_ERROR(put_.Bind(3, record.account));
    RETURN_IF_ERROR(put_.Bind(4, record.region));
    RETURN_IF_ERROR(put_.Bind(5, record.id));
    RETURN_IF_ERROR(put_.Bind(6, RecordStatusName(record.status)));
    RETURN_IF_ERROR(put_.Bind(7, fields.attributes));
    RETURN_IF_ERROR(put_.Bind(8, fields.outputs));
    RETURN_IF_ERROR(put_.Bind(9, fields.dependencies));
    RETURN_IF_ERROR(put_.Bind(10, record.create_token));
    RETURN_IF_ERROR(put_.Bind(11, record.updated_at));
    return put_.Step().status();
  }

  Result<bool> Exists(const std::string& address) {
    StatementUse use(exists_);
    RETURN_IF_ERROR(exists_.Bind(1, address));
    return exists_.Step();
  }

  Status BumpSerial() {
    StatementUse use(bump_serial_);
    RETURN_IF_ERROR(bump_serial_.Step().status());
    if (database_->changes() != 1) {
      return DataLossError(database_->path() +
                           ": the meta table has no serial; restore the file from a backup");
    }
    return Status::Ok();
  }

  Status RenameDependencies(const std::string& from, const std::string& to) {
    std::vector<std::pair<std::string, std::string>> rewritten;
    {
      StatementUse use(dependents_);
      RETURN_IF_ERROR(dependents_.Bind(1, DumpJson(Json(from))));
      while (true) {
        ASSIGN_OR_RETURN(bool row, dependents_.Step());
        if (!row) break;
        std::string address = dependents_.Text(0);
        Result<Json> dependencies = ParseJson(dependents_.Text(1));
        if (!dependencies.ok() || !dependencies->is_array()) {
          return Damaged(address, "dependencies", "is not a JSON array");
        }
        bool changed = false;
        for (Json& dependency : *dependencies) {
          if (dependency == from) {
            dependency = to;
            changed = true;
          }
        }
        if (changed) rewritten.emplace_back(address, DumpJson(*dependencies));
      }
    }
    for (const auto& [address, dependencies] : rewritten) {
      StatementUse use(set_dependencies_);
      RETURN_IF_ERROR(set_dependencies_.Bind(1, address));
      RETURN_IF_ERROR(set_dependencies_.Bind(2, dependencies));
      RETURN_IF_ERROR(set_dependencies_.Step().status());
    }
    return Status::Ok();
  }

  Status Damaged(const std::string& address, std::string_view field, std::string_view problem) {
    return DataLossError(database_->path() + ": state record '" + address + "': field '" +
                         std::string(field) + "' " + std::string(problem) +
                         "; restore the file from a backup, or forget the record with: vueops "
                         "state rm " +
                         address);
  }

  // Reads a row into a record, checking it as RecordFromJson checks the JSON form (without
  // building that form: state is listed whole at every plan, and the copy doubled the cost).
  Result<ResourceRecord> RowToRecord(const SqliteStatement& row) {
    ResourceRecord record;
    record.address = row.Text(0);
    record.type = row.Text(1);
    record.account = row.Text(2);
    record.region = row.Text(3);
    record.id = row.Text(4);
    Result<RecordStatus> status = ParseRecordStatus(row.Text(5));
    if (!status.ok())
      return Damaged(record.address, "status", "is invalid: " + status.status().message());
    record.status = *status;
    constexpr std::pair<int, const char*> kJsonColumns[] = {
        {6, "attributes"}, {7, "outputs"}, {8, "dependencies"}};
    Json values[3];
    for (int i = 0; i < 3; ++i) {
      const auto& [column, field] = kJsonColumns[i];
      Result<Json> value = ParseJson(row.Text(column));
      if (!value.ok()) return Damaged(record.address, field, "holds " + value.status().message());
      values[i] = std::move(*value);
    }
    record.attributes = std::move(values[0]);
    record.outputs = std::move(values[1]);
    if (!values[2].is_array()) return Damaged(record.address, "dependencies", "is not an array");
    for (const Json& dependency : values[2]) {
      if (!dependency.is_string()) {
        return Damaged(record.address, "dependencies", "holds a value that is not an address");
      }
      record.dependencies.push_back(dependency.get<std::string>());
    }
    record.create_token = row.Text(9);
    record.updated_at = row.Integer(10);
    Status valid = ValidateRecord(record);
    if (!valid.ok()) {
      return DataLossError(database_->path() + ": " + valid.message() +
                           "; restore the file from a backup, or forget the record with: "
                           "vueops state rm " +
                           record.address);
    }
    return record;
  }

  // Released last, after the database is closed; null unless opened exclusive.
  std::unique_ptr<StateLock> lock_;
  // Declared before the statements, so it is destroyed after them.
  std::unique_ptr<SqliteDatabase> database_;
  // Guards the connection and the statements: one thread uses them at a time.
  std::mutex database_mutex_;
  CommitQueue commits_;
  SqliteStatement info_;
  SqliteStatement list_;
  SqliteStatement get_;
  SqliteStatement put_;
  SqliteStatement remove_;
  SqliteStatement exists_;
  SqliteStatement rename_;
  SqliteStatement dependents_;
  SqliteStatement set_dependencies_;
  SqliteStatement bump_serial_;
};

Status CreateStateFile(const std::string& path) {
  const std::string directory = DirectoryOf(path);
  RETURN_IF_ERROR(MakeDirectories(directory, 0700)
                      .WithContext("cannot create the folder for the state " + path +
                                   " (make its parent writable, or choose another path)"));
  Status created = CreatePrivateFile(path);
  // Another process created it between our check and now: use theirs.
  if (created.code() == StatusCode::kAlreadyExists) return Status::Ok();
  return created;
}

}  // namespace

Result<std::unique_ptr<StateStore>> OpenSqliteStateStore(const std::string& path,
                                                         const SqliteOptions& options) {
  if (path.empty()) return InvalidArgumentError("the state's path is empty");
  struct stat info;
  if (::stat(path.c_str(), &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      return InvalidArgumentError(path + " is a folder; name the state file in it (" +
                                  JoinPath(path, "state.db") + ")");
    }
  } else if (errno != ENOENT) {
    return PermissionDeniedError("cannot reach " + path + ": " + std::strerror(errno) +
                                 "; check the permissions of its folders");
  } else if (!options.create_if_missing) {
    return NotFoundError("no state at " + path);
  } else {
    RETURN_IF_ERROR(CreateStateFile(path));
  }

  ASSIGN_OR_RETURN(std::unique_ptr<SqliteDatabase> database, SqliteDatabase::Open(path));
  database->SetBusyTimeout(options.busy_timeout_ms);
  // Read before anything is written, so that a newer vueops's state or a foreign database is
  // refused untouched.
  ASSIGN_OR_RETURN(int version, ReadSchemaVersion(*database));
  RETURN_IF_ERROR(CheckNotNewer(path, version, SchemaSteps()));
  // Taken before anything is written (the upgrade included), and only beside a file that is
  // vueops state or empty.
  std::unique_ptr<StateLock> lock;
  if (options.exclusive) {
    ASSIGN_OR_RETURN(lock, StateLock::Acquire(path, options.lock_timeout_ms));
  }
  ASSIGN_OR_RETURN(std::string journal, database->QueryText("PRAGMA journal_mode = WAL"));
  if (journal != "wal") {
    return FailedPreconditionError("cannot use write-ahead logging on " + path +
                                   " (SQLite kept journal mode '" + journal +
                                   "'); keep the state on a local disk, not a network share");
  }
  // FULL syncs the WAL at every commit: a change that returned survives a power cut, not only
  // a crash of vueops (NORMAL would only guarantee the latter).
  RETURN_IF_ERROR(database->Execute("PRAGMA synchronous = FULL"));
  RETURN_IF_ERROR(UpgradeSchema(*database, SchemaSteps()));

  auto store = std::make_unique<SqliteStateStore>(std::move(database), std::move(lock));
  RETURN_IF_ERROR(store->Prepare());
  return std::unique_ptr<StateStore>(std::move(store));
}

Status ReplaceSqliteState(const std::string& path, const StateSnapshot& snapshot) {
  SqliteOptions options;
  options.exclusive = true;
  ASSIGN_OR_RETURN(std::unique_ptr<StateStore> store, OpenSqliteStateStore(path, options));
  return static_cast<SqliteStateStore&>(*store).Replace(snapshot);
}

}  // namespace vueops::state
