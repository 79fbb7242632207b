#include "state/commit_queue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace vueops::state {
namespace {

using ::testing::ElementsAre;

// Waits for another thread to reach a point it reports through `pending`, without sleeping.
void WaitUntil(const std::function<bool()>& condition) {
  while (!condition()) std::this_thread::yield();
}

TEST(CommitQueueTest, AloneAChangeIsItsOwnGroup) {
  std::vector<size_t> groups;
  CommitQueue queue(
      [&](const std::vector<const CommitQueue::Change*>& changes, std::vector<Status>* statuses) {
        groups.push_back(changes.size());
        for (size_t i = 0; i < changes.size(); ++i) (*statuses)[i] = (*changes[i])();
      });
  EXPECT_TRUE(queue.Submit([] { return Status::Ok(); }).ok());
  EXPECT_EQ(queue.Submit([] { return NotFoundError("x"); }).code(), StatusCode::kNotFound);
  EXPECT_THAT(groups, ElementsAre(1, 1));
  EXPECT_EQ(queue.pending(), 0u);
}

TEST(CommitQueueTest, ChangesQueuedBehindACommitShareTheNextGroupInOrder) {
  std::mutex mutex;
  std::vector<std::vector<int>> groups;
  std::atomic<bool> release{false};
  CommitQueue queue(
      [&](const std::vector<const CommitQueue::Change*>& changes, std::vector<Status>* statuses) {
        // The first group holds the queue until the others are waiting behind it.
        WaitUntil([&] { return release.load(); });
        std::vector<int> group;
        for (size_t i = 0; i < changes.size(); ++i) {
          (*statuses)[i] = (*changes[i])();
          group.push_back(static_cast<int>((*statuses)[i].message().size()));
        }
        std::lock_guard lock(mutex);
        groups.push_back(group);
      });
  // Each change answers with a message as long as its number, so the group shows who was in
  // it and in which order; even numbers fail, which must not fail their neighbours.
  auto change = [](int n) {
    return [n] { return n % 2 == 0 ? AbortedError(std::string(n, 'x')) : Status::Ok(); };
  };
  std::vector<Status> results(5);
  std::vector<std::thread> threads;
  threads.emplace_back([&] { results[0] = queue.Submit(change(1)); });
  WaitUntil([&] { return queue.pending() == 1; });
  for (int n = 2; n <= 5; ++n) {
    threads.emplace_back([&, n] { results[n - 1] = queue.Submit(change(n)); });
    WaitUntil([&] { return queue.pending() == static_cast<size_t>(n); });
  }
  release = true;
  for (std::thread& thread : threads) thread.join();
  // OK statuses have empty messages (size 0); failures carry their number.
  EXPECT_THAT(groups, ElementsAre(ElementsAre(0), ElementsAre(2, 0, 4, 0)));
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[1].code(), StatusCode::kAborted);
  EXPECT_TRUE(results[2].ok());
  EXPECT_EQ(results[3].message(), "xxxx");
  EXPECT_TRUE(results[4].ok());
  EXPECT_EQ(queue.pending(), 0u);
}

TEST(CommitQueueTest, GroupsAreBounded) {
  std::vector<size_t> groups;
  std::atomic<bool> release{false};
  CommitQueue queue(
      [&](const std::vector<const CommitQueue::Change*>& changes, std::vector<Status>*) {
        WaitUntil([&] { return release.load(); });
        groups.push_back(changes.size());
      },
      /*max_group_size=*/2);
  std::vector<std::thread> threads;
  for (int n = 1; n <= 5; ++n) {
    threads.emplace_back([&] { queue.Submit([] { return Status::Ok(); }).IgnoreError(); });
    WaitUntil([&] { return queue.pending() == static_cast<size_t>(n); });
  }
  release = true;
  for (std::thread& thread : threads) thread.join();
  EXPECT_THAT(groups, ElementsAre(1, 2, 2));
}

}  // namespace
}  // namespace vueops::state
