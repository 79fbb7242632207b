// The team backend against moto: S3's conditional writes as vueops uses them, the DynamoDB
// lock, the remote state store, and simultaneous lock attempts from separate processes.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

#include "backend/held_lock.h"
#include "backend/object_store.h"
#include "backend/remote_lock.h"
#include "backend/remote_state_store.h"
#include "client/default_client.h"
#include "state/testing/state_testing.h"
#include "support/local_aws_fixture.h"

extern char** environ;

namespace vueops::backend {
namespace {

using state::testing::SampleRecord;
using ::testing::HasSubstr;

constexpr char kBucket[] = "team-state";

class BackendMotoTest : public test_support::MotoTest {
 protected:
  void SetUp() override {
    MotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    environment_.Set("AWS_ENDPOINT_URL", endpoint_url());
    environment_.Set("AWS_ACCESS_KEY_ID", kAccessKeyId);
    environment_.Set("AWS_SECRET_ACCESS_KEY", kSecretAccessKey);
    environment_.Set("AWS_REGION", kRegion);
    environment_.Set("AWS_CONFIG_FILE", dir_.path() + "/none");
    environment_.Set("AWS_SHARED_CREDENTIALS_FILE", dir_.path() + "/none");
    client::DefaultClientOptions options;
    options.environment = &environment_;
    options.prompt_for_mfa = false;
    Result<std::unique_ptr<client::DefaultClient>> made = client::MakeDefaultClient(options);
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    client_ = std::move(*made);
    ASSERT_TRUE(aws().Call("s3", "CreateBucket", {{"Bucket", kBucket}}).ok());
  }

  client::AwsClient& aws() { return client_->client(); }

  // A lock table as vueops backend bootstrap makes it.
  Status CreateLockTable(const std::string& name) {
    return aws()
        .Call("dynamodb", "CreateTable",
              {{"TableName", name},
               {"AttributeDefinitions",
                Json::array({{{"AttributeName", "LockID"}, {"AttributeType", "S"}}})},
               {"KeySchema", Json::array({{{"AttributeName", "LockID"}, {"KeyType", "HASH"}}})},
               {"BillingMode", "PAY_PER_REQUEST"}})
        .status();
  }

  // Runs the contenders of one round at once and returns their outputs, in start order.
  std::vector<std::string> Round(const std::vector<std::string>& target, int contenders,
                                 int hold_ms) {
    const auto start = std::chrono::system_clock::now() + std::chrono::milliseconds(500);
    const std::string start_ms = std::to_string(
        std::chrono::duration_cast<std::chrono::milliseconds>(start.time_since_epoch()).count());
    std::vector<std::string> variables;
    for (char** entry = environ; *entry != nullptr; ++entry) {
      if (std::string(*entry).rfind("AWS_", 0) != 0) variables.emplace_back(*entry);
    }
    for (const char* name : {"AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                             "AWS_REGION", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"}) {
      variables.push_back(std::string(name) + "=" + environment_.Get(name).value_or(""));
    }
    std::vector<char*> envp;
    for (std::string& variable : variables) envp.push_back(variable.data());
    envp.push_back(nullptr);

    struct Child {
      pid_t pid = -1;
      int out = -1;
    };
    std::vector<Child> children(contenders);
    const std::string binary = VUEOPS_BINARY_DIR "/src/backend/backend_lock_contender";
    for (Child& child : children) {
      int fds[2];
      EXPECT_EQ(::pipe(fds), 0);
      posix_spawn_file_actions_t actions;
      posix_spawn_file_actions_init(&actions);
      posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
      posix_spawn_file_actions_addclose(&actions, fds[0]);
      std::vector<std::string> args = {binary};
      args.insert(args.end(), target.begin(), target.end());
      args.push_back(start_ms);
      args.push_back(std::to_string(hold_ms));
      std::vector<char*> argv;
      for (std::string& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      EXPECT_EQ(
          posix_spawn(&child.pid, binary.c_str(), &actions, nullptr, argv.data(), envp.data()), 0);
      posix_spawn_file_actions_destroy(&actions);
      ::close(fds[1]);
      child.out = fds[0];
    }
    std::vector<std::string> outputs;
    for (Child& child : children) {
      std::string text;
      char buffer[512];
      ssize_t n;
      while ((n = ::read(child.out, buffer, sizeof buffer)) > 0) text.append(buffer, n);
      ::close(child.out);
      int status = 0;
      ::waitpid(child.pid, &status, 0);
      outputs.push_back(text);
    }
    return outputs;
  }

  static int Count(const std::vector<std::string>& outputs, const std::string& prefix) {
    int count = 0;
    for (const std::string& output : outputs) count += output.rfind(prefix, 0) == 0;
    return count;
  }

  state::testing::ScratchDir dir_;
  MapEnvironment environment_;
  std::unique_ptr<client::DefaultClient> client_;
};

TEST_F(BackendMotoTest, S3ConditionalWritesAsTheStoreUsesThem) {
  std::unique_ptr<ObjectStore> objects = NewS3ObjectStore(aws(), kBucket);
  Result<std::optional<StoredObject>> nothing = objects->Get("k");
  ASSERT_TRUE(nothing.ok()) << nothing.status().ToString();
  EXPECT_FALSE(nothing->has_value());
  Result<WriteOutcome> first = objects->Put("k", "one", WriteCondition::IfAbsent());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(first->written);
  Result<WriteOutcome> second = objects->Put("k", "two", WriteCondition::IfAbsent());
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->written);
  Result<WriteOutcome> stale = objects->Put("k", "two", WriteCondition::IfMatch("0123abcd"));
  ASSERT_TRUE(stale.ok());
  EXPECT_FALSE(stale->written);
  Result<WriteOutcome> guarded = objects->Put("k", "two", WriteCondition::IfMatch(first->etag));
  ASSERT_TRUE(guarded.ok());
  EXPECT_TRUE(guarded->written);
  Result<std::optional<StoredObject>> read = objects->Get("k");
  ASSERT_TRUE(read.ok() && read->has_value());
  EXPECT_EQ((*read)->body, "two");
  EXPECT_EQ((*read)->etag, guarded->etag);
  EXPECT_FALSE(*objects->Delete("k", first->etag));
  EXPECT_TRUE(*objects->Delete("k", guarded->etag));
  EXPECT_FALSE(objects->Get("k")->has_value());
  Result<std::optional<StoredObject>> no_bucket = NewS3ObjectStore(aws(), "absent")->Get("k");
  EXPECT_THAT(no_bucket.status().message(), HasSubstr("vueops backend bootstrap"));
}

TEST_F(BackendMotoTest, TheRemoteStateIsANewVersionPerChangeAndReadsBack) {
  ASSERT_TRUE(aws()
                  .Call("s3", "PutBucketVersioning",
                        {{"Bucket", kBucket}, {"VersioningConfiguration", {{"Status", "Enabled"}}}})
                  .ok());
  LockRequest request;
  request.operation = "apply";
  Result<std::unique_ptr<HeldLock>> lock = HeldLock::Acquire(
      NewS3Lock(NewS3ObjectStore(aws(), kBucket), "s.lock", Clock::Real()), request, Clock::Real());
  ASSERT_TRUE(lock.ok()) << lock.status().ToString();
  RemoteStateOptions options;
  options.key = "s";
  options.journal_path = dir_.path() + "/journal";
  {
    Result<std::unique_ptr<RemoteStateStore>> store =
        OpenRemoteState(NewS3ObjectStore(aws(), kBucket), std::move(*lock), options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE((*store)->Put(SampleRecord("r" + std::to_string(i), i)).ok());
    }
  }
  Result<Json> versions =
      aws().Call("s3", "ListObjectVersions", {{"Bucket", kBucket}, {"Prefix", "s"}});
  ASSERT_TRUE(versions.ok());
  int state_versions = 0;
  for (const Json& version : versions->value("Versions", Json::array())) {
    state_versions += version.value("Key", "") == "s";
  }
  EXPECT_EQ(state_versions, 5);
  options.journal_path = dir_.path() + "/other-journal";
  Result<std::unique_ptr<RemoteStateStore>> reader =
      OpenRemoteState(NewS3ObjectStore(aws(), kBucket), nullptr, options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->List()->size(), 5u);
  // The lock went with the store.
  EXPECT_FALSE(NewS3ObjectStore(aws(), kBucket)->Get("s.lock")->has_value());
}

TEST_F(BackendMotoTest, TheDynamoDbLockHasOneHolderAndIsRemovedOnlyByItsId) {
  ASSERT_TRUE(CreateLockTable("locks").ok());
  FakeClock clock;
  LockRequest request;
  request.who = "alice";
  request.renew_in_background = false;
  Result<std::unique_ptr<HeldLock>> alice =
      HeldLock::Acquire(NewDynamoDbLock(aws(), "locks", "team-state/s", clock), request, clock);
  ASSERT_TRUE(alice.ok()) << alice.status().ToString();
  request.who = "bob";
  Result<std::unique_ptr<HeldLock>> bob =
      HeldLock::Acquire(NewDynamoDbLock(aws(), "locks", "team-state/s", clock), request, clock);
  ASSERT_EQ(bob.status().code(), StatusCode::kAborted);
  EXPECT_THAT(bob.status().message(), HasSubstr("alice"));
  clock.Advance(std::chrono::seconds(30));
  (*alice)->RenewIfDue();
  EXPECT_TRUE((*alice)->Check().ok());
  std::unique_ptr<RemoteLock> lock = NewDynamoDbLock(aws(), "locks", "team-state/s", clock);
  EXPECT_EQ(lock->Remove("not-it").code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(lock->Remove((*alice)->info().id).ok());
  clock.Advance(std::chrono::seconds(30));
  (*alice)->RenewIfDue();
  EXPECT_EQ((*alice)->Check().code(), StatusCode::kAborted);
  Result<std::unique_ptr<HeldLock>> again =
      HeldLock::Acquire(NewDynamoDbLock(aws(), "locks", "team-state/s", clock), request, clock);
  EXPECT_TRUE(again.ok()) << again.status().ToString();
}

// The proof: 20 rounds of simultaneous attempts from several processes, exactly one
// holder each round (moto checks If-None-Match and writes in two steps; the holder's
// read-back keeps a second writer from believing it won).
TEST_F(BackendMotoTest, TwentyRoundsOfSimultaneousS3LockAttemptsHaveOneHolderEach) {
  constexpr int kRounds = 20;
  constexpr int kContenders = 4;
  for (int round = 0; round < kRounds; ++round) {
    std::vector<std::string> outputs =
        Round({"s3", kBucket, "round.lock"}, kContenders, /*hold_ms=*/900);
    std::string all;
    for (const std::string& output : outputs) all += output;
    ASSERT_EQ(Count(outputs, "HELD"), 1) << "round " << round << ":\n" << all;
    ASSERT_EQ(Count(outputs, "BUSY"), kContenders - 1) << "round " << round << ":\n" << all;
    EXPECT_FALSE(NewS3ObjectStore(aws(), kBucket)->Get("round.lock")->has_value());
  }
}

TEST_F(BackendMotoTest, SimultaneousDynamoDbLockAttemptsHaveOneHolderEach) {
  ASSERT_TRUE(CreateLockTable("locks").ok());
  for (int round = 0; round < 5; ++round) {
    std::vector<std::string> outputs =
        Round({"dynamodb", "locks", "team-state/round"}, 4, /*hold_ms=*/900);
    std::string all;
    for (const std::string& output : outputs) all += output;
    ASSERT_EQ(Count(outputs, "HELD"), 1) << "round " << round << ":\n" << all;
  }
}

}  // namespace
}  // namespace vueops::backend
