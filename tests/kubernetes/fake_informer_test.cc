// The generated Kubernetes fake clientset and informers, as a controller's unit tests use them:
// Deployments scaled through the fake, pods selected by spec.nodeName as the real server
// selects them (and an unsupported field label refused), a pod informer over the fake, and
// strategic merge patches through the fake by the scheme's merge keys.
#include <gtest/gtest.h>

#include <thread>

#include "k8s/clientset/fake/clientset.h"
#include "k8s/informers/factory.h"
#include "kube/context.h"

namespace {

using kube::Context;
namespace apps = k8s::api::apps::v1;
namespace core = k8s::api::core::v1;

core::Pod MakePod(std::string name, std::string node) {
  core::Pod p;
  p.metadata.name = std::move(name);
  p.metadata.namespace_ = "default";
  p.metadata.labels = {{"app", "web"}};
  core::Container c;
  c.name = "nginx";
  c.image = "nginx:1.27";
  p.spec.containers.push_back(c);
  if (!node.empty()) p.spec.node_name = std::move(node);
  return p;
}

TEST(KubernetesFake, ScaleThroughTheFake) {
  apps::Deployment d;
  d.metadata.name = "web";
  d.metadata.namespace_ = "default";
  d.spec.replicas = 1;
  d.spec.selector.match_labels = {{"app", "web"}};
  auto fake = k8s::clientset::fake::NewSimpleClientset(d);
  auto deployments = fake->AppsV1().Deployments("default");
  auto scale = deployments->GetScale(Context::TODO(), "web", {});
  ASSERT_TRUE(scale) << scale.error().message;
  EXPECT_EQ(scale->spec.replicas, 1);
  EXPECT_EQ(scale->status.selector, "app=web");
  scale->spec.replicas = 4;
  auto updated = deployments->UpdateScale(Context::TODO(), "web", *scale, {});
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->spec.replicas, 4);
  EXPECT_EQ(deployments->Get(Context::TODO(), "web", {})->spec.replicas, 4);
  auto actions = fake->Actions();
  ASSERT_EQ(actions.size(), 3u);
  EXPECT_EQ(actions[0].subresource, "scale");
  EXPECT_EQ(actions[1].verb, "update");
  EXPECT_EQ(actions[1].subresource, "scale");
}

TEST(KubernetesFake, FieldSelectorsAsTheServerSupportsThem) {
  auto fake = k8s::clientset::fake::NewSimpleClientset(
      MakePod("a", "node-1"), MakePod("b", "node-2"), MakePod("pending", ""));
  auto pods = fake->CoreV1().Pods("default");
  auto on_node = pods->List(Context::TODO(), {.field_selector = "spec.nodeName=node-1"});
  ASSERT_TRUE(on_node) << on_node.error().message;
  ASSERT_EQ(on_node->items.size(), 1u);
  EXPECT_EQ(on_node->items[0].metadata.name, "a");
  auto unscheduled = pods->List(Context::TODO(), {.field_selector = "spec.nodeName="});
  ASSERT_TRUE(unscheduled);
  ASSERT_EQ(unscheduled->items.size(), 1u);
  EXPECT_EQ(unscheduled->items[0].metadata.name, "pending");
  auto refused = pods->List(Context::TODO(), {.field_selector = "spec.containers=x"});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, 400);
  EXPECT_EQ(refused.error().message, "field label not supported: spec.containers");
  // Deployments have no field labels of their own.
  EXPECT_FALSE(fake->AppsV1().Deployments("default")->List(Context::TODO(),
                                                           {.field_selector = "spec.replicas=1"}));
}

TEST(KubernetesFake, StrategicMergePatchKeepsOtherContainers) {
  core::Pod p = MakePod("a", "node-1");
  core::Container sidecar;
  sidecar.name = "sidecar";
  sidecar.image = "busybox";
  p.spec.containers.push_back(sidecar);
  auto fake = k8s::clientset::fake::NewSimpleClientset(p);
  auto patched = fake->CoreV1().Pods("default")->Patch(
      Context::TODO(), "a", kube::PatchType::kStrategicMergePatch,
      R"({"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}})", {});
  ASSERT_TRUE(patched) << patched.error().message;
  ASSERT_EQ(patched->spec.containers.size(), 2u);  // merged by name, not replaced
  EXPECT_EQ(patched->spec.containers[0].image, "nginx:1.28");
  EXPECT_EQ(patched->spec.containers[1].name, "sidecar");
}

TEST(KubernetesFake, PodInformerOverTheFake) {
  auto fake = k8s::clientset::fake::NewSimpleClientset(MakePod("a", "node-1"));
  k8s::informers::SharedInformerFactory factory(fake, std::chrono::minutes(10));
  auto& pods = factory.Core().V1().Pods();
  ASSERT_TRUE(pods.Informer().AddIndexers({{"node", [](const core::Pod& p) {
                                              return std::vector<std::string>{
                                                  p.spec.node_name.value_or("")};
                                            }}}));
  auto [ctx, cancel] = kube::WithTimeout(Context::Background(), std::chrono::seconds(20));
  factory.Start(ctx);
  ASSERT_TRUE(factory.WaitForCacheSync(ctx));
  ASSERT_TRUE(fake->CoreV1().Pods("default")->Create(Context::TODO(), MakePod("b", "node-1"), {}));
  for (int i = 0; i < 500 && pods.Lister().List().size() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  auto on_node = pods.Lister().ByIndex("node", "node-1");
  ASSERT_TRUE(on_node);
  EXPECT_EQ(on_node->size(), 2u);
  auto got = pods.Lister().Pods("default").Get("b");
  ASSERT_TRUE(got);
  EXPECT_EQ((*got)->spec.containers[0].image, "nginx:1.27");
}

}  // namespace
