// The --expires and --starts forms: ISO-8601, epoch seconds, spans from now.
#include "ops/signing_time.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vueops::ops {
namespace {

using ::testing::HasSubstr;

constexpr int64_t kNow = 1'700'000'000;

TEST(SigningTimeTest, ReadsIsoTimesInUtcAndWithOffsets) {
  EXPECT_EQ(ParseSigningTime("2026-12-01T00:00:00Z", kNow).value(), 1'796'083'200);
  EXPECT_EQ(ParseSigningTime("2026-12-01", kNow).value(), 1'796'083'200);
  EXPECT_EQ(ParseSigningTime("2026-12-01T02:00:00+02:00", kNow).value(), 1'796'083'200);
  EXPECT_EQ(ParseSigningTime("2026-11-30T19:00:00-05:00", kNow).value(), 1'796'083'200);
  EXPECT_EQ(ParseSigningTime("2024-02-29T12:34:56Z", kNow).value(), 1'709'210'096);
}

TEST(SigningTimeTest, ReadsEpochSecondsAndSpans) {
  EXPECT_EQ(ParseSigningTime("1796083200", kNow).value(), 1'796'083'200);
  EXPECT_EQ(ParseSigningTime("+30m", kNow).value(), kNow + 1800);
  EXPECT_EQ(ParseSigningTime("+1h", kNow).value(), kNow + 3600);
  EXPECT_EQ(ParseSigningTime("+7d", kNow).value(), kNow + 7 * 86400);
  EXPECT_EQ(ParseSigningTime("+90s", kNow).value(), kNow + 90);
}

TEST(SigningTimeTest, RefusesOtherTextNamingTheAcceptedForms) {
  for (const char* text :
       {"", "tomorrow", "+1y", "+h", "+-1h", "2026-13-01", "2026-02-30", "2026-12-01T25:00:00Z",
        "2026-12-01 00:00:00Z", "2026-12-01T00:00Z", "+99999999999d", "99999999999999"}) {
    SCOPED_TRACE(text);
    Result<int64_t> time = ParseSigningTime(text, kNow);
    ASSERT_FALSE(time.ok());
    EXPECT_THAT(time.status().message(), HasSubstr(std::string(kSigningTimeForms)));
  }
  EXPECT_THAT(ParseSigningTime("2026-12-01T00:00:00", kNow).status().message(),
              HasSubstr("no time zone"));
}

TEST(SigningTimeTest, FormatsUtc) {
  EXPECT_EQ(FormatUtc(1'796'083'200), "2026-12-01T00:00:00Z");
  EXPECT_EQ(FormatUtc(1'709'210'096), "2024-02-29T12:34:56Z");
  EXPECT_EQ(FormatUtc(0), "1970-01-01T00:00:00Z");
}

}  // namespace
}  // namespace vueops::ops
