#include "auth/aws_time.h"

#include <gtest/gtest.h>

namespace vueops::auth {
namespace {

using std::chrono::seconds;

TEST(AwsTimeTest, FormatsAmzDateAndIso8601) {
  Clock::TimePoint time(seconds(1440938160));  // 2015-08-30T12:36:00Z
  EXPECT_EQ(FormatAmzDate(time), "20150830T123600Z");
  EXPECT_EQ(FormatIso8601(time), "2015-08-30T12:36:00Z");
  // Sub-second parts are dropped, never rounded up into the next second.
  EXPECT_EQ(FormatAmzDate(time + std::chrono::milliseconds(999)), "20150830T123600Z");
  EXPECT_EQ(FormatAmzDate(Clock::TimePoint(seconds(0))), "19700101T000000Z");
}

TEST(AwsTimeTest, ParsesTheFormsAwsWrites) {
  Clock::TimePoint expected(seconds(1440938160));
  EXPECT_EQ(*ParseIso8601("2015-08-30T12:36:00Z"), expected);
  EXPECT_EQ(*ParseIso8601("2015-08-30T12:36:00.000Z"), expected);
  EXPECT_EQ(*ParseIso8601("2015-08-30T14:36:00+02:00"), expected);
  EXPECT_EQ(*ParseIso8601("2015-08-30T12:36:00.5Z"), expected + std::chrono::milliseconds(500));
}

TEST(AwsTimeTest, RejectsMalformedTimes) {
  for (const char* text :
       {"", "2015-08-30", "2015-08-30T12:36:00", "2015-02-30T00:00:00Z", "2015-08-30T24:00:00Z",
        "2015-08-30T12:36:00Zjunk", "tomorrow", "2015-08-30T12:36:00.Z"}) {
    Result<Clock::TimePoint> parsed = ParseIso8601(text);
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument) << text;
  }
}

}  // namespace
}  // namespace vueops::auth
