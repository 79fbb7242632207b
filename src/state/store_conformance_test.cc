// One suite every StateStore passes: the in-memory fake and the SQLite store behave alike, so
// engine tests on the fake say something about the real thing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <thread>

#include "state/sqlite_state_store.h"
#include "state/store.h"
#include "state/testing/state_testing.h"

namespace vueops::state {
namespace {

using ::testing::ElementsAre;
using testing::SampleRecord;

struct StoreFactory {
  std::string name;
  // Opens the store kept in `dir` (the SQLite store's file; the fake ignores it).
  std::function<std::unique_ptr<StateStore>(const std::string& dir)> open;
};

class StoreConformanceTest : public ::testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override {
    store_ = GetParam().open(dir_.path());
    ASSERT_NE(store_, nullptr);
  }

  int64_t Serial() {
    Result<StateInfo> info = store_->Info();
    EXPECT_TRUE(info.ok()) << info.status().ToString();
    return info.ok() ? info->serial : -1;
  }

  std::vector<std::string> Addresses() {
    Result<std::vector<ResourceRecord>> records = store_->List();
    EXPECT_TRUE(records.ok()) << records.status().ToString();
    std::vector<std::string> addresses;
    if (records.ok()) {
      for (const ResourceRecord& record : *records) addresses.push_back(record.address);
    }
    return addresses;
  }

  std::optional<ResourceRecord> Get(const std::string& address) {
    Result<std::optional<ResourceRecord>> record = store_->Get(address);
    EXPECT_TRUE(record.ok()) << record.status().ToString();
    return record.ok() ? *record : std::nullopt;
  }

  testing::ScratchDir dir_;
  std::unique_ptr<StateStore> store_;
};

TEST_P(StoreConformanceTest, StartsEmptyAtTheCurrentFormat) {
  Result<StateInfo> info = store_->Info();
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->schema_version, kStateFormatVersion);
  EXPECT_FALSE(info->lineage.empty());
  EXPECT_EQ(info->serial, 0);
  EXPECT_TRUE(Addresses().empty());
  EXPECT_EQ(Get("prod.vpc.main"), std::nullopt);
}

TEST_P(StoreConformanceTest, PutThenGetReturnsTheSameRecord) {
  ResourceRecord record = SampleRecord("prod.security_group.servers", 1);
  record.attributes["unicode"] = "café ☕";
  record.attributes["order"] = Json::parse(R"({"z": 1, "a": 2})");
  ASSERT_TRUE(store_->Put(record).ok());
  std::optional<ResourceRecord> stored = Get(record.address);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(*stored, record);
  EXPECT_EQ(stored->attributes["order"].begin().key(), "z");
}

TEST_P(StoreConformanceTest, PutReplaces) {
  ResourceRecord intent = SampleRecord("prod.vpc.main");
  intent.status = RecordStatus::kIntent;
  intent.id.clear();
  ASSERT_TRUE(store_->Put(intent).ok());
  ResourceRecord created = SampleRecord("prod.vpc.main", 2);
  ASSERT_TRUE(store_->Put(created).ok());
  EXPECT_EQ(Get("prod.vpc.main"), created);
  EXPECT_THAT(Addresses(), ElementsAre("prod.vpc.main"));
}

TEST_P(StoreConformanceTest, ListIsOrderedByAddressBytes) {
  // Byte order, as SQLite's BINARY collation and std::string compare: '.' < '_' < 'a', upper
  // case before lower case, multi-byte UTF-8 last.
  std::vector<std::string> addresses = {
      "prod.vpc.main", "org.account.vueprod", "prod_x",   "Prod.vpc",      "prod.vpc.é",
      "prod.vpc.z",    "dev.vpc.main",        "prod.vpc", "prod.vpc.main2"};
  for (const std::string& address : addresses) ASSERT_TRUE(store_->Put(SampleRecord(address)).ok());
  std::sort(addresses.begin(), addresses.end());
  EXPECT_EQ(Addresses(), addresses);
}

TEST_P(StoreConformanceTest, RemoveForgetsAndAbsentIsOk) {
  ASSERT_TRUE(store_->Put(SampleRecord("prod.a")).ok());
  ASSERT_TRUE(store_->Put(SampleRecord("prod.b")).ok());
  ASSERT_TRUE(store_->Remove("prod.a").ok());
  EXPECT_EQ(Get("prod.a"), std::nullopt);
  EXPECT_THAT(Addresses(), ElementsAre("prod.b"));
  EXPECT_TRUE(store_->Remove("prod.a").ok());
  EXPECT_TRUE(store_->Remove("never.was").ok());
  EXPECT_THAT(Addresses(), ElementsAre("prod.b"));
}

TEST_P(StoreConformanceTest, EveryChangeIncrementsTheSerial) {
  EXPECT_EQ(Serial(), 0);
  ASSERT_TRUE(store_->Put(SampleRecord("prod.a")).ok());
  EXPECT_EQ(Serial(), 1);
  ASSERT_TRUE(store_->Put(SampleRecord("prod.a", 1)).ok());
  EXPECT_EQ(Serial(), 2);
  ASSERT_TRUE(store_->Move("prod.a", "prod.b").ok());
  EXPECT_EQ(Serial(), 3);
  ASSERT_TRUE(store_->Remove("prod.b").ok());
  EXPECT_EQ(Serial(), 4);
  ASSERT_TRUE(store_->Remove("prod.b").ok());  // the contract: absent is still a change
  EXPECT_EQ(Serial(), 5);
  // Refused changes change nothing.
  EXPECT_FALSE(store_->Move("prod.absent", "prod.c").ok());
  ResourceRecord invalid = SampleRecord("");
  EXPECT_FALSE(store_->Put(invalid).ok());
  EXPECT_EQ(Serial(), 5);
}

TEST_P(StoreConformanceTest, LineageIsFixed) {
  Result<StateInfo> before = store_->Info();
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(store_->Put(SampleRecord("prod.a")).ok());
  Result<StateInfo> after = store_->Info();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(before->lineage, after->lineage);
}

TEST_P(StoreConformanceTest, MoveRenamesTheRecordAndWhatDependsOnIt) {
  ResourceRecord vpc = SampleRecord("prod.vpc.main", 1);
  vpc.dependencies.clear();
  ResourceRecord subnet = SampleRecord("prod.subnet.a", 2);
  subnet.dependencies = {"prod.vpc.main", "prod.vpc.main.extra", "org.account.vueprod"};
  ResourceRecord other = SampleRecord("prod.subnet.b", 3);
  other.dependencies = {"prod.vpc.mainly"};
  for (const ResourceRecord& record : {vpc, subnet, other}) ASSERT_TRUE(store_->Put(record).ok());

  ASSERT_TRUE(store_->Move("prod.vpc.main", "prod.vpc.primary").ok());
  EXPECT_EQ(Get("prod.vpc.main"), std::nullopt);
  ResourceRecord moved = vpc;
  moved.address = "prod.vpc.primary";
  EXPECT_EQ(Get("prod.vpc.primary"), moved);
  std::optional<ResourceRecord> dependent = Get("prod.subnet.a");
  ASSERT_TRUE(dependent.has_value());
  EXPECT_THAT(dependent->dependencies,
              ElementsAre("prod.vpc.primary", "prod.vpc.main.extra", "org.account.vueprod"));
  EXPECT_EQ(Get("prod.subnet.b"), other);
}

TEST_P(StoreConformanceTest, MoveRefusesAnAbsentSourceOrATakenTarget) {
  ASSERT_TRUE(store_->Put(SampleRecord("prod.a", 1)).ok());
  ASSERT_TRUE(store_->Put(SampleRecord("prod.b", 2)).ok());
  EXPECT_EQ(store_->Move("prod.absent", "prod.c").code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->Move("prod.a", "prod.b").code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->Move("prod.a", "prod.a").code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->Move("prod.a", "").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Get("prod.a"), SampleRecord("prod.a", 1));
  EXPECT_EQ(Get("prod.b"), SampleRecord("prod.b", 2));
}

TEST_P(StoreConformanceTest, PutRefusesInvalidRecords) {
  ResourceRecord no_type = SampleRecord("prod.a");
  no_type.type.clear();
  EXPECT_EQ(store_->Put(no_type).code(), StatusCode::kInvalidArgument);
  ResourceRecord bad_attributes = SampleRecord("prod.a");
  bad_attributes.attributes = Json::array({1});
  EXPECT_EQ(store_->Put(bad_attributes).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Addresses().empty());
}

TEST_P(StoreConformanceTest, ThreadsPutAtOnce) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 40;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string address = "prod.t" + std::to_string(t) + ".r" + std::to_string(i);
        if (!store_->Put(SampleRecord(address, i)).ok()) ++failures;
        // Reads interleave with the writes.
        if (!store_->Get(address).ok()) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Addresses().size(), size_t{kThreads * kPerThread});
  EXPECT_EQ(Serial(), kThreads * kPerThread);
  EXPECT_EQ(Get("prod.t3.r7"), SampleRecord("prod.t3.r7", 7));
}

TEST_P(StoreConformanceTest, FailedMovesInAGroupLeaveTheOthersCommitted) {
  // Threads race moves onto one target: exactly one wins, the others are refused, and every
  // Put alongside them lands.
  constexpr int kThreads = 6;
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_TRUE(store_->Put(SampleRecord("prod.from" + std::to_string(t), t)).ok());
  }
  std::atomic<int> moved{0}, refused{0}, failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Status status = store_->Move("prod.from" + std::to_string(t), "prod.target");
      if (status.ok()) {
        ++moved;
      } else if (status.code() == StatusCode::kAlreadyExists) {
        ++refused;
      }
      if (!store_->Put(SampleRecord("prod.extra" + std::to_string(t))).ok()) ++failures;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(moved.load(), 1);
  EXPECT_EQ(refused.load(), kThreads - 1);
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Addresses().size(), size_t{2 * kThreads});  // 5 sources left, target, 6 extras
  EXPECT_EQ(Serial(), kThreads + 1 + kThreads);
}

INSTANTIATE_TEST_SUITE_P(
    Stores, StoreConformanceTest,
    ::testing::Values(StoreFactory{"Memory",
                                   [](const std::string&) {
                                     return NewMemoryStateStore("test-lineage");
                                   }},
                      StoreFactory{"Sqlite",
                                   [](const std::string& dir) -> std::unique_ptr<StateStore> {
                                     Result<std::unique_ptr<StateStore>> store =
                                         OpenSqliteStateStore(dir + "/.vueops/state.db");
                                     EXPECT_TRUE(store.ok()) << store.status().ToString();
                                     return store.ok() ? std::move(*store) : nullptr;
                                   }}),
    [](const ::testing::TestParamInfo<StoreFactory>& info) { return info.param.name; });

}  // namespace
}  // namespace vueops::state
