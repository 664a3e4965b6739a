// Objects of the whole Kubernetes API (KubeClientGen::kubernetes) survive decode -> encode: the
// every-field fixtures of kubernetes/api, and sparse objects as real servers and users write
// them (present empty objects that select something, absent ones, nulls, list items without
// apiVersion/kind). Compared as parsed JSON: key order aside, nothing added, nothing lost.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "k8s/api/apiextensions/v1/types.h"
#include "k8s/api/apps/v1/types.h"
#include "k8s/api/batch/v1/types.h"
#include "k8s/api/coordination/v1/types.h"
#include "k8s/api/core/v1/codec.h"
#include "k8s/api/core/v1/types.h"
#include "k8s/api/discovery/v1/types.h"
#include "k8s/api/rbac/v1/types.h"
#include "k8s/api/scheduling/v1/types.h"
#include "k8s/api/storage/v1/types.h"
#include "kube/codec.h"

namespace {

using nlohmann::json;
namespace core = k8s::api::core::v1;
namespace apps = k8s::api::apps::v1;

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(KUBE_SHARED_DATA_DIR) + "/objects/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

template <class T>
void ExpectRoundTrip(const std::string& text) {
  auto obj = kube::Decode<T>(text);
  ASSERT_TRUE(obj) << obj.error().message;
  json in = json::parse(text);
  json out = json::parse(kube::Encode(*obj));
  EXPECT_EQ(out, in) << "diff: " << json::diff(in, out).dump(1);
  // And the compact re-encoding decodes to an equal value (operator== is Go's DeepEqual; members
  // kept verbatim compare as text, so both sides are compact).
  auto again = kube::Decode<T>(out.dump());
  ASSERT_TRUE(again) << again.error().message;
  auto third = kube::Decode<T>(kube::Encode(*again));
  ASSERT_TRUE(third) << third.error().message;
  EXPECT_TRUE(*third == *again);
}

TEST(KubernetesRoundTripTest, EveryFieldPod) {
  std::string text = Fixture("core.v1.Pod.json");
  ASSERT_FALSE(text.empty());
  ExpectRoundTrip<core::Pod>(text);
  auto pod = kube::Decode<core::Pod>(text);
  ASSERT_TRUE(pod);
  ASSERT_FALSE(pod->spec.containers.empty());
  EXPECT_EQ(pod->spec.containers[0].name, "nameValue");
  EXPECT_EQ(pod->metadata.labels.at("labelsKey"), "labelsValue");
}

TEST(KubernetesRoundTripTest, EveryFieldDeployment) {
  std::string text = Fixture("apps.v1.Deployment.json");
  ASSERT_FALSE(text.empty());
  ExpectRoundTrip<apps::Deployment>(text);
}

// PodLists as a real API server (k3s 1.33) returned them: managedFields, ownerReferences,
// conditions, container statuses, Go's escapes (tests/bench/data/README.md).
TEST(KubernetesRoundTripTest, CapturedPodListsFromARealServer) {
  for (const char* name : {"k3s-kube-system-pods.json", "k3s-default-pods.json"}) {
    std::ifstream in(std::string(KUBE_CLIENTGEN_TEST_DIR) + "/bench/data/" + name);
    std::stringstream ss;
    ss << in.rdbuf();
    ASSERT_FALSE(ss.str().empty()) << name;
    SCOPED_TRACE(name);
    ExpectRoundTrip<core::PodList>(ss.str());
  }
}

// Every List one real k3s API server returned (tests/kubernetes/data/k3s-cluster/README.md):
// 19 kinds and 30 operators' CRDs, indented as captured and compact as a server sends them.
TEST(KubernetesRoundTripTest, CapturedClusterFromARealServer) {
  namespace apiext = k8s::api::apiextensions::v1;
  namespace rbac = k8s::api::rbac::v1;
  using RoundTrip = std::function<void(const std::string&)>;
  const std::map<std::string, RoundTrip> by_kind = {
      {"ConfigMapList", ExpectRoundTrip<core::ConfigMapList>},
      {"EndpointsList", ExpectRoundTrip<core::EndpointsList>},
      {"EventList", ExpectRoundTrip<core::EventList>},
      {"NamespaceList", ExpectRoundTrip<core::NamespaceList>},
      {"NodeList", ExpectRoundTrip<core::NodeList>},
      {"ServiceAccountList", ExpectRoundTrip<core::ServiceAccountList>},
      {"ServiceList", ExpectRoundTrip<core::ServiceList>},
      {"DaemonSetList", ExpectRoundTrip<apps::DaemonSetList>},
      {"DeploymentList", ExpectRoundTrip<apps::DeploymentList>},
      {"ReplicaSetList", ExpectRoundTrip<apps::ReplicaSetList>},
      {"JobList", ExpectRoundTrip<k8s::api::batch::v1::JobList>},
      {"ClusterRoleList", ExpectRoundTrip<rbac::ClusterRoleList>},
      {"ClusterRoleBindingList", ExpectRoundTrip<rbac::ClusterRoleBindingList>},
      {"RoleList", ExpectRoundTrip<rbac::RoleList>},
      {"RoleBindingList", ExpectRoundTrip<rbac::RoleBindingList>},
      {"EndpointSliceList", ExpectRoundTrip<k8s::api::discovery::v1::EndpointSliceList>},
      {"LeaseList", ExpectRoundTrip<k8s::api::coordination::v1::LeaseList>},
      {"PriorityClassList", ExpectRoundTrip<k8s::api::scheduling::v1::PriorityClassList>},
      {"StorageClassList", ExpectRoundTrip<k8s::api::storage::v1::StorageClassList>},
      {"CustomResourceDefinitionList", ExpectRoundTrip<apiext::CustomResourceDefinitionList>},
  };
  const std::filesystem::path dir =
      std::filesystem::path(KUBE_CLIENTGEN_TEST_DIR) / "kubernetes/data/k3s-cluster";
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    std::stringstream captured;
    captured << in.rdbuf();
    SCOPED_TRACE(entry.path().filename().string());
    json list = json::parse(captured.str());
    auto round_trip = by_kind.find(list.value("kind", ""));
    ASSERT_NE(round_trip, by_kind.end()) << list.value("kind", "");
    ASSERT_FALSE(list["items"].empty());
    round_trip->second(captured.str());
    round_trip->second(list.dump());
    ++files;
  }
  EXPECT_EQ(files, 35u);
}

// The captured pods repeated into a List over 4 MiB, which kube::Decode reads in pieces
// (kube/json/list_text.h): the same objects as decoding the whole document, and the same JSON.
TEST(KubernetesRoundTripTest, ALargeListOfCapturedPodsDecodesInPiecesAsWhole) {
  std::ifstream in(std::string(KUBE_CLIENTGEN_TEST_DIR) + "/bench/data/k3s-kube-system-pods.json");
  nlohmann::json captured = nlohmann::json::parse(in);
  nlohmann::json list = captured;
  list["items"] = nlohmann::json::array();
  while (list.dump().size() <= kube::json::kPiecesAboveBytes) {
    for (const auto& pod : captured["items"]) list["items"].push_back(pod);
  }
  const std::string text = list.dump();
  auto pieces = kube::Decode<core::PodList>(text);
  ASSERT_TRUE(pieces) << pieces.error().message;
  core::PodList whole;
  ASSERT_TRUE(kube::json::DecodeWhole(text, whole));
  EXPECT_EQ(pieces->items.size(), list["items"].size());
  EXPECT_TRUE(*pieces == whole);
  EXPECT_EQ(nlohmann::json::parse(kube::Encode(*pieces)), list);
}

TEST(KubernetesRoundTripTest, EmptyObjectsThatSelectSomethingStayPresent) {
  // emptyDir: {} picks the volume type; securityContext: {} and resources: {} are what kubectl
  // writes; an absent probe stays absent.
  std::string text = R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"d"},
    "spec":{"containers":[{"name":"c","image":"nginx","resources":{},"securityContext":{}}],
            "volumes":[{"name":"scratch","emptyDir":{}},
                       {"name":"cfg","configMap":{"name":"settings"}}],
            "securityContext":{}}})";
  ExpectRoundTrip<core::Pod>(text);
  auto pod = kube::Decode<core::Pod>(text).value();
  const core::Volume& scratch = pod.spec.volumes.at(0);
  EXPECT_TRUE(scratch.empty_dir.has_value());
  EXPECT_FALSE(scratch.host_path.has_value());
  EXPECT_FALSE(scratch.nfs.has_value());
  EXPECT_FALSE(pod.spec.containers[0].liveness_probe.has_value());
  EXPECT_TRUE(pod.spec.containers[0].security_context.has_value());
  EXPECT_FALSE(pod.spec.containers[0].env.size());
}

// A CRD version's `subresources: {status: {}}` enables the status subresource: an empty object
// that must survive an update, compact as a server sends it (a writer that drops `{}` members
// would switch the subresource off).
TEST(KubernetesRoundTripTest, EmptyRawObjectsStayPresent) {
  using k8s::api::apiextensions::v1::CustomResourceDefinition;
  const std::string text =
      R"({"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",)"
      R"("metadata":{"name":"widgets.example.com"},"spec":{"group":"example.com",)"
      R"("names":{"kind":"Widget","plural":"widgets"},"scope":"Namespaced","versions":[)"
      R"({"name":"v1","served":true,"storage":true,"subresources":{"status":{}}},)"
      R"({"name":"v2","served":true,"storage":false,"subresources":{}}]}})";
  ExpectRoundTrip<CustomResourceDefinition>(text);
  auto crd = kube::Decode<CustomResourceDefinition>(text).value();
  EXPECT_EQ(crd.spec.versions.at(0).subresources->status.raw, "{}");
  EXPECT_TRUE(crd.spec.versions.at(1).subresources->status.empty());
}

// Go writes a zero creationTimestamp as null, so every pod template a server returns carries
// `"creationTimestamp": null`; it comes back, and a template without it stays without.
TEST(KubernetesRoundTripTest, NullCreationTimestampOfAPodTemplateIsKept) {
  const std::string served =
      R"({"metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}},)"
      R"("template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},)"
      R"("spec":{"containers":[{"name":"c","image":"nginx"}]}}}})";
  ExpectRoundTrip<apps::Deployment>(served);
  json written = json::parse(served);
  written["spec"]["template"]["metadata"].erase("creationTimestamp");
  ExpectRoundTrip<apps::Deployment>(written.dump());
  EXPECT_TRUE(kube::Decode<apps::Deployment>(served).value() ==
              kube::Decode<apps::Deployment>(written.dump()).value());
}

// Go writes a struct held by value even when empty: `kubectl create deployment web --image=nginx
// --dry-run=client -o json` prints `"status": {}` (as a server does before the controller runs,
// and for a CronJob never scheduled). It comes back; a Deployment without status, or with
// `"status": null`, stays without; and == does not tell them apart (Go's DeepEqual).
TEST(KubernetesRoundTripTest, EmptyValueStructsThatCameStayPresent) {
  const std::string kubectl = R"({
    "kind": "Deployment", "apiVersion": "apps/v1",
    "metadata": {"name": "web", "creationTimestamp": null, "labels": {"app": "web"}},
    "spec": {
      "replicas": 1,
      "selector": {"matchLabels": {"app": "web"}},
      "template": {
        "metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
        "spec": {"containers": [{"name": "nginx", "image": "nginx", "resources": {}}]}
      },
      "strategy": {}
    },
    "status": {}
  })";
  ExpectRoundTrip<apps::Deployment>(kubectl);
  json without = json::parse(kubectl);
  without.erase("status");
  ExpectRoundTrip<apps::Deployment>(without.dump());
  json null_status = without;
  null_status["status"] = nullptr;
  auto from_null = kube::Decode<apps::Deployment>(null_status.dump());
  ASSERT_TRUE(from_null) << from_null.error().message;
  EXPECT_EQ(json::parse(kube::Encode(*from_null)), without);
  EXPECT_TRUE(kube::Decode<apps::Deployment>(kubectl).value() == *from_null);
}

TEST(KubernetesRoundTripTest, ProbesAndEnvKeepOnlyWhatWasSent) {
  std::string text = R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
    "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
      "template":{"metadata":{"labels":{"app":"web"}},
        "spec":{"containers":[{"name":"web","image":"nginx:1.27",
          "env":[{"name":"A","value":"1"},{"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],
          "ports":[{"containerPort":80}],
          "readinessProbe":{"httpGet":{"path":"/","port":"http"}},
          "livenessProbe":{"tcpSocket":{"port":80},"periodSeconds":0}}]}},
      "strategy":{}},
    "status":{}})";
  // Everything is kept, `status: {}` too (EmptyValueStructsThatCameStayPresent).
  auto d = kube::Decode<apps::Deployment>(text);
  ASSERT_TRUE(d) << d.error().message;
  json out = json::parse(kube::Encode(*d));
  json in = json::parse(text);
  EXPECT_EQ(out, in) << json::diff(in, out).dump(1);
  const auto& c = d->spec.template_.spec.containers.at(0);
  EXPECT_FALSE(c.env.at(0).value_from.has_value());
  EXPECT_TRUE(c.env.at(1).value_from.has_value());
  ASSERT_TRUE(c.readiness_probe && c.readiness_probe->http_get);
  EXPECT_EQ(c.readiness_probe->http_get->port.ToString(), "http");
  EXPECT_FALSE(c.readiness_probe->tcp_socket.has_value());
  ASSERT_TRUE(c.liveness_probe);
  EXPECT_EQ(c.liveness_probe->period_seconds, 0);  // present zero stays present
}

// (A zero time Go wrote as null is the exception: it stays, see
// NullCreationTimestampOfAPodTemplateIsKept.)
TEST(KubernetesRoundTripTest, NullMembersDecodeAsAbsent) {
  auto pod = kube::Decode<core::Pod>(
      R"({"metadata":{"name":"p"},"spec":{"containers":[{"name":"c",
          "livenessProbe":null,"args":null,"workingDir":null}],"affinity":null}})");
  ASSERT_TRUE(pod) << pod.error().message;
  EXPECT_FALSE(pod->spec.affinity.has_value());
  EXPECT_FALSE(pod->spec.containers[0].liveness_probe.has_value());
  EXPECT_FALSE(pod->spec.containers[0].working_dir.has_value());
  json out = json::parse(kube::Encode(*pod));
  EXPECT_EQ(out, json::parse(R"({"metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}]}})"));
}

TEST(KubernetesRoundTripTest, ListItemsWithoutApiVersionAndKind) {
  std::string text = R"({"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"12"},
    "items":[{"metadata":{"name":"a","namespace":"d"},"spec":{"containers":[{"name":"c"}]}},
             {"apiVersion":"v1","kind":"Pod","metadata":{"name":"b"}}]})";
  ExpectRoundTrip<core::PodList>(text);
  auto list = kube::Decode<core::PodList>(text).value();
  EXPECT_TRUE(list.items[0].kind.empty());
  EXPECT_EQ(list.items[1].kind, "Pod");
}

TEST(KubernetesRoundTripTest, RequiredEmptyObjectIsWritten) {
  // DeploymentSpec.selector and .template are required objects: written even when empty, as Go
  // writes a struct member without omitempty; an empty optional one (strategy) is not.
  apps::Deployment d;
  d.metadata.name = "web";
  std::string out = kube::Encode(d);
  EXPECT_NE(out.find(R"("selector":{})"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("template":{})"), std::string::npos) << out;
  EXPECT_EQ(out.find("strategy"), std::string::npos) << out;
  ExpectRoundTrip<apps::Deployment>(out);
}

TEST(KubernetesRoundTripTest, GeneratedTypesAreRegularValues) {
  core::Pod a;
  a.metadata.name = "a";
  a.spec.volumes.push_back({});
  a.spec.volumes[0].name = "v";
  a.spec.volumes[0].empty_dir.emplace();
  core::Pod b = a;  // deep copy: the volume source is not shared
  EXPECT_TRUE(a == b);
  b.spec.volumes[0].empty_dir->medium = "Memory";
  EXPECT_FALSE(a == b);
  EXPECT_FALSE(a.spec.volumes[0].empty_dir->medium.has_value());
  core::Pod c = std::move(b);
  EXPECT_EQ(c.spec.volumes[0].empty_dir->medium, "Memory");
  k8s::api::batch::v1::Job j1, j2;
  EXPECT_TRUE(j1 == j2);
}

}  // namespace
