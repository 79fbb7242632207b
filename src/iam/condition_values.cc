#include "iam/condition_values.h"

#include <arpa/inet.h>

#include <cctype>
#include <cstdlib>
#include <string>

namespace vueops::iam {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `count` digits at `pos`; advances pos.
std::optional<int> ReadDigits(std::string_view text, size_t& pos, size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = 0; i < count; ++i) {
    char c = text[pos + i];
    if (!IsDigit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return value;
}

// Days from 1970-01-01 to the given proleptic Gregorian date (the era-based civil calendar
// arithmetic: 400-year eras of 146097 days, years starting in March).
int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

constexpr int64_t kSecondsPerDay = 86400;
constexpr int kSecondsPerHour = 3600;
constexpr int kSecondsPerMinute = 60;

}  // namespace

std::optional<double> ParseNumber(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t digits = 0;
  while (i < text.size() && IsDigit(text[i])) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && IsDigit(text[i])) ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    size_t exponent_digits = 0;
    while (i < text.size() && IsDigit(text[i])) ++i, ++exponent_digits;
    if (exponent_digits == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  return std::strtod(std::string(text).c_str(), nullptr);
}

std::optional<double> ParseDate(std::string_view text) {
  if (text.empty()) return std::nullopt;
  // Epoch seconds: digits only (with an optional fraction).
  if (text.find('-', 1) == std::string_view::npos && text.find(':') == std::string_view::npos &&
      text.find('T') == std::string_view::npos) {
    return ParseNumber(text);
  }
  size_t pos = 0;
  std::optional<int> year = ReadDigits(text, pos, 4);
  if (!year || pos >= text.size() || text[pos++] != '-') return std::nullopt;
  std::optional<int> month = ReadDigits(text, pos, 2);
  if (!month || *month < 1 || *month > 12 || pos >= text.size() || text[pos++] != '-') {
    return std::nullopt;
  }
  std::optional<int> day = ReadDigits(text, pos, 2);
  if (!day || *day < 1 || *day > DaysInMonth(*year, *month)) return std::nullopt;
  double seconds = static_cast<double>(DaysFromCivil(*year, *month, *day) * kSecondsPerDay);
  if (pos == text.size()) return seconds;
  if (text[pos] != 'T' && text[pos] != 't') return std::nullopt;
  ++pos;
  std::optional<int> hour = ReadDigits(text, pos, 2);
  if (!hour || *hour > 23 || pos >= text.size() || text[pos++] != ':') return std::nullopt;
  std::optional<int> minute = ReadDigits(text, pos, 2);
  if (!minute || *minute > 59) return std::nullopt;
  seconds += *hour * kSecondsPerHour + *minute * kSecondsPerMinute;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    std::optional<int> second = ReadDigits(text, pos, 2);
    if (!second || *second > 60) return std::nullopt;  // 60: a leap second
    seconds += *second;
    if (pos < text.size() && text[pos] == '.') {
      size_t start = ++pos;
      while (pos < text.size() && IsDigit(text[pos])) ++pos;
      if (pos == start) return std::nullopt;
      seconds +=
          std::strtod(("0." + std::string(text.substr(start, pos - start))).c_str(), nullptr);
    }
  }
  if (pos == text.size()) return seconds;
  if ((text[pos] == 'Z' || text[pos] == 'z') && pos + 1 == text.size()) return seconds;
  if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
  int sign = text[pos++] == '+' ? 1 : -1;
  std::optional<int> offset_hours = ReadDigits(text, pos, 2);
  if (!offset_hours) return std::nullopt;
  if (pos < text.size() && text[pos] == ':') ++pos;
  std::optional<int> offset_minutes = ReadDigits(text, pos, 2);
  if (!offset_minutes || pos != text.size()) return std::nullopt;
  // 10:00+02:00 is 08:00Z.
  return seconds - sign * (*offset_hours * kSecondsPerHour + *offset_minutes * kSecondsPerMinute);
}

std::optional<bool> ParseBool(std::string_view text) {
  if (text.size() == 4 && std::tolower(text[0]) == 't' && std::tolower(text[1]) == 'r' &&
      std::tolower(text[2]) == 'u' && std::tolower(text[3]) == 'e') {
    return true;
  }
  if (text.size() == 5 && std::tolower(text[0]) == 'f' && std::tolower(text[1]) == 'a' &&
      std::tolower(text[2]) == 'l' && std::tolower(text[3]) == 's' &&
      std::tolower(text[4]) == 'e') {
    return false;
  }
  return std::nullopt;
}

bool IpRange::Contains(const IpRange& address) const {
  if (family != address.family) return false;
  int full_bytes = prefix_bits / 8;
  for (int i = 0; i < full_bytes; ++i) {
    if (bytes[i] != address.bytes[i]) return false;
  }
  int rest = prefix_bits % 8;
  if (rest == 0) return true;
  uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (bytes[full_bytes] & mask) == (address.bytes[full_bytes] & mask);
}

std::optional<IpRange> ParseIpRange(std::string_view text) {
  std::string address(text);
  std::optional<int> prefix;
  size_t slash = address.find('/');
  if (slash != std::string::npos) {
    std::string_view digits = std::string_view(address).substr(slash + 1);
    if (digits.empty() || digits.size() > 3) return std::nullopt;
    int value = 0;
    for (char c : digits) {
      if (!IsDigit(c)) return std::nullopt;
      value = value * 10 + (c - '0');
    }
    prefix = value;
    address.resize(slash);
  }
  IpRange range;
  if (inet_pton(AF_INET, address.c_str(), range.bytes.data()) == 1) {
    range.family = 4;
    range.prefix_bits = prefix.value_or(32);
    if (range.prefix_bits > 32) return std::nullopt;
    return range;
  }
  if (inet_pton(AF_INET6, address.c_str(), range.bytes.data()) == 1) {
    range.family = 6;
    range.prefix_bits = prefix.value_or(128);
    if (range.prefix_bits > 128) return std::nullopt;
    return range;
  }
  return std::nullopt;
}

}  // namespace vueops::iam
