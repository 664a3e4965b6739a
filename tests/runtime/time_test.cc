// kube::Time and kube::MicroTime over everything Go's time.Time carries on the wire: years
// 0001-9999, Go's zero time, leap days, offsets, fractions, and text that is not a time at all.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "kube/json/decode.h"
#include "kube/json/writer.h"
#include "kube/meta.h"

namespace kube {
namespace {

using namespace std::chrono_literals;
using JSON = nlohmann::json;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

constexpr sys_seconds kFirst = sys_days{std::chrono::year{1} / 1 / 1};
constexpr sys_seconds kLast = sys_days{std::chrono::year{9999} / 12 / 31} + 86399s;

// The JSON the simdjson reader and the streaming writer make of `text` (a JSON value).
template <class T>
std::string ThroughDecoder(const std::string& text, T& out) {
  auto r = kube::json::DecodeDocument(text, out);
  if (!r) return "error: " + r.error().message;
  std::string back;
  kube::json::Writer w(back);
  Write(w, out);
  return back;
}

// The expected text, built by std::chrono's own calendar rather than by the code under test.
std::string Expected(sys_seconds s) {
  auto day = std::chrono::floor<std::chrono::days>(s);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss hms{s - day};
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

TEST(TimeTest, DefaultIsGoZeroTimeNotTheUnixEpoch) {
  Time zero;
  EXPECT_TRUE(zero.IsZero());
  EXPECT_EQ(zero.value, kFirst);
  EXPECT_EQ(zero.ToString(), "0001-01-01T00:00:00Z");
  EXPECT_TRUE(MicroTime{}.IsZero());
  EXPECT_EQ(MicroTime{}.ToString(), "0001-01-01T00:00:00.000000Z");

  auto epoch = Time::Parse("1970-01-01T00:00:00Z");
  ASSERT_TRUE(epoch) << epoch.error().message;
  EXPECT_FALSE(epoch->IsZero());  // a real time
  EXPECT_EQ(JSON(*epoch), JSON("1970-01-01T00:00:00Z"));
  Time from_epoch = std::chrono::system_clock::time_point{};
  EXPECT_FALSE(from_epoch.IsZero());
  EXPECT_EQ(from_epoch, *epoch);
  EXPECT_FALSE(MicroTime(std::chrono::system_clock::time_point{}).IsZero());
}

TEST(TimeTest, GoZeroTimeParsesAsZeroAndEncodesAsNull) {
  for (const char* text : {"0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z",
                           "0001-01-01T01:00:00+01:00", "0001-01-01T00:00:00.999999999Z"}) {
    auto t = Time::Parse(text);
    ASSERT_TRUE(t) << text << ": " << t.error().message;
    EXPECT_TRUE(t->IsZero()) << text;
    EXPECT_EQ(*t, Time{}) << text;
  }
  auto micro = MicroTime::Parse("0001-01-01T00:00:00.000000Z");
  ASSERT_TRUE(micro);
  EXPECT_TRUE(micro->IsZero());
  EXPECT_FALSE(MicroTime::Parse("0001-01-01T00:00:00.000001Z")->IsZero());

  EXPECT_TRUE(JSON(Time{}).is_null());
  EXPECT_TRUE(JSON(MicroTime{}).is_null());
  Time t;
  EXPECT_EQ(ThroughDecoder(R"("0001-01-01T00:00:00Z")", t), "null");
  EXPECT_TRUE(t.IsZero());
  t = Time::Parse("2024-01-01T00:00:00Z").value();
  EXPECT_EQ(ThroughDecoder("null", t), "null");
  EXPECT_TRUE(t.IsZero());
  MicroTime m;
  EXPECT_EQ(ThroughDecoder(R"("0001-01-01T00:00:00.000000Z")", m), "null");
  EXPECT_TRUE(JSON("0001-01-01T00:00:00Z").get<Time>().IsZero());
}

TEST(TimeTest, CoversYearsOneToNineThousandNineHundredNinetyNine) {
  for (const char* text : {"0001-01-01T00:00:01Z", "0001-12-31T23:59:59Z", "1677-09-21T00:12:43Z",
                           "1600-01-01T00:00:00Z", "2262-04-11T23:47:17Z", "2263-01-01T00:00:00Z",
                           "9999-12-31T23:59:59Z"}) {
    auto t = Time::Parse(text);
    ASSERT_TRUE(t) << text << ": " << t.error().message;
    EXPECT_EQ(t->ToString(), text);
    Time decoded;
    EXPECT_EQ(ThroughDecoder(JSON(text).dump(), decoded), JSON(text).dump());
  }
  auto last = MicroTime::Parse("9999-12-31T23:59:59.999999Z");
  ASSERT_TRUE(last);
  EXPECT_EQ(last->ToString(), "9999-12-31T23:59:59.999999Z");
  EXPECT_EQ(Time::Parse("9999-12-31T23:59:59Z")->value, kLast);
  EXPECT_LT(*Time::Parse("0001-01-01T00:00:01Z"), *Time::Parse("9999-12-31T23:59:59Z"));
}

TEST(TimeTest, RejectsInstantsOutsideYearsOneToNineThousandNineHundredNinetyNine) {
  for (const char* text :
       {"0000-01-01T00:00:00Z", "0000-12-31T23:59:59Z", "0000-12-31T23:59:59.999999999Z",
        "0001-01-01T00:00:00+00:01",  // 0000-12-31T23:59:00Z
        "9999-12-31T23:59:59-00:01",  // 10000-01-01T00:00:59Z
        "9999-12-31T23:00:00-01:00", "10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
        "+2024-01-01T00:00:00Z"}) {
    auto t = Time::Parse(text);
    EXPECT_FALSE(t) << text;
    auto m = MicroTime::Parse(text);
    EXPECT_FALSE(m) << text;
    if (!t) {
      EXPECT_TRUE(IsDecode(t.error()));
    }
  }
  EXPECT_NE(Time::Parse("0000-06-01T00:00:00Z").error().message.find("0001-9999"),
            std::string::npos);
}

TEST(TimeTest, LeapDaysFollowTheGregorianRules) {
  for (const char* ok : {"2024-02-29T00:00:00Z", "2000-02-29T12:00:00Z", "1600-02-29T00:00:00Z",
                         "0004-02-29T00:00:00Z", "0400-02-29T00:00:00Z", "9996-02-29T23:59:59Z"}) {
    auto t = Time::Parse(ok);
    ASSERT_TRUE(t) << ok << ": " << t.error().message;
    EXPECT_EQ(t->ToString(), ok);
  }
  for (const char* bad : {"2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
                          "0001-02-29T00:00:00Z", "0100-02-29T00:00:00Z", "2024-02-30T00:00:00Z",
                          "2024-04-31T00:00:00Z", "2024-01-32T00:00:00Z", "2024-01-00T00:00:00Z",
                          "2024-00-10T00:00:00Z", "2024-13-01T00:00:00Z"}) {
    auto t = Time::Parse(bad);
    ASSERT_FALSE(t) << bad;
    EXPECT_NE(t.error().message.find("out of range"), std::string::npos) << t.error().message;
  }
  Time leap = Time::Parse("2024-02-28T23:59:59Z").value();
  leap.value += 1s;
  EXPECT_EQ(leap.ToString(), "2024-02-29T00:00:00Z");
  leap.value += 24h;
  EXPECT_EQ(leap.ToString(), "2024-03-01T00:00:00Z");
  Time not_leap = Time::Parse("1900-02-28T23:59:59Z").value();
  not_leap.value += 1s;
  EXPECT_EQ(not_leap.ToString(), "1900-03-01T00:00:00Z");
}

TEST(TimeTest, NumericOffsetsAreConvertedToUtc) {
  struct Case {
    const char* in;
    const char* utc;
  };
  for (const Case& c : std::vector<Case>{
           {"2024-03-01T01:59:58+02:00", "2024-02-29T23:59:58Z"},
           {"2024-01-01T05:30:00+05:30", "2024-01-01T00:00:00Z"},
           {"2023-12-31T16:00:00-08:00", "2024-01-01T00:00:00Z"},
           {"2024-01-01T00:30:00+01:00", "2023-12-31T23:30:00Z"},
           {"2024-06-01T12:00:00-00:00", "2024-06-01T12:00:00Z"},
           {"2024-06-01T12:00:00+00:00", "2024-06-01T12:00:00Z"},
           {"2024-06-02T12:00:00+24:00", "2024-06-01T12:00:00Z"},
           {"2024-06-01T12:00:00-24:00", "2024-06-02T12:00:00Z"},
           {"2024-06-01T12:00:00+23:59", "2024-05-31T12:01:00Z"},
           {"2024-06-01T12:00:00.25+01:00", "2024-06-01T11:00:00Z"},
           {"2024-06-01t12:00:00z", "2024-06-01T12:00:00Z"},
           {"2024-06-01 12:00:00Z", "2024-06-01T12:00:00Z"},
       }) {
    auto t = Time::Parse(c.in);
    ASSERT_TRUE(t) << c.in << ": " << t.error().message;
    EXPECT_EQ(t->ToString(), c.utc) << c.in;
  }
  EXPECT_EQ(MicroTime::Parse("2024-06-01T12:00:00.25+01:00")->ToString(),
            "2024-06-01T11:00:00.250000Z");
  for (const char* bad :
       {"2024-06-01T12:00:00+24:01", "2024-06-01T12:00:00-25:00", "2024-06-01T12:00:00+99:00",
        "2024-06-01T12:00:00+23:60", "2024-06-01T12:00:00+0530", "2024-06-01T12:00:00+05",
        "2024-06-01T12:00:00+5:30", "2024-06-01T12:00:00+05:3", "2024-06-01T12:00:00+05:30:00",
        "2024-06-01T12:00:00+", "2024-06-01T12:00:00 +01:00", "2024-06-01T12:00:00+01:00Z",
        "2024-06-01T12:00:00UTC", "2024-06-01T12:00:00+a1:00"}) {
    auto t = Time::Parse(bad);
    EXPECT_FALSE(t) << bad;
  }
}

TEST(TimeTest, FractionsOfOneToNineDigits) {
  std::string base = "2024-05-06T07:08:09";
  std::string digits = "123456789";
  for (size_t n = 1; n <= 9; ++n) {
    std::string text = base + "." + digits.substr(0, n) + "Z";
    auto t = Time::Parse(text);
    ASSERT_TRUE(t) << text << ": " << t.error().message;
    EXPECT_EQ(t->ToString(), base + "Z");  // second precision, as metav1.Time writes
    auto m = MicroTime::Parse(text);
    ASSERT_TRUE(m) << text;
    std::string micros =
        digits.substr(0, std::min<size_t>(n, 6)) + std::string(6 - std::min<size_t>(n, 6), '0');
    EXPECT_EQ(m->ToString(), base + "." + micros + "Z") << text;
  }
  EXPECT_EQ(Time::Parse("2024-05-06T07:08:09.999999999Z")->ToString(), "2024-05-06T07:08:09Z");
  EXPECT_EQ(MicroTime::Parse("2024-05-06T07:08:09.999999999Z")->ToString(),
            "2024-05-06T07:08:09.999999Z");
  EXPECT_EQ(MicroTime::Parse("2024-05-06T07:08:09.000001Z")->ToString(),
            "2024-05-06T07:08:09.000001Z");
  // Before the epoch the fraction still counts forward within its second.
  EXPECT_EQ(MicroTime::Parse("1969-12-31T23:59:59.5Z")->ToString(), "1969-12-31T23:59:59.500000Z");
  EXPECT_EQ(MicroTime::Parse("0001-01-01T00:00:00.5Z")->ToString(), "0001-01-01T00:00:00.500000Z");
  for (const char* bad :
       {"2024-05-06T07:08:09.1234567890Z", "2024-05-06T07:08:09.Z", "2024-05-06T07:08:09.",
        "2024-05-06T07:08:09..1Z", "2024-05-06T07:08:09,5Z", "2024-05-06T07:08:09.5.5Z",
        "2024-05-06T07:08:09.00000000000000000000000000000000000001Z"}) {
    EXPECT_FALSE(Time::Parse(bad)) << bad;
    EXPECT_FALSE(MicroTime::Parse(bad)) << bad;
  }
}

TEST(TimeTest, RejectsGarbageWithADecodeError) {
  std::vector<std::string> bad = {
      "",
      "null",
      "0",
      "2024",
      "2024-01-01",
      "2024-01-01T00:00Z",
      "2024-01-01T00:00:00",
      " 2024-01-01T00:00:00Z",
      "2024-01-01T00:00:00Z ",
      "2024-01-01T24:00:00Z",
      "2024-01-01T23:60:00Z",
      "2024-01-01T23:59:60Z",
      "2024-1-01T00:00:00Z",
      "2024/01/01T00:00:00Z",
      "2024-01-01X00:00:00Z",
      "2024-01-01T00-00-00Z",
      "20a4-01-01T00:00:00Z",
      "2024-01-01T00:00:00ZZ",
      "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x94-01-01T00:00:00Z",
      std::string("2024-01-01T00:00:00\0Z", 21),
      std::string(100000, '9'),
      "2024-01-01T00:00:00Z" + std::string(1000, 'x')};
  for (const std::string& text : bad) {
    auto t = Time::Parse(text);
    ASSERT_FALSE(t) << text.substr(0, 40);
    EXPECT_TRUE(IsDecode(t.error()));
    EXPECT_NE(t.error().message.find("RFC 3339"), std::string::npos);
    EXPECT_LT(t.error().message.size(), 200u) << "the message quotes a bounded excerpt";
    EXPECT_FALSE(MicroTime::Parse(text)) << text.substr(0, 40);
  }
  Time t;
  EXPECT_NE(ThroughDecoder("12", t).find("RFC 3339"), std::string::npos);
  EXPECT_NE(ThroughDecoder(R"("2024-02-30T00:00:00Z")", t).find("day out of range"),
            std::string::npos);
  EXPECT_THROW(JSON("yesterday").get<Time>(), JSON::exception);
}

TEST(TimeTest, RandomMutationsNeverMisbehave) {
  // Edits of valid times: whatever is accepted must be a valid instant that round-trips.
  std::mt19937_64 rng(20240229);
  const std::string alphabet = "0123456789-+:.TZtz 9";
  const std::vector<std::string> seeds = {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                                          "2024-02-29T12:34:56.789+05:30",
                                          "1970-01-01T00:00:00-24:00"};
  for (int i = 0; i < 200000; ++i) {
    std::string s = seeds[rng() % seeds.size()];
    for (int edits = 1 + static_cast<int>(rng() % 3); edits > 0; --edits) {
      size_t pos = rng() % (s.size() + 1);
      switch (rng() % 3) {
        case 0:
          if (pos < s.size()) s[pos] = alphabet[rng() % alphabet.size()];
          break;
        case 1:
          s.insert(pos, 1, alphabet[rng() % alphabet.size()]);
          break;
        default:
          if (pos < s.size()) s.erase(pos, 1);
      }
    }
    auto t = Time::Parse(s);
    if (t) {
      ASSERT_GE(t->value, kFirst) << s;
      ASSERT_LE(t->value, kLast) << s;
      auto again = Time::Parse(t->ToString());
      ASSERT_TRUE(again && *again == *t) << s;
    }
    auto m = MicroTime::Parse(s);
    ASSERT_EQ(bool(t), bool(m)) << s;
    if (m) {
      auto again = MicroTime::Parse(m->ToString());
      ASSERT_TRUE(again && *again == *m) << s;
    }
  }
}

TEST(TimeTest, RandomRoundTripOverTheWholeRange) {
  std::mt19937_64 rng(1);
  std::uniform_int_distribution<int64_t> second(kFirst.time_since_epoch().count(),
                                                kLast.time_since_epoch().count());
  std::uniform_int_distribution<int64_t> micro(0, 999999);
  std::uniform_int_distribution<int> offset_minutes(-24 * 60, 24 * 60);
  for (int i = 0; i < 100000; ++i) {
    sys_seconds s{std::chrono::seconds(second(rng))};
    Time t = s;
    std::string text = t.ToString();
    ASSERT_EQ(text, Expected(s));
    auto parsed = Time::Parse(text);
    ASSERT_TRUE(parsed) << text << ": " << parsed.error().message;
    ASSERT_EQ(*parsed, t) << text;

    // The same instant written with an offset, as another server might.
    int off = offset_minutes(rng);
    sys_seconds local = s + std::chrono::minutes(off);
    if (local >= kFirst && local <= kLast) {
      std::string with_offset = Expected(local);
      with_offset.pop_back();
      char zone[16];
      std::snprintf(zone, sizeof(zone), "%c%02d:%02d", off < 0 ? '-' : '+', std::abs(off) / 60,
                    std::abs(off) % 60);
      with_offset += zone;
      auto shifted = Time::Parse(with_offset);
      ASSERT_TRUE(shifted) << with_offset << ": " << shifted.error().message;
      ASSERT_EQ(*shifted, t) << with_offset;
    }

    MicroTime m = s + std::chrono::microseconds(micro(rng));
    std::string micro_text = m.ToString();
    ASSERT_EQ(micro_text.size(), 27u) << micro_text;
    ASSERT_EQ(micro_text.substr(0, 19), text.substr(0, 19));
    auto micro_parsed = MicroTime::Parse(micro_text);
    ASSERT_TRUE(micro_parsed) << micro_text;
    ASSERT_EQ(*micro_parsed, m) << micro_text;

    if (i % 10 == 0) {  // the simdjson reader and the streaming writer, as generated code uses
      Time decoded;
      std::string quoted = "\"" + text + "\"";
      ASSERT_EQ(ThroughDecoder(quoted, decoded), t.IsZero() ? "null" : quoted);
      MicroTime micro_decoded;
      std::string micro_quoted = "\"" + micro_text + "\"";
      ASSERT_EQ(ThroughDecoder(micro_quoted, micro_decoded), m.IsZero() ? "null" : micro_quoted);
      ASSERT_EQ(JSON(t).get<Time>(), t);
    }
  }
}

TEST(TimeTest, ConvertsFromSystemClockByTruncating) {
  auto now = std::chrono::system_clock::now();
  Time t = now;
  EXPECT_LE(t.value, now);
  EXPECT_GT(t.value + 1s, now);
  MicroTime m = now;
  EXPECT_LE(m.value, now);
  EXPECT_GT(m.value + 1us, now);
  // Before the epoch, truncation still goes to the start of the second (floor).
  Time before = std::chrono::sys_time<std::chrono::milliseconds>(-1500ms);
  EXPECT_EQ(before.ToString(), "1969-12-31T23:59:58Z");
  EXPECT_LE(Time::Now().value, std::chrono::system_clock::now());
  EXPECT_FALSE(Time::Now().IsZero());
  EXPECT_EQ(MicroTime::Now().ToString().size(), 27u);
  Time a = Time::Parse("2024-01-01T00:00:00Z").value();
  Time b = Time::Parse("2024-01-01T00:00:01Z").value();
  EXPECT_LT(a, b);
  EXPECT_NE(a, b);
  EXPECT_LT(Time{}, a);  // zero sorts first, as in Go
}

TEST(TimeTest, ValuesSetOutsideTheRangeStillFormatWithoutOverflow) {
  Time far;
  far.value = sys_days{std::chrono::year{12345} / 6 / 7};
  EXPECT_EQ(far.ToString(), "12345-06-07T00:00:00Z");
  Time before;
  before.value = sys_days{std::chrono::year{-1} / 1 / 1};
  EXPECT_EQ(before.ToString(), "-0001-01-01T00:00:00Z");
  EXPECT_FALSE(Time::Parse(far.ToString()));
  Time extreme;
  extreme.value = sys_seconds::min();
  EXPECT_FALSE(extreme.ToString().empty());
  extreme.value = sys_seconds::max();
  EXPECT_FALSE(extreme.ToString().empty());
  MicroTime extreme_micro;
  extreme_micro.value = std::chrono::sys_time<std::chrono::microseconds>::min();
  EXPECT_FALSE(extreme_micro.ToString().empty());
}

TEST(TimeTest, ObjectMetaKeepsFarTimes) {
  auto meta = JSON::parse(R"({"name":"a","creationTimestamp":"0001-01-01T00:00:00Z",
    "deletionTimestamp":"9999-12-31T23:59:59Z"})")
                  .get<ObjectMeta>();
  EXPECT_TRUE(meta.creation_timestamp.IsZero());
  ASSERT_TRUE(meta.deletion_timestamp);
  EXPECT_EQ(meta.deletion_timestamp->ToString(), "9999-12-31T23:59:59Z");
  ObjectMeta decoded;
  std::string out = ThroughDecoder(
      R"({"name":"a","creationTimestamp":"0001-01-02T00:00:00Z","deletionTimestamp":"9999-12-31T23:59:59Z"})",
      decoded);
  EXPECT_NE(out.find(R"("creationTimestamp":"0001-01-02T00:00:00Z")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("deletionTimestamp":"9999-12-31T23:59:59Z")"), std::string::npos) << out;
}

}  // namespace
}  // namespace kube
