// The time formats of SigV4 and of AWS credential documents.
#ifndef VUEOPS_AUTH_AWS_TIME_H_
#define VUEOPS_AUTH_AWS_TIME_H_

#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"

namespace vueops::auth {

// "20150830T123600Z": SigV4's X-Amz-Date (ISO 8601 basic format, UTC, whole seconds).
std::string FormatAmzDate(Clock::TimePoint time);
// "2015-08-30T12:36:00Z": the extended format of credential documents and S3 POST policies.
std::string FormatIso8601(Clock::TimePoint time);

// Parses "2015-08-30T12:36:00Z" with optional fractional seconds ("...:00.123Z") and a "Z"
// or numeric offset ("+01:00"), as STS, IMDS, ECS and credential_process write expirations.
// Fails with kInvalidArgument naming the text (never call it on a secret).
Result<Clock::TimePoint> ParseIso8601(std::string_view text);

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_AWS_TIME_H_
