#include "client/random_source.h"

#include <random>

namespace vueops::client {
namespace {

class RealRandomSource : public RandomSource {
 public:
  RealRandomSource() : engine_(std::random_device()()) {}
  double NextUniform() override {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine_);
  }

 private:
  std::mutex mutex_;
  std::mt19937_64 engine_;
};

}  // namespace

RandomSource& RandomSource::Real() {
  static RandomSource* source = new RealRandomSource();
  return *source;
}

double FakeRandomSource::NextUniform() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (values_.empty()) return 0.5;
  double value = values_[next_ < values_.size() ? next_ : values_.size() - 1];
  if (next_ < values_.size()) ++next_;
  return value;
}

}  // namespace vueops::client
