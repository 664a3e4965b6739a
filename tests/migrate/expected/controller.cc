// A small controller written for the pre-context (deprecated) API, with its own checks run on
// the fake clientset. kube-clientgen-migrate moves it to the context-first API; the migrated
// copy must compile without deprecated declarations and pass the same checks.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "flunder_util.h"
#include "kube/context.h"
#include "sample/clientset/clientset.h"
#include "sample/clientset/fake/clientset.h"

namespace dep = sample::clientset;
using sample::clientset::typed::wardle::v1beta1::Flunder;
using sample::clientset::typed::wardle::v1beta1::FlunderInterface;

namespace corpus {

int DeleteAll(const kube::Context& ctx, sample::clientset::Interface& cs, const std::string& ns,
              const std::vector<std::string>& names);
int PurgeFischers(sample::clientset::Interface& cs);

namespace {

int failures = 0;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "FAILED: %s\n", what);
    ++failures;
  }
}

Flunder NewFlunder(const std::string& ns, const std::string& name) {
  Flunder f;
  f.metadata.namespace_ = ns;
  f.metadata.name = name;
  return f;
}

// One pass of the reconcile loop: every flunder gets the "reconciled" label; its status is
// written through UpdateStatus.
int Reconcile(const kube::Context& ctx, dep::Interface& cs, const std::string& ns) {
  auto [child, cancel] = kube::WithTimeout(ctx, std::chrono::seconds(30));
  auto flunders = cs.WardleV1beta1().Flunders(ns);
  auto list = flunders->List(child, kube::ListOptions{});
  if (!list) return -1;
  int changed = 0;
  for (Flunder f : list->items) {
    if (f.metadata.labels.count("reconciled")) continue;
    f.metadata.labels["reconciled"] = "true";
    auto updated = flunders->Update(child, f, kube::UpdateOptions{});
    if (!updated) continue;
    flunders->UpdateStatus(child, *updated, kube::UpdateOptions{});
    ++changed;
  }
  cancel();
  return changed;
}

// Work handed to a callback: the lambda captures the context it should use.
int ForEachName(const kube::Context& ctx, FlunderInterface& flunders,
                const std::vector<std::string>& names) {
  int found = 0;
  auto visit = [ctx, &flunders, &found](const std::string& name) {
    if (flunders.Get(ctx, name, kube::GetOptions{})) ++found;
  };
  for (const auto& n : names) visit(n);
  // No capture-default and no context captured: this one has no context in scope.
  auto count = [&flunders]() {
    return flunders.List(kube::Context::TODO(), kube::ListOptions{})->items.size();
  };
  return found + static_cast<int>(count()) * 0;
}

void Run() {
  kube::Context ctx = kube::Context::Background();
  auto fake = sample::clientset::fake::NewSimpleClientset(NewFlunder("default", "alpha"),
                                                            NewFlunder("default", "beta"));
  std::shared_ptr<dep::Interface> cs = fake;

  Check(Reconcile(ctx, *cs, "default") == 2, "reconcile labels both flunders");
  Check(Reconcile(ctx, *cs, "default") == 0, "a second reconcile changes nothing");

  // A chain on a temporary and an object created through it.
  Check(cs->WardleV1beta1()
            .Flunders("default")
            ->Create(ctx, NewFlunder("default", "gamma"), kube::CreateOptions{})
            .has_value(),
        "create gamma");
  Check(Exists(*cs->WardleV1beta1().Flunders("default"), "gamma"), "gamma exists");
  Check(Relabel(ctx, *cs, "default", "gamma", "gold"), "relabel gamma");

  // A raw pointer to the typed client, and a patch with and without subresources.
  std::unique_ptr<FlunderInterface> owned = cs->WardleV1beta1().Flunders("default");
  FlunderInterface* raw = owned.get();
  Check(raw->Patch(ctx, "alpha", kube::PatchType::kMergePatch,
                   R"({"metadata":{"labels":{"p":"1"}}})", kube::PatchOptions{})
            .has_value(),
        "merge patch alpha");
  Check(raw->Patch(ctx, "alpha", kube::PatchType::kMergePatch, R"({"status":{}})",
                   kube::PatchOptions{}, {"status"})
            .has_value(),
        "patch the status of alpha");
  Check(ForEachName(ctx, *raw, {"alpha", "beta", "nope"}) == 2, "two of three names exist");

  {
    auto [tctx, cancel] = kube::WithCancel(ctx);
    auto watch = owned->Watch(tctx, kube::ListOptions{});
    Check(watch.has_value(), "watch starts");
    cancel();
  }

  Check(corpus::DeleteAll(ctx, *cs, "default", {"alpha", "orphan", "keep", "beta"}) == 2,
        "alpha and beta deleted");
  Check(!Exists(*owned, "alpha") && Exists(*owned, "gamma"), "gamma survives");
  Check(cs->WardleV1beta1()
            .Flunders("default")
            ->Delete(ctx, "gamma", kube::DeleteOptions{})
            .has_value(),
        "delete gamma without options");
  Check(corpus::PurgeFischers(*cs) == 0, "no fischers to purge");
}

}  // namespace
}  // namespace corpus

int main() {
  corpus::Run();
  if (corpus::failures == 0) std::puts("corpus: all checks passed");
  return corpus::failures == 0 ? 0 : 1;
}
