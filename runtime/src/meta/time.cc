#include <fmt/format.h>

#include <cctype>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "kube/meta.h"

namespace kube {
namespace {

using std::chrono::system_clock;

// Parses RFC 3339 ("2006-01-02T15:04:05.999999999Z07:00"), the subset Kubernetes emits and
// accepts, with a lowercase `t`/`z` allowed as the RFC permits.
Result<system_clock::time_point> ParseRfc3339(std::string_view s) {
  auto bad = [&](std::string_view why) {
    return Fail(Error::Decode(fmt::format("invalid RFC 3339 time \"{}\": {}", s, why)));
  };
  auto digits = [&](size_t pos, size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int year, month, day, hour, minute, second;
  if (!digits(0, 4, year) || s.size() < 19 || s[4] != '-' || !digits(5, 2, month) || s[7] != '-' ||
      !digits(8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !digits(11, 2, hour) || s[13] != ':' || !digits(14, 2, minute) || s[16] != ':' ||
      !digits(17, 2, second)) {
    return bad("expected YYYY-MM-DDTHH:MM:SS");
  }
  std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                  std::chrono::day(day)};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return bad("field out of range");
  size_t pos = 19;
  std::chrono::nanoseconds frac{0};
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int64_t ns = 0;
    int n = 0;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
      if (n < 9) ns = ns * 10 + (s[pos] - '0'), ++n;
      ++pos;
    }
    if (n == 0) return bad("expected digits after '.'");
    for (; n < 9; ++n) ns *= 10;
    frac = std::chrono::nanoseconds(ns);
  }
  std::chrono::seconds offset{0};
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (!digits(pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !digits(pos + 4, 2, om)) {
      return bad("expected a zone offset of the form +HH:MM");
    }
    offset = std::chrono::hours(oh) + std::chrono::minutes(om);
    if (s[pos] == '-') offset = -offset;
    pos += 6;
  } else {
    return bad("expected 'Z' or a zone offset");
  }
  if (pos != s.size()) return bad("unexpected trailing characters");
  auto tp = std::chrono::sys_days(ymd) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
            std::chrono::seconds(second) - offset;
  return std::chrono::time_point_cast<system_clock::duration>(tp) +
         std::chrono::duration_cast<system_clock::duration>(frac);
}

std::string Format(system_clock::time_point tp, bool micros) {
  auto secs = std::chrono::floor<std::chrono::seconds>(tp);
  std::time_t t = system_clock::to_time_t(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::string out = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", tm.tm_year + 1900,
                                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  if (micros) {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(tp - secs).count();
    out += fmt::format(".{:06}", us);
  }
  return out + "Z";
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

Time Time::Now() { return Time{std::chrono::floor<std::chrono::seconds>(system_clock::now())}; }

Result<Time> Time::Parse(std::string_view rfc3339) {
  auto tp = ParseRfc3339(rfc3339);
  if (!tp) return Fail(tp.error());
  return Time{std::chrono::floor<std::chrono::seconds>(*tp)};
}

std::string Time::ToString() const { return Format(value, false); }

MicroTime MicroTime::Now() {
  return MicroTime{std::chrono::floor<std::chrono::microseconds>(system_clock::now())};
}

Result<MicroTime> MicroTime::Parse(std::string_view rfc3339) {
  auto tp = ParseRfc3339(rfc3339);
  if (!tp) return Fail(tp.error());
  return MicroTime{std::chrono::floor<std::chrono::microseconds>(*tp)};
}

std::string MicroTime::ToString() const { return Format(value, true); }

void to_json(nlohmann::json& j, const Time& v) {
  j = v.IsZero() ? nlohmann::json(nullptr) : nlohmann::json(v.ToString());
}
void from_json(const nlohmann::json& j, Time& v) { TimeFromJSON(j, v); }
void to_json(nlohmann::json& j, const MicroTime& v) {
  j = v.IsZero() ? nlohmann::json(nullptr) : nlohmann::json(v.ToString());
}
void from_json(const nlohmann::json& j, MicroTime& v) { TimeFromJSON(j, v); }

}  // namespace kube
