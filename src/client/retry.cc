#include "client/retry.h"

#include <strings.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

#include "client/rate_limiter.h"

namespace vueops::client {
namespace {

// botocore retries/standard.py, ThrottledRetryableChecker._THROTTLED_ERROR_CODES.
constexpr std::string_view kThrottlingErrorCodes[] = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
};

// botocore retries/standard.py, TransientRetryableChecker._TRANSIENT_ERROR_CODES.
constexpr std::string_view kTransientErrorCodes[] = {
    "RequestTimeout",
    "RequestTimeoutException",
    "PriorRequestNotComplete",
};

// botocore TransientRetryableChecker._TRANSIENT_STATUS_CODES.
constexpr int kTransientStatusCodes[] = {500, 502, 503, 504};

bool Contains(const auto& list, const auto& value) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

Result<int> ParseMaxAttempts(std::string_view text, std::string_view setting) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1) {
    return InvalidArgumentError(std::string(setting) +
                                " must be a whole number greater than 0, "
                                "not '" +
                                std::string(text) + "'");
  }
  return value;
}

Result<RetryMode> ParseRetryMode(std::string_view text, std::string_view setting) {
  auto is = [&](std::string_view name) {
    return text.size() == name.size() && ::strncasecmp(text.data(), name.data(), name.size()) == 0;
  };
  if (is("standard") || is("legacy")) return RetryMode::kStandard;
  if (is("adaptive")) return RetryMode::kAdaptive;
  return InvalidArgumentError(std::string(setting) +
                              " must be standard, adaptive or legacy, not '" + std::string(text) +
                              "'");
}

}  // namespace

Result<RetryConfig> ResolveRetryConfig(const ConfiguredRetrySettings& config,
                                       const Environment& environment) {
  RetryConfig result;
  if (std::optional<std::string> mode = environment.Get("AWS_RETRY_MODE"); mode && !mode->empty()) {
    ASSIGN_OR_RETURN(result.mode, ParseRetryMode(*mode, "AWS_RETRY_MODE"));
  } else if (config.retry_mode && !config.retry_mode->empty()) {
    ASSIGN_OR_RETURN(result.mode, ParseRetryMode(*config.retry_mode, "retry_mode in the profile"));
  }
  if (std::optional<std::string> attempts = environment.Get("AWS_MAX_ATTEMPTS");
      attempts && !attempts->empty()) {
    ASSIGN_OR_RETURN(result.max_attempts, ParseMaxAttempts(*attempts, "AWS_MAX_ATTEMPTS"));
  } else if (config.max_attempts && !config.max_attempts->empty()) {
    ASSIGN_OR_RETURN(result.max_attempts,
                     ParseMaxAttempts(*config.max_attempts, "max_attempts in the profile"));
  }
  return result;
}

bool IsThrottlingErrorCode(std::string_view code) { return Contains(kThrottlingErrorCodes, code); }

bool IsTransientErrorCode(std::string_view code) { return Contains(kTransientErrorCodes, code); }

RetryClass ClassifyAttempt(const AttemptOutcome& outcome, std::string_view signing_name) {
  if (outcome.succeeded()) return RetryClass::kNotRetryable;
  if (IsThrottlingErrorCode(outcome.error_code) || outcome.modeled == ModeledRetry::kThrottling) {
    return RetryClass::kThrottling;
  }
  if (!outcome.transport_error.ok()) {
    // Connection failures and timeouts (botocore: ConnectionError, HTTPClientError). Other
    // transport failures (a malformed URL, memory) would fail the same way again.
    StatusCode code = outcome.transport_error.code();
    return code == StatusCode::kUnavailable || code == StatusCode::kDeadlineExceeded
               ? RetryClass::kTransient
               : RetryClass::kNotRetryable;
  }
  if (IsTransientErrorCode(outcome.error_code) ||
      Contains(kTransientStatusCodes, outcome.http_status) ||
      outcome.modeled == ModeledRetry::kTransient || outcome.checksum_mismatch) {
    return RetryClass::kTransient;
  }
  // botocore retries/special.py: STS's web identity federation fails this way transiently.
  if (signing_name == "sts" && outcome.error_code == "IDPCommunicationError") {
    return RetryClass::kTransient;
  }
  return RetryClass::kNotRetryable;
}

Clock::Duration BackoffDelay(int attempts_made, double random) {
  double exponential = std::ldexp(1.0, std::clamp(attempts_made - 1, 0, 62));
  double seconds = random * std::min(exponential, kMaxBackoffSeconds);
  return std::chrono::duration_cast<Clock::Duration>(std::chrono::duration<double>(seconds));
}

bool RetryQuota::TryAcquire(int amount) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (amount > available_) return false;
  available_ -= amount;
  return true;
}

void RetryQuota::Release(int amount) {
  std::lock_guard<std::mutex> lock(mutex_);
  available_ = std::min(capacity_, available_ + amount);
}

int RetryQuota::available() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return available_;
}

Retrier::Retrier(RetryConfig config, std::string signing_name, RetryQuota* quota, Clock* clock,
                 RandomSource* random, RateLimiter* limiter)
    : config_(config),
      signing_name_(std::move(signing_name)),
      quota_(quota),
      clock_(clock),
      random_(random),
      limiter_(limiter) {}

RetryReport Retrier::Run(const std::function<AttemptOutcome(int attempt)>& attempt) {
  RetryReport report;
  int last_retry_cost = 0;  // what the latest retry took from the quota; 0 when none
  while (true) {
    if (limiter_ != nullptr) limiter_->BeforeSend();
    ++report.attempts;
    AttemptOutcome outcome = attempt(report.attempts);
    RetryClass retry_class = ClassifyAttempt(outcome, signing_name_);
    if (limiter_ != nullptr) limiter_->AfterResponse(retry_class == RetryClass::kThrottling);

    if (outcome.succeeded()) {
      // A success refills the quota: what the call's last retry cost, or a small increment.
      quota_->Release(last_retry_cost > 0 ? last_retry_cost : kNoRetryIncrement);
      report.stop = RetryReport::Stop::kSucceeded;
      return report;
    }
    if (retry_class == RetryClass::kNotRetryable) {
      report.stop = RetryReport::Stop::kNotRetryable;
      return report;
    }
    if (report.attempts >= config_.max_attempts) {
      report.stop = RetryReport::Stop::kMaxAttempts;
      return report;
    }
    int cost = outcome.transport_error.code() == StatusCode::kDeadlineExceeded ? kTimeoutRetryCost
                                                                               : kRetryCost;
    if (!quota_->TryAcquire(cost)) {
      report.stop = RetryReport::Stop::kQuotaExhausted;
      return report;
    }
    last_retry_cost = cost;
    Clock::Duration delay = BackoffDelay(report.attempts, random_->NextUniform());
    report.total_backoff += delay;
    clock_->SleepFor(delay);
  }
}

}  // namespace vueops::client
