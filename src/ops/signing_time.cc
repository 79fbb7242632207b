#include "ops/signing_time.h"

#include <chrono>
#include <cstdio>
#include <optional>

namespace vueops::ops {
namespace {

constexpr int64_t kSecondsPerMinute = 60;
constexpr int64_t kSecondsPerHour = 3600;
constexpr int64_t kSecondsPerDay = 86400;
// No grant vueops signs needs more than a century; larger numbers are typos (and overflow).
constexpr int64_t kMaxSpanSeconds = 100 * 366 * kSecondsPerDay;
constexpr int64_t kMaxEpochSeconds = 253402300799;  // 9999-12-31T23:59:59Z

Status Invalid(std::string_view text, std::string_view why) {
  return InvalidArgumentError("'" + std::string(text) + "' is not a time" +
                              (why.empty() ? "" : " (" + std::string(why) + ")") + "; use " +
                              std::string(kSigningTimeForms));
}

// Reads exactly `width` digits at `*pos`.
std::optional<int> Digits(std::string_view text, size_t* pos, size_t width) {
  if (*pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = 0; i < width; ++i) {
    char c = text[*pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  *pos += width;
  return value;
}

bool Expect(std::string_view text, size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

std::optional<int64_t> AllDigits(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

Result<int64_t> ParseSpan(std::string_view text, int64_t now) {
  std::string_view body = text.substr(1);
  if (body.size() < 2) return Invalid(text, "a span is a number and a unit");
  std::optional<int64_t> count = AllDigits(body.substr(0, body.size() - 1));
  if (!count.has_value()) return Invalid(text, "a span is a number and a unit");
  int64_t unit = 0;
  switch (body.back()) {
    case 's': unit = 1; break;
    case 'm': unit = kSecondsPerMinute; break;
    case 'h': unit = kSecondsPerHour; break;
    case 'd': unit = kSecondsPerDay; break;
    default: return Invalid(text, "the unit is one of s, m, h, d");
  }
  if (*count > kMaxSpanSeconds / unit) return Invalid(text, "more than a century");
  return now + *count * unit;
}

Result<int64_t> ParseIso(std::string_view text) {
  size_t pos = 0;
  std::optional<int> year = Digits(text, &pos, 4);
  bool dash1 = Expect(text, &pos, '-');
  std::optional<int> month = Digits(text, &pos, 2);
  bool dash2 = Expect(text, &pos, '-');
  std::optional<int> day = Digits(text, &pos, 2);
  if (!year || !dash1 || !month || !dash2 || !day) return Invalid(text, "");
  std::chrono::year_month_day date{std::chrono::year(*year),
                                   std::chrono::month(static_cast<unsigned>(*month)),
                                   std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return Invalid(text, "no such date");
  int64_t seconds = std::chrono::sys_days(date).time_since_epoch().count() * kSecondsPerDay;
  if (pos == text.size()) return seconds;  // a date alone: its midnight UTC

  if (!Expect(text, &pos, 'T') && !Expect(text, &pos, 't')) return Invalid(text, "");
  std::optional<int> hour = Digits(text, &pos, 2);
  bool colon1 = Expect(text, &pos, ':');
  std::optional<int> minute = Digits(text, &pos, 2);
  bool colon2 = Expect(text, &pos, ':');
  std::optional<int> second = Digits(text, &pos, 2);
  if (!hour || !colon1 || !minute || !colon2 || !second) return Invalid(text, "");
  if (*hour > 23 || *minute > 59 || *second > 59) return Invalid(text, "no such time of day");
  seconds += *hour * kSecondsPerHour + *minute * kSecondsPerMinute + *second;

  if (pos == text.size()) {
    return Invalid(text, "no time zone: end it with Z for UTC, or an offset like +02:00");
  }
  if (Expect(text, &pos, 'Z') || Expect(text, &pos, 'z')) {
    if (pos == text.size()) return seconds;
    return Invalid(text, "");
  }
  int sign = text[pos] == '+' ? 1 : text[pos] == '-' ? -1 : 0;
  if (sign == 0) return Invalid(text, "");
  ++pos;
  std::optional<int> offset_hours = Digits(text, &pos, 2);
  bool colon3 = Expect(text, &pos, ':');
  std::optional<int> offset_minutes = Digits(text, &pos, 2);
  if (!offset_hours || !colon3 || !offset_minutes || pos != text.size() || *offset_hours > 23 ||
      *offset_minutes > 59) {
    return Invalid(text, "");
  }
  // 09:00+02:00 is 07:00 UTC.
  return seconds - sign * (*offset_hours * kSecondsPerHour + *offset_minutes * kSecondsPerMinute);
}

}  // namespace

Result<int64_t> ParseSigningTime(std::string_view text, int64_t now) {
  if (text.empty()) return Invalid(text, "empty");
  if (text.front() == '+') return ParseSpan(text, now);
  if (std::optional<int64_t> epoch = AllDigits(text); epoch.has_value()) {
    if (*epoch > kMaxEpochSeconds) return Invalid(text, "after the year 9999");
    return *epoch;
  }
  return ParseIso(text);
}

std::string FormatUtc(int64_t epoch_seconds) {
  std::chrono::sys_days days{std::chrono::days(
      epoch_seconds >= 0 ? epoch_seconds / kSecondsPerDay
                         : -((-epoch_seconds + kSecondsPerDay - 1) / kSecondsPerDay))};
  int64_t rest = epoch_seconds - days.time_since_epoch().count() * kSecondsPerDay;
  std::chrono::year_month_day date(days);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(rest / kSecondsPerHour),
                static_cast<int>(rest % kSecondsPerHour / kSecondsPerMinute),
                static_cast<int>(rest % kSecondsPerMinute));
  return text;
}

}  // namespace vueops::ops
