#include "client/retry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "client/rate_limiter.h"

namespace vueops::client {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A fake clock that also remembers each sleep.
class RecordingClock : public FakeClock {
 public:
  void SleepFor(Duration duration) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      sleeps_.push_back(std::chrono::duration_cast<milliseconds>(duration));
    }
    FakeClock::SleepFor(duration);
  }
  std::vector<milliseconds> sleeps() {
    std::lock_guard<std::mutex> lock(mutex_);
    return sleeps_;
  }

 private:
  std::mutex mutex_;
  std::vector<milliseconds> sleeps_;
};

AttemptOutcome Response(int status, std::string code = "") {
  AttemptOutcome outcome;
  outcome.http_status = status;
  outcome.error_code = std::move(code);
  return outcome;
}

AttemptOutcome TransportFailure(Status error) {
  AttemptOutcome outcome;
  outcome.transport_error = std::move(error);
  return outcome;
}

// Feeds a Retrier a script of outcomes, one per attempt.
class Script {
 public:
  explicit Script(std::vector<AttemptOutcome> outcomes) : outcomes(std::move(outcomes)) {}
  std::vector<AttemptOutcome> outcomes;
  std::vector<int> attempts_seen;
  AttemptOutcome operator()(int attempt) {
    attempts_seen.push_back(attempt);
    return outcomes.at(static_cast<size_t>(attempt - 1));
  }
};

TEST(RetryConfigTest, EnvironmentOverConfigOverDefaults) {
  ConfiguredRetrySettings none;
  Result<RetryConfig> defaults = ResolveRetryConfig(none, MapEnvironment());
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->mode, RetryMode::kStandard);
  EXPECT_EQ(defaults->max_attempts, 3);

  ConfiguredRetrySettings profile{"adaptive", "7"};
  Result<RetryConfig> from_profile = ResolveRetryConfig(profile, MapEnvironment());
  EXPECT_EQ(from_profile->mode, RetryMode::kAdaptive);
  EXPECT_EQ(from_profile->max_attempts, 7);

  Result<RetryConfig> from_environment = ResolveRetryConfig(
      profile, MapEnvironment({{"AWS_RETRY_MODE", "Standard"}, {"AWS_MAX_ATTEMPTS", "1"}}));
  EXPECT_EQ(from_environment->mode, RetryMode::kStandard);
  EXPECT_EQ(from_environment->max_attempts, 1);

  ConfiguredRetrySettings legacy{"legacy", std::nullopt};
  EXPECT_EQ(ResolveRetryConfig(legacy, MapEnvironment())->mode, RetryMode::kStandard);
}

TEST(RetryConfigTest, BadValuesNameTheSetting) {
  const std::pair<std::map<std::string, std::string>, std::string> cases[] = {
      {{{"AWS_MAX_ATTEMPTS", "0"}}, "AWS_MAX_ATTEMPTS"},
      {{{"AWS_MAX_ATTEMPTS", "three"}}, "AWS_MAX_ATTEMPTS"},
      {{{"AWS_MAX_ATTEMPTS", "3x"}}, "AWS_MAX_ATTEMPTS"},
      {{{"AWS_MAX_ATTEMPTS", "-2"}}, "AWS_MAX_ATTEMPTS"},
      {{{"AWS_RETRY_MODE", "fast"}}, "AWS_RETRY_MODE"},
  };
  for (const auto& [variables, setting] : cases) {
    Result<RetryConfig> config = ResolveRetryConfig({}, MapEnvironment(variables));
    ASSERT_FALSE(config.ok()) << setting;
    EXPECT_EQ(config.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(config.status().message(), HasSubstr(setting));
  }
  ConfiguredRetrySettings profile{std::nullopt, "many"};
  EXPECT_THAT(ResolveRetryConfig(profile, MapEnvironment()).status().message(),
              HasSubstr("max_attempts in the profile"));
}

TEST(RetryClassTest, ClassifiesAsTheSdksDo) {
  struct Case {
    AttemptOutcome outcome;
    std::string service;
    RetryClass expected;
  };
  AttemptOutcome modeled_throttle = Response(400, "CustomSlowDown");
  modeled_throttle.modeled = ModeledRetry::kThrottling;
  AttemptOutcome modeled_transient = Response(400, "CustomBusy");
  modeled_transient.modeled = ModeledRetry::kTransient;
  AttemptOutcome checksum = Response(200);
  checksum.checksum_mismatch = true;
  const Case cases[] = {
      {Response(200), "ec2", RetryClass::kNotRetryable},
      {Response(204), "s3", RetryClass::kNotRetryable},
      {Response(400, "Throttling"), "iam", RetryClass::kThrottling},
      {Response(400, "ThrottlingException"), "organizations", RetryClass::kThrottling},
      {Response(503, "RequestLimitExceeded"), "ec2", RetryClass::kThrottling},
      {Response(503, "SlowDown"), "s3", RetryClass::kThrottling},
      {Response(400, "PriorRequestNotComplete"), "route53", RetryClass::kThrottling},
      {Response(400, "ProvisionedThroughputExceededException"), "dynamodb",
       RetryClass::kThrottling},
      {Response(429, "TooManyRequestsException"), "secretsmanager", RetryClass::kThrottling},
      {modeled_throttle, "ec2", RetryClass::kThrottling},
      {Response(500), "ec2", RetryClass::kTransient},
      {Response(502), "ec2", RetryClass::kTransient},
      {Response(503), "ec2", RetryClass::kTransient},
      {Response(504), "ec2", RetryClass::kTransient},
      {Response(500, "InternalError"), "s3", RetryClass::kTransient},
      {Response(400, "RequestTimeout"), "s3", RetryClass::kTransient},
      {Response(408, "RequestTimeoutException"), "sns", RetryClass::kTransient},
      {modeled_transient, "ec2", RetryClass::kTransient},
      {checksum, "dynamodb", RetryClass::kTransient},
      {Response(400, "IDPCommunicationError"), "sts", RetryClass::kTransient},
      {Response(400, "IDPCommunicationError"), "iam", RetryClass::kNotRetryable},
      {TransportFailure(UnavailableError("connection refused")), "ec2", RetryClass::kTransient},
      {TransportFailure(DeadlineExceededError("read timeout")), "ec2", RetryClass::kTransient},
      {TransportFailure(InvalidArgumentError("malformed URL")), "ec2", RetryClass::kNotRetryable},
      {Response(400, "InvalidParameterValue"), "ec2", RetryClass::kNotRetryable},
      {Response(403, "AccessDenied"), "s3", RetryClass::kNotRetryable},
      {Response(404, "NoSuchBucket"), "s3", RetryClass::kNotRetryable},
      {Response(409, "BucketAlreadyOwnedByYou"), "s3", RetryClass::kNotRetryable},
      {Response(429), "s3", RetryClass::kNotRetryable},  // a status alone is not throttling
      {Response(501), "s3", RetryClass::kNotRetryable},
  };
  for (const Case& test : cases) {
    EXPECT_EQ(ClassifyAttempt(test.outcome, test.service), test.expected)
        << test.outcome.http_status << " " << test.outcome.error_code << " "
        << test.outcome.transport_error.ToString();
  }
}

TEST(BackoffTest, FullJitterOverCappedExponential) {
  EXPECT_EQ(BackoffDelay(1, 0.5), milliseconds(500));
  EXPECT_EQ(BackoffDelay(2, 0.5), milliseconds(1000));
  EXPECT_EQ(BackoffDelay(3, 0.5), milliseconds(2000));
  EXPECT_EQ(BackoffDelay(5, 0.5), milliseconds(8000));
  EXPECT_EQ(BackoffDelay(6, 0.5), milliseconds(10000));  // 32 s capped at 20 s
  EXPECT_EQ(BackoffDelay(1000, 0.25), milliseconds(5000));
  EXPECT_EQ(BackoffDelay(4, 0.0), milliseconds(0));
  EXPECT_LT(BackoffDelay(9, 0.999999), std::chrono::seconds(20));
}

TEST(RetryQuotaTest, NeverOverdrawnNorOverfilled) {
  RetryQuota quota(12);
  EXPECT_TRUE(quota.TryAcquire(5));
  EXPECT_TRUE(quota.TryAcquire(5));
  EXPECT_FALSE(quota.TryAcquire(5));
  EXPECT_EQ(quota.available(), 2);
  quota.Release(100);
  EXPECT_EQ(quota.available(), 12);
}

struct RetrierTest : ::testing::Test {
  RecordingClock clock;
  RetryQuota quota;
  FakeRandomSource random{{0.5, 0.25, 1.0 / 3, 0.75, 0.5}};
  Retrier MakeRetrier(int max_attempts = 3, RateLimiter* limiter = nullptr) {
    return Retrier({RetryMode::kStandard, max_attempts}, "ec2", &quota, &clock, &random, limiter);
  }
};

TEST_F(RetrierTest, RetriesTransientAndThrottlingThenSucceeds) {
  Script script({Response(503), Response(400, "RequestLimitExceeded"), Response(200)});
  RetryReport report = MakeRetrier().Run(std::ref(script));
  EXPECT_EQ(report.stop, RetryReport::Stop::kSucceeded);
  EXPECT_EQ(report.attempts, 3);
  EXPECT_THAT(script.attempts_seen, ElementsAre(1, 2, 3));
  // 0.5 * 2^0 s, then 0.25 * 2^1 s.
  EXPECT_THAT(clock.sleeps(), ElementsAre(milliseconds(500), milliseconds(500)));
  EXPECT_EQ(report.total_backoff, milliseconds(1000));
  // Two retries took 5 each; the success gave back the last retry's 5.
  EXPECT_EQ(quota.available(), 495);
}

TEST_F(RetrierTest, StopsAtMaxAttempts) {
  Script script({Response(500), Response(500), Response(500), Response(200)});
  RetryReport report = MakeRetrier().Run(std::ref(script));
  EXPECT_EQ(report.stop, RetryReport::Stop::kMaxAttempts);
  EXPECT_EQ(report.attempts, 3);
  EXPECT_EQ(clock.sleeps().size(), 2u);
  EXPECT_EQ(quota.available(), 490);  // failures refund nothing
}

TEST_F(RetrierTest, OneAttemptMeansNoRetry) {
  Script script({Response(503)});
  RetryReport report = MakeRetrier(1).Run(std::ref(script));
  EXPECT_EQ(report.stop, RetryReport::Stop::kMaxAttempts);
  EXPECT_EQ(report.attempts, 1);
  EXPECT_TRUE(clock.sleeps().empty());
  EXPECT_EQ(quota.available(), 500);
}

TEST_F(RetrierTest, ClientErrorsAreNotRetried) {
  Script script({Response(400, "InvalidGroup.Duplicate")});
  RetryReport report = MakeRetrier().Run(std::ref(script));
  EXPECT_EQ(report.stop, RetryReport::Stop::kNotRetryable);
  EXPECT_EQ(report.attempts, 1);
  EXPECT_TRUE(clock.sleeps().empty());
}

TEST_F(RetrierTest, BackoffGrowsWithAttempts) {
  Script script(
      {Response(500), Response(500), Response(500), Response(500), Response(500), Response(200)});
  RetryReport report = MakeRetrier(6).Run(std::ref(script));
  EXPECT_EQ(report.stop, RetryReport::Stop::kSucceeded);
  // random * 2^(n-1): 0.5*1, 0.25*2, (1/3)*4, 0.75*8, 0.5*16 seconds.
  EXPECT_THAT(clock.sleeps(), ElementsAre(milliseconds(500), milliseconds(500), milliseconds(1333),
                                          milliseconds(6000), milliseconds(8000)));
}

TEST_F(RetrierTest, TimeoutsCostMoreAndAreRefundedOnSuccess) {
  Script script({TransportFailure(DeadlineExceededError("read timeout")), Response(200)});
  Retrier retrier = MakeRetrier();
  RetryReport report = retrier.Run(std::ref(script));
  EXPECT_EQ(report.stop, RetryReport::Stop::kSucceeded);
  EXPECT_EQ(quota.available(), 500);  // took 10, gave back 10

  // A success without retries gives back one token.
  ASSERT_TRUE(quota.TryAcquire(10));
  Script success({Response(200)});
  retrier.Run(std::ref(success));
  EXPECT_EQ(quota.available(), 491);
}

TEST_F(RetrierTest, EmptyQuotaFailsFast) {
  RetryQuota small(12);
  Retrier retrier({RetryMode::kStandard, 10}, "ec2", &small, &clock, &random);
  Script script({Response(503), Response(503), Response(503), Response(200)});
  RetryReport report = retrier.Run(std::ref(script));
  EXPECT_EQ(report.stop, RetryReport::Stop::kQuotaExhausted);
  EXPECT_EQ(report.attempts, 3);
  EXPECT_EQ(clock.sleeps().size(), 2u);
  EXPECT_EQ(small.available(), 2);
}

TEST_F(RetrierTest, QuotaIsSharedByConcurrentCalls) {
  RetryQuota shared(100);
  FakeClock plain_clock;
  Retrier retrier({RetryMode::kStandard, 3}, "ec2", &shared, &plain_clock, &random);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        retrier.Run([](int) { return Response(503); });
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  // 80 failing calls wanted 160 retries of 5 tokens: only 20 could be paid for.
  EXPECT_EQ(shared.available(), 0);
}

TEST_F(RetrierTest, AdaptiveModeSlowsDownAfterThrottling) {
  RateLimiter limiter(clock, {/*adaptive=*/true, /*fixed_requests_per_second=*/0});
  Retrier retrier({RetryMode::kAdaptive, 3}, "ec2", &quota, &clock, &random, &limiter);
  Script script({Response(400, "Throttling"), Response(200)});
  RetryReport report = retrier.Run(std::ref(script));
  EXPECT_EQ(report.stop, RetryReport::Stop::kSucceeded);
  EXPECT_TRUE(limiter.adaptive_engaged());
  // The backoff (0.5 s), then the wait for a token of the throttled bucket: it fills at the
  // 0.5/s minimum from the throttle on, so a token takes 2 s, of which the backoff spent 0.5.
  EXPECT_THAT(clock.sleeps(), ElementsAre(milliseconds(500), milliseconds(1500)));
}

}  // namespace
}  // namespace vueops::client
