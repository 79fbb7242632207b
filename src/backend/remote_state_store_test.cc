#include "backend/remote_state_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/file.h"
#include "state/testing/state_testing.h"

namespace vueops::backend {
namespace {

using state::testing::SampleRecord;
using ::testing::HasSubstr;

constexpr const char* kKey = "vueops/state";

class RemoteStateStoreTest : public ::testing::Test {
 protected:
  // Opens the state as an operator on a machine with its own journal; `locked`: for an apply.
  Result<std::unique_ptr<RemoteStateStore>> Open(bool locked, const std::string& machine = "a") {
    std::unique_ptr<HeldLock> lock;
    if (locked) {
      LockRequest request;
      request.operation = "apply";
      request.who = machine;
      request.renew_in_background = false;
      ASSIGN_OR_RETURN(lock,
                       HeldLock::Acquire(NewS3Lock(Objects(), std::string(kKey) + ".lock", clock_),
                                         request, clock_));
    }
    RemoteStateOptions options;
    options.key = kKey;
    options.journal_path = Journal(machine);
    options.notes = [this](std::string_view note) { notes_.emplace_back(note); };
    return OpenRemoteState(Objects(), std::move(lock), options);
  }

  // Every store opened here shares one bucket, as operators share S3.
  std::unique_ptr<ObjectStore> Objects() { return NewObjectStoreView(&bucket_); }
  std::string Journal(const std::string& machine) {
    return dir_.path() + "/" + machine + "/.vueops/remote/bucket/vueops/state.journal";
  }

  state::StateSnapshot Remote() {
    Result<std::optional<StoredObject>> object = bucket_.Get(kKey);
    EXPECT_TRUE(object.ok() && object->has_value());
    Result<state::StateSnapshot> snapshot = state::DecodeStateDocument(
        object.ok() && object->has_value() ? (*object)->body : "", "remote");
    EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    return snapshot.ok() ? *snapshot : state::StateSnapshot{};
  }

  state::testing::ScratchDir dir_;
  MemoryObjectStore bucket_;
  FakeClock clock_;
  std::vector<std::string> notes_;
};

TEST_F(RemoteStateStoreTest, EveryChangeIsANewVersionInS3) {
  Result<std::unique_ptr<RemoteStateStore>> store = Open(true);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(bucket_.versions_written(kKey), 0);  // nothing until the first change
  ASSERT_TRUE((*store)->Put(SampleRecord("org.account.prod", 1)).ok());
  ASSERT_TRUE((*store)->Put(SampleRecord("prod.vpc.main", 2)).ok());
  ASSERT_TRUE((*store)->Remove("org.account.prod").ok());
  EXPECT_EQ(bucket_.versions_written(kKey), 3);
  state::StateSnapshot remote = Remote();
  EXPECT_EQ(remote.info.serial, 3);
  EXPECT_EQ(remote.info.lineage, (*store)->Info()->lineage);
  ASSERT_EQ(remote.records.size(), 1u);
  EXPECT_EQ(remote.records[0], SampleRecord("prod.vpc.main", 2));
  EXPECT_EQ((*store)->unpushed(), 0);
}

TEST_F(RemoteStateStoreTest, ReadersSeeTheLatestAndCannotWrite) {
  {
    Result<std::unique_ptr<RemoteStateStore>> writer = Open(true);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Put(SampleRecord("prod.vpc.main")).ok());
  }
  Result<std::unique_ptr<RemoteStateStore>> reader = Open(false, "b");
  ASSERT_TRUE(reader.ok());
  EXPECT_TRUE((*reader)->Get("prod.vpc.main")->has_value());
  Status refused = (*reader)->Put(SampleRecord("x"));
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.message(), HasSubstr("opened for reading"));
}

TEST_F(RemoteStateStoreTest, AnOperationsLockIsReleasedWhenItEnds) {
  { ASSERT_TRUE(Open(true).ok()); }
  Result<std::unique_ptr<RemoteStateStore>> again = Open(true, "b");
  EXPECT_TRUE(again.ok()) << again.status().ToString();
  Result<std::unique_ptr<RemoteStateStore>> meanwhile = Open(true, "c");
  EXPECT_EQ(meanwhile.status().code(), StatusCode::kAborted);
}

TEST_F(RemoteStateStoreTest, ANetworkCutKeepsChangesInTheJournalUntilTheNextPush) {
  Result<std::unique_ptr<RemoteStateStore>> store = Open(true);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Put(SampleRecord("one")).ok());
  bucket_.FailNext(1);  // the next push
  ASSERT_TRUE((*store)->Put(SampleRecord("two")).ok());
  EXPECT_EQ((*store)->unpushed(), 1);
  ASSERT_EQ(notes_.size(), 1u);
  EXPECT_THAT(notes_[0], HasSubstr("changes are kept in " + Journal("a")));
  EXPECT_EQ(Remote().records.size(), 1u);
  // The next change carries both.
  ASSERT_TRUE((*store)->Put(SampleRecord("three")).ok());
  EXPECT_EQ((*store)->unpushed(), 0);
  EXPECT_EQ(Remote().records.size(), 3u);
}

TEST_F(RemoteStateStoreTest, TheNextRunPushesWhatAKilledRunLeftInItsJournal) {
  {
    Result<std::unique_ptr<RemoteStateStore>> store = Open(true);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Put(SampleRecord("one")).ok());
    bucket_.FailNext(1000);  // cut off until the end of the run
    ASSERT_TRUE((*store)->Put(SampleRecord("two")).ok());
    Status flushed = (*store)->Flush();
    EXPECT_EQ(flushed.code(), StatusCode::kUnavailable);
    EXPECT_THAT(flushed.message(), HasSubstr("safe in " + Journal("a")));
  }
  bucket_.FailNext(0);
  // The lock was left behind (its release failed too); its lease runs out.
  clock_.Advance(std::chrono::minutes(2));
  Result<std::optional<StoredObject>> lock = bucket_.Get(std::string(kKey) + ".lock");
  ASSERT_TRUE(lock.ok() && lock->has_value());
  ASSERT_TRUE(NewS3Lock(Objects(), std::string(kKey) + ".lock", clock_)
                  ->Remove(LockFromJson((*lock)->body, "lock")->id)
                  .ok());
  // A reader on the same machine sees the journal's changes and is told they are unpushed.
  notes_.clear();
  Result<std::unique_ptr<RemoteStateStore>> reader = Open(false);
  ASSERT_TRUE(reader.ok());
  EXPECT_TRUE((*reader)->Get("two")->has_value());
  ASSERT_EQ(notes_.size(), 1u);
  EXPECT_THAT(notes_[0], HasSubstr("1 state changes in"));
  // The next operation from that machine pushes them.
  Result<std::unique_ptr<RemoteStateStore>> next = Open(true);
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ((*next)->unpushed(), 0);
  EXPECT_EQ(Remote().records.size(), 2u);
}

TEST_F(RemoteStateStoreTest, AJournalThatS3MovedPastIsRefusedAndKept) {
  {
    Result<std::unique_ptr<RemoteStateStore>> store = Open(true);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Put(SampleRecord("one")).ok());
    bucket_.FailNext(1000);
    ASSERT_TRUE((*store)->Put(SampleRecord("mine")).ok());
  }
  bucket_.FailNext(0);
  clock_.Advance(std::chrono::minutes(2));
  ASSERT_TRUE(bucket_.Delete(std::string(kKey) + ".lock", "").ok());
  {
    // Another operator changes the state meanwhile.
    Result<std::unique_ptr<RemoteStateStore>> other = Open(true, "b");
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE((*other)->Put(SampleRecord("theirs")).ok());
  }
  Result<std::unique_ptr<RemoteStateStore>> mine = Open(true);
  ASSERT_FALSE(mine.ok());
  EXPECT_EQ(mine.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(mine.status().message(), HasSubstr("holds changes up to serial 2"));
  EXPECT_THAT(mine.status().message(), HasSubstr("it holds serial 2"));
  EXPECT_THAT(mine.status().message(), HasSubstr("Nothing is lost"));
  EXPECT_TRUE(FileExists(Journal("a")));
  EXPECT_EQ(Remote().records.size(), 2u);
}

TEST_F(RemoteStateStoreTest, AFinishedRunsJournalNeverBlocksAfterOthersMovedOn) {
  {
    Result<std::unique_ptr<RemoteStateStore>> store = Open(true);
    ASSERT_TRUE(store.ok());
    for (int i = 0; i < 5; ++i)
      ASSERT_TRUE((*store)->Put(SampleRecord("r" + std::to_string(i))).ok());
  }
  {
    Result<std::unique_ptr<RemoteStateStore>> other = Open(true, "b");
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE((*other)->Remove("r0").ok());
  }
  Result<std::unique_ptr<RemoteStateStore>> again = Open(true);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE((*again)->Get("r0")->has_value());
  EXPECT_EQ((*again)->Info()->serial, 6);
}

TEST_F(RemoteStateStoreTest, AWriteBySomeoneElseStopsAllWriting) {
  Result<std::unique_ptr<RemoteStateStore>> store = Open(true);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Put(SampleRecord("one")).ok());
  // Someone writes the state behind the lock's back.
  ASSERT_TRUE(bucket_.Put(kKey, bucket_.Get(kKey)->value().body, WriteCondition::Always()).ok());
  Status refused = (*store)->Put(SampleRecord("two"));
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.message(), HasSubstr("changed by someone else"));
  EXPECT_EQ((*store)->Put(SampleRecord("three")).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Remote().records.size(), 1u);
}

TEST_F(RemoteStateStoreTest, MoveRenamesDependenciesInTheDocument) {
  Result<std::unique_ptr<RemoteStateStore>> store = Open(true);
  ASSERT_TRUE(store.ok());
  state::ResourceRecord subnet = SampleRecord("prod.subnet.a");
  subnet.dependencies = {"prod.vpc.old"};
  ASSERT_TRUE((*store)->Put(SampleRecord("prod.vpc.old")).ok());
  ASSERT_TRUE((*store)->Put(subnet).ok());
  ASSERT_TRUE((*store)->Move("prod.vpc.old", "prod.vpc.main").ok());
  state::StateSnapshot remote = Remote();
  ASSERT_EQ(remote.records.size(), 2u);
  EXPECT_EQ(remote.records[1].address, "prod.vpc.main");
  EXPECT_EQ(remote.records[0].dependencies, std::vector<std::string>{"prod.vpc.main"});
}

TEST_F(RemoteStateStoreTest, ManyThreadsWritingNeverLoseAChange) {
  Result<std::unique_ptr<RemoteStateStore>> store = Open(true);
  ASSERT_TRUE(store.ok());
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        EXPECT_TRUE(
            (*store)->Put(SampleRecord("r" + std::to_string(t) + "." + std::to_string(i))).ok());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_TRUE((*store)->Flush().ok());
  state::StateSnapshot remote = Remote();
  EXPECT_EQ(remote.records.size(), 200u);
  EXPECT_EQ(remote.info.serial, 200);
  EXPECT_LE(bucket_.versions_written(kKey), 200);
}

TEST_F(RemoteStateStoreTest, ADamagedJournalIsNamed) {
  ASSERT_TRUE(MakeDirectories(DirectoryOf(Journal("a")), 0700).ok());
  ASSERT_TRUE(WriteFileAtomic(Journal("a"), "garbage").ok());
  Result<std::unique_ptr<RemoteStateStore>> store = Open(false);
  ASSERT_FALSE(store.ok());
  EXPECT_THAT(store.status().message(), HasSubstr(Journal("a") + " is damaged"));
  EXPECT_THAT(store.status().message(), HasSubstr("move it aside"));
}

}  // namespace
}  // namespace vueops::backend
