// The times a signed URL, cookie or credential is valid between, as an operator writes them on
// the command line: an absolute ISO-8601 UTC time, epoch seconds, or a span from now.
#ifndef VUEOPS_OPS_SIGNING_TIME_H_
#define VUEOPS_OPS_SIGNING_TIME_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace vueops::ops {

// The forms ParseSigningTime accepts, for help texts and errors.
inline constexpr std::string_view kSigningTimeForms =
    "an ISO-8601 time (2026-12-01T00:00:00Z, 2026-12-01T09:00:00+02:00, 2026-12-01), epoch "
    "seconds (1796083200), or a span from now (+30m, +1h, +7d; units s, m, h, d)";

// Epoch seconds for `text`; a span counts from `now` (epoch seconds). kInvalidArgument
// naming `text` and kSigningTimeForms otherwise.
Result<int64_t> ParseSigningTime(std::string_view text, int64_t now);

// "2026-12-01T00:00:00Z" for epoch seconds.
std::string FormatUtc(int64_t epoch_seconds);

}  // namespace vueops::ops

#endif  // VUEOPS_OPS_SIGNING_TIME_H_
