// A thin C++ face on SQLite: a connection, prepared statements, and SQLite's result codes turned
// into Status messages that name the file and the fix. sqlite_database.cc is the only file that
// includes sqlite3.h; the schema and the store speak SQL through these classes.
#ifndef VUEOPS_STATE_SQLITE_DATABASE_H_
#define VUEOPS_STATE_SQLITE_DATABASE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace vueops::state {

class SqliteStatement;

// One connection. Not thread-safe: its owner serializes access (the store holds a mutex).
class SqliteDatabase {
 public:
  // Opens an existing file read-write. It never creates one, so that the caller can create the
  // file with the mode it wants first (SQLite would create it 0644). Nothing is read yet: a file
  // that is not a database fails on the first statement.
  static Result<std::unique_ptr<SqliteDatabase>> Open(const std::string& path);
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  const std::string& path() const { return path_; }

  // How long a statement waits for another connection's lock before failing with kAborted.
  void SetBusyTimeout(int milliseconds);

  // Runs SQL without parameters (several statements separated by ';'), discarding any rows.
  Status Execute(std::string_view sql);
  // Runs a statement that yields one value in one row ("PRAGMA journal_mode=WAL") and returns
  // it as text ("" for no row).
  Result<std::string> QueryText(std::string_view sql);

  Result<SqliteStatement> Prepare(std::string_view sql);

  // Rows changed by the last INSERT, UPDATE or DELETE.
  int64_t changes() const;
  // False when no transaction is open, including after SQLite rolled one back by itself (it
  // does on a full disk or an I/O error).
  bool in_transaction() const;

  // The Status for SQLite result code `code` on this connection: the message names the file,
  // what went wrong (with the OS error where there is one) and what fixes it.
  Status Error(int code) const;

 private:
  SqliteDatabase(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  Status IoError(int code, int error) const;

  std::string path_;
  sqlite3* db_;
  int busy_timeout_ms_ = 0;
};

// A prepared statement, reusable: Reset() after the last Step().
class SqliteStatement {
 public:
  // An empty statement, to be assigned from SqliteDatabase::Prepare.
  SqliteStatement() = default;
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  ~SqliteStatement();

  // Parameters count from 1, as in SQL's ?1.
  Status Bind(int index, std::string_view text);
  Status Bind(int index, int64_t value);

  // True when a row is ready to read; false when the statement is done.
  Result<bool> Step();
  // Reads column `index` (from 0) of the current row. A NULL reads as "" or 0.
  std::string Text(int index) const;
  int64_t Integer(int index) const;
  bool IsInteger(int index) const;
  // Makes the statement ready to run again with new parameters.
  void Reset();

 private:
  friend class SqliteDatabase;
  SqliteStatement(const SqliteDatabase* database, sqlite3_stmt* statement)
      : database_(database), statement_(statement) {}

  const SqliteDatabase* database_ = nullptr;
  sqlite3_stmt* statement_ = nullptr;
};

}  // namespace vueops::state

#endif  // VUEOPS_STATE_SQLITE_DATABASE_H_
