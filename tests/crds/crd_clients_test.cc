// Clients generated from real operators' CRDs (../shared/data/crds: cert-manager Certificate,
// Argo CD Application, prometheus-operator Prometheus and ServiceMonitor; checked in under
// tests/crds/generated and kept current by the crds_generated_up_to_date test): objects written
// as their projects' documentation writes them decode and re-encode unchanged, and survive a
// create -> get through the test API server serving the same CRDs.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <type_traits>

#include "crds/clientset/clientset.h"
#include "crds/scheme.h"
#include "kube/codec.h"
#include "kube/context.h"
#include "kube/testing/apiserver.h"

namespace {

using kube::Context;
using nlohmann::json;

constexpr const char* kCertificate = R"({"apiVersion":"cert-manager.io/v1","kind":"Certificate",
  "metadata":{"name":"example-com","namespace":"sandbox"},
  "spec":{"secretName":"example-com-tls","duration":"2160h0m0s","renewBefore":"360h0m0s",
    "subject":{"organizations":["jetstack"]},"isCA":false,
    "privateKey":{"algorithm":"RSA","encoding":"PKCS1","size":2048},
    "usages":["server auth","client auth"],"dnsNames":["example.com","www.example.com"],
    "uris":["spiffe://cluster.local/ns/sandbox/sa/example"],"ipAddresses":["192.168.0.5"],
    "issuerRef":{"name":"ca-issuer","kind":"Issuer","group":"cert-manager.io"}}})";

constexpr const char* kApplication = R"({"apiVersion":"argoproj.io/v1alpha1","kind":"Application",
  "metadata":{"name":"guestbook","namespace":"argocd"},
  "spec":{"project":"default",
    "source":{"repoURL":"https://github.com/argoproj/argocd-example-apps.git",
              "targetRevision":"HEAD","path":"guestbook"},
    "destination":{"server":"https://kubernetes.default.svc","namespace":"guestbook"},
    "syncPolicy":{"automated":{"prune":true,"selfHeal":true},"syncOptions":["CreateNamespace=true"]}}})";

constexpr const char* kServiceMonitor = R"({"apiVersion":"monitoring.coreos.com/v1",
  "kind":"ServiceMonitor","metadata":{"name":"example-app","namespace":"default",
  "labels":{"team":"frontend"}},
  "spec":{"selector":{"matchLabels":{"app":"example-app"}},
          "endpoints":[{"port":"web","interval":"30s"}]}})";

constexpr const char* kPrometheus = R"({"apiVersion":"monitoring.coreos.com/v1","kind":"Prometheus",
  "metadata":{"name":"prometheus","namespace":"default"},
  "spec":{"serviceAccountName":"prometheus","replicas":2,
    "serviceMonitorSelector":{"matchLabels":{"team":"frontend"}},
    "resources":{"requests":{"memory":"400Mi"}},"enableAdminAPI":false}})";

kube::Scheme CrdScheme() {
  kube::Scheme scheme;
  crds::AddToScheme(scheme);
  return scheme;
}

class CrdClientsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start());
    kube::rest::Config cfg;
    cfg.host = server_.URL();
    cfg.qps = -1;
    cs_ = crds::clientset::NewForConfig(cfg).value();
  }

  // Decode -> encode gives the document back; create -> get through the server too (metadata
  // aside, which the server fills in).
  template <class T, class Client>
  void RoundTrip(const char* text, Client& client) {
    json in = json::parse(text);
    auto obj = kube::Decode<T>(text);
    ASSERT_TRUE(obj) << obj.error().message;
    EXPECT_EQ(json::parse(kube::Encode(*obj)), in);
    auto created = client.Create(Context::Background(), *obj, {});
    ASSERT_TRUE(created) << created.error().ToString();
    auto got = client.Get(Context::Background(), obj->metadata.name, {});
    ASSERT_TRUE(got) << got.error().ToString();
    EXPECT_FALSE(got->metadata.uid.empty());
    json out = json::parse(kube::Encode(*got));
    out["metadata"] = in["metadata"];
    EXPECT_EQ(out, in) << json::diff(in, out).dump(1);
  }

  kube::testing::APIServer server_{CrdScheme()};
  std::shared_ptr<crds::clientset::Clientset> cs_;
};

TEST_F(CrdClientsTest, SchemeHasTheServedVersionsScopesAndSubresources) {
  kube::Scheme s = CrdScheme();
  const kube::KindInfo* certs = s.ByResource({"cert-manager.io", "v1", "certificates"});
  ASSERT_NE(certs, nullptr);
  EXPECT_TRUE(certs->namespaced);
  EXPECT_TRUE(certs->HasSubresource("status"));
  const kube::KindInfo* proms = s.ByResource({"monitoring.coreos.com", "v1", "prometheuses"});
  ASSERT_NE(proms, nullptr);
  EXPECT_TRUE(proms->HasSubresource("scale"));
  const kube::KindInfo* apps = s.ByResource({"argoproj.io", "v1alpha1", "applications"});
  ASSERT_NE(apps, nullptr);
  EXPECT_FALSE(apps->HasSubresource("status"));
}

TEST_F(CrdClientsTest, CertificateFromTheCertManagerDocs) {
  auto client = cs_->CertmanagerV1().Certificates("sandbox");
  RoundTrip<crds::api::certmanager::v1::Certificate>(kCertificate, *client);
  auto cert = kube::Decode<crds::api::certmanager::v1::Certificate>(kCertificate).value();
  EXPECT_EQ(cert.spec.secret_name, "example-com-tls");
  EXPECT_EQ(cert.spec.is_ca, false);  // present false stays present
  ASSERT_TRUE(cert.spec.private_key);
  EXPECT_EQ(cert.spec.private_key->size, 2048);
}

TEST_F(CrdClientsTest, ApplicationFromTheArgoCdDocs) {
  auto client = cs_->ArgoprojV1alpha1().Applications("argocd");
  RoundTrip<crds::api::argoproj::v1alpha1::Application>(kApplication, *client);
}

TEST_F(CrdClientsTest, ServiceMonitorFromThePrometheusOperatorDocs) {
  auto client = cs_->MonitoringV1().ServiceMonitors("default");
  RoundTrip<crds::api::monitoring::v1::ServiceMonitor>(kServiceMonitor, *client);
}

TEST_F(CrdClientsTest, PrometheusWithItsScaleSubresource) {
  auto client = cs_->MonitoringV1().Prometheuses("default");
  RoundTrip<crds::api::monitoring::v1::Prometheus>(kPrometheus, *client);
  auto scale = client->GetScale(Context::Background(), "prometheus", {});
  ASSERT_TRUE(scale) << scale.error().ToString();
  EXPECT_EQ(scale->spec.replicas, 2);
}

// controller-gen marks every resource.Quantity field `x-kubernetes-int-or-string`, so a number
// of bytes beyond 32 bits is valid in it; one such object used to fail a whole List.
// The Prometheus CRD repeats the container schema for containers and initContainers (as
// controller-gen writes every use of a Go type): one type, under both names, so a container
// built for one list goes into the other.
TEST_F(CrdClientsTest, RepeatedSchemasAreOneTypeUnderEachName) {
  namespace v1 = crds::api::monitoring::v1;
  static_assert(
      std::is_same_v<v1::PrometheusSpecInitContainersItem, v1::PrometheusSpecContainersItem>);
  v1::Prometheus prometheus;
  v1::PrometheusSpecInitContainersItem init;
  init.name = "init";
  prometheus.spec.containers.push_back(init);
  prometheus.spec.init_containers.push_back(prometheus.spec.containers.front());
  EXPECT_EQ(prometheus.spec.init_containers.front(), init);
  const json encoded = json::parse(kube::Encode(prometheus));
  EXPECT_EQ(encoded["spec"]["initContainers"], json::parse(R"([{"name": "init"}])"));
  EXPECT_EQ(encoded["spec"]["containers"], encoded["spec"]["initContainers"]);
}

TEST_F(CrdClientsTest, QuantitiesBeyond32BitsStayNumbers) {
  json prometheus = json::parse(kPrometheus);
  prometheus["metadata"]["name"] = "big";
  prometheus["spec"]["resources"] = {{"requests", {{"memory", 4294967296}, {"cpu", 2}}},
                                     {"limits", {{"memory", "8Gi"}}}};
  auto client = cs_->MonitoringV1().Prometheuses("default");
  RoundTrip<crds::api::monitoring::v1::Prometheus>(prometheus.dump().c_str(), *client);
  auto got = client->Get(Context::Background(), "big", {});
  ASSERT_TRUE(got) << got.error().ToString();
  EXPECT_EQ(got->spec.resources->requests.at("memory").int_val, int64_t{4294967296});
}

}  // namespace
