// A whole state at one moment, and its document form: how state travels between backends
// (`vueops state pull` / `push`) and how the S3 backend stores it (one object, one version per
// change).
#ifndef VUEOPS_STATE_SNAPSHOT_H_
#define VUEOPS_STATE_SNAPSHOT_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "state/record.h"
#include "state/store.h"

namespace vueops::state {

struct StateSnapshot {
  StateInfo info;
  std::vector<ResourceRecord> records;  // ordered by address

  bool operator==(const StateSnapshot&) const = default;
};

// Reads every record and the state's facts. REQUIRES: nothing changes `store` meanwhile (the
// caller holds its lock, or only reads).
Result<StateSnapshot> TakeSnapshot(StateStore& store);

// The document: JSON, readable with `aws s3 cp s3://bucket/key -`:
//   {"vueops_state": 1, "lineage": "...", "serial": 12, "records": [RecordToJson, ...]}
// one record per line, so that two versions diff line by line.
std::string EncodeStateDocument(const StateSnapshot& snapshot);
// The inverse. `source` names where the text came from ("s3://bucket/key"), for errors: not
// JSON, not a vueops state, a newer format (use a newer vueops), a bad record (by index and
// address).
Result<StateSnapshot> DecodeStateDocument(std::string_view text, const std::string& source);

// An in-memory store holding `snapshot` (its lineage and serial included).
std::unique_ptr<StateStore> NewMemoryStateStore(StateSnapshot snapshot);

// Makes the SQLite state at `path` hold exactly `snapshot` (lineage, serial, records) in one
// transaction, creating the file (mode 0600) when absent. The caller has checked that nothing
// is lost (state pull refuses to overwrite newer or foreign local state without --force).
// Takes the file's operation lock for the duration; kAborted naming the holder when an apply
// is using it.
Status ReplaceSqliteState(const std::string& path, const StateSnapshot& snapshot);

}  // namespace vueops::state

#endif  // VUEOPS_STATE_SNAPSHOT_H_
