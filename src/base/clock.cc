#include "base/clock.h"

#include <thread>

namespace vueops {
namespace {

class RealClock : public Clock {
 public:
  TimePoint Now() override {
    return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  }
  Duration Monotonic() override {
    return std::chrono::duration_cast<Duration>(
        std::chrono::steady_clock::now().time_since_epoch());
  }
  void SleepFor(Duration duration) override { std::this_thread::sleep_for(duration); }
};

}  // namespace

Clock& Clock::Real() {
  static RealClock* clock = new RealClock();
  return *clock;
}

Clock::TimePoint FakeClock::Now() {
  std::lock_guard<std::mutex> lock(mutex_);
  return now_;
}

Clock::Duration FakeClock::Monotonic() {
  std::lock_guard<std::mutex> lock(mutex_);
  return monotonic_;
}

void FakeClock::SleepFor(Duration duration) {
  std::lock_guard<std::mutex> lock(mutex_);
  now_ += duration;
  monotonic_ += duration;
  slept_ += duration;
}

void FakeClock::Advance(Duration duration) {
  std::lock_guard<std::mutex> lock(mutex_);
  now_ += duration;
  monotonic_ += duration;
}

Clock::Duration FakeClock::total_slept() {
  std::lock_guard<std::mutex> lock(mutex_);
  return slept_;
}

}  // namespace vueops
