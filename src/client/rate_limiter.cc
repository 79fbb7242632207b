#include "client/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace vueops::client {
namespace {

double Seconds(Clock& clock) { return std::chrono::duration<double>(clock.Monotonic()).count(); }

Clock::Duration FromSeconds(double seconds) {
  return std::chrono::duration_cast<Clock::Duration>(std::chrono::duration<double>(seconds));
}

}  // namespace

TokenBucket::TokenBucket(Clock& clock, double max_rate, double min_rate)
    : clock_(clock), min_rate_(min_rate) {
  SetMaxRate(max_rate);
}

void TokenBucket::RefillLocked() {
  double now = Seconds(clock_);
  if (!last_timestamp_) {
    last_timestamp_ = now;
    return;
  }
  double filled = (now - *last_timestamp_) * fill_rate_;
  current_capacity_ = std::min(max_capacity_, current_capacity_ + filled);
  last_timestamp_ = now;
}

void TokenBucket::SetMaxRate(double rate) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Tokens gathered since the last refill accrue at the rate in force while they gathered.
  RefillLocked();
  fill_rate_ = std::max(rate, min_rate_);
  max_capacity_ = rate >= 1 ? rate : 1;
  current_capacity_ = std::min(current_capacity_, max_capacity_);
}

void TokenBucket::Acquire(double amount) {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    RefillLocked();
    if (amount <= current_capacity_) {
      current_capacity_ -= amount;
      return;
    }
    double wait_seconds = (amount - current_capacity_) / fill_rate_;
    lock.unlock();
    clock_.SleepFor(FromSeconds(wait_seconds));
    lock.lock();
  }
}

bool TokenBucket::TryAcquire(double amount) {
  std::lock_guard<std::mutex> lock(mutex_);
  RefillLocked();
  if (amount > current_capacity_) return false;
  current_capacity_ -= amount;
  return true;
}

double TokenBucket::max_rate() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return fill_rate_;
}

double TokenBucket::max_capacity() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return max_capacity_;
}

double TokenBucket::available() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return current_capacity_;
}

CubicCalculator::CubicCalculator(double starting_max_rate, double start_time)
    : w_max_(starting_max_rate), last_fail_(start_time) {
  ComputeZeroPoint();
}

void CubicCalculator::ComputeZeroPoint() {
  // K, the time CUBIC takes to grow back to w_max: cube root of w_max * (1 - beta) / C.
  k_ = std::pow(w_max_ * (1 - kCubicBeta) / kCubicScaleConstant, 1.0 / 3.0);
}

double CubicCalculator::SuccessReceived(double timestamp) const {
  double elapsed = timestamp - last_fail_;
  return kCubicScaleConstant * std::pow(elapsed - k_, 3.0) + w_max_;
}

double CubicCalculator::ErrorReceived(double current_rate, double timestamp) {
  w_max_ = current_rate;
  ComputeZeroPoint();
  last_fail_ = timestamp;
  return current_rate * kCubicBeta;
}

RateClock::RateClock(Clock& clock) : clock_(clock), last_bucket_(std::floor(Seconds(clock))) {}

double RateClock::Record(double amount) {
  std::lock_guard<std::mutex> lock(mutex_);
  double now = Seconds(clock_);
  double bucket = std::floor(now / kRateTimeBucketSeconds) * kRateTimeBucketSeconds;
  count_ += amount;
  if (bucket > last_bucket_) {
    double current_rate = count_ / (bucket - last_bucket_);
    measured_rate_ = current_rate * kRateSmoothing + measured_rate_ * (1 - kRateSmoothing);
    count_ = 0;
    last_bucket_ = bucket;
  }
  return measured_rate_;
}

double RateClock::measured_rate() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return measured_rate_;
}

FixedRateGate::FixedRateGate(Clock& clock, double requests_per_second)
    : clock_(clock), rate_(requests_per_second) {}

void FixedRateGate::Acquire() {
  Clock::Duration wait{0};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Clock::Duration now = clock_.Monotonic();
    // Each caller reserves the next free slot, so concurrent callers queue in order instead of
    // racing for a token when they wake.
    Clock::Duration start = next_free_ && *next_free_ > now ? *next_free_ : now;
    next_free_ = start + FromSeconds(1.0 / rate_);
    wait = start - now;
  }
  if (wait.count() > 0) clock_.SleepFor(wait);
}

RateLimiter::RateLimiter(Clock& clock, Config config)
    : clock_(clock),
      config_(config),
      // botocore adaptive.py starts CUBIC at rate 0 and the bucket at 1 request per second; the
      // bucket only applies once a throttle engages it.
      cubic_(0.0, Seconds(clock)),
      bucket_(clock, 1.0),
      rate_clock_(clock) {
  if (config_.fixed_requests_per_second > 0) {
    fixed_ = std::make_unique<FixedRateGate>(clock, config_.fixed_requests_per_second);
  }
}

void RateLimiter::BeforeSend() {
  if (fixed_) fixed_->Acquire();
  if (!config_.adaptive) return;
  bool engaged;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    engaged = engaged_;
  }
  if (engaged) bucket_.Acquire();
}

void RateLimiter::AfterResponse(bool throttled) {
  if (!config_.adaptive) return;
  double measured_rate = rate_clock_.Record();
  double now = Seconds(clock_);
  std::lock_guard<std::mutex> lock(mutex_);
  double new_rate;
  if (!throttled) {
    new_rate = cubic_.SuccessReceived(now);
  } else {
    double rate_to_use = engaged_ ? std::min(measured_rate, bucket_.max_rate()) : measured_rate;
    new_rate = cubic_.ErrorReceived(rate_to_use, now);
    engaged_ = true;
  }
  bucket_.SetMaxRate(std::min(new_rate, kMaxRateAdjustScale * measured_rate));
}

double RateLimiter::adaptive_rate() const { return bucket_.max_rate(); }

bool RateLimiter::adaptive_engaged() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return engaged_;
}

RateLimiterRegistry::RateLimiterRegistry(Clock& clock, bool adaptive)
    : clock_(clock), adaptive_(adaptive) {}

void RateLimiterRegistry::SetFixedRate(std::string service, double requests_per_second) {
  std::lock_guard<std::mutex> lock(mutex_);
  fixed_rates_[std::move(service)] = requests_per_second;
}

RateLimiter& RateLimiterRegistry::For(std::string_view service, std::string_view account,
                                      std::string_view region) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto key = std::make_tuple(std::string(service), std::string(account), std::string(region));
  auto found = limiters_.find(key);
  if (found != limiters_.end()) return *found->second;
  RateLimiter::Config config;
  config.adaptive = adaptive_;
  if (auto rate = fixed_rates_.find(service); rate != fixed_rates_.end()) {
    config.fixed_requests_per_second = rate->second;
  }
  auto limiter = std::make_unique<RateLimiter>(clock_, config);
  RateLimiter& result = *limiter;
  limiters_.emplace(std::move(key), std::move(limiter));
  return result;
}

}  // namespace vueops::client
