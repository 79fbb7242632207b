#include "auth/aws_time.h"

#include <chrono>

namespace vueops::auth {
namespace {

struct CivilTime {
  int year;
  unsigned month, day, hour, minute, second;
};

CivilTime ToCivil(Clock::TimePoint time) {
  using namespace std::chrono;
  auto seconds = floor<std::chrono::seconds>(time);
  auto day = floor<days>(seconds);
  year_month_day date(day);
  hh_mm_ss<std::chrono::seconds> clock_time(seconds - day);
  return {static_cast<int>(date.year()),
          static_cast<unsigned>(date.month()),
          static_cast<unsigned>(date.day()),
          static_cast<unsigned>(clock_time.hours().count()),
          static_cast<unsigned>(clock_time.minutes().count()),
          static_cast<unsigned>(clock_time.seconds().count())};
}

// Writes `value` as exactly `width` decimal digits.
char* PutDigits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

bool ReadDigits(std::string_view text, size_t& position, int width, int& value) {
  if (position + static_cast<size_t>(width) > text.size()) return false;
  value = 0;
  for (int i = 0; i < width; ++i) {
    char c = text[position + static_cast<size_t>(i)];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  position += static_cast<size_t>(width);
  return true;
}

bool Expect(std::string_view text, size_t& position, char expected) {
  if (position >= text.size() || text[position] != expected) return false;
  ++position;
  return true;
}

}  // namespace

std::string FormatAmzDate(Clock::TimePoint time) {
  CivilTime civil = ToCivil(time);
  std::string out(16, '\0');
  char* cursor = PutDigits(out.data(), static_cast<unsigned>(civil.year), 4);
  cursor = PutDigits(cursor, civil.month, 2);
  cursor = PutDigits(cursor, civil.day, 2);
  *cursor++ = 'T';
  cursor = PutDigits(cursor, civil.hour, 2);
  cursor = PutDigits(cursor, civil.minute, 2);
  cursor = PutDigits(cursor, civil.second, 2);
  *cursor = 'Z';
  return out;
}

std::string FormatIso8601(Clock::TimePoint time) {
  CivilTime civil = ToCivil(time);
  std::string out(20, '\0');
  char* cursor = PutDigits(out.data(), static_cast<unsigned>(civil.year), 4);
  *cursor++ = '-';
  cursor = PutDigits(cursor, civil.month, 2);
  *cursor++ = '-';
  cursor = PutDigits(cursor, civil.day, 2);
  *cursor++ = 'T';
  cursor = PutDigits(cursor, civil.hour, 2);
  *cursor++ = ':';
  cursor = PutDigits(cursor, civil.minute, 2);
  *cursor++ = ':';
  cursor = PutDigits(cursor, civil.second, 2);
  *cursor = 'Z';
  return out;
}

Result<Clock::TimePoint> ParseIso8601(std::string_view text) {
  using namespace std::chrono;
  auto invalid = [&] {
    return InvalidArgumentError("'" + std::string(text) +
                                "' is not an ISO 8601 time such as 2015-08-30T12:36:00Z");
  };
  size_t position = 0;
  int year, month, day, hour, minute, second;
  if (!ReadDigits(text, position, 4, year) || !Expect(text, position, '-') ||
      !ReadDigits(text, position, 2, month) || !Expect(text, position, '-') ||
      !ReadDigits(text, position, 2, day) ||
      !(Expect(text, position, 'T') || Expect(text, position, 't')) ||
      !ReadDigits(text, position, 2, hour) || !Expect(text, position, ':') ||
      !ReadDigits(text, position, 2, minute) || !Expect(text, position, ':') ||
      !ReadDigits(text, position, 2, second)) {
    return invalid();
  }
  Clock::Duration fraction{0};
  if (position < text.size() && text[position] == '.') {
    ++position;
    int64_t nanos = 0;
    int digits = 0;
    while (position < text.size() && text[position] >= '0' && text[position] <= '9') {
      if (digits < 9) {
        nanos = nanos * 10 + (text[position] - '0');
        ++digits;
      }
      ++position;
    }
    if (digits == 0) return invalid();
    for (int i = digits; i < 9; ++i) nanos *= 10;
    fraction = nanoseconds(nanos);
  }
  minutes offset{0};
  if (position < text.size() && (text[position] == 'Z' || text[position] == 'z')) {
    ++position;
  } else if (position < text.size() && (text[position] == '+' || text[position] == '-')) {
    int sign = text[position] == '+' ? 1 : -1;
    ++position;
    int offset_hours, offset_minutes;
    if (!ReadDigits(text, position, 2, offset_hours) || !Expect(text, position, ':') ||
        !ReadDigits(text, position, 2, offset_minutes) || offset_hours > 23 ||
        offset_minutes > 59) {
      return invalid();
    }
    offset = minutes(sign * (offset_hours * 60 + offset_minutes));
  } else {
    return invalid();  // a time without a zone is ambiguous
  }
  if (position != text.size()) return invalid();
  year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                      std::chrono::day(static_cast<unsigned>(day))};
  // 23:59:60 would be a leap second; AWS never writes one, so it is rejected with the rest.
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return invalid();
  auto time = sys_days(date) + hours(hour) + minutes(minute) + seconds(second) - offset;
  return Clock::TimePoint(duration_cast<Clock::Duration>(time.time_since_epoch()) + fraction);
}

}  // namespace vueops::auth
