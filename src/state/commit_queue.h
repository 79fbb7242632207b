// Group commit: the changes several threads submit at once share one transaction, so they pay
// for one fsync instead of one each (after leveldb's DBImpl::Write writer queue). The engine
// applies in parallel and commits every record as its AWS call returns; with synchronous
// commits, that many fsyncs in a row would otherwise queue behind each other.
#ifndef VUEOPS_STATE_COMMIT_QUEUE_H_
#define VUEOPS_STATE_COMMIT_QUEUE_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include "base/status.h"

namespace vueops::state {

class CommitQueue {
 public:
  // One change, run inside its group's transaction.
  using Change = std::function<Status()>;
  // Runs `changes` in one transaction and sets (*statuses)[i] to change i's result: a change
  // that fails alone is undone alone; a failure that loses the transaction (the commit fails)
  // is set on every change. statuses arrives sized to changes, all OK.
  using GroupCommitter =
      std::function<void(const std::vector<const Change*>& changes, std::vector<Status>* statuses)>;

  // Groups hold at most `max_group_size` changes, bounding how long the first one waits.
  explicit CommitQueue(GroupCommitter commit, size_t max_group_size = 64)
      : commit_(std::move(commit)), max_group_size_(max_group_size) {}

  // Blocks until `change` is committed, alone or with the changes other threads submitted
  // while the group before it was committing, and returns its own status. The thread at the
  // head of the queue commits for everyone in its group; changes are committed in the order
  // they were submitted.
  Status Submit(const Change& change);

  // Changes submitted and not yet answered, including the group being committed.
  size_t pending() const;

 private:
  struct Writer {
    explicit Writer(const Change* change) : change(change) {}
    const Change* change;
    Status status;
    bool done = false;
    std::condition_variable ready;
  };

  const GroupCommitter commit_;
  const size_t max_group_size_;
  mutable std::mutex mutex_;
  std::deque<Writer*> queue_;  // the head leads the group being committed
};

}  // namespace vueops::state

#endif  // VUEOPS_STATE_COMMIT_QUEUE_H_
