// The upgrade mechanism, proven on a synthetic version 2: the real version 1 database is
// upgraded by one more step, exactly as a real version 2 will be.
#include "state/sqlite_schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "base/file.h"
#include "state/sqlite_state_store.h"
#include "state/testing/state_testing.h"

namespace vueops::state {
namespace {

using ::testing::HasSubstr;
using testing::SampleRecord;

// A version 1 state holding two records, closed.
std::string MakeVersion1State(const testing::ScratchDir& dir) {
  const std::string path = dir.File("state.db");
  Result<std::unique_ptr<StateStore>> store = OpenSqliteStateStore(path);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (store.ok()) {
    EXPECT_TRUE((*store)->Put(SampleRecord("prod.a", 1)).ok());
    EXPECT_TRUE((*store)->Put(SampleRecord("prod.b", 2)).ok());
  }
  return path;
}

std::unique_ptr<SqliteDatabase> OpenDatabase(const std::string& path) {
  Result<std::unique_ptr<SqliteDatabase>> db = SqliteDatabase::Open(path);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return db.ok() ? std::move(*db) : nullptr;
}

// The real steps, then a version 2 that adds a column and fills it from the JSON columns.
std::vector<SchemaStep> StepsWithVersion2() {
  std::vector<SchemaStep> steps = SchemaSteps();
  steps.push_back({2, "add the name column", [](SqliteDatabase& db) {
                     return db.Execute(
                         "ALTER TABLE resources ADD COLUMN name TEXT NOT NULL DEFAULT '';"
                         "UPDATE resources SET name = json_extract(attributes, '$.name')");
                   }});
  return steps;
}

TEST(SqliteSchemaTest, TheLastStepIsTheCurrentFormat) {
  ASSERT_FALSE(SchemaSteps().empty());
  EXPECT_EQ(SchemaSteps().back().version, kStateFormatVersion);
  for (size_t i = 0; i < SchemaSteps().size(); ++i) {
    EXPECT_EQ(SchemaSteps()[i].version, static_cast<int>(i) + 1);
  }
}

TEST(SqliteSchemaTest, AnEmptyFileIsVersionZeroAndUpgradesToTheCurrentVersion) {
  testing::ScratchDir dir;
  const std::string path = dir.File("state.db");
  ASSERT_TRUE(WriteFileAtomic(path, "", 0600).ok());
  std::unique_ptr<SqliteDatabase> db = OpenDatabase(path);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(*ReadSchemaVersion(*db), 0);
  ASSERT_TRUE(UpgradeSchema(*db, SchemaSteps()).ok());
  EXPECT_EQ(*ReadSchemaVersion(*db), kStateFormatVersion);
  EXPECT_EQ(*db->QueryText("SELECT value FROM meta WHERE key = 'serial'"), "0");
  EXPECT_EQ(db->QueryText("SELECT value FROM meta WHERE key = 'lineage'")->size(), 36u);
  // Nothing to back up from an empty file.
  EXPECT_FALSE(FileExists(SchemaBackupPath(path, 0)));
  // Upgrading again is a no-op.
  ASSERT_TRUE(UpgradeSchema(*db, SchemaSteps()).ok());
  EXPECT_EQ(*db->QueryText("SELECT count(*) FROM meta WHERE key = 'lineage'"), "1");
}

TEST(SqliteSchemaTest, UpgradesVersion1ToASyntheticVersion2KeepingEveryRecord) {
  testing::ScratchDir dir;
  const std::string path = MakeVersion1State(dir);
  std::string lineage;
  {
    std::unique_ptr<SqliteDatabase> db = OpenDatabase(path);
    ASSERT_NE(db, nullptr);
    lineage = *db->QueryText("SELECT value FROM meta WHERE key = 'lineage'");
    ASSERT_TRUE(UpgradeSchema(*db, StepsWithVersion2()).ok());
    EXPECT_EQ(*ReadSchemaVersion(*db), 2);
    EXPECT_EQ(*db->QueryText("SELECT group_concat(name) FROM resources ORDER BY address"),
              "servers,servers");
    EXPECT_EQ(*db->QueryText("SELECT value FROM meta WHERE key = 'lineage'"), lineage);
    EXPECT_EQ(*db->QueryText("SELECT value FROM meta WHERE key = 'serial'"), "2");
  }
  // The copy saved before the upgrade is private, and is the version 1 state, whole.
  const std::string backup = SchemaBackupPath(path, 1);
  struct stat info;
  ASSERT_EQ(::stat(backup.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_FALSE(FileExists(backup + ".tmp"));
  Result<std::unique_ptr<StateStore>> restored =
      OpenSqliteStateStore(backup, {.create_if_missing = false});
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ((*restored)->Info()->lineage, lineage);
  EXPECT_EQ(*(*restored)->Get("prod.b"), SampleRecord("prod.b", 2));

  // This vueops (version 1) now refuses the upgraded file, naming both versions.
  Result<std::unique_ptr<StateStore>> store = OpenSqliteStateStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(store.status().message(),
              HasSubstr("newer vueops (state schema 2; this vueops reads up to 1)"));
}

TEST(SqliteSchemaTest, AFailedStepLeavesTheOldVersionWhole) {
  testing::ScratchDir dir;
  const std::string path = MakeVersion1State(dir);
  std::vector<SchemaStep> steps = SchemaSteps();
  steps.push_back({2, "add the name column", [](SqliteDatabase& db) -> Status {
                     RETURN_IF_ERROR(
                         db.Execute("ALTER TABLE resources ADD COLUMN name TEXT;"
                                    "DELETE FROM resources"));
                     return InternalError("the step's bug");
                   }});
  {
    std::unique_ptr<SqliteDatabase> db = OpenDatabase(path);
    ASSERT_NE(db, nullptr);
    Status upgraded = UpgradeSchema(*db, steps);
    ASSERT_FALSE(upgraded.ok());
    EXPECT_THAT(upgraded.message(),
                HasSubstr("cannot upgrade " + path +
                          " to state schema 2 (add the name column); it was left at schema 1: "
                          "the step's bug"));
    EXPECT_FALSE(db->in_transaction());
    EXPECT_EQ(*ReadSchemaVersion(*db), 1);
    EXPECT_FALSE(db->Prepare("SELECT name FROM resources").ok());
  }
  Result<std::unique_ptr<StateStore>> store = OpenSqliteStateStore(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->List()->size(), 2u);
}

TEST(SqliteSchemaTest, AMetaTableWithoutAVersionIsRefused) {
  testing::ScratchDir dir;
  const std::string path = dir.File("state.db");
  ASSERT_TRUE(WriteFileAtomic(path, "", 0600).ok());
  std::unique_ptr<SqliteDatabase> db = OpenDatabase(path);
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->Execute("CREATE TABLE meta (key TEXT, value)").ok());
  Result<int> version = ReadSchemaVersion(*db);
  ASSERT_FALSE(version.ok());
  EXPECT_THAT(version.status().message(),
              HasSubstr(path + " has a meta table without a valid schema_version"));
  ASSERT_TRUE(db->Execute("INSERT INTO meta VALUES ('schema_version', 'one')").ok());
  EXPECT_FALSE(ReadSchemaVersion(*db).ok());
}

}  // namespace
}  // namespace vueops::state
