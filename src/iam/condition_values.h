// The value types of condition operators other than strings: numbers, dates, booleans and IP
// ranges, parsed the same way from a policy and from a request (IAM User Guide, "IAM JSON
// policy elements: Condition operators").
#ifndef VUEOPS_IAM_CONDITION_VALUES_H_
#define VUEOPS_IAM_CONDITION_VALUES_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace vueops::iam {

// A decimal integer or fraction, optionally signed, with an optional exponent ("10", "-1.5",
// "2e3"); no spaces, hex, infinities or NaN.
std::optional<double> ParseNumber(std::string_view text);

// Seconds since 1970-01-01T00:00:00Z. Accepts epoch seconds ("1704067200", fractions allowed)
// and ISO 8601 in its extended form: a date ("2024-01-01"), optionally "T" and hours:minutes,
// seconds and a fraction, then "Z" or an offset (+01:00, -0500); no zone means UTC.
std::optional<double> ParseDate(std::string_view text);

// "true" or "false", any case.
std::optional<bool> ParseBool(std::string_view text);

// An IPv4 or IPv6 address with a prefix length; an address without "/n" is a single host.
struct IpRange {
  int family = 4;                      // 4 or 6
  std::array<uint8_t, 16> bytes = {};  // network order; IPv4 uses the first 4
  int prefix_bits = 32;

  // Whether `address` (a single host of the same family) lies in the range.
  bool Contains(const IpRange& address) const;
};

std::optional<IpRange> ParseIpRange(std::string_view text);

}  // namespace vueops::iam

#endif  // VUEOPS_IAM_CONDITION_VALUES_H_
