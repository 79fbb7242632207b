// ResourceContext::Poll: readiness probes on the context's (fake) clock.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "resources/fake_aws_for_tests.h"

namespace vueops::resources {
namespace {

class PollTest : public testing::FakeAwsTest {};

TEST_F(PollTest, AThrottledProbeIsAskedAgainNotTakenAsTheAnswer) {
  ResourceContext context = Context("test.account.dev");
  int asked = 0;
  Status ready = context.Poll("the role to be assumable", std::chrono::minutes(1),
                              [&]() -> Result<bool> {
                                ++asked;
                                if (asked == 1) return ResourceExhaustedError("Throttling");
                                if (asked == 2) return UnavailableError("HTTP 503");
                                return true;
                              });
  EXPECT_TRUE(ready.ok()) << ready.ToString();
  EXPECT_EQ(asked, 3);
}

TEST_F(PollTest, AnyOtherErrorIsTheAnswerAndTheDeadlineHolds) {
  ResourceContext context = Context("test.account.dev");
  Status refused = context.Poll("x", std::chrono::minutes(1), []() -> Result<bool> {
    return PermissionDeniedError("AccessDenied");
  });
  EXPECT_EQ(refused.code(), StatusCode::kPermissionDenied);
  Status throttled = context.Poll("x", std::chrono::seconds(30), []() -> Result<bool> {
    return ResourceExhaustedError("Throttling");
  });
  EXPECT_EQ(throttled.code(), StatusCode::kResourceExhausted) << throttled.ToString();
  Status waited = context.Poll("the thing", std::chrono::seconds(30),
                               []() -> Result<bool> { return false; });
  EXPECT_EQ(waited.code(), StatusCode::kDeadlineExceeded);
  EXPECT_THAT(waited.message(), ::testing::HasSubstr("gave up waiting for the thing"));
}

}  // namespace
}  // namespace vueops::resources
