// Time behind an interface, so that retries, leases and waits are tested without sleeping.
#ifndef VUEOPS_BASE_CLOCK_H_
#define VUEOPS_BASE_CLOCK_H_

#include <chrono>
#include <mutex>

namespace vueops {

class Clock {
 public:
  using Duration = std::chrono::nanoseconds;
  using TimePoint = std::chrono::time_point<std::chrono::system_clock, Duration>;

  virtual ~Clock() = default;
  // Wall-clock time (for signatures, expiry and leases).
  virtual TimePoint Now() = 0;
  // A monotonic reading (for elapsed times and timeouts).
  virtual Duration Monotonic() = 0;
  virtual void SleepFor(Duration duration) = 0;

  // The process's real clock.
  static Clock& Real();
};

// A clock that only moves when told to; SleepFor advances it instantly.
class FakeClock : public Clock {
 public:
  explicit FakeClock(TimePoint start = TimePoint(std::chrono::seconds(1'700'000'000)))
      : now_(start) {}
  TimePoint Now() override;
  Duration Monotonic() override;
  void SleepFor(Duration duration) override;
  void Advance(Duration duration);
  // Total time spent in SleepFor, for asserting backoff.
  Duration total_slept();

 private:
  std::mutex mutex_;
  TimePoint now_;
  Duration monotonic_{0};
  Duration slept_{0};
};

}  // namespace vueops

#endif  // VUEOPS_BASE_CLOCK_H_
