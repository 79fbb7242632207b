#include "state/sqlite_database.h"

#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "base/file.h"

namespace vueops::state {
namespace {

// Less free space than this on the state's disk explains a failed write: SQLite needs room
// for a WAL frame per changed page (4 KB each) plus the checkpoint.
constexpr uint64_t kNearlyFullBytes = 1 << 20;

std::string SystemError(int error) {
  return error == 0 ? std::string() : std::string(" (") + std::strerror(error) + ")";
}

std::string Seconds(int milliseconds) {
  if (milliseconds % 1000 == 0) return std::to_string(milliseconds / 1000) + " s";
  return std::to_string(milliseconds) + " ms";
}

}  // namespace

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::string& path) {
  sqlite3* db = nullptr;
  // NOMUTEX: the owner serializes access, so SQLite's own per-connection mutex is only cost.
  int code =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<SqliteDatabase> database(new SqliteDatabase(path, db));
  if (db != nullptr) sqlite3_extended_result_codes(db, 1);
  if (code != SQLITE_OK) {
    if (db == nullptr) return ResourceExhaustedError("cannot open " + path + ": out of memory");
    return database->Error(code);
  }
  return database;
}

SqliteDatabase::~SqliteDatabase() {
  // Every statement is finalized by its owner first (the store declares its statements after
  // the database), so close cannot fail with SQLITE_BUSY; close_v2 covers a mistake anyway.
  sqlite3_close_v2(db_);
}

void SqliteDatabase::SetBusyTimeout(int milliseconds) {
  busy_timeout_ms_ = milliseconds;
  sqlite3_busy_timeout(db_, milliseconds);
}

Status SqliteDatabase::Execute(std::string_view sql) {
  std::string text(sql);
  int code = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  return code == SQLITE_OK ? Status::Ok() : Error(code);
}

Result<std::string> SqliteDatabase::QueryText(std::string_view sql) {
  ASSIGN_OR_RETURN(SqliteStatement statement, Prepare(sql));
  ASSIGN_OR_RETURN(bool row, statement.Step());
  return row ? statement.Text(0) : std::string();
}

Result<SqliteStatement> SqliteDatabase::Prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  int code = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
  if (code != SQLITE_OK) return Error(code);
  return SqliteStatement(this, statement);
}

int64_t SqliteDatabase::changes() const { return sqlite3_changes64(db_); }

bool SqliteDatabase::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

Status SqliteDatabase::Error(int code) const {
  const int error = sqlite3_system_errno(db_);
  const std::string detail = sqlite3_errmsg(db_);
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return AbortedError(path_ + " is in use by another vueops process (still locked after " +
                          Seconds(busy_timeout_ms_) + "); let it finish and run again (fuser " +
                          path_ + " shows which process holds it)");
    case SQLITE_NOTADB:
      return FailedPreconditionError(
          path_ + " is not an SQLite database, so it is not vueops state (" + detail +
          "); if it held state, restore it from a backup, otherwise move it away");
    case SQLITE_CORRUPT:
      return DataLossError(path_ + " is damaged (" + detail +
                           "); restore it from a backup, or save what is readable with: "
                           "sqlite3 " +
                           path_ + " .recover | sqlite3 " + path_ + ".recovered, then move " +
                           path_ + ".recovered into its place");
    case SQLITE_FULL:
      return ResourceExhaustedError("cannot write " + path_ +
                                    ": the disk is full; free space and run again (this "
                                    "change was not saved; the changes before it are)");
    case SQLITE_IOERR: return IoError(code, error);
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return PermissionDeniedError("cannot write " + path_ + ": " + detail + SystemError(error) +
                                   "; make the file and its folder "
                                   "writable (SQLite keeps " +
                                   path_ + "-wal and " + path_ + "-shm beside it)");
    case SQLITE_CANTOPEN: {
      std::string message = "cannot open " + path_ + SystemError(error);
      if (error == ENOENT) return NotFoundError(message + "; its folder does not exist");
      return PermissionDeniedError(message +
                                   "; make the file and its folder readable and "
                                   "writable (SQLite keeps " +
                                   path_ + "-wal and " + path_ + "-shm beside it)");
    }
    case SQLITE_NOMEM: return ResourceExhaustedError(path_ + ": out of memory");
    default: return InternalError(path_ + ": SQLite error " + std::to_string(code) + ": " + detail);
  }
}

Status SqliteDatabase::IoError(int code, int error) const {
  const bool writing = code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC ||
                       code == SQLITE_IOERR_TRUNCATE || code == SQLITE_IOERR_SHMSIZE;
  // SQLite does not always keep the OS error (a short write has none), so a failed write is
  // explained by looking at the two limits that cause most of them.
  struct statvfs disk;
  if (error == ENOSPC || error == EDQUOT ||
      (writing && ::statvfs(DirectoryOf(path_).c_str(), &disk) == 0 &&
       static_cast<uint64_t>(disk.f_bavail) * disk.f_frsize < kNearlyFullBytes)) {
    return ResourceExhaustedError("cannot write " + path_ + SystemError(error) +
                                  ": the disk is full; free space and run again (this change "
                                  "was not saved; the changes before it are)");
  }
  struct rlimit limit;
  if (error == EFBIG ||
      (writing && ::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)) {
    return ResourceExhaustedError("cannot write " + path_ + SystemError(error) +
                                  ": the process's file size limit is reached; raise it "
                                  "(ulimit -f) and run again (this change was not saved; the "
                                  "changes before it are)");
  }
  return UnavailableError("cannot " + std::string(writing ? "write " : "read or write ") + path_ +
                          ": " + sqlite3_errmsg(db_) + SystemError(error) +
                          "; check the disk, then run again (this change was not saved)");
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : database_(other.database_), statement_(std::exchange(other.statement_, nullptr)) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(statement_);
    database_ = other.database_;
    statement_ = std::exchange(other.statement_, nullptr);
  }
  return *this;
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

Status SqliteStatement::Bind(int index, std::string_view text) {
  int code = sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8);
  return code == SQLITE_OK ? Status::Ok() : database_->Error(code);
}

Status SqliteStatement::Bind(int index, int64_t value) {
  int code = sqlite3_bind_int64(statement_, index, value);
  return code == SQLITE_OK ? Status::Ok() : database_->Error(code);
}

Result<bool> SqliteStatement::Step() {
  int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return database_->Error(code);
}

std::string SqliteStatement::Text(int index) const {
  const unsigned char* text = sqlite3_column_text(statement_, index);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(statement_, index)));
}

int64_t SqliteStatement::Integer(int index) const {
  return sqlite3_column_int64(statement_, index);
}

bool SqliteStatement::IsInteger(int index) const {
  return sqlite3_column_type(statement_, index) == SQLITE_INTEGER;
}

void SqliteStatement::Reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

}  // namespace vueops::state
