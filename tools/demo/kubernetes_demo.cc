// kubernetes-demo: KubeClientGen::kubernetes (the whole Kubernetes API, generated/k8s) against
// the embedded test API server, as a user who only talks to a cluster writes it: create a
// Deployment, scale it, create its pods, list them by label.
#include <iostream>

#include "k8s/clientset/clientset.h"
#include "k8s/scheme.h"
#include "kube/context.h"
#include "kube/testing/apiserver.h"

namespace core = k8s::api::core::v1;

int main() {
  kube::Scheme scheme;
  k8s::AddToScheme(scheme);
  kube::testing::APIServer server(scheme);
  if (auto ok = server.Start(); !ok) {
    std::cerr << "demo: " << ok.error().ToString() << "\n";
    return 1;
  }
  std::cout << "embedded API server on " << server.URL() << " serving " << scheme.Kinds().size()
            << " kinds\n";
  kube::rest::Config cfg;
  cfg.host = server.URL();
  auto cs = k8s::clientset::NewForConfig(cfg).value();
  auto fail = [](std::string_view what, const kube::Error& e) {
    std::cerr << "demo: " << what << ": " << e.ToString() << "\n";
    return 1;
  };
  auto [ctx, cancel] = kube::WithTimeout(kube::Context::Background(), std::chrono::seconds(10));

  k8s::api::apps::v1::Deployment d;
  d.metadata.name = "web";
  d.spec.replicas = 1;
  d.spec.selector.match_labels = {{"app", "web"}};
  d.spec.template_.metadata.labels = {{"app", "web"}};
  core::Container c;
  c.name = "nginx";
  c.image = "nginx:1.27";
  d.spec.template_.spec.containers.push_back(c);
  auto deployments = cs->AppsV1().Deployments("default");
  auto created = deployments->Create(ctx, d, {});
  if (!created) return fail("create deployment", created.error());
  std::cout << "created deployment/" << created->metadata.name << " (uid " << created->metadata.uid
            << ")\n";

  auto scale = deployments->GetScale(ctx, "web", {});
  if (!scale) return fail("get scale", scale.error());
  scale->spec.replicas = 3;
  auto scaled = deployments->UpdateScale(ctx, "web", *scale, {});
  if (!scaled) return fail("update scale", scaled.error());
  std::cout << "scaled deployment/web to " << scaled->spec.replicas << " replicas\n";

  // What the deployment controller would do: one pod per replica, from the template.
  auto pods = cs->CoreV1().Pods("default");
  for (int i = 0; i < scaled->spec.replicas; ++i) {
    core::Pod p;
    p.metadata.generate_name = "web-";
    p.metadata.labels = d.spec.template_.metadata.labels;
    p.spec = d.spec.template_.spec;
    if (auto ok = pods->Create(ctx, p, {}); !ok) return fail("create pod", ok.error());
  }
  core::Pod other;
  other.metadata.name = "db-0";
  other.metadata.labels = {{"app", "db"}};
  other.spec.containers.push_back(c);
  if (auto ok = pods->Create(ctx, other, {}); !ok) return fail("create pod", ok.error());

  kube::ListOptions by_label;
  by_label.label_selector = "app=web";
  auto list = pods->List(ctx, by_label);
  if (!list) return fail("list pods", list.error());
  std::cout << "pods with app=web: " << list->items.size() << "\n";
  for (const auto& p : list->items) {
    std::cout << "  " << p.metadata.name << "  image " << p.spec.containers.at(0).image.value_or("")
              << "\n";
  }
  return list->items.size() == 3 ? 0 : 1;
}
