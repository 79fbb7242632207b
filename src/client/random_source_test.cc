#include "client/random_source.h"

#include <gtest/gtest.h>

namespace vueops::client {
namespace {

TEST(RandomSourceTest, RealValuesStayInTheUnitInterval) {
  double sum = 0;
  for (int i = 0; i < 10000; ++i) {
    double value = RandomSource::Real().NextUniform();
    ASSERT_GE(value, 0.0);
    ASSERT_LT(value, 1.0);
    sum += value;
  }
  EXPECT_NEAR(sum / 10000, 0.5, 0.05);
}

TEST(RandomSourceTest, FakeRepeatsItsLastValue) {
  FakeRandomSource fake({0.1, 0.9});
  EXPECT_EQ(fake.NextUniform(), 0.1);
  EXPECT_EQ(fake.NextUniform(), 0.9);
  EXPECT_EQ(fake.NextUniform(), 0.9);
  FakeRandomSource empty({});
  EXPECT_EQ(empty.NextUniform(), 0.5);
}

}  // namespace
}  // namespace vueops::client
