#include "auth/refreshing_credentials.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <thread>

#include "auth/aws_time.h"
#include "auth/testing/fakes.h"

namespace vueops::auth {
namespace {

using std::chrono::minutes;

// Hands out credentials that expire `lifetime` after the clock's now, numbered by call, or
// a scripted failure; can hold a call until released, to make threads overlap.
class ScriptedProvider : public CredentialsProvider {
 public:
  ScriptedProvider(Clock& clock, minutes lifetime) : clock_(clock), lifetime_(lifetime) {}

  Result<std::optional<Credentials>> Provide() override {
    int call = ++calls;
    if (hold) {
      std::unique_lock<std::mutex> lock(mutex_);
      entered = true;
      entered_condition_.notify_all();
      release_condition_.wait(lock, [&] { return released; });
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!failures.empty()) {
        Status failure = failures.front();
        failures.pop_front();
        return failure;
      }
    }
    Credentials credentials;
    credentials.access_key_id = "ASIA-" + std::to_string(call);
    credentials.secret_access_key = "secret";
    credentials.session_token = "token";
    if (!long_term) credentials.expiration = clock_.Now() + lifetime_;
    credentials.source = "scripted";
    return std::optional<Credentials>(credentials);
  }
  std::string name() const override { return "scripted"; }

  void WaitUntilEntered() {
    std::unique_lock<std::mutex> lock(mutex_);
    entered_condition_.wait(lock, [&] { return entered; });
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mutex_);
    released = true;
    release_condition_.notify_all();
  }

  std::atomic<int> calls{0};
  std::deque<Status> failures;
  bool hold = false;
  bool long_term = false;  // no expiration, like static keys

 private:
  Clock& clock_;
  minutes lifetime_;
  std::mutex mutex_;
  std::condition_variable entered_condition_, release_condition_;
  bool entered = false;
  bool released = false;
};

class RefreshingCredentialsTest : public ::testing::Test {
 protected:
  RefreshingCredentials& Make(minutes lifetime) {
    auto provider = std::make_unique<ScriptedProvider>(clock_, lifetime);
    provider_ = provider.get();
    credentials_ =
        std::make_unique<RefreshingCredentials>(std::move(provider), clock_, notes_.sink());
    return *credentials_;
  }
  std::string KeyId() {
    Result<Credentials> current = credentials_->Get();
    EXPECT_TRUE(current.ok()) << current.status().ToString();
    return current.ok() ? current->access_key_id : current.status().message();
  }

  FakeClock clock_{*ParseIso8601("2024-06-01T12:00:00Z")};
  testing::NoteCollector notes_;
  ScriptedProvider* provider_ = nullptr;
  std::unique_ptr<RefreshingCredentials> credentials_;
};

TEST_F(RefreshingCredentialsTest, ReusesUntilTheAdvisoryWindowThenRefreshes) {
  Make(minutes(60));
  EXPECT_EQ(KeyId(), "ASIA-1");
  clock_.Advance(minutes(44));
  EXPECT_EQ(KeyId(), "ASIA-1");
  EXPECT_EQ(provider_->calls, 1);
  clock_.Advance(minutes(2));  // 14 minutes left: advisory window
  EXPECT_EQ(KeyId(), "ASIA-2");
  EXPECT_EQ(provider_->calls, 2);
}

TEST_F(RefreshingCredentialsTest, AFailedAdvisoryRefreshKeepsTheCurrentOnesWithANote) {
  Make(minutes(60));
  EXPECT_EQ(KeyId(), "ASIA-1");
  clock_.Advance(minutes(50));
  provider_->failures.push_back(UnavailableError("STS is down"));
  EXPECT_EQ(KeyId(), "ASIA-1");
  EXPECT_NE(notes_.joined().find("refreshing the credentials from scripted failed (STS is "
                                 "down); still using the current ones, which expire at "
                                 "2024-06-01T13:00:00Z"),
            std::string::npos)
      << notes_.joined();
  EXPECT_EQ(notes_.joined().find("secret"), std::string::npos);
}

TEST_F(RefreshingCredentialsTest, AFailedMandatoryRefreshIsAnError) {
  Make(minutes(60));
  EXPECT_EQ(KeyId(), "ASIA-1");
  clock_.Advance(minutes(56));  // 4 minutes left: mandatory window
  provider_->failures.push_back(UnavailableError("STS is down"));
  Result<Credentials> current = credentials_->Get();
  EXPECT_EQ(current.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(KeyId(), "ASIA-3");  // the next call tries again
}

TEST_F(RefreshingCredentialsTest, LongTermKeysAreNeverRefreshed) {
  Make(minutes(60));
  provider_->long_term = true;
  EXPECT_EQ(KeyId(), "ASIA-1");
  clock_.Advance(std::chrono::hours(24 * 365));
  EXPECT_EQ(KeyId(), "ASIA-1");
  EXPECT_EQ(provider_->calls, 1);
}

TEST_F(RefreshingCredentialsTest, ConcurrentCallersShareOneMandatoryRefresh) {
  Make(minutes(60));
  EXPECT_EQ(KeyId(), "ASIA-1");
  clock_.Advance(minutes(57));
  provider_->hold = true;
  std::vector<std::thread> threads;
  std::vector<std::string> results(8);
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([this, &results, i] {
      Result<Credentials> current = credentials_->Get();
      results[i] = current.ok() ? current->access_key_id : current.status().message();
    });
  }
  provider_->WaitUntilEntered();
  provider_->Release();
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(provider_->calls, 2);
  for (const std::string& result : results) EXPECT_EQ(result, "ASIA-2");
}

TEST_F(RefreshingCredentialsTest, DuringAnAdvisoryRefreshOtherThreadsKeepTheCurrentOnes) {
  Make(minutes(60));
  EXPECT_EQ(KeyId(), "ASIA-1");
  clock_.Advance(minutes(50));
  provider_->hold = true;
  std::string refresher_result;
  std::thread refresher([&] {
    Result<Credentials> current = credentials_->Get();
    refresher_result = current.ok() ? current->access_key_id : "error";
  });
  provider_->WaitUntilEntered();
  EXPECT_EQ(KeyId(), "ASIA-1");  // does not wait for the refresh in progress
  provider_->Release();
  refresher.join();
  EXPECT_EQ(refresher_result, "ASIA-2");
  EXPECT_EQ(KeyId(), "ASIA-2");
  EXPECT_EQ(provider_->calls, 2);
}

}  // namespace
}  // namespace vueops::auth
