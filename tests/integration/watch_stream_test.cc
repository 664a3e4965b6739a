// Typed watches over HTTP: events in order, resume from a resourceVersion, 410 Gone, cut
// streams end cleanly, bookmarks.
#include <gtest/gtest.h>

#include "support/server_fixture.h"

namespace kube_test {
namespace {

using namespace std::chrono_literals;
using kube::Context;
using kube::WatchEventType;

class WatchStreamTest : public ServerTest {
 protected:
  std::optional<kube::WatchEvent<ConfigMap>> NextWithin(kube::Watcher<ConfigMap>& w,
                                                        std::chrono::milliseconds d = 5s) {
    auto [ctx, cancel] = kube::WithTimeout(Context::Background(), d);
    auto ev = w.Next(ctx);
    cancel();
    return ev;
  }
};

TEST_F(WatchStreamTest, DeliversChangesInOrder) {
  auto cms = ConfigMaps();
  auto list = cms.List(Context::Background(), {});
  ASSERT_TRUE(list);
  auto w = cms.Watch(Context::Background(), {.resource_version = list->metadata.resource_version});
  ASSERT_TRUE(w) << w.error().ToString();
  auto created = cms.Create(Context::Background(), MakeConfigMap("a"), {});
  ASSERT_TRUE(created);
  created->data["key"] = "v2";
  ASSERT_TRUE(cms.Update(Context::Background(), *created, {}));
  ASSERT_TRUE(cms.Delete(Context::Background(), "a", {}));
  std::vector<WatchEventType> types;
  for (int i = 0; i < 3; ++i) {
    auto ev = NextWithin(**w);
    ASSERT_TRUE(ev);
    EXPECT_EQ(ev->object.metadata.name, "a");
    types.push_back(ev->type);
  }
  EXPECT_EQ(types, (std::vector{WatchEventType::kAdded, WatchEventType::kModified,
                                WatchEventType::kDeleted}));
}

TEST_F(WatchStreamTest, ResumesFromAResourceVersion) {
  auto cms = ConfigMaps();
  auto a = cms.Create(Context::Background(), MakeConfigMap("a"), {});
  ASSERT_TRUE(cms.Create(Context::Background(), MakeConfigMap("b"), {}));
  auto w = cms.Watch(Context::Background(), {.resource_version = a->metadata.resource_version});
  ASSERT_TRUE(w);
  auto ev = NextWithin(**w);
  ASSERT_TRUE(ev);
  EXPECT_EQ(ev->object.metadata.name, "b");
}

TEST_F(WatchStreamTest, TooOldResourceVersionIsAGoneErrorEvent) {
  auto cms = ConfigMaps();
  auto a = cms.Create(Context::Background(), MakeConfigMap("a"), {});
  ASSERT_TRUE(cms.Create(Context::Background(), MakeConfigMap("b"), {}));
  server_.Tracker().Compact();
  auto w = cms.Watch(Context::Background(), {.resource_version = a->metadata.resource_version});
  ASSERT_TRUE(w);
  auto ev = NextWithin(**w);
  ASSERT_TRUE(ev);
  EXPECT_EQ(ev->type, WatchEventType::kError);
  ASSERT_TRUE(ev->status);
  EXPECT_EQ(ev->status->code, 410);
  EXPECT_TRUE(kube::IsGone(ev->status->ToError()));
}

TEST_F(WatchStreamTest, CutStreamEndsCleanly) {
  auto cms = ConfigMaps();
  server_.AddFault({.watch_only = true, .times = 1, .cut_watch_after_events = 2});
  auto w = cms.Watch(Context::Background(), {.resource_version = "0"});
  ASSERT_TRUE(w);
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(cms.Create(Context::Background(), MakeConfigMap("c" + std::to_string(i)), {}));
  ASSERT_TRUE(NextWithin(**w));
  ASSERT_TRUE(NextWithin(**w));
  EXPECT_FALSE(NextWithin(**w).has_value()) << "the cut ends the watch";
  EXPECT_FALSE(NextWithin(**w, 10ms).has_value());
}

TEST_F(WatchStreamTest, BookmarksCarryTheResourceVersion) {
  auto cms = ConfigMaps();
  ASSERT_TRUE(cms.Create(Context::Background(), MakeConfigMap("a"), {}));
  auto w = cms.Watch(Context::Background(),
                     {.allow_watch_bookmarks = true,
                      .resource_version = std::to_string(server_.Tracker().ResourceVersion())});
  ASSERT_TRUE(w);
  auto ev = NextWithin(**w);
  ASSERT_TRUE(ev);
  EXPECT_EQ(ev->type, WatchEventType::kBookmark);
  EXPECT_EQ(ev->object.metadata.resource_version,
            std::to_string(server_.Tracker().ResourceVersion()));
}

TEST_F(WatchStreamTest, WatchErrorsBeforeStreamingAreResults) {
  auto bad = ConfigMaps().Watch(Context::Background(), {.label_selector = "a in in"});
  ASSERT_FALSE(bad);
  EXPECT_TRUE(kube::IsBadRequest(bad.error()));
  server_.AddFault({.watch_only = true, .times = 1, .status = 403});
  auto forbidden = ConfigMaps().Watch(Context::Background(), {});
  ASSERT_FALSE(forbidden);
  EXPECT_TRUE(kube::IsForbidden(forbidden.error()));
}

TEST_F(WatchStreamTest, ManyEventsArriveComplete) {
  auto cms = ConfigMaps();
  auto w = cms.Watch(Context::Background(),
                     {.resource_version = std::to_string(server_.Tracker().ResourceVersion())});
  ASSERT_TRUE(w);
  constexpr int kEvents = 2000;
  for (int i = 0; i < kEvents; ++i) {
    ASSERT_TRUE(server_.Tracker().Create(
        kConfigMaps, "default",
        kube::testing::json{{"metadata", {{"name", "m" + std::to_string(i)}}}}));
  }
  for (int i = 0; i < kEvents; ++i) {
    auto ev = NextWithin(**w);
    ASSERT_TRUE(ev) << "event " << i;
    ASSERT_EQ(ev->object.metadata.name, "m" + std::to_string(i));
  }
}

}  // namespace
}  // namespace kube_test
