#include "kube/watch.h"

#include <gtest/gtest.h>

namespace kube {
namespace {

TEST(WatchEventTest, ParsesTypeAndRawObject) {
  auto ev = ParseWatchEvent(
      R"({"type":"MODIFIED","object":{"kind":"ConfigMap","metadata":{"name":"a"}}})");
  ASSERT_TRUE(ev) << ev.error().message;
  EXPECT_EQ(ev->type, WatchEventType::kModified);
  EXPECT_EQ(ev->object, R"({"kind":"ConfigMap","metadata":{"name":"a"}})");
  auto reordered = ParseWatchEvent(R"({"object":{"x":1},"type":"BOOKMARK"})");
  ASSERT_TRUE(reordered);
  EXPECT_EQ(reordered->type, WatchEventType::kBookmark);
}

TEST(WatchEventTest, RejectsBadLines) {
  EXPECT_FALSE(ParseWatchEvent("not json"));
  EXPECT_FALSE(ParseWatchEvent(R"({"type":"ADDED"})"));
  EXPECT_FALSE(ParseWatchEvent(R"({"type":"EXPLODED","object":{}})"));
  auto e = ParseWatchEvent(R"({"type":5,"object":{}})");
  ASSERT_FALSE(e);
  EXPECT_TRUE(IsDecode(e.error()));
}

TEST(WatchEventTest, EncodeRoundTrips) {
  std::string line = EncodeWatchEvent(WatchEventType::kDeleted, R"({"a":1})");
  auto ev = ParseWatchEvent(line);
  ASSERT_TRUE(ev);
  EXPECT_EQ(ev->type, WatchEventType::kDeleted);
  EXPECT_EQ(ev->object, R"({"a":1})");
  for (auto t : {WatchEventType::kAdded, WatchEventType::kModified, WatchEventType::kDeleted,
                 WatchEventType::kBookmark, WatchEventType::kError}) {
    EXPECT_EQ(ParseWatchEventType(ToString(t)), t);
  }
}

TEST(WatchEventTest, DecodesStatus) {
  Status s;
  const char* body = R"json({"kind":"Status","status":"Failure","reason":"Expired","code":410,
      "message":"too old resource version: 1 (5)"})json";
  ASSERT_TRUE(DecodeJSON(body, s));
  EXPECT_EQ(s.code, 410);
  EXPECT_TRUE(IsGone(s.ToError()));
}

}  // namespace
}  // namespace kube
