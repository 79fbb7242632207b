// Randomness behind an interface, so that jittered backoff is asserted exactly in tests.
#ifndef VUEOPS_CLIENT_RANDOM_SOURCE_H_
#define VUEOPS_CLIENT_RANDOM_SOURCE_H_

#include <cstddef>
#include <mutex>
#include <vector>

namespace vueops::client {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // A number in [0, 1). Safe to call from many threads at once.
  virtual double NextUniform() = 0;

  // A process-wide source seeded from std::random_device.
  static RandomSource& Real();
};

// Returns the given values in order, then repeats the last one (0.5 when given none).
class FakeRandomSource : public RandomSource {
 public:
  explicit FakeRandomSource(std::vector<double> values) : values_(std::move(values)) {}
  double NextUniform() override;

 private:
  std::mutex mutex_;
  std::vector<double> values_;
  size_t next_ = 0;
};

}  // namespace vueops::client

#endif  // VUEOPS_CLIENT_RANDOM_SOURCE_H_
