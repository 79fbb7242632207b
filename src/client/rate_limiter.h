// Client-side rate limiting: the AWS SDKs' "adaptive" retry mode (a token bucket whose rate
// follows CUBIC, cut on every throttling response and regrown after), and fixed per-service
// caps such as Route 53's five requests per second per account.
//
// Sources: AWS SDKs and Tools Reference Guide, "Retry behavior" (adaptive mode); botocore
// retries/bucket.py (TokenBucket), retries/throttling.py (CubicCalculator) and
// retries/adaptive.py (ClientRateLimiter, RateClocker), whose constants and arithmetic this
// follows so that the same sequence of responses yields the same send rates.
#ifndef VUEOPS_CLIENT_RATE_LIMITER_H_
#define VUEOPS_CLIENT_RATE_LIMITER_H_

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "base/clock.h"

namespace vueops::client {

// botocore bucket.py: the fill rate never drops below half a token per second.
inline constexpr double kMinFillRate = 0.5;
// botocore throttling.py: CUBIC's scale constant C and multiplicative decrease beta.
inline constexpr double kCubicScaleConstant = 0.4;
inline constexpr double kCubicBeta = 0.7;
// botocore adaptive.py: the new rate is at most twice the measured one.
inline constexpr double kMaxRateAdjustScale = 2.0;
// botocore adaptive.py RateClocker: exponential smoothing of the measured send rate, updated
// per half-second bucket.
inline constexpr double kRateSmoothing = 0.8;
inline constexpr double kRateTimeBucketSeconds = 0.5;
// Route 53 API quotas: five requests per second per AWS account.
inline constexpr double kRoute53RequestsPerSecond = 5.0;

// A token bucket whose fill rate can change (botocore TokenBucket). It starts empty; its
// capacity is the fill rate (at least one token). Thread-safe.
class TokenBucket {
 public:
  // `clock` must outlive the bucket.
  TokenBucket(Clock& clock, double max_rate, double min_rate = kMinFillRate);

  // Takes `amount` tokens, first sleeping on the clock until the bucket holds them.
  void Acquire(double amount = 1.0);
  // Takes `amount` tokens if the bucket holds them now.
  bool TryAcquire(double amount = 1.0);

  // Changes the fill rate (bounded below by the minimum rate). Tokens gathered so far are
  // counted at the old rate first; the capacity follows the new rate.
  void SetMaxRate(double rate);
  double max_rate() const;
  double max_capacity() const;
  double available() const;

 private:
  void RefillLocked();

  Clock& clock_;
  const double min_rate_;
  mutable std::mutex mutex_;
  double fill_rate_ = 0;
  double max_capacity_ = 1;
  double current_capacity_ = 0;
  std::optional<double> last_timestamp_;  // seconds; unset until the first refill
};

// CUBIC's rate curve (botocore CubicCalculator), in requests per second over seconds.
// Not thread-safe: RateLimiter serialises its use.
class CubicCalculator {
 public:
  CubicCalculator(double starting_max_rate, double start_time);
  // The rate CUBIC allows at `timestamp` after the last throttle.
  double SuccessReceived(double timestamp) const;
  // Records a throttle while sending at `current_rate`; returns the cut rate.
  double ErrorReceived(double current_rate, double timestamp);

 private:
  void ComputeZeroPoint();

  double w_max_;
  double k_ = 0;
  double last_fail_;
};

// The smoothed rate at which requests are sent (botocore RateClocker). Thread-safe.
class RateClock {
 public:
  explicit RateClock(Clock& clock);
  // Counts `amount` sends now and returns the measured rate.
  double Record(double amount = 1.0);
  double measured_rate() const;

 private:
  Clock& clock_;
  mutable std::mutex mutex_;
  double measured_rate_ = 0;
  double last_bucket_;
  double count_ = 0;
};

// Spaces requests at least 1/rate seconds apart, in the order they ask. Thread-safe.
class FixedRateGate {
 public:
  FixedRateGate(Clock& clock, double requests_per_second);
  void Acquire();
  double rate() const { return rate_; }

 private:
  Clock& clock_;
  const double rate_;
  std::mutex mutex_;
  std::optional<Clock::Duration> next_free_;
};

// One client's limiter: an optional fixed cap, plus the adaptive mode's token bucket, which
// stays out of the way until the first throttling response. Thread-safe.
class RateLimiter {
 public:
  struct Config {
    bool adaptive = false;                 // AWS_RETRY_MODE=adaptive
    double fixed_requests_per_second = 0;  // 0: no fixed cap
  };

  RateLimiter(Clock& clock, Config config);

  // Before each attempt: waits for the fixed cap and, once throttled in adaptive mode, for a
  // token of the adaptive bucket.
  void BeforeSend();
  // After each attempt, with whether it was throttled: adapts the send rate.
  void AfterResponse(bool throttled);

  // The adaptive bucket's fill rate (requests per second), and whether it is in force.
  double adaptive_rate() const;
  bool adaptive_engaged() const;
  const Config& config() const { return config_; }

 private:
  Clock& clock_;
  const Config config_;
  std::unique_ptr<FixedRateGate> fixed_;
  mutable std::mutex mutex_;  // serialises the CUBIC state across responses
  CubicCalculator cubic_;
  TokenBucket bucket_;
  RateClock rate_clock_;
  bool engaged_ = false;  // guarded by mutex_
};

// One limiter per (service, account, region), created on first use, so that throttling of
// one service in one account slows only that stream of calls. Thread-safe; limiters live as
// long as the registry.
class RateLimiterRegistry {
 public:
  // `clock` must outlive the registry.
  RateLimiterRegistry(Clock& clock, bool adaptive);

  // Caps `service` (its endpoint prefix, e.g. "route53") in every account and region from now
  // on; limiters created before keep their settings.
  void SetFixedRate(std::string service, double requests_per_second);

  RateLimiter& For(std::string_view service, std::string_view account, std::string_view region);

 private:
  Clock& clock_;
  const bool adaptive_;
  std::mutex mutex_;
  std::map<std::string, double, std::less<>> fixed_rates_;
  std::map<std::tuple<std::string, std::string, std::string>, std::unique_ptr<RateLimiter>>
      limiters_;
};

}  // namespace vueops::client

#endif  // VUEOPS_CLIENT_RATE_LIMITER_H_
