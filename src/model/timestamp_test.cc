#include "model/timestamp.h"

#include <gtest/gtest.h>

namespace vueops::model {
namespace {

constexpr int64_t kApril29 = 1398796238;  // 2014-04-29T18:30:38Z

TEST(TimestampTest, ParsesIso8601Forms) {
  EXPECT_EQ(ParseTimestamp("2014-04-29T18:30:38Z").value(), (Timestamp{kApril29, 0}));
  EXPECT_EQ(ParseTimestamp("2014-04-29T18:30:38.123Z").value(), (Timestamp{kApril29, 123000}));
  EXPECT_EQ(ParseTimestamp("2014-04-29T18:30:38.123456789Z").value(),
            (Timestamp{kApril29, 123456}));
  EXPECT_EQ(ParseTimestamp("2014-04-29T20:30:38+02:00").value(), (Timestamp{kApril29, 0}));
  EXPECT_EQ(ParseTimestamp("2014-04-29T17:30:38-0100").value(), (Timestamp{kApril29, 0}));
  EXPECT_EQ(ParseTimestamp("2014-04-29 18:30:38").value(), (Timestamp{kApril29, 0}));
  EXPECT_EQ(ParseTimestamp("2014-04-29").value(), (Timestamp{kApril29 - 66638, 0}));
  EXPECT_EQ(ParseTimestamp("20140429T183038Z").value(), (Timestamp{kApril29, 0}));
  EXPECT_EQ(ParseTimestamp("2014-04-29t18:30:38z").value(), (Timestamp{kApril29, 0}));
  EXPECT_EQ(ParseTimestamp("1970-01-01T00:00:00Z").value(), (Timestamp{0, 0}));
  EXPECT_EQ(ParseTimestamp("1969-12-31T23:59:59Z").value(), (Timestamp{-1, 0}));
}

TEST(TimestampTest, ParsesHttpDatesAndEpochSeconds) {
  EXPECT_EQ(ParseTimestamp("Tue, 29 Apr 2014 18:30:38 GMT").value(), (Timestamp{kApril29, 0}));
  EXPECT_EQ(ParseTimestamp("29 Apr 2014 18:30:38 GMT").value(), (Timestamp{kApril29, 0}));
  EXPECT_EQ(ParseTimestamp("Tue, 29 Apr 2014 18:30:38.5 GMT").value(),
            (Timestamp{kApril29, 500000}));
  EXPECT_EQ(ParseTimestamp("1398796238").value(), (Timestamp{kApril29, 0}));
  EXPECT_EQ(ParseTimestamp("1398796238.25").value(), (Timestamp{kApril29, 250000}));
  EXPECT_EQ(TimestampFromJson(Json(1398796238)).value(), (Timestamp{kApril29, 0}));
  EXPECT_EQ(TimestampFromJson(Json(1.5)).value(), (Timestamp{1, 500000}));
  EXPECT_EQ(TimestampFromJson(Json(-1.5)).value(), (Timestamp{-2, 500000}));
}

TEST(TimestampTest, RejectsGarbage) {
  for (const char* text : {"", "yesterday", "2014-13-01T00:00:00Z", "2014-04-29T18:30:38Q",
                           "Tue, 29 Foo 2014 18:30:38 GMT", "12:00"}) {
    EXPECT_FALSE(ParseTimestamp(text).ok()) << text;
  }
  EXPECT_FALSE(TimestampFromJson(Json(true)).ok());
}

TEST(TimestampTest, FormatsEveryWireForm) {
  Timestamp whole{kApril29, 0};
  Timestamp fraction{kApril29, 123000};
  EXPECT_EQ(FormatIso8601(whole), "2014-04-29T18:30:38Z");
  EXPECT_EQ(FormatIso8601(fraction), "2014-04-29T18:30:38.123000Z");
  EXPECT_EQ(FormatRfc822(whole), "Tue, 29 Apr 2014 18:30:38 GMT");
  EXPECT_EQ(FormatRfc822(Timestamp{0, 0}), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(FormatEpochSeconds(whole), Json(kApril29));
  EXPECT_DOUBLE_EQ(FormatEpochSeconds(fraction).get<double>(), 1398796238.123);
  EXPECT_EQ(FormatIso8601Output(whole), "2014-04-29T18:30:38+00:00");
  EXPECT_EQ(FormatIso8601Output(fraction), "2014-04-29T18:30:38.123000+00:00");
  EXPECT_EQ(FormatIso8601(Timestamp{-1, 0}), "1969-12-31T23:59:59Z");
}

}  // namespace
}  // namespace vueops::model
