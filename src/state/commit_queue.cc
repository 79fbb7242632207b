#include "state/commit_queue.h"

#include <algorithm>

namespace vueops::state {

Status CommitQueue::Submit(const Change& change) {
  Writer self(&change);
  std::unique_lock lock(mutex_);
  queue_.push_back(&self);
  while (!self.done && queue_.front() != &self) self.ready.wait(lock);
  if (self.done) return self.status;  // a leader committed it in its group

  // This thread leads: it commits itself and those queued behind it. Threads arriving while it
  // commits queue behind the group, and the first of them leads the next one.
  const size_t count = std::min(queue_.size(), max_group_size_);
  std::vector<Writer*> group(queue_.begin(), queue_.begin() + static_cast<ptrdiff_t>(count));
  lock.unlock();
  std::vector<const Change*> changes;
  changes.reserve(count);
  for (Writer* writer : group) changes.push_back(writer->change);
  std::vector<Status> statuses(count);
  commit_(changes, &statuses);
  lock.lock();

  for (size_t i = 0; i < count; ++i) {
    Writer* writer = queue_.front();
    queue_.pop_front();
    writer->status = std::move(statuses[i]);
    writer->done = true;
    if (writer != &self) writer->ready.notify_one();
  }
  if (!queue_.empty()) queue_.front()->ready.notify_one();
  return self.status;
}

size_t CommitQueue::pending() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

}  // namespace vueops::state
