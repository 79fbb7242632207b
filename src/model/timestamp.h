// Timestamps as the AWS protocols write them: ISO 8601, RFC 822 (HTTP dates) and Unix epoch
// seconds, with microsecond precision (what botocore keeps).
#ifndef VUEOPS_MODEL_TIMESTAMP_H_
#define VUEOPS_MODEL_TIMESTAMP_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"

namespace vueops::model {

// A UTC instant: seconds since 1970-01-01T00:00:00Z plus 0..999999 microseconds.
struct Timestamp {
  int64_t seconds = 0;
  int32_t microseconds = 0;

  bool operator==(const Timestamp&) const = default;
};

// Parses what services and users write: ISO 8601 ("2014-04-29T18:30:38Z",
// "2014-04-29T18:30:38.123+02:00", "2014-04-29 18:30:38", "2014-04-29"), RFC 822 / RFC 1123
// HTTP dates ("Tue, 29 Apr 2014 18:30:38 GMT") and epoch seconds ("1398796238",
// "1398796238.5"). kInvalidArgument for anything else.
Result<Timestamp> ParseTimestamp(std::string_view text);

// A JSON number (epoch seconds) or a string ParseTimestamp accepts.
Result<Timestamp> TimestampFromJson(const Json& value);

// Epoch seconds, rounded to the microsecond.
Timestamp TimestampFromEpochSeconds(double seconds);

// "2014-04-29T18:30:38Z", or "2014-04-29T18:30:38.123000Z" when there are microseconds
// (botocore's request format).
std::string FormatIso8601(const Timestamp& timestamp);
// "Tue, 29 Apr 2014 18:30:38 GMT" (whole seconds; HTTP dates have no fractions).
std::string FormatRfc822(const Timestamp& timestamp);
// Epoch seconds: an integer when whole, else a number with the fraction.
Json FormatEpochSeconds(const Timestamp& timestamp);
// The AWS CLI's output form: "2014-04-29T18:30:38+00:00" or "2014-04-29T18:30:38.123000+00:00".
std::string FormatIso8601Output(const Timestamp& timestamp);

}  // namespace vueops::model

#endif  // VUEOPS_MODEL_TIMESTAMP_H_
