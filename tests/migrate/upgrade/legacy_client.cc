// Code written for the pre-context clientset that stopped compiling when the clientset became
// context-first. `kube-clientgen-migrate --to=deprecated` re-points it at the frozen snapshot,
// where it compiles again, calls unchanged.
#include <memory>
#include <string>

#include "kube/rest/config.h"
#include "sample/clientset/clientset.h"
#include "sample/clientset/typed/wardle/v1beta1/flunder.h"

namespace cs = sample::clientset;
using sample::clientset::typed::wardle::v1beta1::FlunderInterface;

namespace legacy {

bool Touch(FlunderInterface& flunders, const std::string& name) {
  auto got = flunders.Get(name, kube::GetOptions{});
  if (!got) return false;
  got->metadata.labels["touched"] = "true";
  return flunders.Update(*got).has_value();
}

int Prune(sample::clientset::Interface& clients, const std::string& ns) {
  kube::DeleteOptions opts;
  auto flunders = clients.WardleV1beta1().Flunders(ns);
  auto list = flunders->List(kube::ListOptions{});
  if (!list) return -1;
  int pruned = 0;
  for (const auto& f : list->items) pruned += flunders->Delete(f.metadata.name, &opts).has_value();
  return pruned;
}

int Run(const kube::rest::Config& config) {
  kube::Result<std::shared_ptr<cs::Clientset>> clients = cs::NewForConfig(config);
  if (!clients) return 1;
  Touch(*(*clients)->WardleV1beta1().Flunders("default"), "alpha");
  return Prune(**clients, "default") < 0;
}

}  // namespace legacy
