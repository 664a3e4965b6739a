// A pod and deployment controller written for the pre-context Kubernetes API (k8s::deprecated),
// the shape of a client-go controller before KEP 1601. Only compiled, never run: the
// migration's output must build against the context-first k8s clientset.
#include <chrono>
#include <memory>
#include <string>

#include "k8s/deprecated/clientset.h"
#include "kube/context.h"
#include "kube/rest/config.h"

namespace controller {

using k8s::deprecated::typed::apps::v1::DeploymentInterface;

// Scales a deployment through its scale subresource.
bool ScaleTo(DeploymentInterface& deployments, const std::string& name, int replicas) {
  auto scale = deployments.GetScale(name, kube::GetOptions{});
  if (!scale) return false;
  scale->spec.replicas = replicas;
  return deployments.UpdateScale(name, *scale).has_value();
}

// One reconcile pass: evict failed pods, then make sure every deployment has a replica.
int Reconcile(const kube::Context& ctx, k8s::deprecated::Interface& cs, const std::string& ns) {
  auto pods = cs.CoreV1().Pods(ns);
  kube::ListOptions failed;
  failed.field_selector = "status.phase=Failed";
  auto list = pods->List(failed);
  if (!list) return -1;
  kube::DeleteOptions background;
  background.propagation_policy = "Background";
  int evicted = 0;
  for (const auto& pod : list->items) {
    evicted += pods->Delete(pod.metadata.name, &background).has_value();
  }
  auto deployments = cs.AppsV1().Deployments(ns);
  auto all = deployments->List(kube::ListOptions{});
  if (!all) return -1;
  for (const auto& d : all->items) {
    if (d.spec.replicas.value_or(1) == 0) ScaleTo(*deployments, d.metadata.name, 1);
  }
  return evicted;
}

int Run(const kube::rest::Config& config) {
  auto cs = k8s::deprecated::NewForConfig(config);
  if (!cs) return 1;
  auto [ctx, cancel] = kube::WithTimeout(kube::Context::Background(), std::chrono::seconds(30));
  const int evicted = Reconcile(ctx, **cs, "default");
  cancel();
  return evicted < 0;
}

}  // namespace controller
