#include "backend/held_lock.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vueops::backend {
namespace {

using ::testing::HasSubstr;

// Several operators share one bucket (the memory store) and one clock.
class HeldLockTest : public ::testing::Test {
 protected:
  std::unique_ptr<RemoteLock> Lock() {
    return NewS3Lock(NewObjectStoreView(&bucket_), "vueops/state.lock", clock_);
  }

  Result<std::unique_ptr<HeldLock>> Take(const std::string& who, Clock::Duration timeout = {}) {
    LockRequest request;
    request.operation = "apply";
    request.who = who;
    request.host = "host-" + who;
    request.pid = 100;
    request.timeout = timeout;
    request.renew_in_background = false;
    request.waiting = [this](const LockInfo& holder) { waited_for_.push_back(holder.who); };
    return HeldLock::Acquire(Lock(), request, clock_);
  }

  MemoryObjectStore bucket_;
  FakeClock clock_;
  std::vector<std::string> waited_for_;
};

TEST_F(HeldLockTest, OneHolderAtATimeAndTheOtherIsToldWho) {
  Result<std::unique_ptr<HeldLock>> alice = Take("alice");
  ASSERT_TRUE(alice.ok()) << alice.status().ToString();
  Result<std::unique_ptr<HeldLock>> bob = Take("bob");
  ASSERT_FALSE(bob.ok());
  EXPECT_EQ(bob.status().code(), StatusCode::kAborted);
  EXPECT_THAT(bob.status().message(), HasSubstr("apply by alice on host-alice (pid 100)"));
  EXPECT_THAT(bob.status().message(), HasSubstr((*alice)->info().id));
  EXPECT_THAT(bob.status().message(), HasSubstr("--lock-timeout"));
  alice->reset();
  EXPECT_TRUE(Take("bob").ok());
}

TEST_F(HeldLockTest, WaitsUpToTheTimeoutNamingTheHolderOnce) {
  Result<std::unique_ptr<HeldLock>> alice = Take("alice");
  ASSERT_TRUE(alice.ok());
  // alice keeps renewing while bob waits: 30 s later bob gives up.
  Clock::Duration start = clock_.Monotonic();
  Result<std::unique_ptr<HeldLock>> bob = Take("bob", std::chrono::seconds(30));
  ASSERT_FALSE(bob.ok());
  EXPECT_THAT(bob.status().message(), HasSubstr("still held after waiting 30 s"));
  EXPECT_EQ(waited_for_, std::vector<std::string>{"alice"});
  EXPECT_EQ(clock_.Monotonic() - start, std::chrono::seconds(30));
}

TEST_F(HeldLockTest, ATakerWaitsForTheHolderToFinish) {
  auto alice = std::make_optional(Take("alice"));
  ASSERT_TRUE(alice->ok());
  // The holder finishes during bob's first sleep: bob's second attempt takes the lock.
  std::unique_ptr<RemoteLock> lock = Lock();
  LockRequest request;
  request.who = "bob";
  request.timeout = std::chrono::minutes(5);
  request.renew_in_background = false;
  request.waiting = [&alice](const LockInfo&) { alice.reset(); };
  Result<std::unique_ptr<HeldLock>> bob = HeldLock::Acquire(std::move(lock), request, clock_);
  ASSERT_TRUE(bob.ok()) << bob.status().ToString();
  EXPECT_EQ((*bob)->info().who, "bob");
}

TEST_F(HeldLockTest, AnExpiredLeaseIsReportedNeverTaken) {
  Result<std::unique_ptr<HeldLock>> alice = Take("alice");
  ASSERT_TRUE(alice.ok());
  const std::string id = (*alice)->info().id;
  // alice is "killed": she stops renewing, and her lock stays behind.
  clock_.Advance(std::chrono::seconds(kDefaultLeaseSeconds + 5));
  Result<std::unique_ptr<HeldLock>> bob = Take("bob", std::chrono::minutes(5));
  ASSERT_FALSE(bob.ok());
  EXPECT_EQ(bob.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(bob.status().message(), HasSubstr("vueops state unlock " + id));
  EXPECT_THAT(bob.status().message(), HasSubstr("alice"));
  EXPECT_THAT(bob.status().message(), HasSubstr("expired 5 s ago"));
  // Only by its id.
  std::unique_ptr<RemoteLock> lock = Lock();
  EXPECT_EQ(lock->Remove("some-other-id").code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(lock->Remove(id).ok());
  EXPECT_EQ(lock->Remove(id).code(), StatusCode::kNotFound);
  EXPECT_TRUE(Take("bob").ok());
}

TEST_F(HeldLockTest, RenewalKeepsTheLeaseAliveAndNoticesATakeover) {
  Result<std::unique_ptr<HeldLock>> alice = Take("alice");
  ASSERT_TRUE(alice.ok());
  HeldLock& held = **alice;
  for (int i = 0; i < 10; ++i) {
    clock_.Advance(std::chrono::seconds(25));
    held.RenewIfDue();
    ASSERT_TRUE(held.Check().ok()) << i;
  }
  // 250 s on, the lease is still alive for everyone else.
  Result<std::optional<LockInfo>> seen = Lock()->Read();
  ASSERT_TRUE(seen.ok() && seen->has_value());
  EXPECT_FALSE(LeaseExpired(**seen, clock_.Now()));
  // Someone removes it and takes it: alice's next renewal finds out and she stops writing.
  ASSERT_TRUE(Lock()->Remove(held.info().id).ok());
  Result<std::unique_ptr<HeldLock>> bob = Take("bob");
  ASSERT_TRUE(bob.ok());
  clock_.Advance(std::chrono::seconds(25));
  held.RenewIfDue();
  Status lost = held.Check();
  EXPECT_EQ(lost.code(), StatusCode::kAborted);
  EXPECT_THAT(lost.message(), HasSubstr("lost the lock"));
  EXPECT_THAT(lost.message(), HasSubstr("bob"));
}

TEST_F(HeldLockTest, ALeaseThatRanOutUnrenewedIsLost) {
  Result<std::unique_ptr<HeldLock>> alice = Take("alice");
  ASSERT_TRUE(alice.ok());
  bucket_.FailNext(100);  // the network is gone
  for (int i = 0; i < 4; ++i) {
    clock_.Advance(std::chrono::seconds(20));
    (*alice)->RenewIfDue();
  }
  EXPECT_EQ((*alice)->Check().code(), StatusCode::kAborted);
  bucket_.FailNext(0);
}

TEST_F(HeldLockTest, ReleaseLeavesAnotherHoldersLock) {
  Result<std::unique_ptr<HeldLock>> alice = Take("alice");
  ASSERT_TRUE(alice.ok());
  LockInfo stale = (*alice)->info();
  stale.id = "not-alices";
  ASSERT_TRUE(Lock()->Release(stale).ok());
  EXPECT_FALSE(Take("bob").ok());
}

TEST(LockInfoTest, RoundTripsAndRefusesForeignObjects) {
  LockInfo lock{"id-1", "alice", "laptop", 42, "apply", 1'700'000'000, 1'700'000'060, 60};
  Result<LockInfo> back = LockFromJson(DumpJson(LockToJson(lock)), "s3://b/k.lock");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, lock);
  Result<LockInfo> foreign = LockFromJson("{\"ID\": \"terraform\"}", "s3://b/k.lock");
  EXPECT_EQ(foreign.status().code(), StatusCode::kDataLoss);
  EXPECT_THAT(foreign.status().message(), HasSubstr("s3://b/k.lock is not a vueops lock"));
  EXPECT_EQ(DescribeLock(lock, Clock::TimePoint(std::chrono::seconds(1'700'000'030))),
            "apply by alice on laptop (pid 42), since 2023-11-14T22:13:20Z, lease until "
            "2023-11-14T22:14:20Z (30 s left)");
}

}  // namespace
}  // namespace vueops::backend
