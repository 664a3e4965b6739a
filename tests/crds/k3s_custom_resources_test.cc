// The custom resources a real k3s cluster served (its HelmCharts and Addons, in
// kubernetes/data/k3s-cluster/custom-resources), decoded into clients generated at build time
// from the CustomResourceDefinitionList the same API server returned: decode -> encode gives the
// same JSON, indented as captured and compact as a server sends it.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "k3s/api/helm/v1/types.h"
#include "k3s/api/k3s/v1/types.h"
#include "kube/codec.h"

namespace {

using nlohmann::json;

json Captured(const std::string& name) {
  std::ifstream in(std::string(K3S_CLUSTER_DATA) + "/custom-resources/" + name);
  return json::parse(in);
}

template <class T>
void ExpectEachRoundTrips(const json& items, const std::string& kind) {
  ASSERT_TRUE(items.is_array());
  ASSERT_FALSE(items.empty());
  for (const json& item : items) {
    SCOPED_TRACE(item["metadata"]["name"].get<std::string>());
    ASSERT_EQ(item["kind"], kind);
    for (const std::string& text : {item.dump(2), item.dump()}) {
      auto decoded = kube::Decode<T>(text);
      ASSERT_TRUE(decoded) << decoded.error().message;
      json out = json::parse(kube::Encode(*decoded));
      EXPECT_EQ(out, item) << json::diff(item, out).dump(1);
      // Re-encoding is stable, and equal values come back (verbatim members compare as text,
      // so both sides are compact).
      auto again = kube::Decode<T>(out.dump());
      ASSERT_TRUE(again) << again.error().message;
      EXPECT_TRUE(*again == kube::Decode<T>(kube::Encode(*again)).value());
    }
  }
}

TEST(K3sCustomResourcesTest, HelmChartsRoundTrip) {
  const json charts = Captured("helmcharts.helm.cattle.io-kube-system.json");
  ExpectEachRoundTrips<k3s::api::helm::v1::HelmChart>(charts, "HelmChart");
  // What the types hold, read as a controller would.
  auto traefik = kube::Decode<k3s::api::helm::v1::HelmChart>(charts.at(0).dump()).value();
  EXPECT_EQ(traefik.metadata.name, "traefik");
  EXPECT_EQ(traefik.spec.chart.value_or(""), charts[0]["spec"]["chart"].get<std::string>());
}

TEST(K3sCustomResourcesTest, AddonsRoundTrip) {
  ExpectEachRoundTrips<k3s::api::k3s::v1::Addon>(Captured("addons.k3s.cattle.io-kube-system.json"),
                                                 "Addon");
}

}  // namespace
