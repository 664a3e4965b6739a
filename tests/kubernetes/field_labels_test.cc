// The Kubernetes API's field selectors, as the generated scheme registers them and the object
// tracker (the fake clientset's and the test server's store) applies them, checked against what
// a real API server does (kubernetes/pkg/apis/*/conversion.go and pkg/registry/*/strategy.go of
// release 1.36): which labels each kind accepts, the value the server computes for each (not
// always the member the label names), and the server's own message for any other label.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "k8s/scheme.h"
#include "kube/testing/object_tracker.h"

namespace {

using nlohmann::json;

kube::testing::ObjectTracker Tracker() {
  kube::Scheme scheme;
  k8s::AddToScheme(scheme);
  return kube::testing::ObjectTracker(std::move(scheme));
}

json Object(std::string api_version, std::string kind, std::string name, std::string ns,
            json fields = json::object()) {
  json obj = {{"apiVersion", api_version}, {"kind", kind}, {"metadata", {{"name", name}}}};
  if (!ns.empty()) obj["metadata"]["namespace"] = ns;
  obj.update(fields);
  return obj;
}

// The names a field selector selects, or the error's message.
std::vector<std::string> Select(const kube::testing::ObjectTracker& tracker,
                                const kube::GroupVersionResource& gvr,
                                const std::string& selector) {
  auto list = tracker.List(gvr, "", {.field_selector = selector});
  if (!list) return {"error " + std::to_string(list.error().code) + ": " + list.error().message};
  std::vector<std::string> out;
  for (const auto& item : (*list)["items"]) out.push_back(item["metadata"]["name"]);
  return out;
}

using Names = std::vector<std::string>;
const kube::GroupVersionResource kPods{"", "v1", "pods"};

TEST(KubernetesFieldLabels, PodValuesAreTheServers) {
  auto tracker = Tracker();
  ASSERT_TRUE(tracker.Add(Object("v1", "Pod", "host", "default",
                                 {{"spec", {{"nodeName", "n1"}, {"hostNetwork", true}}},
                                  {"status", {{"podIP", "10.0.0.1"}}}})));
  ASSERT_TRUE(
      tracker.Add(Object("v1", "Pod", "plain", "default", {{"spec", {{"nodeName", "n2"}}}})));
  // hostNetwork is strconv.FormatBool of a field the pod may leave out: "false" then.
  EXPECT_EQ(Select(tracker, kPods, "spec.hostNetwork=false"), Names{"plain"});
  EXPECT_EQ(Select(tracker, kPods, "spec.hostNetwork=true"), Names{"host"});
  // spec.host is the old name of spec.nodeName, converted by the server.
  EXPECT_EQ(Select(tracker, kPods, "spec.host=n2"), Names{"plain"});
  EXPECT_EQ(Select(tracker, kPods, "status.podIP=10.0.0.1"), Names{"host"});
  // status.podIPs is accepted but never filled: "" for every pod.
  EXPECT_EQ(Select(tracker, kPods, "status.podIPs=10.0.0.1"), Names{});
  EXPECT_EQ(Select(tracker, kPods, "status.podIPs="), (Names{"host", "plain"}));
  EXPECT_EQ(Select(tracker, kPods, "spec.containers=x"),
            Names{"error 400: field label not supported: spec.containers"});
}

TEST(KubernetesFieldLabels, CountsAndFlagsOfUnsetMembersAreZeroAndFalse) {
  auto tracker = Tracker();
  ASSERT_TRUE(tracker.Add(Object("batch/v1", "Job", "new", "default")));
  ASSERT_TRUE(
      tracker.Add(Object("batch/v1", "Job", "done", "default", {{"status", {{"succeeded", 1}}}})));
  const kube::GroupVersionResource jobs{"batch", "v1", "jobs"};
  // The label says "successful"; the server reads status.succeeded.
  EXPECT_EQ(Select(tracker, jobs, "status.successful=1"), Names{"done"});
  EXPECT_EQ(Select(tracker, jobs, "status.successful=0"), Names{"new"});
  EXPECT_EQ(Select(tracker, jobs, "status.active=1"),
            Names{"error 400: field label \"status.active\" not supported for batchv1.Job"});

  ASSERT_TRUE(
      tracker.Add(Object("v1", "Node", "cordoned", "", {{"spec", {{"unschedulable", true}}}})));
  ASSERT_TRUE(tracker.Add(Object("v1", "Node", "ready", "")));
  const kube::GroupVersionResource nodes{"", "v1", "nodes"};
  EXPECT_EQ(Select(tracker, nodes, "spec.unschedulable=false"), Names{"ready"});
  // Nodes' label conversion leaves metadata.namespace out.
  EXPECT_EQ(Select(tracker, nodes, "metadata.namespace="),
            Names{"error 400: field label not supported: metadata.namespace"});

  ASSERT_TRUE(tracker.Add(Object("v1", "ReplicationController", "rc", "default")));
  EXPECT_EQ(Select(tracker, {"", "v1", "replicationcontrollers"}, "status.replicas=0"),
            Names{"rc"});
}

TEST(KubernetesFieldLabels, EventsInBothGroups) {
  auto tracker = Tracker();
  ASSERT_TRUE(tracker.Add(Object("v1", "Event", "sourced", "default",
                                 {{"involvedObject", {{"kind", "Pod"}, {"name", "web"}}},
                                  {"source", {{"component", "kubelet"}}},
                                  {"reason", "Started"},
                                  {"type", "Normal"}})));
  // No source.component: the server falls back to the reporting controller.
  ASSERT_TRUE(tracker.Add(Object("v1", "Event", "reported", "default",
                                 {{"involvedObject", {{"kind", "Node"}, {"name", "n1"}}},
                                  {"reportingComponent", "node-controller"},
                                  {"type", "Warning"}})));
  const kube::GroupVersionResource core_events{"", "v1", "events"};
  EXPECT_EQ(Select(tracker, core_events, "involvedObject.kind=Pod,involvedObject.name=web"),
            Names{"sourced"});
  EXPECT_EQ(Select(tracker, core_events, "source=kubelet"), Names{"sourced"});
  EXPECT_EQ(Select(tracker, core_events, "source=node-controller"), Names{"reported"});
  EXPECT_EQ(Select(tracker, core_events, "type=Warning"), Names{"reported"});

  // events.k8s.io/v1 speaks its own names: regarding.*, reportingController,
  // deprecatedSource; the core names are refused.
  ASSERT_TRUE(tracker.Add(Object("events.k8s.io/v1", "Event", "new-style", "default",
                                 {{"regarding", {{"kind", "Pod"}, {"name", "web"}}},
                                  {"reportingController", "kubelet"},
                                  {"reportingInstance", "n1"},
                                  {"action", "Pulled"},
                                  {"eventTime", "2026-11-28T10:00:00.000000Z"}})));
  const kube::GroupVersionResource events{"events.k8s.io", "v1", "events"};
  EXPECT_EQ(Select(tracker, events, "regarding.name=web"), Names{"new-style"});
  EXPECT_EQ(Select(tracker, events, "reportingController=kubelet,source=kubelet"),
            Names{"new-style"});
  EXPECT_EQ(Select(tracker, events, "involvedObject.name=web"),
            Names{"error 400: field label not supported: involvedObject.name"});
}

TEST(KubernetesFieldLabels, KindsWithoutLabelsOfTheirOwnGiveTheDefaultMessage) {
  auto tracker = Tracker();
  ASSERT_TRUE(tracker.Add(Object("v1", "ConfigMap", "cm", "default")));
  EXPECT_EQ(Select(tracker, {"", "v1", "configmaps"}, "metadata.namespace=default"), Names{"cm"});
  EXPECT_EQ(Select(tracker, {"", "v1", "configmaps"}, "data.x=y"),
            Names{"error 400: \"data.x\" is not a known field selector: only \"metadata.name\", "
                  "\"metadata.namespace\""});
  // ReplicaSets' registry lists status.replicas, but apps/v1 registers no label conversion, so
  // the server refuses it (kubernetes#135136); the documentation says otherwise.
  EXPECT_EQ(Select(tracker, {"apps", "v1", "replicasets"}, "status.replicas=1"),
            Names{"error 400: \"status.replicas\" is not a known field selector: only "
                  "\"metadata.name\", \"metadata.namespace\""});
}

}  // namespace
