// A deprecated snapshot frozen by an earlier generator (frozen/legacy/deprecated, see
// SNAPSHOT.json's generator_version) compiles against today's runtime and today's context-first
// clients (frozen/legacy/clientset, regenerated with the generator) and still works: here over
// the test API server and the fake, including the old GetScale/UpdateScale of a scalable kind.
#include <gtest/gtest.h>

#include "kube/testing/apiserver.h"
#include "legacy/clientset/fake/clientset.h"
#include "legacy/deprecated/clientset.h"
#include "legacy/scheme.h"

namespace {

using legacy::api::wardle::v1beta1::Flock;
using legacy::api::wardle::v1beta1::Flunder;

kube::Scheme LegacyScheme() {
  kube::Scheme scheme;
  legacy::AddToScheme(scheme);
  return scheme;
}

Flock MakeFlock(std::string name, int32_t replicas) {
  Flock f;
  f.metadata.name = std::move(name);
  f.spec.replicas = replicas;
  return f;
}

void ExerciseOldApi(legacy::deprecated::Interface& cs) {
  auto flocks = cs.WardleV1beta1().Flocks("default");
  ASSERT_TRUE(flocks->Create(MakeFlock("f", 2)));
  auto scale = flocks->GetScale("f", kube::GetOptions{});
  ASSERT_TRUE(scale) << scale.error().ToString();
  EXPECT_EQ(scale->spec.replicas, 2);
  scale->spec.replicas = 5;
  auto updated = flocks->UpdateScale("f", *scale);
  ASSERT_TRUE(updated) << updated.error().ToString();
  EXPECT_EQ(updated->spec.replicas, 5);
  auto got = flocks->Get("f", kube::GetOptions{});
  ASSERT_TRUE(got) << got.error().ToString();
  EXPECT_EQ(got->spec.replicas, 5);
  EXPECT_TRUE(flocks->Delete("f", nullptr));

  auto flunders = cs.WardleV1beta1().Flunders("default");
  Flunder flunder;
  flunder.metadata.name = "alpha";
  ASSERT_TRUE(flunders->Create(flunder));
  auto list = flunders->List(kube::ListOptions{});
  ASSERT_TRUE(list) << list.error().ToString();
  EXPECT_EQ(list->items.size(), 1u);
}

TEST(LegacySnapshot, ServesTheOldApiFromTheTestServer) {
  kube::testing::APIServer server(LegacyScheme());
  ASSERT_TRUE(server.Start());
  kube::rest::Config cfg;
  cfg.host = server.URL();
  cfg.qps = -1;
  auto cs = legacy::deprecated::NewForConfig(cfg);
  ASSERT_TRUE(cs) << cs.error().ToString();
  ExerciseOldApi(**cs);
}

TEST(LegacySnapshot, ServesTheOldApiFromTheFake) {
  auto fake = legacy::clientset::fake::NewSimpleClientset();
  auto cs = legacy::deprecated::NewFromClientset(fake);
  ExerciseOldApi(*cs);
  EXPECT_FALSE(fake->Actions().empty());
}

}  // namespace
