// runtime-demo: drives a Kubernetes-style API server with the runtime alone (a hand-written
// ConfigMap type; generated clients take over in the generator demo): create, list with a
// label selector, watch, a conflicting update, a call cancelled mid-flight, delete.
//
//   runtime-demo --server http://127.0.0.1:PORT
#include <chrono>
#include <future>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "kube/context.h"
#include "kube/json_codec.h"
#include "kube/meta.h"
#include "kube/rest/client.h"
#include "kube/typed_client.h"

namespace demo {

struct ConfigMap {
  kube::ObjectMeta metadata;
  std::map<std::string, std::string> data;
};
struct ConfigMapList {
  kube::ListMeta metadata;
  std::vector<ConfigMap> items;
};
void to_json(nlohmann::json& j, const ConfigMap& v) {
  j = {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", v.metadata}, {"data", v.data}};
}
void from_json(const nlohmann::json& j, ConfigMap& v) {
  j.at("metadata").get_to(v.metadata);
  if (j.contains("data")) j.at("data").get_to(v.data);
}
void from_json(const nlohmann::json& j, ConfigMapList& v) {
  j.at("metadata").get_to(v.metadata);
  j.at("items").get_to(v.items);
}
void to_json(nlohmann::json& j, const ConfigMapList& v) {
  j = {{"metadata", v.metadata}, {"items", v.items}};
}
KUBE_NLOHMANN_CODEC(ConfigMap)
KUBE_NLOHMANN_CODEC(ConfigMapList)

}  // namespace demo

int main(int argc, char** argv) {
  using namespace std::chrono_literals;
  kube::rest::Config cfg = kube::rest::Config::FromEnvironment().value();
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--server") cfg.host = argv[++i];
  }
  cfg.qps = 50;
  cfg.burst = 100;
  auto client = kube::rest::Client::New(cfg);
  if (!client) {
    std::cerr << "demo: " << client.error().ToString() << "\n";
    return 1;
  }
  kube::TypedClient<demo::ConfigMap, demo::ConfigMapList> cms(*client, {"", "v1", "configmaps"},
                                                              "default");
  auto fail = [](std::string_view what, const kube::Error& e) {
    std::cerr << "demo: " << what << ": " << e.ToString() << "\n";
    return 1;
  };
  auto [ctx, cancel] = kube::WithTimeout(kube::Context::Background(), 30s);

  // Watch from the current state, in the background.
  auto list = cms.List(ctx, {});
  if (!list) return fail("list", list.error());
  auto watcher = cms.Watch(ctx, {.resource_version = list->metadata.resource_version});
  if (!watcher) return fail("watch", watcher.error());
  auto watched = std::async(std::launch::async, [&, w = watcher->get()] {
    int n = 0;
    while (auto ev = w->Next(ctx)) {
      std::cout << "  watch: " << kube::ToString(ev->type) << " " << ev->object.metadata.name
                << " (resourceVersion " << ev->object.metadata.resource_version << ")\n";
      if (++n == 5) break;
    }
    return n;
  });

  for (const auto& [name, tier] :
       {std::pair{"frontend", "web"}, {"backend", "api"}, {"cache", "web"}}) {
    demo::ConfigMap cm;
    cm.metadata.name = name;
    cm.metadata.labels["tier"] = tier;
    cm.data["owner"] = "demo";
    auto created = cms.Create(ctx, cm, {});
    if (!created) return fail("create", created.error());
    std::cout << "created " << created->metadata.name << " uid=" << created->metadata.uid << "\n";
  }
  auto web = cms.List(ctx, {.label_selector = "tier=web"});
  if (!web) return fail("list", web.error());
  std::cout << "list tier=web:";
  for (const auto& cm : web->items) std::cout << " " << cm.metadata.name;
  std::cout << "\n";

  auto fresh = cms.Get(ctx, "frontend", {});
  if (!fresh) return fail("get", fresh.error());
  demo::ConfigMap stale = *fresh;
  fresh->data["owner"] = "someone-else";
  if (auto up = cms.Update(ctx, *fresh, {}); !up) return fail("update", up.error());
  stale.data["owner"] = "too-late";
  auto conflict = cms.Update(ctx, stale, {});
  std::cout << "stale update: "
            << (conflict ? "unexpectedly succeeded" : conflict.error().ToString()) << "\n";

  // Cancel a call while it waits on the server (the demo starts kube-testserver with a 2 s delay
  // on .../configmaps/slow).
  auto [slow_ctx, cancel_slow] = kube::WithCancel(ctx);
  auto started = std::chrono::steady_clock::now();
  std::thread canceller([cancel_slow = cancel_slow] {
    std::this_thread::sleep_for(100ms);
    cancel_slow();
  });
  auto slow = cms.Get(slow_ctx, "slow", {});
  canceller.join();
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  std::cout << "cancelled call returned after " << took.count()
            << " ms: " << (slow ? std::string("ok") : slow.error().ToString()) << "\n";

  if (auto del = cms.Delete(ctx, "backend", {}); !del) return fail("delete", del.error());
  std::cout << "deleted backend\n";
  int events = watched.get();
  std::cout << "watch saw " << events << " events\n";
  cancel();
  return events == 5 ? 0 : 1;
}
