// Where state lives: the interface every backend implements (SQLite on the operator's disk by
// default; S3 in the vueops account for a team), and an in-memory fake for tests.
#ifndef VUEOPS_STATE_STORE_H_
#define VUEOPS_STATE_STORE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "state/record.h"

namespace vueops::state {

// Facts about a state as a whole.
struct StateInfo {
  int schema_version = 0;  // the store's format; upgraded on open
  std::string lineage;     // a random id fixed when the state is created: two states with
                           // different lineages are different systems, never merged
  int64_t serial = 0;      // incremented by every change; a saved plan records it to refuse a
                           // stale apply

  bool operator==(const StateInfo&) const = default;
};

class StateStore {
 public:
  virtual ~StateStore() = default;

  virtual Result<StateInfo> Info() = 0;
  // Every record, ordered by address.
  virtual Result<std::vector<ResourceRecord>> List() = 0;
  // The record at `address`, or nullopt.
  virtual Result<std::optional<ResourceRecord>> Get(const std::string& address) = 0;
  // Inserts or replaces the record at record.address and increments the serial. Durable when
  // it returns OK: a crash afterwards keeps the record.
  virtual Status Put(const ResourceRecord& record) = 0;
  // Removes the record (OK when absent) and increments the serial.
  virtual Status Remove(const std::string& address) = 0;
  // Renames a record (for `vueops state mv`); kNotFound when `from` is absent, kAlreadyExists
  // when `to` is taken. Other records' dependencies on `from` are renamed in the same change,
  // so a destroy still runs in a safe order.
  virtual Status Move(const std::string& from, const std::string& to) = 0;
};

// The in-memory store tests use. Thread-safe.
std::unique_ptr<StateStore> NewMemoryStateStore(std::string lineage = "test-lineage");

}  // namespace vueops::state

#endif  // VUEOPS_STATE_STORE_H_
