#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "internal/rfc3339.h"
#include "kube/meta.h"

namespace kube {
namespace {

using std::chrono::sys_days;

// An instant as Parse reads it: seconds since the Unix epoch and the nanoseconds within that
// second, [0, 1e9). Plain integers, so no step can overflow for any input.
struct Instant {
  int64_t seconds = 0;
  int32_t nanos = 0;
};

constexpr int64_t kSecondsPerDay = 86400;
// The instants Go's time.Time writes in RFC 3339 and reads back: years 0001-9999, Go's zero
// time being the first second. (Go would also read year 0000, before its own zero time; no
// Kubernetes object holds such a time, so it is refused rather than made a second "zero".)
constexpr int64_t kMinSeconds = Time::kZero.time_since_epoch().count();
constexpr int64_t kMaxSeconds =
    std::chrono::sys_seconds{sys_days{std::chrono::year{9999} / std::chrono::December / 31}}
        .time_since_epoch()
        .count() +
    kSecondsPerDay - 1;
static_assert(kMinSeconds == -62135596800, "0001-01-01T00:00:00Z, Go's zero time");
static_assert(kMaxSeconds == 253402300799, "9999-12-31T23:59:59Z");

// Parses RFC 3339 ("2006-01-02T15:04:05.999999999Z07:00"), the form Kubernetes emits and
// accepts, with a lowercase `t`/`z` or a space separator allowed as the RFC permits. Every
// field is range-checked before it takes part in arithmetic: this runs on text from the
// network.
Result<Instant> ParseRfc3339(std::string_view s) {
  auto bad = [&](std::string_view why) {
    // Bounded: the input may be anything a server (or a fuzzer) sends.
    constexpr size_t kMaxQuoted = 64;
    return Fail(
        Error::Decode(fmt::format("invalid RFC 3339 time \"{}{}\": {}", s.substr(0, kMaxQuoted),
                                  s.size() > kMaxQuoted ? "..." : "", why)));
  };
  auto is_digit = [&](size_t i) { return s[i] >= '0' && s[i] <= '9'; };
  // The n-digit number at pos, or -1 when those are not n digits.
  auto number = [&](size_t pos, size_t n) {
    if (pos + n > s.size()) return -1;
    int out = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (!is_digit(i)) return -1;
      out = out * 10 + (s[i] - '0');
    }
    return out;
  };
  constexpr std::string_view kLayout = "expected YYYY-MM-DDTHH:MM:SS followed by Z or +HH:MM";
  if (s.size() < 20) return bad(kLayout);
  int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  int hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || s[4] != '-' ||
      s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' ||
      s[16] != ':') {
    return bad(kLayout);
  }
  if (month < 1 || month > 12) return bad("month out of range");
  std::chrono::year_month_day ymd{std::chrono::year(year),
                                  std::chrono::month(static_cast<unsigned>(month)),
                                  std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return bad("day out of range");
  if (hour > 23) return bad("hour out of range");
  if (minute > 59) return bad("minute out of range");
  // Go's time package has no leap seconds and rejects :60, so such a time could not round-trip.
  if (second > 59) return bad("second out of range");

  size_t pos = 19;
  int32_t nanos = 0;
  if (s[pos] == '.') {
    size_t start = ++pos;
    while (pos < s.size() && is_digit(pos)) ++pos;
    size_t n = pos - start;
    if (n == 0) return bad("expected digits after '.'");
    if (n > 9) return bad("more than 9 fractional digits (finer than a nanosecond)");
    for (size_t i = start; i < pos; ++i) nanos = nanos * 10 + (s[i] - '0');
    for (; n < 9; ++n) nanos *= 10;
  }

  int64_t offset = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh = number(pos + 1, 2), om = number(pos + 4, 2);
    if (oh < 0 || om < 0 || s[pos + 3] != ':') return bad("expected a zone offset such as +02:00");
    if (om > 59 || oh * 60 + om > 24 * 60) return bad("zone offset beyond ±24:00");
    offset = (oh * 60 + om) * 60;
    if (s[pos] == '-') offset = -offset;
    pos += 6;
  } else {
    return bad("expected 'Z' or a zone offset such as +02:00");
  }
  if (pos != s.size()) return bad("unexpected text after the time");

  int64_t seconds = sys_days(ymd).time_since_epoch().count() * kSecondsPerDay + hour * 3600 +
                    minute * 60 + second - offset;
  if (seconds < kMinSeconds || seconds > kMaxSeconds) return bad("outside years 0001-9999");
  return Instant{seconds, nanos};
}

// Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's days-to-civil), in
// int64 so that any value a caller stored in Time::value formats without overflow.
void CivilFromDays(int64_t days, int64_t& year, unsigned& month, unsigned& day) {
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  auto doe = static_cast<unsigned>(z - era * 146097);                    // [0, 146096]
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  unsigned mp = (5 * doy + 2) / 153;                                     // [0, 11]
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
}

char* Put2(char* p, unsigned v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
  return p + 2;
}

// `micros` < 0 writes no fraction.
size_t Format(int64_t seconds, int32_t micros, char* out) {
  // Floored division, written so that no intermediate can overflow even at INT64_MIN.
  int64_t days = seconds / kSecondsPerDay;
  int64_t second_of_day = seconds % kSecondsPerDay;
  if (second_of_day < 0) {
    second_of_day += kSecondsPerDay;
    --days;
  }
  int64_t year;
  unsigned month, day;
  CivilFromDays(days, year, month, day);
  char* p = out;
  if (year >= 0 && year <= 9999) {
    p = Put2(p, static_cast<unsigned>(year / 100));
    p = Put2(p, static_cast<unsigned>(year % 100));
  } else {
    // Outside what Parse accepts; written as Go writes it (a sign, at least four digits).
    p = fmt::format_to(p, "{}{:04}", year < 0 ? "-" : "",
                       year < 0 ? 0 - static_cast<uint64_t>(year) : static_cast<uint64_t>(year));
  }
  *p++ = '-';
  p = Put2(p, month);
  *p++ = '-';
  p = Put2(p, day);
  *p++ = 'T';
  auto sod = static_cast<unsigned>(second_of_day);
  p = Put2(p, sod / 3600);
  *p++ = ':';
  p = Put2(p, sod / 60 % 60);
  *p++ = ':';
  p = Put2(p, sod % 60);
  if (micros >= 0) {
    *p++ = '.';
    for (int32_t div = 100000; div > 0; div /= 10)
      *p++ = static_cast<char>('0' + micros / div % 10);
  }
  *p++ = 'Z';
  return static_cast<size_t>(p - out);
}

template <class T>
void TimeFromJSON(const nlohmann::json& j, T& v) {
  if (j.is_null()) {
    v = T{};
    return;
  }
  auto parsed = T::Parse(j.get<std::string>());
  if (!parsed) throw nlohmann::json::other_error::create(501, parsed.error().message, &j);
  v = *parsed;
}

}  // namespace

namespace internal {

size_t FormatRfc3339(const Time& t, char* out) {
  return Format(t.value.time_since_epoch().count(), -1, out);
}

size_t FormatRfc3339(const MicroTime& t, char* out) {
  int64_t us = t.value.time_since_epoch().count();
  int64_t seconds = us / 1000000;
  int64_t micros = us % 1000000;
  if (micros < 0) {
    micros += 1000000;
    --seconds;
  }
  return Format(seconds, static_cast<int32_t>(micros), out);
}

}  // namespace internal

Time Time::Now() { return Time(std::chrono::system_clock::now()); }

Result<Time> Time::Parse(std::string_view rfc3339) {
  auto instant = ParseRfc3339(rfc3339);
  if (!instant) return Fail(std::move(instant.error()));
  return Time(std::chrono::sys_seconds(std::chrono::seconds(instant->seconds)));
}

std::string Time::ToString() const {
  char buf[internal::kMaxRfc3339Length];
  return std::string(buf, internal::FormatRfc3339(*this, buf));
}

MicroTime MicroTime::Now() { return MicroTime(std::chrono::system_clock::now()); }

Result<MicroTime> MicroTime::Parse(std::string_view rfc3339) {
  auto instant = ParseRfc3339(rfc3339);
  if (!instant) return Fail(std::move(instant.error()));
  return MicroTime(std::chrono::sys_seconds(std::chrono::seconds(instant->seconds)) +
                   std::chrono::microseconds(instant->nanos / 1000));
}

std::string MicroTime::ToString() const {
  char buf[internal::kMaxRfc3339Length];
  return std::string(buf, internal::FormatRfc3339(*this, buf));
}

void to_json(nlohmann::json& j, const Time& v) {
  j = v.IsZero() ? nlohmann::json(nullptr) : nlohmann::json(v.ToString());
}
void from_json(const nlohmann::json& j, Time& v) { TimeFromJSON(j, v); }
void to_json(nlohmann::json& j, const MicroTime& v) {
  j = v.IsZero() ? nlohmann::json(nullptr) : nlohmann::json(v.ToString());
}
void from_json(const nlohmann::json& j, MicroTime& v) { TimeFromJSON(j, v); }

}  // namespace kube
