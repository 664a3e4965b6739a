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
  // A kind that registers no labels of its own has only metadata's.
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

// A kind's own rules: the value from another member or the first non-empty of several, a
// default for unset flags, metadata.namespace left out, and the kind's own refusal message.
kube::KindInfo Gadget() {
  return {.gvk = {"example.com", "v1", "Gadget"},
          .plural = "gadgets",
          .namespaced = false,
          .field_labels = {{"source", {"source.component", "reportingComponent"}},
                           {"spec.enabled", {"spec.enabled"}, "false"},
                           {"status.count", {"status.total"}, "0"},
                           {"status.never", {}}},
          .namespace_field_label = false,
          .field_label_error = "label {} is not for gadgets"};
}

std::vector<std::string> Select(const kube::testing::ObjectTracker& tracker,
                                const std::string& selector) {
  auto list = tracker.List({"example.com", "v1", "gadgets"}, "", {.field_selector = selector});
  if (!list) return {std::to_string(list.error().code) + " " + list.error().message};
  return Names(*list);
}

TEST(FieldSelector, KindRulesComputeTheServersValues) {
  kube::Scheme scheme;
  scheme.Add(Gadget());
  kube::testing::ObjectTracker tracker(std::move(scheme));
  auto gadget = [](std::string name, json fields) {
    json g = {{"apiVersion", "example.com/v1"}, {"kind", "Gadget"}, {"metadata", {{"name", name}}}};
    g.update(fields);
    return g;
  };
  ASSERT_TRUE(tracker.Add(gadget("a", {{"source", {{"component", "kubelet"}}},
                                       {"reportingComponent", "other"},
                                       {"spec", {{"enabled", true}}},
                                       {"status", {{"total", 3}}}})));
  ASSERT_TRUE(tracker.Add(
      gadget("b", {{"source", {{"component", ""}}}, {"reportingComponent", "kubelet"}})));
  ASSERT_TRUE(tracker.Add(gadget("c", json::object())));
  using Selected = std::vector<std::string>;
  EXPECT_EQ(Select(tracker, "source=kubelet"), (Selected{"a", "b"}));  // b: the fallback member
  EXPECT_EQ(Select(tracker, "source="), Selected{"c"});
  EXPECT_EQ(Select(tracker, "spec.enabled=false"), (Selected{"b", "c"}));
  EXPECT_EQ(Select(tracker, "status.count=0"), (Selected{"b", "c"}));
  EXPECT_EQ(Select(tracker, "status.count=3"), Selected{"a"});
  EXPECT_EQ(Select(tracker, "status.never="), (Selected{"a", "b", "c"}));
  EXPECT_EQ(Select(tracker, "metadata.name=b"), Selected{"b"});
  EXPECT_EQ(Select(tracker, "metadata.namespace="),
            Selected{"400 label metadata.namespace is not for gadgets"});
  EXPECT_EQ(Select(tracker, "spec.other=1"), Selected{"400 label spec.other is not for gadgets"});
}

TEST(FieldSelector, RefusalMessagesAreTheServers) {
  kube::KindInfo own = {.field_labels = {"spec.nodeName"}};
  EXPECT_EQ(own.FieldLabelError("x"), "field label not supported: x");
  kube::KindInfo none;
  EXPECT_EQ(none.FieldLabelError("x"),
            "\"x\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
  EXPECT_TRUE(none.SupportsFieldLabel("metadata.namespace"));
  EXPECT_FALSE(none.SupportsFieldLabel("spec.nodeName"));
  EXPECT_TRUE(own.SupportsFieldLabel("spec.nodeName"));
  ASSERT_NE(own.FindFieldLabel("spec.nodeName"), nullptr);
  EXPECT_EQ(own.FindFieldLabel("spec.nodeName")->paths, std::vector<std::string>{"spec.nodeName"});
  EXPECT_EQ(own.FindFieldLabel("metadata.name"), nullptr);
}

}  // namespace
