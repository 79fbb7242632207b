// The default state backend: an SQLite database on the operator's disk (.vueops/state.db
// beside the spec).
//
// Durability: WAL with synchronous=FULL, so every Put, Remove and Move is on disk when it
// returns (a kill -9 or a power cut afterwards keeps it), and a crash at any moment leaves the
// database as of the last change that returned.
//
// Concurrency: one connection per store, behind a mutex; changes submitted by several threads
// at once are committed together in one transaction (CommitQueue), each keeping its own
// result. Several processes: SQLite's locks admit one writer at a time; a writer waits up to
// busy_timeout_ms for another process's change to commit, then fails with kAborted naming the
// file. Nothing is ever half written. A store opened `exclusive` also holds the state's
// operation lock (StateLock): a second exclusive opener fails, naming the holder, while readers
// go on reading.
#ifndef VUEOPS_STATE_SQLITE_STATE_STORE_H_
#define VUEOPS_STATE_SQLITE_STATE_STORE_H_

#include <memory>
#include <string>

#include "base/status.h"
#include "state/store.h"

namespace vueops::state {

// Where the state lives by default, relative to the spec's folder.
inline constexpr const char* kDefaultStatePath = ".vueops/state.db";

struct SqliteOptions {
  // Create the file (mode 0600) and its missing folders (mode 0700) when the file is absent.
  // Commands that only read or repair state turn this off, so that a mistyped path is an error
  // rather than a new, empty state.
  bool create_if_missing = true;
  // How long a read or a change waits for another process's change to commit before it fails
  // with kAborted. Changes commit in milliseconds, so only a stuck process exhausts it.
  int busy_timeout_ms = 10'000;
  // Hold the state's operation lock for as long as the store is open (apply, destroy and the
  // state repairs do): another exclusive opener fails with kAborted naming this process, while
  // stores opened without it still read (and, at SQLite's level, safely write).
  bool exclusive = false;
  // How long an exclusive opener waits for the lock's holder; 0 fails at once.
  int lock_timeout_ms = 0;
};

// Opens the SQLite state at `path`: creates it when allowed (a new random lineage, serial 0),
// upgrades an older schema (after saving a copy beside it), and refuses a newer schema, a file
// that is not SQLite and an SQLite database that is not vueops state, with kFailedPrecondition.
// kNotFound when the file is absent and create_if_missing is off. Every error names the path
// and what fixes it.
Result<std::unique_ptr<StateStore>> OpenSqliteStateStore(const std::string& path,
                                                         const SqliteOptions& options = {});

}  // namespace vueops::state

#endif  // VUEOPS_STATE_SQLITE_STATE_STORE_H_
