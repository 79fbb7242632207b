// The in-memory StateStore: the reference the SQLite store is tested against (both pass
// store_conformance_test.cc), and the store engine tests use.
#include <algorithm>
#include <map>
#include <mutex>

#include "state/snapshot.h"
#include "state/store.h"

namespace vueops::state {
namespace {

class MemoryStateStore final : public StateStore {
 public:
  explicit MemoryStateStore(std::string lineage) {
    info_.schema_version = kStateFormatVersion;
    info_.lineage = std::move(lineage);
  }
  explicit MemoryStateStore(StateSnapshot snapshot) : info_(std::move(snapshot.info)) {
    info_.schema_version = kStateFormatVersion;
    for (ResourceRecord& record : snapshot.records) {
      std::string address = record.address;
      records_.emplace(std::move(address), std::move(record));
    }
  }

  Result<StateInfo> Info() override {
    std::lock_guard lock(mutex_);
    return info_;
  }

  Result<std::vector<ResourceRecord>> List() override {
    std::lock_guard lock(mutex_);
    std::vector<ResourceRecord> records;
    records.reserve(records_.size());
    for (const auto& [address, record] : records_) records.push_back(record);
    return records;
  }

  Result<std::optional<ResourceRecord>> Get(const std::string& address) override {
    std::lock_guard lock(mutex_);
    auto it = records_.find(address);
    if (it == records_.end()) return std::optional<ResourceRecord>();
    return std::optional<ResourceRecord>(it->second);
  }

  Status Put(const ResourceRecord& record) override {
    RETURN_IF_ERROR(ValidateRecord(record));
    std::lock_guard lock(mutex_);
    records_[record.address] = record;
    ++info_.serial;
    return Status::Ok();
  }

  Status Remove(const std::string& address) override {
    std::lock_guard lock(mutex_);
    records_.erase(address);
    ++info_.serial;
    return Status::Ok();
  }

  Status Move(const std::string& from, const std::string& to) override {
    if (to.empty()) return InvalidArgumentError("cannot move '" + from + "' to an empty address");
    std::lock_guard lock(mutex_);
    auto it = records_.find(from);
    if (it == records_.end()) return NotFoundError("no record at '" + from + "' in the state");
    if (records_.count(to) != 0) {
      return AlreadyExistsError("a record at '" + to + "' is already in the state");
    }
    ResourceRecord record = std::move(it->second);
    records_.erase(it);
    record.address = to;
    records_.emplace(to, std::move(record));
    for (auto& [address, other] : records_) {
      std::replace(other.dependencies.begin(), other.dependencies.end(), from, to);
    }
    ++info_.serial;
    return Status::Ok();
  }

 private:
  std::mutex mutex_;
  StateInfo info_;
  // std::map orders by std::string's byte comparison, as SQLite's BINARY collation does.
  std::map<std::string, ResourceRecord> records_;
};

}  // namespace

std::unique_ptr<StateStore> NewMemoryStateStore(std::string lineage) {
  return std::make_unique<MemoryStateStore>(std::move(lineage));
}

std::unique_ptr<StateStore> NewMemoryStateStore(StateSnapshot snapshot) {
  return std::make_unique<MemoryStateStore>(std::move(snapshot));
}

}  // namespace vueops::state
