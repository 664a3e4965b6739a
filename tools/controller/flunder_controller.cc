// An example controller built the way client-go controllers are: a shared informer feeds a
// de-duplicating work queue, a worker reconciles each key from the lister's cache and writes
// back through the typed client, each write inside kube::StartControllerContext so the API
// server sees which action sent it (a W3C traceparent header) and the trace hook can log it.
//
// It marks every Flunder `status.phase: Ready` with the generation it saw. With no flags it
// starts the in-process test API server, creates three flunders, and exits once all are Ready:
//
//   build/tools/controller/flunder-controller
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "kube/controller_context.h"
#include "kube/testing/apiserver.h"
#include "sample/clientset/clientset.h"
#include "sample/informers/factory.h"
#include "sample/scheme.h"

namespace {

using sample::api::wardle::v1beta1::Flunder;

// Keys waiting to be reconciled; a key queued twice before a worker takes it runs once.
class WorkQueue {
 public:
  void Add(std::string key) {
    std::lock_guard lock(mu_);
    if (closed_ || !queued_.insert(key).second) return;
    keys_.push_back(std::move(key));
    cv_.notify_one();
  }
  // The next key; nullopt once closed.
  std::optional<std::string> Get() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return closed_ || !keys_.empty(); });
    if (closed_) return std::nullopt;
    std::string key = std::move(keys_.front());
    keys_.pop_front();
    queued_.erase(key);
    return key;
  }
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> keys_;
  std::set<std::string> queued_;
  bool closed_ = false;
};

class FlunderController {
 public:
  FlunderController(std::shared_ptr<sample::clientset::Interface> client,
                    sample::informers::SharedInformerFactory& factory)
      : client_(std::move(client)), lister_(factory.Wardle().V1beta1().Flunders().Lister()) {
    auto enqueue = [this](const Flunder& f) {
      queue_.Add(kube::cache::MetaNamespaceKey(f.metadata));
    };
    factory.Wardle().V1beta1().Flunders().Informer().AddEventHandler(
        {.on_add = enqueue,
         .on_update = [enqueue](const Flunder&, const Flunder& f) { enqueue(f); },
         .on_delete = {}});
  }

  void Run(const kube::Context& ctx) {
    std::thread worker([&] {
      while (auto key = queue_.Get()) Reconcile(ctx, *key);
    });
    ctx.Wait(std::chrono::hours(1));
    queue_.Close();
    worker.join();
  }

 private:
  void Reconcile(const kube::Context& ctx, const std::string& key) {
    auto slash = key.find('/');
    auto cached = lister_.Flunders(key.substr(0, slash)).Get(key.substr(slash + 1));
    if (!cached) return;  // deleted since it was queued
    const Flunder& f = **cached;
    if (f.status.phase == "Ready" && f.status.observed_generation == f.metadata.generation) return;
    Flunder updated = f;  // the cache's object is shared and read-only: change a copy
    updated.status.phase = "Ready";
    updated.status.observed_generation = f.metadata.generation;
    auto action = kube::StartControllerContext(ctx, f, "flunder.MarkReady");
    auto written = client_->WardleV1beta1()
                       .Flunders(f.metadata.namespace_)
                       ->UpdateStatus(action, updated, kube::UpdateOptions{});
    action.End();
    if (!written && !kube::IsConflict(written.error())) {
      std::fprintf(stderr, "reconcile %s: %s\n", key.c_str(), written.error().message.c_str());
    }
  }

  std::shared_ptr<sample::clientset::Interface> client_;
  sample::listers::wardle::v1beta1::FlunderLister lister_;
  WorkQueue queue_;
};

}  // namespace

int main() {
  kube::Scheme scheme;
  sample::AddToScheme(scheme);
  kube::testing::APIServer server(scheme);
  if (auto ok = server.Start(); !ok) {
    std::fprintf(stderr, "test server: %s\n", ok.error().message.c_str());
    return 1;
  }
  kube::rest::Config cfg;
  cfg.host = server.URL();
  auto cs = sample::clientset::NewForConfig(cfg).value();

  kube::ClientTrace trace;
  std::mutex log_mu;
  trace.on_controller_action = [&](const kube::ControllerAction& a, std::string_view method,
                                   std::string_view url) {
    std::lock_guard lock(log_mu);
    std::printf("%-18s %s/%s  %s %s  traceparent %s\n", a.action.c_str(),
                a.object.namespace_.c_str(), a.object.name.c_str(), std::string(method).c_str(),
                std::string(url).c_str(), a.TraceParent().c_str());
  };
  auto [ctx, cancel] = kube::WithTimeout(kube::WithClientTrace(kube::Context::Background(), trace),
                                         std::chrono::seconds(30));

  sample::informers::SharedInformerFactory factory(cs, std::chrono::minutes(10));
  FlunderController controller(cs, factory);
  factory.Start(ctx);
  if (!factory.WaitForCacheSync(ctx)) return 1;
  std::thread run([&, ctx = ctx] { controller.Run(ctx); });

  for (const char* name : {"alpha", "beta", "gamma"}) {
    Flunder f;
    f.metadata.name = name;
    f.spec.reference = "fischer-1";
    (void)cs->WardleV1beta1().Flunders("default")->Create(ctx, f, {});
  }
  bool ready = false;
  while (!ready && !ctx.Done()) {
    auto all = cs->WardleV1beta1().Flunders("default")->List(ctx, {});
    ready = all && all->items.size() == 3;
    for (const auto& f : all ? all->items : std::vector<Flunder>{}) {
      ready = ready && f.status.phase == "Ready";
    }
    if (!ready) ctx.Wait(std::chrono::milliseconds(20));
  }
  std::printf(ready ? "all flunders Ready\n" : "timed out\n");
  cancel();
  run.join();
  factory.Shutdown();
  return ready ? 0 : 1;
}
