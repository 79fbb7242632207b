// The AWS SDKs' "standard" retry mode: which outcomes are retried, how long to wait between
// attempts, and the retry quota that stops retry storms when a service is down.
//
// Sources: AWS SDKs and Tools Reference Guide, "Retry behavior" (the pseudocode of
// MakeSDKRequest, RetryQuota and ExponentialBackoff, and its constants), and botocore
// retries/standard.py and retries/quota.py (the error code lists), in the behaviour the SDKs
// ship by default (botocore's standard mode "2.0"; the opt-in AWS_NEW_RETRIES_2026 behaviour is
// not implemented).
#ifndef VUEOPS_CLIENT_RETRY_H_
#define VUEOPS_CLIENT_RETRY_H_

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/environment.h"
#include "base/status.h"
#include "client/random_source.h"

namespace vueops::client {

class RateLimiter;

// "Retry behavior": max_attempts defaults to 3 in standard and adaptive modes.
inline constexpr int kDefaultMaxAttempts = 3;
// "Retry behavior", ExponentialBackoff: MAX_BACKOFF = 20 seconds, base r = 2.
inline constexpr double kMaxBackoffSeconds = 20.0;
// "Retry behavior", retry quota: INITIAL_RETRY_TOKENS = 500, RETRY_COST = 5,
// TIMEOUT_RETRY_COST = 10, NO_RETRY_INCREMENT = 1.
inline constexpr int kInitialRetryTokens = 500;
inline constexpr int kRetryCost = 5;
inline constexpr int kTimeoutRetryCost = 10;
inline constexpr int kNoRetryIncrement = 1;

enum class RetryMode {
  kStandard,
  kAdaptive,  // standard plus the client-side rate limiter of rate_limiter.h
};

struct RetryConfig {
  RetryMode mode = RetryMode::kStandard;
  int max_attempts = kDefaultMaxAttempts;  // attempts, not retries: 1 means never retry
};

// retry_mode and max_attempts of the active profile in the shared config file, as written
// there, never from the environment (ConfiguredRetrySettingsFor in configured_settings.h).
struct ConfiguredRetrySettings {
  std::optional<std::string> retry_mode;
  std::optional<std::string> max_attempts;
};

// AWS_RETRY_MODE and AWS_MAX_ATTEMPTS, else the profile's retry_mode and max_attempts, else
// standard mode with 3 attempts. "legacy" selects standard: vueops has no legacy behaviour of
// its own. Fails with kInvalidArgument, naming the setting, for another mode or for a
// max_attempts that is not a whole number greater than 0.
Result<RetryConfig> ResolveRetryConfig(const ConfiguredRetrySettings& config,
                                       const Environment& environment);

// The "retryable" trait the service model gives an error shape.
enum class ModeledRetry { kNone, kTransient, kThrottling };

// One attempt's outcome, as the retry policy sees it.
struct AttemptOutcome {
  // Not OK when no HTTP response arrived: the transport's kUnavailable / kDeadlineExceeded.
  Status transport_error;
  int http_status = 0;
  // The AWS error code parsed from an error response ("Throttling", "SlowDown"); empty when
  // the response is not an error or carries no code.
  std::string error_code;
  // How the operation's model marks the error shape whose code matched, if one did.
  ModeledRetry modeled = ModeledRetry::kNone;
  // The response failed its integrity check (DynamoDB's x-amz-crc32), which the SDKs retry.
  bool checksum_mismatch = false;

  bool succeeded() const {
    return transport_error.ok() && http_status >= 200 && http_status < 300 && error_code.empty() &&
           !checksum_mismatch;
  }
};

enum class RetryClass { kNotRetryable, kTransient, kThrottling };

// botocore ThrottledRetryableChecker: error codes that mean "slow down".
bool IsThrottlingErrorCode(std::string_view code);
// botocore TransientRetryableChecker: error codes of transient failures.
bool IsTransientErrorCode(std::string_view code);

// Sorts an outcome: throttling (by code or model), transient (connection errors and timeouts,
// HTTP 500/502/503/504, transient codes, modeled transient errors, checksum mismatches, and
// STS's IDPCommunicationError), or not retryable (success included). `signing_name` is the
// service's ("sts", "s3").
RetryClass ClassifyAttempt(const AttemptOutcome& outcome, std::string_view signing_name);

// The delay before the next attempt after `attempts_made` (>= 1) attempts failed: full
// jitter over a capped exponential, random * min(2^(attempts_made - 1), 20) seconds, where
// `random` is in [0, 1).
Clock::Duration BackoffDelay(int attempts_made, double random);

// The retry quota: a token bucket shared by the calls of one client (one service endpoint,
// one set of credentials). A retry takes kRetryCost tokens (kTimeoutRetryCost after a
// timeout); a success gives back what its call took, or kNoRetryIncrement if it took nothing.
// When the bucket cannot pay for a retry, the failure is returned at once. Thread-safe.
class RetryQuota {
 public:
  explicit RetryQuota(int capacity = kInitialRetryTokens)
      : capacity_(capacity), available_(capacity) {}

  // Takes `amount` tokens if there are that many; false (taking nothing) otherwise.
  bool TryAcquire(int amount);
  // Gives back up to `amount` tokens, never beyond the capacity.
  void Release(int amount);
  int available() const;

 private:
  mutable std::mutex mutex_;
  const int capacity_;
  int available_;
};

struct RetryReport {
  enum class Stop {
    kSucceeded,
    kNotRetryable,    // the outcome is final: a client error, or a success
    kMaxAttempts,     // still retryable, but max_attempts were made
    kQuotaExhausted,  // still retryable, but the retry quota is empty
  };
  Stop stop = Stop::kSucceeded;
  int attempts = 0;
  Clock::Duration total_backoff{0};
};

// Runs one call's attempts under the standard (or adaptive) retry mode. Thread-safe: one
// Retrier serves every call of a client, since the quota and limiter it holds are shared.
class Retrier {
 public:
  // `quota`, `clock`, `random` and `limiter` must outlive the Retrier; `limiter` may be null
  // (no client-side rate limiting).
  Retrier(RetryConfig config, std::string signing_name, RetryQuota* quota, Clock* clock,
          RandomSource* random, RateLimiter* limiter = nullptr);

  // Calls `attempt` (with the 1-based attempt number) until an outcome is not retryable, the
  // configured attempts are spent, or the quota cannot pay for a retry, sleeping the backoff
  // on the clock between attempts. With a limiter, each attempt first waits for a send token
  // and each outcome is reported to it. The caller keeps the last attempt's response: it is
  // the call's result.
  RetryReport Run(const std::function<AttemptOutcome(int attempt)>& attempt);

  const RetryConfig& config() const { return config_; }

 private:
  RetryConfig config_;
  std::string signing_name_;
  RetryQuota* quota_;
  Clock* clock_;
  RandomSource* random_;
  RateLimiter* limiter_;
};

}  // namespace vueops::client

#endif  // VUEOPS_CLIENT_RETRY_H_
