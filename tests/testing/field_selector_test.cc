// Field selectors in the object tracker (and so in the fake clientsets and the test API server)
// as the real API server accepts them per kind: metadata.name and metadata.namespace always, a
// kind's own labels (pods' spec.nodeName, a CRD's selectableFields) when registered, anything
// else refused with 400 "field label not supported".
#include <gtest/gtest.h>

#include "kube/testing/object_tracker.h"

namespace {

using nlohmann::json;

const kube::GroupVersionResource kPods{"", "v1", "pods"};
const kube::GroupVersionResource kWidgets{"example.com", "v1", "widgets"};

kube::Scheme Scheme() {
  kube::Scheme s;
  s.Add({.gvk = {"", "v1", "Pod"},
         .plural = "pods",
         .field_labels = {"spec.nodeName", "status.phase", "spec.hostNetwork"}});
  s.Add({.gvk = {"example.com", "v1", "Widget"}, .plural = "widgets"});
  return s;
}

json Pod(std::string name, std::string node, std::string phase) {
  json pod = {{"apiVersion", "v1"},
              {"kind", "Pod"},
              {"metadata", {{"name", name}, {"namespace", "default"}}},
              {"spec", json::object()},
              {"status", {{"phase", phase}}}};
  if (!node.empty()) pod["spec"]["nodeName"] = node;
  return pod;
}

std::vector<std::string> Names(const json& list) {
  std::vector<std::string> out;
  for (const auto& item : list["items"]) out.push_back(item["metadata"]["name"]);
  return out;
}

TEST(FieldSelector, KindLabelsSelect) {
  kube::testing::ObjectTracker tracker(Scheme());
  ASSERT_TRUE(tracker.Add(Pod("a", "node-1", "Running")));
  ASSERT_TRUE(tracker.Add(Pod("b", "node-2", "Pending")));
  ASSERT_TRUE(tracker.Add(Pod("c", "", "Pending")));
  auto on_node = tracker.List(kPods, "default", {.field_selector = "spec.nodeName=node-1"});
  ASSERT_TRUE(on_node) << on_node.error().message;
  EXPECT_EQ(Names(*on_node), (std::vector<std::string>{"a"}));
  // An absent field is the empty string, as Go's zero value: unscheduled pods.
  auto unscheduled = tracker.List(kPods, "", {.field_selector = "spec.nodeName="});
  ASSERT_TRUE(unscheduled);
  EXPECT_EQ(Names(*unscheduled), (std::vector<std::string>{"c"}));
  auto pending =
      tracker.List(kPods, "default", {.field_selector = "status.phase!=Running,metadata.name!=c"});
  ASSERT_TRUE(pending);
  EXPECT_EQ(Names(*pending), (std::vector<std::string>{"b"}));
  auto by_name =
      tracker.List(kPods, "", {.field_selector = "metadata.namespace=default,metadata.name=b"});
  ASSERT_TRUE(by_name);
  EXPECT_EQ(Names(*by_name), (std::vector<std::string>{"b"}));
}

TEST(FieldSelector, UnsupportedLabelsAreRefusedAsTheServerDoes) {
  kube::testing::ObjectTracker tracker(Scheme());
  ASSERT_TRUE(tracker.Add(Pod("a", "node-1", "Running")));
  auto bad = tracker.List(kPods, "default", {.field_selector = "spec.containers=x"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, 400);
  EXPECT_EQ(bad.error().message, "field label not supported: spec.containers");
  auto watch = tracker.Watch(kPods, "default", {.field_selector = "status.podIP=1.2.3.4"});
  ASSERT_FALSE(watch);
  EXPECT_EQ(watch.error().code, 400);
  // A kind that registers no labels (a CRD without selectableFields) has only metadata's.
  auto widgets = tracker.List(kWidgets, "default", {.field_selector = "spec.color=red"});
  ASSERT_FALSE(widgets);
  EXPECT_TRUE(tracker.List(kWidgets, "default", {.field_selector = "metadata.name=x"}));
}

TEST(FieldSelector, WatchFiltersByKindLabel) {
  kube::testing::ObjectTracker tracker(Scheme());
  auto w = tracker.Watch(kPods, "default",
                         {.field_selector = "spec.nodeName=node-1", .resource_version = "0"});
  ASSERT_TRUE(w) << w.error().message;
  ASSERT_TRUE(tracker.Add(Pod("elsewhere", "node-2", "Running")));
  ASSERT_TRUE(tracker.Add(Pod("here", "node-1", "Running")));
  auto ev = (*w)->Next(kube::Context::Background(),
                       kube::Context::Clock::now() + std::chrono::seconds(5));
  ASSERT_TRUE(ev);
  EXPECT_EQ(ev->object["metadata"]["name"], "here");
}

}  // namespace
