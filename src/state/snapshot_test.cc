#include "state/snapshot.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "state/sqlite_state_store.h"
#include "state/testing/state_testing.h"

namespace vueops::state {
namespace {

using ::testing::HasSubstr;
using testing::SampleRecord;

StateSnapshot Sample() {
  StateSnapshot snapshot;
  snapshot.info.schema_version = kStateFormatVersion;
  snapshot.info.lineage = "5d0c0a2e-lineage";
  snapshot.info.serial = 42;
  snapshot.records = {SampleRecord("org.account.prod", 1), SampleRecord("prod.vpc.main", 2)};
  snapshot.records[1].dependencies = {"org.account.prod"};
  return snapshot;
}

TEST(StateDocumentTest, RoundTripsEveryField) {
  StateSnapshot snapshot = Sample();
  std::string text = EncodeStateDocument(snapshot);
  Result<StateSnapshot> decoded = DecodeStateDocument(text, "s3://b/k");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, snapshot);
}

TEST(StateDocumentTest, OneRecordPerLineSoVersionsDiffByRecord) {
  std::string text = EncodeStateDocument(Sample());
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 4);
  EXPECT_THAT(text, ::testing::StartsWith("{\"vueops_state\":1,\"lineage\":\"5d0c0a2e-lineage\","
                                          "\"serial\":42,\"records\":[\n{\"address\":"));
  StateSnapshot empty;
  empty.info.lineage = "l";
  EXPECT_EQ(EncodeStateDocument(empty),
            "{\"vueops_state\":1,\"lineage\":\"l\",\"serial\":0,\"records\":[]}\n");
  EXPECT_TRUE(DecodeStateDocument(EncodeStateDocument(empty), "x").ok());
}

TEST(StateDocumentTest, RefusesWhatIsNotStateNamingTheSource) {
  struct Case {
    std::string text;
    std::string expected;
  };
  const Case cases[] = {
      {"not json", "s3://b/k is not a vueops state"},
      {"{\"terraform_version\": \"1.5\"}", "no \"vueops_state\" member"},
      {"{\"vueops_state\": 99, \"lineage\": \"l\", \"serial\": 1, \"records\": []}",
       "written by a newer vueops"},
      {"{\"vueops_state\": \"1\"}", "must be a positive integer"},
      {"{\"vueops_state\": 1, \"serial\": 1, \"records\": []}", "lacks a lineage"},
      {"{\"vueops_state\": 1, \"lineage\": \"l\", \"serial\": 1, \"records\": [{\"type\": "
       "\"vpc\"}]}",
       "record 0"},
      {"{\"vueops_state\": 1, \"lineage\": \"l\", \"serial\": 1, \"records\": ["
       "{\"address\": \"a\", \"type\": \"vpc\", \"status\": \"created\"},"
       "{\"address\": \"a\", \"type\": \"vpc\", \"status\": \"created\"}]}",
       "two records at 'a'"},
  };
  for (const Case& c : cases) {
    Result<StateSnapshot> decoded = DecodeStateDocument(c.text, "s3://b/k");
    ASSERT_FALSE(decoded.ok()) << c.text;
    EXPECT_THAT(decoded.status().message(), HasSubstr(c.expected)) << c.text;
    EXPECT_THAT(decoded.status().message(), HasSubstr("s3://b/k")) << c.text;
  }
}

TEST(StateSnapshotTest, MemoryStoreKeepsLineageAndSerial) {
  std::unique_ptr<StateStore> store = NewMemoryStateStore(Sample());
  Result<StateSnapshot> taken = TakeSnapshot(*store);
  ASSERT_TRUE(taken.ok());
  EXPECT_EQ(*taken, Sample());
  ASSERT_TRUE(store->Remove("prod.vpc.main").ok());
  EXPECT_EQ(store->Info()->serial, 43);
}

TEST(StateSnapshotTest, ReplaceSqliteStateWritesExactlyTheSnapshot) {
  testing::ScratchDir dir;
  const std::string path = dir.path() + "/.vueops/state.db";
  {
    Result<std::unique_ptr<StateStore>> store = OpenSqliteStateStore(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Put(SampleRecord("old.record")).ok());
  }
  ASSERT_TRUE(ReplaceSqliteState(path, Sample()).ok());
  Result<std::unique_ptr<StateStore>> reopened = OpenSqliteStateStore(path);
  ASSERT_TRUE(reopened.ok());
  Result<StateSnapshot> taken = TakeSnapshot(**reopened);
  ASSERT_TRUE(taken.ok());
  EXPECT_EQ(*taken, Sample());
  // A new file is created with the snapshot's lineage.
  const std::string fresh = dir.path() + "/other/state.db";
  ASSERT_TRUE(ReplaceSqliteState(fresh, Sample()).ok());
  EXPECT_EQ((*OpenSqliteStateStore(fresh))->Info()->lineage, "5d0c0a2e-lineage");
}

TEST(StateSnapshotTest, ReplaceSqliteStateWaitsForNoApply) {
  testing::ScratchDir dir;
  const std::string path = dir.path() + "/state.db";
  Result<std::unique_ptr<StateStore>> applying = OpenSqliteStateStore(path, {.exclusive = true});
  ASSERT_TRUE(applying.ok());
  Status replaced = ReplaceSqliteState(path, Sample());
  EXPECT_EQ(replaced.code(), StatusCode::kAborted) << replaced.ToString();
}

}  // namespace
}  // namespace vueops::state
