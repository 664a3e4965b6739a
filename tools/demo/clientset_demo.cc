// clientset-demo: the generated `sample` clientset (generated/, from schemas/) against the
// embedded test API server: create, list by label, watch, update status, a stale update,
// a cancelled call, delete.
#include <chrono>
#include <future>
#include <iostream>
#include <thread>

#include "kube/context.h"
#include "kube/testing/apiserver.h"
#include "sample/clientset/clientset.h"
#include "sample/scheme.h"

using namespace std::chrono_literals;
using sample::api::wardle::v1beta1::Flunder;
using sample::api::wardle::v1beta1::FlunderSpec;

int main() {
  kube::Scheme scheme;
  sample::AddToScheme(scheme);
  kube::testing::APIServer server(scheme);
  if (auto ok = server.Start(); !ok) {
    std::cerr << "demo: " << ok.error().ToString() << "\n";
    return 1;
  }
  // Calls for .../flunders/slow wait two seconds on the server: there to be cancelled.
  server.AddFault(
      {.path_prefix = "/apis/wardle.example.com/v1beta1/namespaces/default/flunders/slow",
       .times = -1,
       .latency = 2s});
  std::cout << "embedded API server on " << server.URL() << "\n";

  kube::rest::Config cfg;
  cfg.host = server.URL();
  auto cs = sample::clientset::NewForConfig(cfg).value();
  auto flunders = cs->WardleV1beta1().Flunders("default");
  auto fail = [](std::string_view what, const kube::Error& e) {
    std::cerr << "demo: " << what << ": " << e.ToString() << "\n";
    return 1;
  };
  auto [ctx, cancel] = kube::WithTimeout(kube::Context::Background(), 30s);

  auto watcher = flunders->Watch(ctx, kube::ListOptions{});
  if (!watcher) return fail("watch", watcher.error());
  auto watched = std::async(std::launch::async, [&, w = watcher->get()] {
    int n = 0;
    while (auto ev = w->Next(ctx)) {
      std::cout << "  watch: " << kube::ToString(ev->type) << " " << ev->object.metadata.name
                << " phase=" << ev->object.status.phase.value_or("-") << "\n";
      if (++n == 5) break;
    }
    return n;
  });

  for (auto [name, tier] : {std::pair{"alpha", "web"}, {"beta", "db"}, {"gamma", "web"}}) {
    Flunder f;
    f.metadata.name = name;
    f.metadata.labels["tier"] = tier;
    f.spec.reference = "nemo";
    f.spec.reference_type = std::string(FlunderSpec::kReferenceTypeFischer);
    auto created = flunders->Create(ctx, f, kube::CreateOptions{});
    if (!created) return fail("create", created.error());
    std::cout << "created " << created->metadata.name << " (resourceVersion "
              << created->metadata.resource_version << ")\n";
  }

  auto web = flunders->List(ctx, kube::ListOptions{.label_selector = "tier=web"});
  if (!web) return fail("list", web.error());
  std::cout << "tier=web:";
  for (const auto& f : web->items) std::cout << " " << f.metadata.name;
  std::cout << "\n";

  auto alpha = flunders->Get(ctx, "alpha", kube::GetOptions{});
  if (!alpha) return fail("get", alpha.error());
  Flunder stale = *alpha;
  alpha->status.phase = "Ready";
  auto ready = flunders->UpdateStatus(ctx, *alpha, kube::UpdateOptions{});
  if (!ready) return fail("updateStatus", ready.error());
  stale.spec.reference = "too-late";
  auto conflict = flunders->Update(ctx, stale, kube::UpdateOptions{});
  std::cout << "stale update: " << (conflict ? "succeeded?!" : conflict.error().ToString()) << "\n";

  auto [slow_ctx, cancel_slow] = kube::WithCancel(ctx);
  std::thread canceller([c = cancel_slow] {
    std::this_thread::sleep_for(100ms);
    c();
  });
  auto started = std::chrono::steady_clock::now();
  auto slow = flunders->Get(slow_ctx, "slow", kube::GetOptions{});
  auto took = std::chrono::steady_clock::now() - started;
  canceller.join();
  std::cout << "call cancelled after "
            << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
            << " ms: " << (slow ? "ok" : slow.error().ToString()) << "\n";

  if (auto del = flunders->Delete(ctx, "beta", kube::DeleteOptions{}); !del) {
    return fail("delete", del.error());
  }
  std::cout << "deleted beta\n";
  int events = watched.get();
  std::cout << "watch saw " << events << " events\n";
  cancel();
  return events == 5 ? 0 : 1;
}
