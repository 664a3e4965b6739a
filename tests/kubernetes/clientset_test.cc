// KubeClientGen::kubernetes against the test API server, as a user who only talks to a cluster
// uses it: core/v1 Pods listed by label, apps/v1 Deployments with their scale subresource,
// batch/v1 Jobs with status, rbac ClusterRoles (cluster-scoped).
#include "k8s/clientset/clientset.h"

#include <gtest/gtest.h>

#include "k8s/scheme.h"
#include "kube/context.h"
#include "kube/testing/apiserver.h"

namespace {

using kube::Context;
namespace core = k8s::api::core::v1;

kube::Scheme KubernetesScheme() {
  kube::Scheme scheme;
  k8s::AddToScheme(scheme);
  return scheme;
}

class KubernetesClientsetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start());
    kube::rest::Config cfg;
    cfg.host = server_.URL();
    cfg.qps = -1;
    cs_ = k8s::clientset::NewForConfig(cfg).value();
  }

  static core::Container MakeContainer(std::string name, std::string image) {
    core::Container c;
    c.name = std::move(name);
    c.image = std::move(image);
    return c;
  }

  kube::testing::APIServer server_{KubernetesScheme()};
  std::shared_ptr<k8s::clientset::Clientset> cs_;
};

TEST_F(KubernetesClientsetTest, SchemeHasTheWholeApi) {
  kube::Scheme s = KubernetesScheme();
  const kube::KindInfo* pods = s.ByResource({"", "v1", "pods"});
  ASSERT_NE(pods, nullptr);
  EXPECT_TRUE(pods->namespaced);
  EXPECT_TRUE(pods->HasSubresource("status"));
  const kube::KindInfo* deployments = s.ByResource({"apps", "v1", "deployments"});
  ASSERT_NE(deployments, nullptr);
  EXPECT_TRUE(deployments->HasSubresource("scale"));
  const kube::KindInfo* roles = s.ByResource({"rbac.authorization.k8s.io", "v1", "clusterroles"});
  ASSERT_NE(roles, nullptr);
  EXPECT_FALSE(roles->namespaced);
  const kube::KindInfo* reviews = s.ByResource({"authentication.k8s.io", "v1", "tokenreviews"});
  ASSERT_NE(reviews, nullptr);
  EXPECT_EQ(reviews->verbs, std::vector<std::string>{"create"});
  EXPECT_GT(s.Kinds().size(), 80u);
}

TEST_F(KubernetesClientsetTest, SchemeCarriesMergeRulesForStrategicMergePatch) {
  kube::Scheme s = KubernetesScheme();
  const kube::KindInfo* pods = s.ByResource({"", "v1", "pods"});
  ASSERT_NE(pods, nullptr);
  auto containers = pods->merge_fields.find("spec.containers");
  ASSERT_NE(containers, pods->merge_fields.end());
  EXPECT_EQ(containers->second,
            (kube::FieldMerge{"merge", "name", "map", std::vector<std::string>{"name"}}));
  auto ports = pods->merge_fields.find("spec.containers.ports");
  ASSERT_NE(ports, pods->merge_fields.end());
  EXPECT_EQ(ports->second.patch_merge_key, "containerPort");
  EXPECT_EQ(ports->second.list_map_keys, (std::vector<std::string>{"containerPort", "protocol"}));
  const kube::KindInfo* deployments = s.ByResource({"apps", "v1", "deployments"});
  ASSERT_NE(deployments, nullptr);
  EXPECT_EQ(deployments->merge_fields.at("spec.template.spec.volumes").patch_strategy,
            "merge,retainKeys");
}

TEST_F(KubernetesClientsetTest, PodsListedByLabel) {
  auto pods = cs_->CoreV1().Pods("default");
  for (auto [name, app] : {std::pair{"web-1", "web"}, {"web-2", "web"}, {"db-1", "db"}}) {
    core::Pod p;
    p.metadata.name = name;
    p.metadata.labels = {{"app", app}};
    p.spec.containers.push_back(MakeContainer("main", "nginx:1.27"));
    p.spec.volumes.push_back({});
    p.spec.volumes.back().name = "scratch";
    p.spec.volumes.back().empty_dir.emplace();
    auto created = pods->Create(Context::Background(), p, {});
    ASSERT_TRUE(created) << created.error().ToString();
    EXPECT_FALSE(created->metadata.uid.empty());
  }
  kube::ListOptions opts;
  opts.label_selector = "app=web";
  auto list = pods->List(Context::Background(), opts);
  ASSERT_TRUE(list) << list.error().ToString();
  ASSERT_EQ(list->items.size(), 2u);
  for (const auto& p : list->items) {
    EXPECT_EQ(p.metadata.labels.at("app"), "web");
    ASSERT_EQ(p.spec.volumes.size(), 1u);
    EXPECT_TRUE(p.spec.volumes[0].empty_dir.has_value());
    EXPECT_FALSE(p.spec.volumes[0].host_path.has_value());
  }
  // What the server stored has exactly one volume source: no empty hostPath or nfs.
  auto raw = server_.Tracker().Get({"", "v1", "pods"}, "default", "web-1");
  ASSERT_TRUE(raw);
  EXPECT_EQ((*raw)["spec"]["volumes"][0].size(), 2u) << raw->dump();
  // A list item (no apiVersion/kind) updates fine: the client names the type.
  core::Pod item = list->items[0];
  item.metadata.labels["tier"] = "front";
  auto updated = pods->Update(Context::Background(), item, {});
  ASSERT_TRUE(updated) << updated.error().ToString();
  EXPECT_EQ(updated->metadata.labels.at("tier"), "front");
  ASSERT_TRUE(pods->Delete(Context::Background(), "db-1", {}));
  auto gone = pods->Get(Context::Background(), "db-1", {});
  ASSERT_FALSE(gone);
  EXPECT_TRUE(kube::IsNotFound(gone.error()));
}

TEST_F(KubernetesClientsetTest, DeploymentScale) {
  auto deployments = cs_->AppsV1().Deployments("default");
  k8s::api::apps::v1::Deployment d;
  d.metadata.name = "web";
  d.spec.replicas = 2;
  d.spec.selector.match_labels = {{"app", "web"}};
  d.spec.template_.metadata.labels = {{"app", "web"}};
  d.spec.template_.spec.containers.push_back(MakeContainer("app", "nginx:1.27"));
  auto created = deployments->Create(Context::Background(), d, {});
  ASSERT_TRUE(created) << created.error().ToString();
  auto scale = deployments->GetScale(Context::Background(), "web", {});
  ASSERT_TRUE(scale) << scale.error().ToString();
  EXPECT_EQ(scale->spec.replicas, 2);
  scale->spec.replicas = 5;
  auto updated = deployments->UpdateScale(Context::Background(), "web", *scale, {});
  ASSERT_TRUE(updated) << updated.error().ToString();
  EXPECT_EQ(updated->spec.replicas, 5);
  auto got = deployments->Get(Context::Background(), "web", {});
  ASSERT_TRUE(got);
  EXPECT_EQ(got->spec.replicas, 5);
  EXPECT_EQ(got->spec.template_.spec.containers.at(0).image, "nginx:1.27");
}

TEST_F(KubernetesClientsetTest, JobStatusIsItsOwnSubresource) {
  auto jobs = cs_->BatchV1().Jobs("batch");
  k8s::api::batch::v1::Job j;
  j.metadata.name = "once";
  j.spec.template_.spec.restart_policy = "Never";
  j.spec.template_.spec.containers.push_back(MakeContainer("run", "busybox"));
  auto created = jobs->Create(Context::Background(), j, {});
  ASSERT_TRUE(created) << created.error().ToString();
  created->status.succeeded = 1;
  auto updated = jobs->UpdateStatus(Context::Background(), *created, {});
  ASSERT_TRUE(updated) << updated.error().ToString();
  EXPECT_EQ(updated->status.succeeded, 1);
  EXPECT_EQ(server_.Requests().back().path, "/apis/batch/v1/namespaces/batch/jobs/once/status");
}

TEST_F(KubernetesClientsetTest, ClusterRolesAreClusterScoped) {
  auto roles = cs_->RbacV1().ClusterRoles();
  k8s::api::rbac::v1::ClusterRole r;
  r.metadata.name = "reader";
  k8s::api::rbac::v1::PolicyRule rule;
  rule.api_groups = {""};
  rule.resources = {"pods"};
  rule.verbs = {"get", "list", "watch"};
  r.rules.push_back(rule);
  auto created = roles->Create(Context::Background(), r, {});
  ASSERT_TRUE(created) << created.error().ToString();
  EXPECT_TRUE(created->metadata.namespace_.empty());
  EXPECT_EQ(server_.Requests().back().path, "/apis/rbac.authorization.k8s.io/v1/clusterroles");
  auto list = roles->List(Context::Background(), {});
  ASSERT_TRUE(list);
  ASSERT_EQ(list->items.size(), 1u);
  EXPECT_EQ(list->items[0].rules.at(0).verbs.size(), 3u);
}

}  // namespace
