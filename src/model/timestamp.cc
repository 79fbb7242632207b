#include "model/timestamp.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>

namespace vueops::model {
namespace {

constexpr int64_t kSecondsPerDay = 86400;
constexpr int kMicrosPerSecond = 1'000'000;
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const unsigned year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<int64_t>(day_of_era) - 719468;
}

struct Civil {
  int64_t year;
  unsigned month;
  unsigned day;
};

// The inverse of DaysFromCivil (civil_from_days).
Civil CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned day_of_era = static_cast<unsigned>(days - era * 146097);
  const unsigned year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned mp = (5 * day_of_year + 2) / 153;
  const unsigned day = day_of_year - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int64_t>(year_of_era) + era * 400 + (month <= 2), month, day};
}

// A cursor over the text being parsed.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  bool Consume(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  void SkipSpaces() {
    while (!done() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  // Exactly `count` digits.
  std::optional<int> Digits(int count) {
    int value = 0;
    for (int i = 0; i < count; ++i) {
      if (done() || !std::isdigit(static_cast<unsigned char>(text_[pos_]))) return std::nullopt;
      value = value * 10 + (text_[pos_++] - '0');
    }
    return value;
  }
  // One or more digits, at most `max_count`.
  std::optional<int> DigitsUpTo(int max_count) {
    int value = 0;
    int count = 0;
    while (count < max_count && !done() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
      value = value * 10 + (text_[pos_++] - '0');
      ++count;
    }
    return count == 0 ? std::nullopt : std::optional<int>(value);
  }
  // ".123456" → microseconds; digits past the sixth are dropped.
  int Fraction() {
    if (!Consume('.') && !Consume(',')) return 0;
    int micros = 0;
    int count = 0;
    while (!done() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
      if (count < 6) micros = micros * 10 + (text_[pos_] - '0');
      ++count;
      ++pos_;
    }
    for (; count < 6; ++count) micros *= 10;
    return micros;
  }
  std::string_view Word() {
    size_t start = pos_;
    while (!done() && std::isalpha(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  // A zone: Z, UTC, GMT, UT, +hh, +hhmm, +hh:mm (and '-'); nothing means UTC.
  std::optional<int64_t> ZoneOffsetSeconds() {
    SkipSpaces();
    if (done()) return 0;
    char sign = peek();
    if (sign == '+' || sign == '-') {
      ++pos_;
      std::optional<int> hours = Digits(2);
      if (!hours) return std::nullopt;
      Consume(':');
      int minutes = Digits(2).value_or(0);
      int64_t offset = (*hours * 60 + minutes) * 60;
      return sign == '-' ? -offset : offset;
    }
    std::string_view word = Word();
    if (word == "Z" || word == "z" || word == "UTC" || word == "GMT" || word == "UT") return 0;
    return std::nullopt;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

std::optional<Timestamp> Make(int64_t year, int month, int day, int hour, int minute, int second,
                              int micros, int64_t offset_seconds) {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 24 || minute < 0 ||
      minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  int64_t seconds = days * kSecondsPerDay + hour * 3600 + minute * 60 + second - offset_seconds;
  return Timestamp{seconds, micros};
}

// 2014-04-29[T| ]18:30[:38[.123]][zone], or the basic form 20140429T183038Z.
std::optional<Timestamp> ParseIso8601(std::string_view text) {
  Scanner s(text);
  std::optional<int> year = s.Digits(4);
  if (!year) return std::nullopt;
  bool extended = s.Consume('-');
  std::optional<int> month = s.Digits(2);
  if (extended && !s.Consume('-')) return std::nullopt;
  std::optional<int> day = s.Digits(2);
  if (!month || !day) return std::nullopt;
  int hour = 0, minute = 0, second = 0, micros = 0;
  if (s.Consume('T') || s.Consume('t') || s.Consume(' ')) {
    std::optional<int> h = s.Digits(2);
    if (extended) s.Consume(':');
    std::optional<int> m = s.Digits(2);
    if (!h || !m) return std::nullopt;
    hour = *h;
    minute = *m;
    if (extended ? s.Consume(':') : std::isdigit(static_cast<unsigned char>(s.peek())) != 0) {
      std::optional<int> sec = s.Digits(2);
      if (!sec) return std::nullopt;
      second = *sec;
      micros = s.Fraction();
    }
  }
  std::optional<int64_t> offset = s.ZoneOffsetSeconds();
  if (!offset || !s.done()) return std::nullopt;
  return Make(*year, *month, *day, hour, minute, second, micros, *offset);
}

// [Tue, ]29 Apr 2014 18:30:38[.123] GMT
std::optional<Timestamp> ParseRfc822(std::string_view text) {
  Scanner s(text);
  if (std::isalpha(static_cast<unsigned char>(s.peek()))) {
    s.Word();
    s.Consume(',');
    s.SkipSpaces();
  }
  std::optional<int> day = s.DigitsUpTo(2);
  s.SkipSpaces();
  std::string_view month_name = s.Word();
  s.SkipSpaces();
  std::optional<int> year = s.Digits(4);
  s.SkipSpaces();
  std::optional<int> hour = s.Digits(2);
  bool colon1 = s.Consume(':');
  std::optional<int> minute = s.Digits(2);
  bool colon2 = s.Consume(':');
  std::optional<int> second = s.Digits(2);
  if (!day || !year || !hour || !minute || !second || !colon1 || !colon2) return std::nullopt;
  int micros = s.Fraction();
  int month = 0;
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i] == month_name) month = static_cast<int>(i) + 1;
  }
  std::optional<int64_t> offset = s.ZoneOffsetSeconds();
  if (month == 0 || !offset || !s.done()) return std::nullopt;
  return Make(*year, month, *day, *hour, *minute, *second, micros, *offset);
}

bool IsEpochNumber(std::string_view text) {
  size_t i = text.starts_with('-') ? 1 : 0;
  bool digits = false, dot = false;
  for (; i < text.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i]))) {
      digits = true;
    } else if (text[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}

std::string TwoDigits(unsigned value) {
  char buffer[3] = {static_cast<char>('0' + value / 10 % 10), static_cast<char>('0' + value % 10),
                    '\0'};
  return buffer;
}

// "2014-04-29T18:30:38" and the fraction (".123000" or "").
std::pair<std::string, std::string> IsoParts(const Timestamp& t) {
  int64_t days = t.seconds >= 0 ? t.seconds / kSecondsPerDay
                                : -((-t.seconds + kSecondsPerDay - 1) / kSecondsPerDay);
  int64_t second_of_day = t.seconds - days * kSecondsPerDay;
  Civil civil = CivilFromDays(days);
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%04lld-%02u-%02uT%02d:%02d:%02d",
                static_cast<long long>(civil.year), civil.month, civil.day,
                static_cast<int>(second_of_day / 3600), static_cast<int>(second_of_day / 60 % 60),
                static_cast<int>(second_of_day % 60));
  std::string fraction;
  if (t.microseconds != 0) {
    char micros[16];
    std::snprintf(micros, sizeof(micros), ".%06d", t.microseconds);
    fraction = micros;
  }
  return {buffer, fraction};
}

}  // namespace

Timestamp TimestampFromEpochSeconds(double seconds) {
  double whole = std::floor(seconds);
  int64_t micros = std::llround((seconds - whole) * kMicrosPerSecond);
  int64_t result_seconds = static_cast<int64_t>(whole);
  if (micros >= kMicrosPerSecond) {
    micros -= kMicrosPerSecond;
    ++result_seconds;
  }
  return Timestamp{result_seconds, static_cast<int32_t>(micros)};
}

Result<Timestamp> ParseTimestamp(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  size_t last = text.find_last_not_of(" \t\r\n");
  std::string_view trimmed =
      first == std::string_view::npos ? std::string_view() : text.substr(first, last - first + 1);
  std::optional<Timestamp> parsed;
  if (IsEpochNumber(trimmed)) {
    char* end = nullptr;
    std::string copy(trimmed);
    double seconds = std::strtod(copy.c_str(), &end);
    if (end != nullptr && *end == '\0' && std::isfinite(seconds)) {
      parsed = TimestampFromEpochSeconds(seconds);
    }
  } else if (!trimmed.empty() && std::isalpha(static_cast<unsigned char>(trimmed.front()))) {
    parsed = ParseRfc822(trimmed);
  } else {
    parsed = ParseIso8601(trimmed);
    if (!parsed) parsed = ParseRfc822(trimmed);
  }
  if (!parsed) {
    return InvalidArgumentError("invalid timestamp \"" + std::string(text) +
                                "\": expected ISO 8601 (2014-04-29T18:30:38Z), an HTTP date "
                                "(Tue, 29 Apr 2014 18:30:38 GMT) or epoch seconds");
  }
  return *parsed;
}

Result<Timestamp> TimestampFromJson(const Json& value) {
  if (value.is_number()) return TimestampFromEpochSeconds(value.get<double>());
  if (value.is_string()) return ParseTimestamp(value.get_ref<const std::string&>());
  return InvalidArgumentError("a timestamp must be a string or epoch seconds, not " +
                              std::string(value.type_name()));
}

std::string FormatIso8601(const Timestamp& timestamp) {
  auto [whole, fraction] = IsoParts(timestamp);
  return whole + fraction + "Z";
}

std::string FormatIso8601Output(const Timestamp& timestamp) {
  auto [whole, fraction] = IsoParts(timestamp);
  return whole + fraction + "+00:00";
}

std::string FormatRfc822(const Timestamp& timestamp) {
  int64_t days = timestamp.seconds >= 0
                     ? timestamp.seconds / kSecondsPerDay
                     : -((-timestamp.seconds + kSecondsPerDay - 1) / kSecondsPerDay);
  int64_t second_of_day = timestamp.seconds - days * kSecondsPerDay;
  Civil civil = CivilFromDays(days);
  int64_t weekday = ((days % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%s, %s %s %04lld %s:%s:%s GMT",
                std::string(kWeekdays[static_cast<size_t>(weekday)]).c_str(),
                TwoDigits(civil.day).c_str(), std::string(kMonths[civil.month - 1]).c_str(),
                static_cast<long long>(civil.year),
                TwoDigits(static_cast<unsigned>(second_of_day / 3600)).c_str(),
                TwoDigits(static_cast<unsigned>(second_of_day / 60 % 60)).c_str(),
                TwoDigits(static_cast<unsigned>(second_of_day % 60)).c_str());
  return buffer;
}

Json FormatEpochSeconds(const Timestamp& timestamp) {
  if (timestamp.microseconds == 0) return Json(timestamp.seconds);
  return Json(static_cast<double>(timestamp.seconds) +
              static_cast<double>(timestamp.microseconds) / kMicrosPerSecond);
}

}  // namespace vueops::model
