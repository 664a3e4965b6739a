// The second translation unit of the legacy corpus: clean-up jobs, a template, a macro.
#include <memory>
#include <string>
#include <vector>

#include "flunder_util.h"
#include "kube/context.h"
#include "sample/clientset/clientset.h"

using sample::clientset::typed::wardle::v1alpha1::FischerInterface;

// The call in this macro's body cannot be rewritten for every expansion: it is reported.
#define KUBE_CORPUS_DROP(client, name) (client)->Delete((name), nullptr)

namespace corpus {

// A template over any client: the call depends on the template parameter, so it is reported
// and left for a human.
template <class Client>
int CountAll(Client& client) {
  auto list = client.List(kube::ListOptions{});
  return list ? static_cast<int>(list->items.size()) : -1;
}

// A template whose own spelling of the call does not depend on its parameter: rewritten once.
template <class Tag>
int CountFischers(sample::clientset::Interface& cs, const Tag&) {
  auto list = cs.WardleV1alpha1().Fischers()->List(kube::Context::TODO(), kube::ListOptions{});
  return list ? static_cast<int>(list->items.size()) : -1;
}

int DeleteAll(const kube::Context& ctx, sample::clientset::Interface& cs, const std::string& ns,
              const std::vector<std::string>& names) {
  kube::DeleteOptions foreground;
  foreground.propagation_policy = "Foreground";
  int deleted = 0;
  auto flunders = cs.WardleV1beta1().Flunders(ns);
  // Captures everything by reference: the context of the enclosing function is in scope.
  auto remove_plain = [&](const std::string& name) {
    return flunders->Delete(ctx, name, kube::DeleteOptions{}).has_value();
  };
  for (const std::string& name : names) {
    if (name == "keep") continue;
    if (name == "orphan") {
      kube::DeleteOptions orphan;
      orphan.propagation_policy = "Orphan";
      deleted += flunders->Delete(ctx, name, orphan).has_value();
    } else if (name == "beta") {
      deleted += remove_plain(name);
    } else if (name == "dropped") {
      deleted += KUBE_CORPUS_DROP(flunders, name).has_value();
    } else {
      deleted += Remove(flunders.get(), name, &foreground);
    }
  }
  return deleted;
}

int PurgeFischers(sample::clientset::Interface& cs) {
  std::unique_ptr<FischerInterface> fischers = cs.WardleV1alpha1().Fischers();
  const int before = CountAll(*fischers);
  if (!fischers->DeleteCollection(kube::Context::TODO(), kube::DeleteOptions{},
                                  kube::ListOptions{}))
    return -1;
  return before - CountFischers(cs, 0);
}

}  // namespace corpus
