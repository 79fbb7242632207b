#include "client/rate_limiter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

namespace vueops::client {
namespace {

using std::chrono::duration;
using std::chrono::milliseconds;

// Moves a fake clock to `seconds` since its monotonic start.
void SetTime(FakeClock& clock, double seconds) {
  Clock::Duration target = std::chrono::duration_cast<Clock::Duration>(duration<double>(seconds));
  clock.Advance(target - clock.Monotonic());
}

double SecondsSlept(FakeClock& clock) { return duration<double>(clock.total_slept()).count(); }

TEST(CubicCalculatorTest, MatchesBotocore) {
  // Values printed by botocore 1.43's CubicCalculator for the same inputs.
  CubicCalculator cubic(10, 0);
  EXPECT_DOUBLE_EQ(cubic.ErrorReceived(10, 1), 7.0);
  const std::pair<double, double> curve[] = {
      {1, 7.0},
      {1.5, 8.76169815100533},
      {2, 9.64893600966},
      {2.5, 9.961713575964012},
      {3, 10.000030849917364},
      {3.5, 10.063887831520058},
      {4, 10.453284520772092},
      {5, 13.408697022224185},
      {6, 21.26626835427364},
  };
  for (const auto& [time, rate] : curve) {
    EXPECT_NEAR(cubic.SuccessReceived(time), rate, 1e-9) << "t=" << time;
  }
}

TEST(TokenBucketTest, WaitsForTokensAtItsFillRate) {
  FakeClock clock;
  TokenBucket bucket(clock, 1.0);
  EXPECT_EQ(bucket.max_rate(), 1.0);
  EXPECT_EQ(bucket.max_capacity(), 1.0);
  EXPECT_FALSE(bucket.TryAcquire());  // it starts empty
  bucket.Acquire();
  EXPECT_DOUBLE_EQ(SecondsSlept(clock), 1.0);

  bucket.SetMaxRate(4.0);
  clock.Advance(std::chrono::seconds(2));  // would be 8 tokens; the capacity holds 4
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(bucket.TryAcquire()) << i;
  EXPECT_FALSE(bucket.TryAcquire());
  bucket.Acquire();
  EXPECT_DOUBLE_EQ(SecondsSlept(clock), 1.25);
}

TEST(TokenBucketTest, RateChangesKeepTokensEarnedAndClampCapacity) {
  FakeClock clock;
  TokenBucket bucket(clock, 2.0);
  clock.Advance(milliseconds(500));  // one token at 2/s
  bucket.SetMaxRate(10.0);           // counted at the old rate: still one token
  EXPECT_DOUBLE_EQ(bucket.available(), 1.0);
  clock.Advance(std::chrono::seconds(1));
  bucket.SetMaxRate(0.1);  // the capacity drops to one token, the rate to the 0.5 minimum
  EXPECT_DOUBLE_EQ(bucket.available(), 1.0);
  EXPECT_DOUBLE_EQ(bucket.max_rate(), kMinFillRate);
  EXPECT_DOUBLE_EQ(bucket.max_capacity(), 1.0);
}

TEST(RateClockTest, SmoothsPerHalfSecond) {
  FakeClock clock;
  RateClock rate(clock);
  EXPECT_DOUBLE_EQ(rate.Record(), 0.0);
  SetTime(clock, 0.2);
  EXPECT_DOUBLE_EQ(rate.Record(), 0.0);
  SetTime(clock, 0.6);
  // Three sends in the half second [0, 0.5): 6/s, smoothed with 0.8.
  EXPECT_DOUBLE_EQ(rate.Record(), 4.8);
}

TEST(RateLimiterTest, AdaptiveRatesMatchBotocore) {
  // botocore 1.43's ClientRateLimiter fed the same responses at the same times printed the
  // measured rate, the bucket's fill rate and whether it was engaged after each one.
  struct Step {
    double time;
    bool throttled;
    double measured;
    double fill_rate;
    bool engaged;
  };
  const Step steps[] = {
      {0.0, false, 0, 0.5, false},
      {0.2, false, 0, 0.5, false},
      {0.6, false, 4.800000000000001, 0.5, false},
      {1.0, false, 2.56, 0.5, false},
      {1.1, false, 2.56, 0.5324000000000002, false},
      {1.6, true, 3.712, 2.5984, true},
      {2.1, false, 2.3424, 3.413770004236423, true},
      {2.6, false, 2.06848, 3.6850780497531264, true},
      {3.1, true, 2.013696, 1.4095871999999998, true},
      {3.6, false, 2.0027392, 1.9051985109574785, true},
      {4.2, false, 2.00054784, 2.0136536132580765, true},
      {5.0, false, 1.2001095679999998, 2.184260587007084, true},
  };
  FakeClock clock;
  RateLimiter limiter(clock, {/*adaptive=*/true, /*fixed_requests_per_second=*/0});
  for (const Step& step : steps) {
    SetTime(clock, step.time);
    limiter.AfterResponse(step.throttled);
    EXPECT_NEAR(limiter.adaptive_rate(), step.fill_rate, 1e-9) << "t=" << step.time;
    EXPECT_EQ(limiter.adaptive_engaged(), step.engaged) << "t=" << step.time;
  }
}

TEST(RateLimiterTest, AdaptiveBucketOnlyAppliesOnceThrottled) {
  FakeClock clock;
  RateLimiter limiter(clock, {/*adaptive=*/true, /*fixed_requests_per_second=*/0});
  for (int i = 0; i < 100; ++i) {
    limiter.BeforeSend();
    limiter.AfterResponse(false);
  }
  EXPECT_EQ(clock.total_slept(), Clock::Duration(0));
  limiter.AfterResponse(true);
  limiter.BeforeSend();
  EXPECT_GT(clock.total_slept(), Clock::Duration(0));
}

TEST(RateLimiterTest, StandardModeWithoutCapNeverWaits) {
  FakeClock clock;
  RateLimiter limiter(clock, {/*adaptive=*/false, /*fixed_requests_per_second=*/0});
  for (int i = 0; i < 10; ++i) {
    limiter.BeforeSend();
    limiter.AfterResponse(true);
  }
  EXPECT_EQ(clock.total_slept(), Clock::Duration(0));
  EXPECT_FALSE(limiter.adaptive_engaged());
}

TEST(FixedRateGateTest, SpacesRequests) {
  FakeClock clock;
  FixedRateGate gate(clock, kRoute53RequestsPerSecond);
  for (int i = 0; i < 10; ++i) gate.Acquire();
  // The first goes at once, each next one 200 ms later.
  EXPECT_EQ(clock.total_slept(), milliseconds(1800));
  clock.Advance(std::chrono::seconds(5));
  gate.Acquire();  // idle for long: no wait, and no burst saved up either
  EXPECT_EQ(clock.total_slept(), milliseconds(1800));
  gate.Acquire();
  EXPECT_EQ(clock.total_slept(), milliseconds(2000));
}

TEST(FixedRateGateTest, QueuesConcurrentCallers) {
  FakeClock clock;
  FixedRateGate gate(clock, 10.0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) gate.Acquire();
    });
  }
  for (std::thread& thread : threads) thread.join();
  // 20 reservations 100 ms apart: the last one is at least 1.9 s after the first.
  EXPECT_GE(clock.Monotonic(), milliseconds(1900));
}

TEST(RateLimiterRegistryTest, OneLimiterPerServiceAccountAndRegion) {
  FakeClock clock;
  RateLimiterRegistry registry(clock, /*adaptive=*/true);
  registry.SetFixedRate("route53", kRoute53RequestsPerSecond);
  RateLimiter& route53 = registry.For("route53", "111111111111", "us-east-1");
  EXPECT_EQ(&route53, &registry.For("route53", "111111111111", "us-east-1"));
  EXPECT_NE(&route53, &registry.For("route53", "222222222222", "us-east-1"));
  EXPECT_NE(&route53, &registry.For("route53", "111111111111", "eu-west-1"));
  EXPECT_EQ(route53.config().fixed_requests_per_second, 5.0);
  EXPECT_TRUE(route53.config().adaptive);
  EXPECT_EQ(registry.For("ec2", "111111111111", "us-east-1").config().fixed_requests_per_second,
            0.0);

  for (int i = 0; i < 6; ++i) route53.BeforeSend();
  EXPECT_EQ(clock.total_slept(), milliseconds(1000));
  // Another account's Route 53 calls have their own allowance.
  registry.For("route53", "222222222222", "us-east-1").BeforeSend();
  EXPECT_EQ(clock.total_slept(), milliseconds(1000));
  // Throttling of one service leaves the others alone.
  RateLimiter& ec2 = registry.For("ec2", "111111111111", "us-east-1");
  ec2.AfterResponse(true);
  EXPECT_TRUE(ec2.adaptive_engaged());
  EXPECT_FALSE(registry.For("iam", "111111111111", "us-east-1").adaptive_engaged());
}

}  // namespace
}  // namespace vueops::client
