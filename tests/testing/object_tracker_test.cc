#include "kube/testing/object_tracker.h"

#include <gtest/gtest.h>

#include "support/test_types.h"

namespace kube::testing {
namespace {

using kube_test::kConfigMaps;
using kube_test::kWidgets;
using namespace std::chrono_literals;

json CM(const std::string& name, json labels = json::object()) {
  return {{"metadata", {{"name", name}, {"labels", labels}}}, {"data", {{"k", "v"}}}};
}

class ObjectTrackerTest : public ::testing::Test {
 protected:
  ObjectTracker tracker_{kube_test::TestScheme()};
};

TEST_F(ObjectTrackerTest, CreateFillsServerFields) {
  auto created = tracker_.Create(kConfigMaps, "default", CM("a"));
  ASSERT_TRUE(created) << created.error().message;
  const json& m = (*created)["metadata"];
  EXPECT_EQ(m["namespace"], "default");
  EXPECT_EQ(m["resourceVersion"], "1");
  EXPECT_EQ(m["generation"], 1);
  EXPECT_EQ(m["uid"].get<std::string>().size(), 36u);
  EXPECT_TRUE(Time::Parse(m["creationTimestamp"].get<std::string>()));
  EXPECT_EQ((*created)["kind"], "ConfigMap");
  EXPECT_EQ((*created)["apiVersion"], "v1");
}

TEST_F(ObjectTrackerTest, CreateErrors) {
  ASSERT_TRUE(tracker_.Create(kConfigMaps, "default", CM("a")));
  auto dup = tracker_.Create(kConfigMaps, "default", CM("a"));
  ASSERT_FALSE(dup);
  EXPECT_TRUE(IsAlreadyExists(dup.error()));
  EXPECT_EQ(dup.error().message, "configmaps \"a\" already exists");
  auto noname = tracker_.Create(kConfigMaps, "default", json{{"data", json::object()}});
  ASSERT_FALSE(noname);
  EXPECT_TRUE(IsInvalid(noname.error()));
  auto badname = tracker_.Create(kConfigMaps, "default", CM("Bad_Name"));
  ASSERT_FALSE(badname);
  EXPECT_TRUE(IsInvalid(badname.error()));
  EXPECT_EQ(badname.error().details.causes.at(0).field, "metadata.name");
  json other_ns = CM("b");
  other_ns["metadata"]["namespace"] = "elsewhere";
  EXPECT_TRUE(IsBadRequest(tracker_.Create(kConfigMaps, "default", other_ns).error()));
  auto unknown = tracker_.Create({"", "v1", "nothings"}, "default", CM("a"));
  EXPECT_TRUE(IsNotFound(unknown.error()));
}

TEST_F(ObjectTrackerTest, GenerateName) {
  json obj = {{"metadata", {{"generateName", "job-"}}}};
  auto a = tracker_.Create(kConfigMaps, "default", obj);
  auto b = tracker_.Create(kConfigMaps, "default", obj);
  ASSERT_TRUE(a && b);
  std::string na = (*a)["metadata"]["name"], nb = (*b)["metadata"]["name"];
  EXPECT_TRUE(na.starts_with("job-"));
  EXPECT_EQ(na.size(), 9u);
  EXPECT_NE(na, nb);
}

TEST_F(ObjectTrackerTest, UpdateChecksResourceVersion) {
  auto created = tracker_.Create(kConfigMaps, "default", CM("a"));
  json stale = *created;
  json fresh = *created;
  fresh["data"]["k"] = "v2";
  auto updated = tracker_.Update(kConfigMaps, "default", fresh);
  ASSERT_TRUE(updated);
  EXPECT_EQ((*updated)["metadata"]["resourceVersion"], "2");
  EXPECT_EQ((*updated)["metadata"]["uid"], (*created)["metadata"]["uid"]);
  stale["data"]["k"] = "v3";
  auto conflict = tracker_.Update(kConfigMaps, "default", stale);
  ASSERT_FALSE(conflict);
  EXPECT_TRUE(IsConflict(conflict.error()));
  EXPECT_NE(conflict.error().message.find("the object has been modified"), std::string::npos);
  auto noop = tracker_.Update(kConfigMaps, "default", *updated);
  ASSERT_TRUE(noop);
  EXPECT_EQ((*noop)["metadata"]["resourceVersion"], "2") << "an unchanged object keeps its version";
  json missing = CM("zzz");
  EXPECT_TRUE(IsNotFound(tracker_.Update(kConfigMaps, "default", missing).error()));
}

TEST_F(ObjectTrackerTest, StatusSubresourceSeparatesSpecAndStatus) {
  json w = {
      {"metadata", {{"name", "w"}}}, {"spec", {{"size", 1}}}, {"status", {{"phase", "Ignored"}}}};
  auto created = tracker_.Create(kWidgets, "default", w);
  ASSERT_TRUE(created);
  EXPECT_FALSE(created->contains("status")) << "create ignores status";
  json with_status = *created;
  with_status["status"] = {{"phase", "Ready"}};
  with_status["spec"]["size"] = 99;
  auto st = tracker_.Update(kWidgets, "default", with_status, {}, "status");
  ASSERT_TRUE(st);
  EXPECT_EQ((*st)["status"]["phase"], "Ready");
  EXPECT_EQ((*st)["spec"]["size"], 1) << "status update ignores spec";
  EXPECT_EQ((*st)["metadata"]["generation"], 1);
  json main = *st;
  main["spec"]["size"] = 2;
  main["status"]["phase"] = "Hacked";
  auto up = tracker_.Update(kWidgets, "default", main);
  ASSERT_TRUE(up);
  EXPECT_EQ((*up)["spec"]["size"], 2);
  EXPECT_EQ((*up)["status"]["phase"], "Ready") << "main update ignores status";
  EXPECT_EQ((*up)["metadata"]["generation"], 2) << "a spec change bumps generation";
}

TEST_F(ObjectTrackerTest, ListWithSelectorsAndPages) {
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(
        tracker_.Create(kConfigMaps, "default",
                        CM("cm-" + std::to_string(i), {{"even", i % 2 == 0 ? "yes" : "no"}})));
  }
  ASSERT_TRUE(tracker_.Create(kConfigMaps, "other", CM("cm-x")));
  auto all = tracker_.List(kConfigMaps, "");
  EXPECT_EQ((*all)["items"].size(), 8u);
  EXPECT_EQ((*all)["kind"], "ConfigMapList");
  auto even = tracker_.List(kConfigMaps, "default", {.label_selector = "even=yes"});
  EXPECT_EQ((*even)["items"].size(), 4u);
  auto by_name = tracker_.List(kConfigMaps, "", {.field_selector = "metadata.name=cm-x"});
  ASSERT_EQ((*by_name)["items"].size(), 1u);
  EXPECT_EQ((*by_name)["items"][0]["metadata"]["namespace"], "other");
  std::vector<std::string> names;
  ListOptions page{.limit = 3};
  int pages = 0;
  while (true) {
    auto r = tracker_.List(kConfigMaps, "default", page);
    ASSERT_TRUE(r);
    ++pages;
    for (auto& it : (*r)["items"]) names.push_back(it["metadata"]["name"]);
    std::string cont = (*r)["metadata"].value("continue", "");
    if (cont.empty()) break;
    EXPECT_GT((*r)["metadata"]["remainingItemCount"].get<int>(), 0);
    page.continue_ = cont;
  }
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(names.size(), 7u);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  auto bad = tracker_.List(kConfigMaps, "default", {.label_selector = "a in b"});
  EXPECT_TRUE(IsBadRequest(bad.error()));
}

TEST_F(ObjectTrackerTest, ContinueTokenExpiresAfterCompaction) {
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(tracker_.Create(kConfigMaps, "default", CM("c" + std::to_string(i))));
  auto first = tracker_.List(kConfigMaps, "default", {.limit = 1});
  ASSERT_TRUE(tracker_.Create(kConfigMaps, "default", CM("later")));
  tracker_.Compact();
  auto next = tracker_.List(kConfigMaps, "default",
                            {.limit = 1, .continue_ = (*first)["metadata"]["continue"]});
  ASSERT_FALSE(next);
  EXPECT_TRUE(IsGone(next.error()));
}

TEST_F(ObjectTrackerTest, DeleteWithPreconditionsAndFinalizers) {
  auto created = tracker_.Create(kConfigMaps, "default", CM("a"));
  DeleteOptions wrong_uid{.preconditions = Preconditions{.uid = "nope"}};
  EXPECT_TRUE(IsConflict(tracker_.Delete(kConfigMaps, "default", "a", wrong_uid).error()));
  DeleteOptions wrong_rv{.preconditions = Preconditions{.resource_version = "999"}};
  EXPECT_TRUE(IsConflict(tracker_.Delete(kConfigMaps, "default", "a", wrong_rv).error()));
  DeleteOptions dry{.dry_run = {"All"}};
  ASSERT_TRUE(tracker_.Delete(kConfigMaps, "default", "a", dry));
  EXPECT_TRUE(tracker_.Get(kConfigMaps, "default", "a"));
  ASSERT_TRUE(tracker_.Delete(kConfigMaps, "default", "a"));
  EXPECT_TRUE(IsNotFound(tracker_.Get(kConfigMaps, "default", "a").error()));
  EXPECT_TRUE(IsNotFound(tracker_.Delete(kConfigMaps, "default", "a").error()));

  json held = CM("held");
  held["metadata"]["finalizers"] = {"example.com/cleanup"};
  ASSERT_TRUE(tracker_.Create(kConfigMaps, "default", held));
  auto marked = tracker_.Delete(kConfigMaps, "default", "held");
  ASSERT_TRUE(marked);
  EXPECT_TRUE((*marked)["metadata"].contains("deletionTimestamp"));
  EXPECT_TRUE(tracker_.Get(kConfigMaps, "default", "held")) << "finalizers keep it";
  json release = *marked;
  release["metadata"]["finalizers"] = json::array();
  ASSERT_TRUE(tracker_.Update(kConfigMaps, "default", release));
  EXPECT_TRUE(IsNotFound(tracker_.Get(kConfigMaps, "default", "held").error()));
}

TEST_F(ObjectTrackerTest, DeleteCollectionHonoursSelectors) {
  ASSERT_TRUE(tracker_.Create(kConfigMaps, "default", CM("a", {{"app", "x"}})));
  ASSERT_TRUE(tracker_.Create(kConfigMaps, "default", CM("b", {{"app", "x"}})));
  ASSERT_TRUE(tracker_.Create(kConfigMaps, "default", CM("c", {{"app", "y"}})));
  auto gone = tracker_.DeleteCollection(kConfigMaps, "default", {}, {.label_selector = "app=x"});
  ASSERT_TRUE(gone);
  EXPECT_EQ((*gone)["items"].size(), 2u);
  EXPECT_EQ((*tracker_.List(kConfigMaps, "default"))["items"].size(), 1u);
}

TEST_F(ObjectTrackerTest, MergeAndJsonPatches) {
  ASSERT_TRUE(tracker_.Create(kConfigMaps, "default", CM("a")));
  auto merged = tracker_.Patch(kConfigMaps, "default", "a", PatchType::kMergePatch,
                               R"({"data":{"k":null,"n":"1"},"metadata":{"labels":{"p":"q"}}})");
  ASSERT_TRUE(merged) << merged.error().message;
  EXPECT_FALSE((*merged)["data"].contains("k"));
  EXPECT_EQ((*merged)["data"]["n"], "1");
  EXPECT_EQ((*merged)["metadata"]["labels"]["p"], "q");
  auto jp = tracker_.Patch(
      kConfigMaps, "default", "a", PatchType::kJsonPatch,
      R"([{"op":"test","path":"/data/n","value":"1"},{"op":"replace","path":"/data/n","value":"2"}])");
  ASSERT_TRUE(jp) << jp.error().message;
  EXPECT_EQ((*jp)["data"]["n"], "2");
  auto failed = tracker_.Patch(kConfigMaps, "default", "a", PatchType::kJsonPatch,
                               R"([{"op":"test","path":"/data/n","value":"nope"}])");
  ASSERT_FALSE(failed);
  EXPECT_TRUE(IsInvalid(failed.error()));
  EXPECT_TRUE(IsBadRequest(
      tracker_.Patch(kConfigMaps, "default", "a", PatchType::kMergePatch, "{bad").error()));
  auto stale = tracker_.Patch(kConfigMaps, "default", "a", PatchType::kMergePatch,
                              R"({"metadata":{"resourceVersion":"1"},"data":{"z":"z"}})");
  EXPECT_TRUE(IsConflict(stale.error())) << "a resourceVersion in the patch is a precondition";
  EXPECT_TRUE(IsNotFound(
      tracker_.Patch(kConfigMaps, "default", "zz", PatchType::kMergePatch, "{}").error()));
  auto applied = tracker_.Patch(kConfigMaps, "default", "new", PatchType::kApplyPatch,
                                R"({"apiVersion":"v1","kind":"ConfigMap","data":{"a":"b"}})",
                                {.field_manager = "test"});
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_EQ((*applied)["metadata"]["name"], "new");
}

TEST_F(ObjectTrackerTest, WatchFromNowSeesLaterChanges) {
  ASSERT_TRUE(tracker_.Create(kConfigMaps, "default", CM("old")));
  auto w = tracker_.Watch(kConfigMaps, "default",
                          {.resource_version = std::to_string(tracker_.ResourceVersion())});
  ASSERT_TRUE(w);
  ASSERT_TRUE(tracker_.Create(kConfigMaps, "default", CM("new")));
  ASSERT_TRUE(tracker_.Create(kConfigMaps, "other", CM("elsewhere")));
  ASSERT_TRUE(tracker_.Delete(kConfigMaps, "default", "old"));
  auto deadline = Context::Clock::now() + 1s;
  auto e1 = (*w)->Next(Context::Background(), deadline);
  auto e2 = (*w)->Next(Context::Background(), deadline);
  ASSERT_TRUE(e1 && e2);
  EXPECT_EQ(e1->type, WatchEventType::kAdded);
  EXPECT_EQ(e1->object["metadata"]["name"], "new");
  EXPECT_EQ(e2->type, WatchEventType::kDeleted);
  EXPECT_EQ(e2->object["metadata"]["name"], "old");
  EXPECT_FALSE((*w)->Next(Context::Background(), Context::Clock::now() + 20ms))
      << "other namespace filtered";
}

TEST_F(ObjectTrackerTest, WatchFromZeroReplaysCurrentState) {
  ASSERT_TRUE(tracker_.Create(kConfigMaps, "default", CM("a")));
  ASSERT_TRUE(tracker_.Create(kConfigMaps, "default", CM("b")));
  auto w = tracker_.Watch(kConfigMaps, "", {.resource_version = "0"});
  ASSERT_TRUE(w);
  auto evs = (*w)->Drain(10);
  ASSERT_EQ(evs.size(), 2u);
  EXPECT_EQ(evs[0].type, WatchEventType::kAdded);
}

TEST_F(ObjectTrackerTest, WatchResumesFromHistoryAndGoesGoneAfterCompaction) {
  ASSERT_TRUE(tracker_.Create(kConfigMaps, "default", CM("a")));  // rv 1
  ASSERT_TRUE(tracker_.Create(kConfigMaps, "default", CM("b")));  // rv 2
  auto w = tracker_.Watch(kConfigMaps, "default", {.resource_version = "1"});
  ASSERT_TRUE(w);
  auto evs = (*w)->Drain(10);
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(evs[0].object["metadata"]["name"], "b");
  tracker_.Compact();
  auto gone = tracker_.Watch(kConfigMaps, "default", {.resource_version = "1"});
  ASSERT_FALSE(gone);
  EXPECT_TRUE(IsGone(gone.error()));
  EXPECT_EQ(gone.error().code, 410);
  EXPECT_TRUE(tracker_.Watch(kConfigMaps, "default", {.resource_version = "2"}));
}

TEST_F(ObjectTrackerTest, HistoryLimitCompactsOldEvents) {
  ObjectTracker small(kube_test::TestScheme(), /*history=*/2);
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(small.Create(kConfigMaps, "default", CM("c" + std::to_string(i))));
  EXPECT_TRUE(IsGone(small.Watch(kConfigMaps, "default", {.resource_version = "1"}).error()));
  EXPECT_TRUE(small.Watch(kConfigMaps, "default", {.resource_version = "3"}));
}

TEST_F(ObjectTrackerTest, WatchSelectorTransitionsBecomeAddedAndDeleted) {
  auto created = tracker_.Create(kConfigMaps, "default", CM("a", {{"app", "x"}}));
  auto w =
      tracker_.Watch(kConfigMaps, "default", {.label_selector = "app=x", .resource_version = "1"});
  ASSERT_TRUE(w);
  json moved = *created;
  moved["metadata"]["labels"]["app"] = "y";
  auto left = tracker_.Update(kConfigMaps, "default", moved);
  json back = *left;
  back["metadata"]["labels"]["app"] = "x";
  ASSERT_TRUE(tracker_.Update(kConfigMaps, "default", back));
  auto evs = (*w)->Drain(10);
  ASSERT_EQ(evs.size(), 2u);
  EXPECT_EQ(evs[0].type, WatchEventType::kDeleted);
  EXPECT_EQ(evs[1].type, WatchEventType::kAdded);
}

TEST_F(ObjectTrackerTest, SendInitialEventsEndsWithBookmark) {
  ASSERT_TRUE(tracker_.Create(kConfigMaps, "default", CM("a")));
  auto w = tracker_.Watch(kConfigMaps, "default",
                          {.allow_watch_bookmarks = true, .send_initial_events = true});
  auto evs = (*w)->Drain(10);
  ASSERT_EQ(evs.size(), 2u);
  EXPECT_EQ(evs[1].type, WatchEventType::kBookmark);
  EXPECT_EQ(evs[1].object["metadata"]["annotations"]["k8s.io/initial-events-end"], "true");
}

TEST_F(ObjectTrackerTest, FieldValueWalksPaths) {
  json obj = {{"metadata", {{"name", "a"}}}, {"spec", {{"replicas", 3}, {"paused", true}}}};
  EXPECT_EQ(FieldValue(obj, "metadata.name"), "a");
  EXPECT_EQ(FieldValue(obj, "spec.replicas"), "3");
  EXPECT_EQ(FieldValue(obj, "spec.paused"), "true");
  EXPECT_EQ(FieldValue(obj, "spec.nope"), std::nullopt);
}

TEST_F(ObjectTrackerTest, AddKeepsFixtureStatus) {
  json w = {{"apiVersion", "example.com/v1"},
            {"kind", "Widget"},
            {"metadata", {{"name", "fixture"}}},
            {"status", {{"phase", "Ready"}}}};
  auto added = tracker_.Add(w);
  ASSERT_TRUE(added) << added.error().message;
  EXPECT_EQ((*tracker_.Get(kWidgets, "default", "fixture"))["status"]["phase"], "Ready");
  EXPECT_FALSE(tracker_.Add(json{{"apiVersion", "v9"}, {"kind", "Nope"}}));
}

}  // namespace
}  // namespace kube::testing
