// What the SQLite store adds to the conformance suite: files and modes, reopening, and clear
// errors for every file it must not or cannot use.
#include "state/sqlite_state_store.h"

#include <gmock/gmock.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <pwd.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <regex>

#include "base/file.h"
#include "state/sqlite_database.h"
#include "state/testing/child_process.h"
#include "state/testing/state_testing.h"

namespace vueops::state {
namespace {

using ::testing::HasSubstr;
using testing::SampleRecord;

mode_t ModeOf(const std::string& path) {
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) return 0;
  return info.st_mode & 07777;
}

std::unique_ptr<StateStore> OpenOrDie(const std::string& path, const SqliteOptions& options = {}) {
  Result<std::unique_ptr<StateStore>> store = OpenSqliteStateStore(path, options);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(*store) : nullptr;
}

// Bytes of a file, to show that a refused file was left exactly as it was.
std::string Contents(const std::string& path) {
  Result<std::string> contents = ReadFile(path);
  return contents.ok() ? *contents : "<" + contents.status().ToString() + ">";
}

TEST(SqliteStateStoreTest, CreatesTheFileAndItsFolderPrivateWhateverTheUmask) {
  testing::ScratchDir dir;
  const std::string path = dir.File("project/.vueops/state.db");
  mode_t previous = ::umask(0);
  std::unique_ptr<StateStore> store = OpenOrDie(path);
  ::umask(previous);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->Put(SampleRecord("prod.vpc.main")).ok());
  EXPECT_EQ(ModeOf(path), 0600u);
  EXPECT_EQ(ModeOf(dir.File("project/.vueops")), 0700u);
  EXPECT_EQ(ModeOf(dir.File("project")), 0700u);
  // SQLite gives its WAL and shared-memory files the database's mode.
  EXPECT_EQ(ModeOf(path + "-wal"), 0600u);
  EXPECT_EQ(ModeOf(path + "-shm"), 0600u);
}

TEST(SqliteStateStoreTest, ReopeningKeepsRecordsLineageAndSerial) {
  testing::ScratchDir dir;
  const std::string path = dir.File("state.db");
  StateInfo before;
  {
    std::unique_ptr<StateStore> store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->Put(SampleRecord("prod.a", 1)).ok());
    ASSERT_TRUE(store->Put(SampleRecord("prod.b", 2)).ok());
    before = *store->Info();
  }
  std::unique_ptr<StateStore> store = OpenOrDie(path, {.create_if_missing = false});
  ASSERT_NE(store, nullptr);
  Result<StateInfo> after = store->Info();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->lineage, before.lineage);
  EXPECT_EQ(after->serial, 2);
  EXPECT_EQ(*store->Get("prod.b"), SampleRecord("prod.b", 2));
}

TEST(SqliteStateStoreTest, EachNewStateGetsItsOwnRandomLineage) {
  testing::ScratchDir dir;
  std::unique_ptr<StateStore> first = OpenOrDie(dir.File("a.db"));
  std::unique_ptr<StateStore> second = OpenOrDie(dir.File("b.db"));
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  std::string lineage = first->Info()->lineage;
  EXPECT_NE(lineage, second->Info()->lineage);
  EXPECT_TRUE(std::regex_match(
      lineage, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << lineage;
}

TEST(SqliteStateStoreTest, AMissingFileIsAnErrorWhenCreationIsOff) {
  testing::ScratchDir dir;
  const std::string path = dir.File("typo/state.db");
  Result<std::unique_ptr<StateStore>> store =
      OpenSqliteStateStore(path, {.create_if_missing = false});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(store.status().message(), HasSubstr("no state at " + path));
  EXPECT_FALSE(FileExists(dir.File("typo")));
}

TEST(SqliteStateStoreTest, AFolderIsNotAStateFile) {
  testing::ScratchDir dir;
  Result<std::unique_ptr<StateStore>> store = OpenSqliteStateStore(dir.path());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(store.status().message(), HasSubstr(dir.path() + " is a folder"));
}

TEST(SqliteStateStoreTest, AFileThatIsNotSqliteIsRefusedUntouched) {
  testing::ScratchDir dir;
  const std::string path = dir.File("state.db");
  std::string text;
  for (int i = 0; i < 200; ++i) text += "terraform.tfstate is JSON, not SQLite\n";
  ASSERT_TRUE(WriteFileAtomic(path, text, 0600).ok());
  Result<std::unique_ptr<StateStore>> store = OpenSqliteStateStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(store.status().message(), HasSubstr(path + " is not an SQLite database"));
  EXPECT_THAT(store.status().message(), HasSubstr("move it away"));
  EXPECT_EQ(Contents(path), text);
  EXPECT_FALSE(FileExists(path + "-wal"));
}

TEST(SqliteStateStoreTest, AnotherProgramsDatabaseIsRefusedUntouched) {
  testing::ScratchDir dir;
  const std::string path = dir.File("app.db");
  ASSERT_TRUE(WriteFileAtomic(path, "", 0600).ok());
  {
    Result<std::unique_ptr<SqliteDatabase>> db = SqliteDatabase::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)
                    ->Execute("CREATE TABLE users (name TEXT); CREATE TABLE orders (id INT);"
                              "INSERT INTO users VALUES ('ada')")
                    .ok());
  }
  const std::string before = Contents(path);
  Result<std::unique_ptr<StateStore>> store = OpenSqliteStateStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(store.status().message(),
              HasSubstr(path + " is an SQLite database, but not vueops state (its tables: "
                               "orders, users)"));
  EXPECT_EQ(Contents(path), before);  // not even switched to WAL
}

TEST(SqliteStateStoreTest, ADamagedDatabaseFailsClearlyAndNeverCrashes) {
  testing::ScratchDir dir;
  const std::string path = dir.File("state.db");
  {
    std::unique_ptr<StateStore> store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    for (int i = 0; i < 20; ++i) {
      ResourceRecord record = SampleRecord("prod.r" + std::to_string(i), i);
      record.attributes["padding"] = std::string(2000, 'p');  // a page or more each
      ASSERT_TRUE(store->Put(record).ok());
    }
  }  // closing checkpoints the WAL into the file
  std::string contents = Contents(path);
  ASSERT_GT(contents.size(), 8192u);
  // Keep the header page; scribble over every page after it.
  for (size_t i = 4096; i < contents.size(); i += 7) contents[i] = static_cast<char>(0xA5);
  ASSERT_TRUE(WriteFileAtomic(path, contents, 0600).ok());

  Result<std::unique_ptr<StateStore>> store = OpenSqliteStateStore(path);
  Status status = store.status();
  if (store.ok()) status = (*store)->List().status();
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.code(),
              ::testing::AnyOf(StatusCode::kDataLoss, StatusCode::kFailedPrecondition));
  EXPECT_THAT(status.message(), HasSubstr(path));
  EXPECT_THAT(status.message(), ::testing::AnyOf(HasSubstr("restore it from a backup"),
                                                 HasSubstr("restore the file from a backup")));
}

TEST(SqliteStateStoreTest, ADamagedRecordNamesItselfAndTheRepair) {
  testing::ScratchDir dir;
  const std::string path = dir.File("state.db");
  {
    std::unique_ptr<StateStore> store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->Put(SampleRecord("prod.good")).ok());
    ASSERT_TRUE(store->Put(SampleRecord("prod.bad")).ok());
  }
  {
    Result<std::unique_ptr<SqliteDatabase>> db = SqliteDatabase::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)
                    ->Execute("UPDATE resources SET attributes = '{\"truncated' "
                              "WHERE address = 'prod.bad'")
                    .ok());
  }
  std::unique_ptr<StateStore> store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  Result<std::optional<ResourceRecord>> bad = store->Get("prod.bad");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kDataLoss);
  EXPECT_THAT(bad.status().message(),
              HasSubstr(path + ": state record 'prod.bad': field 'attributes' holds invalid JSON"));
  EXPECT_THAT(bad.status().message(), HasSubstr("vueops state rm prod.bad"));
  EXPECT_TRUE(store->Get("prod.good").ok());
  // The repair the message names works on the damaged record.
  ASSERT_TRUE(store->Remove("prod.bad").ok());
  EXPECT_EQ(store->List()->size(), 1u);
}

TEST(SqliteStateStoreTest, ANewerSchemaIsRefusedUntouched) {
  testing::ScratchDir dir;
  const std::string path = dir.File("state.db");
  { ASSERT_NE(OpenOrDie(path), nullptr); }
  {
    Result<std::unique_ptr<SqliteDatabase>> db = SqliteDatabase::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Execute("UPDATE meta SET value = 7 WHERE key = 'schema_version'").ok());
  }
  const std::string before = Contents(path);
  Result<std::unique_ptr<StateStore>> store = OpenSqliteStateStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(store.status().message(),
              HasSubstr(path + " was written by a newer vueops (state schema 7; this vueops "
                               "reads up to 1): upgrade vueops"));
  EXPECT_EQ(Contents(path), before);
}

// Runs `body` as a user without root's power to ignore file modes (nobody, when the tests run
// as root), in a child process; returns what the child reports.
std::string AsUnprivilegedUser(const std::function<std::string()>& body) {
  testing::Pipe pipe;
  pid_t child = testing::StartChild([&] {
    if (::geteuid() == 0) {
      const struct passwd* nobody = ::getpwnam("nobody");
      uid_t uid = nobody != nullptr ? nobody->pw_uid : 65534;
      gid_t gid = nobody != nullptr ? nobody->pw_gid : 65534;
      if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0) {
        pipe.Write("cannot drop root");
        return 1;
      }
    }
    pipe.Write(body());
    return 0;
  });
  pipe.CloseWrite();
  std::string report = pipe.ReadLine().value_or("<no report>");
  EXPECT_EQ(testing::WaitChild(child), 0) << report;
  return report;
}

TEST(SqliteStateStoreTest, AReadOnlyFolderIsAClearError) {
  testing::ScratchDir dir;
  ASSERT_EQ(::chmod(dir.path().c_str(), 0755), 0);
  const std::string locked = dir.File("locked");
  ASSERT_TRUE(MakeDirectories(locked, 0755).ok());
  // An existing state the user may write, in a folder it may not: SQLite cannot add -wal.
  const std::string existing = locked + "/state.db";
  { ASSERT_NE(OpenOrDie(existing), nullptr); }
  ASSERT_EQ(::chmod(existing.c_str(), 0666), 0);
  ASSERT_EQ(::chmod(locked.c_str(), 0555), 0);

  std::string report = AsUnprivilegedUser([&] {
    Result<std::unique_ptr<StateStore>> created = OpenSqliteStateStore(locked + "/new/state.db");
    Result<std::unique_ptr<StateStore>> opened = OpenSqliteStateStore(existing);
    std::string opened_message = opened.ok() ? (*opened)->Put(SampleRecord("prod.x")).ToString()
                                             : opened.status().ToString();
    return created.status().ToString() + " | " + opened_message;
  });
  ::chmod(locked.c_str(), 0755);
  EXPECT_THAT(report, HasSubstr("PermissionDenied: cannot create the folder for the state " +
                                locked + "/new/state.db"));
  EXPECT_THAT(report, HasSubstr("make its parent writable"));
  EXPECT_THAT(report, HasSubstr("| PermissionDenied: cannot "));
  EXPECT_THAT(report, HasSubstr(existing));
  EXPECT_THAT(report, HasSubstr("make the file and its folder"));
}

TEST(SqliteStateStoreTest, AFullDiskFailsTheChangeAndLosesNothing) {
  testing::ScratchDir dir;
  const std::string path = dir.File("state.db");
  // RLIMIT_FSIZE stands in for a full disk: writes past the limit fail as ENOSPC would. It
  // applies to the whole process, so the child holds it.
  testing::Pipe pipe;
  pid_t child = testing::StartChild([&] {
    std::unique_ptr<StateStore> store = OpenOrDie(path);
    if (store == nullptr) return 1;
    for (int i = 0; i < 5; ++i) {
      if (!store->Put(SampleRecord("prod.before" + std::to_string(i), i)).ok()) return 2;
    }
    struct stat wal;
    if (::stat((path + "-wal").c_str(), &wal) != 0) return 3;
    ::signal(SIGXFSZ, SIG_IGN);  // else the kernel kills the writer instead of failing write()
    struct rlimit limit;
    ::getrlimit(RLIMIT_FSIZE, &limit);
    const rlim_t unlimited = limit.rlim_cur;
    limit.rlim_cur = static_cast<rlim_t>(wal.st_size);
    ::setrlimit(RLIMIT_FSIZE, &limit);
    ResourceRecord big = SampleRecord("prod.big");
    big.attributes["padding"] = std::string(1 << 20, 'x');
    pipe.Write(store->Put(big).ToString());
    limit.rlim_cur = unlimited;
    ::setrlimit(RLIMIT_FSIZE, &limit);
    pipe.Write(store->Put(SampleRecord("prod.after")).ToString());
    return 0;
  });
  pipe.CloseWrite();
  std::string failed = pipe.ReadLine().value_or("<no report>");
  std::string after = pipe.ReadLine().value_or("<no report>");
  ASSERT_EQ(testing::WaitChild(child), 0);
  EXPECT_THAT(failed, HasSubstr("ResourceExhausted: cannot write " + path));
  EXPECT_EQ(after, "OK");  // the store recovers once there is room again

  std::unique_ptr<StateStore> store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  Result<std::vector<ResourceRecord>> records = store->List();
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  std::vector<std::string> addresses;
  for (const ResourceRecord& record : *records) addresses.push_back(record.address);
  EXPECT_THAT(addresses, ::testing::ElementsAre("prod.after", "prod.before0", "prod.before1",
                                                "prod.before2", "prod.before3", "prod.before4"));
  EXPECT_EQ(store->Info()->serial, 6);
}

TEST(SqliteStateStoreTest, AnExclusiveStoreHoldsOffOtherExclusiveOpenersOnly) {
  testing::ScratchDir dir;
  const std::string path = dir.File("state.db");
  { ASSERT_NE(OpenOrDie(path), nullptr); }
  testing::Pipe held, release;
  pid_t child = testing::StartChild([&] {
    release.CloseWrite();  // so that the parent's close is an end of file here
    Result<std::unique_ptr<StateStore>> store = OpenSqliteStateStore(path, {.exclusive = true});
    held.Write(store.status().ToString());
    release.ReadLine();  // until the parent closes its end
    return store.ok() && (*store)->Put(SampleRecord("prod.holder")).ok() ? 0 : 1;
  });
  held.CloseWrite();
  release.CloseRead();
  ASSERT_EQ(held.ReadLine(), "OK");

  // A second apply (or state rm) is refused at once, told who holds the state.
  Result<std::unique_ptr<StateStore>> other = OpenSqliteStateStore(path, {.exclusive = true});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), StatusCode::kAborted);
  EXPECT_THAT(other.status().message(),
              HasSubstr(path + " is in use by another vueops process (pid " +
                        std::to_string(child) + " on "));
  EXPECT_THAT(other.status().message(), HasSubstr("state_test"));  // its command line
  EXPECT_THAT(other.status().message(), HasSubstr("let it finish and run again"));
  // Readers go on reading (state list during an apply).
  std::unique_ptr<StateStore> reader = OpenOrDie(path);
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(reader->List().ok());
  reader.reset();

  release.CloseWrite();
  ASSERT_EQ(testing::WaitChild(child), 0);
  // The lock went with its holder.
  std::unique_ptr<StateStore> store = OpenOrDie(path, {.exclusive = true});
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(store->Get("prod.holder")->has_value());
  EXPECT_EQ(ModeOf(path + ".lock"), 0600u);
}

TEST(SqliteStateStoreTest, TheLockOfAKilledHolderIsFree) {
  testing::ScratchDir dir;
  const std::string path = dir.File("state.db");
  testing::Pipe held;
  pid_t child = testing::StartChild([&]() -> int {
    Result<std::unique_ptr<StateStore>> store = OpenSqliteStateStore(path, {.exclusive = true});
    held.Write(store.status().ToString());
    while (true) ::pause();  // until killed
  });
  held.CloseWrite();
  ASSERT_EQ(held.ReadLine(), "OK");
  EXPECT_EQ(OpenSqliteStateStore(path, {.exclusive = true}).status().code(), StatusCode::kAborted);
  ::kill(child, SIGKILL);
  EXPECT_EQ(testing::WaitChild(child), 128 + SIGKILL);
  EXPECT_NE(OpenOrDie(path, {.exclusive = true}), nullptr);
}

TEST(SqliteStateStoreTest, AWriterHeldUpByAnotherFailsClearlyAfterItsTimeout) {
  testing::ScratchDir dir;
  const std::string path = dir.File("state.db");
  std::unique_ptr<StateStore> store = OpenOrDie(path, {.busy_timeout_ms = 20});
  ASSERT_NE(store, nullptr);
  // Another connection in the middle of a change (another process, as far as SQLite's locks
  // are concerned).
  Result<std::unique_ptr<SqliteDatabase>> other = SqliteDatabase::Open(path);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->Execute("BEGIN IMMEDIATE").ok());
  Status put = store->Put(SampleRecord("prod.waiting"));
  EXPECT_EQ(put.code(), StatusCode::kAborted);
  EXPECT_THAT(put.message(),
              HasSubstr(path + " is in use by another vueops process (still locked after 20 ms)"));
  ASSERT_TRUE((*other)->Execute("COMMIT").ok());
  EXPECT_TRUE(store->Put(SampleRecord("prod.waiting")).ok());
  EXPECT_EQ(store->Info()->serial, 1);
}

}  // namespace
}  // namespace vueops::state
