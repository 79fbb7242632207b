// The SQLite store across processes: killed with SIGKILL at any moment it keeps every change
// it reported, and several processes writing at once neither corrupt it nor lose a change.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <random>
#include <set>

#include "state/sqlite_state_store.h"
#include "state/testing/child_process.h"
#include "state/testing/state_testing.h"

namespace vueops::state {
namespace {

using testing::SampleRecord;

// The records the crash test's child writes, in order: step 2i is record i's intent (no id
// yet), step 2i+1 its created record, as the engine writes them around a create call.
constexpr int kRecords = 40;

ResourceRecord Step(int step) {
  const int i = step / 2;
  ResourceRecord record = SampleRecord("prod.resource" + std::to_string(1000 + i), i);
  if (step % 2 == 0) {
    record.status = RecordStatus::kIntent;
    record.id.clear();
    record.outputs = Json::object();
  }
  return record;
}

// Writes every step, reporting each one after Put returned (so it is committed); runs until
// killed or done.
int WriteSteps(const std::string& path, bool exclusive, testing::Pipe& reports) {
  Result<std::unique_ptr<StateStore>> store = OpenSqliteStateStore(path, {.exclusive = exclusive});
  if (!store.ok()) {
    reports.Write("error " + store.status().ToString());
    return 1;
  }
  for (int step = 0; step < 2 * kRecords; ++step) {
    Status status = (*store)->Put(Step(step));
    if (!status.ok()) {
      reports.Write("error " + status.ToString());
      return 1;
    }
    reports.Write(std::to_string(step));
  }
  return 0;
}

TEST(SqliteCrashTest, KilledAtRandomMomentsItKeepsEveryReportedChange) {
  const unsigned seed = std::random_device()();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 random(seed);
  constexpr int kRounds = 20;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    testing::ScratchDir dir;
    const std::string path = dir.File(".vueops/state.db");
    // Killed after 0 reports, the child may be anywhere in creating the file and its schema.
    const int kill_after = std::uniform_int_distribution<int>(0, 2 * kRecords - 1)(random);
    const bool exclusive = round % 2 == 1;
    testing::Pipe reports;
    pid_t child = testing::StartChild([&] {
      reports.CloseRead();
      return WriteSteps(path, exclusive, reports);
    });
    ASSERT_GT(child, 0);
    reports.CloseWrite();
    int reported = 0;
    if (kill_after == 0) ::kill(child, SIGKILL);
    while (std::optional<std::string> line = reports.ReadLine()) {
      ASSERT_EQ(*line, std::to_string(reported)) << "the child failed";
      if (++reported == kill_after) ::kill(child, SIGKILL);
    }
    // The pipe ends when the child is dead: every report written before the kill was read.
    int status = testing::WaitChild(child);
    EXPECT_TRUE(status == 128 + SIGKILL || (status == 0 && reported == 2 * kRecords)) << status;

    Result<std::unique_ptr<StateStore>> store = OpenSqliteStateStore(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Result<std::vector<ResourceRecord>> records = (*store)->List();
    ASSERT_TRUE(records.ok()) << records.status().ToString();
    Result<StateInfo> info = (*store)->Info();
    ASSERT_TRUE(info.ok()) << info.status().ToString();
    // The change in flight when the kill came is there whole or not at all.
    const int committed = static_cast<int>(info->serial);
    ASSERT_TRUE(committed == reported || committed == reported + 1)
        << committed << " committed, " << reported << " reported";
    ASSERT_EQ(records->size(), static_cast<size_t>((committed + 1) / 2));
    for (int i = 0; i < static_cast<int>(records->size()); ++i) {
      const int last_step = std::min(2 * i + 1, committed - 1);
      EXPECT_EQ((*records)[i], Step(last_step)) << "record " << i;
    }
  }
}

TEST(SqliteCrashTest, ProcessesWritingAtOnceLoseNothing) {
  testing::ScratchDir dir;
  const std::string path = dir.File("state.db");
  constexpr int kProcesses = 3;
  constexpr int kPerProcess = 40;
  testing::Pipe start, reports;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    children.push_back(testing::StartChild([&, p] {
      start.CloseWrite();
      reports.CloseRead();
      // Every child creates or opens the state at once, then writes as soon as all are ready.
      Result<std::unique_ptr<StateStore>> store = OpenSqliteStateStore(path);
      if (!store.ok()) {
        reports.Write("error " + store.status().ToString());
        return 1;
      }
      reports.Write("lineage " + (*store)->Info()->lineage);
      start.ReadLine();
      for (int i = 0; i < kPerProcess; ++i) {
        const std::string name = std::to_string(p) + "." + std::to_string(i);
        for (Status status : {(*store)->Put(SampleRecord("prod.p" + name, i)),
                              (*store)->Put(SampleRecord("shared.last", p)),
                              (*store)->Move("prod.p" + name, "prod.moved" + name)}) {
          if (!status.ok()) {
            reports.Write("error " + status.ToString());
            return 1;
          }
        }
      }
      return 0;
    }));
  }
  start.CloseRead();
  reports.CloseWrite();
  std::set<std::string> lineages;
  for (int p = 0; p < kProcesses; ++p) {
    std::optional<std::string> line = reports.ReadLine();
    ASSERT_TRUE(line.has_value());
    ASSERT_EQ(line->rfind("lineage ", 0), 0u) << *line;
    lineages.insert(*line);
  }
  start.CloseWrite();  // all go
  std::optional<std::string> error = reports.ReadLine();
  EXPECT_EQ(error, std::nullopt);
  for (pid_t child : children) EXPECT_EQ(testing::WaitChild(child), 0);
  // The state was created once: one lineage, however the creations raced.
  EXPECT_EQ(lineages.size(), 1u);

  Result<std::unique_ptr<StateStore>> store = OpenSqliteStateStore(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Result<std::vector<ResourceRecord>> records = (*store)->List();
  ASSERT_TRUE(records.ok());
  EXPECT_EQ(records->size(), size_t{kProcesses * kPerProcess + 1});
  EXPECT_EQ((*store)->Info()->serial, 3 * kProcesses * kPerProcess);
  EXPECT_EQ(*(*store)->Get("prod.moved2.39"), SampleRecord("prod.moved2.39", 39));
  EXPECT_EQ(*(*store)->Get("prod.p2.39"), std::nullopt);
}

}  // namespace
}  // namespace vueops::state
