// Informers on production-shaped data: 10,000 pods replicated from PodLists captured from a
// real API server (real_pods.h).
// - BM_InformerSync: a Pod informer of the generated Kubernetes clientset lists the 10,000 pods
//   from the test API server over HTTP (paged, 500 a page) until synced; reports the time and
//   the heap the cache holds per pod against the pod's JSON size (glibc's mallinfo2).
// - BM_InformerWatchEvents: watch events through the informer machinery (store update, index,
//   in-order delivery to a handler on its own thread), the objects already decoded: the
//   events/s an informer sustains apart from the network and the decoder.
// - BM_ListerGet / BM_ListerList: lookups in a 10,000-pod cache.
#include <benchmark/benchmark.h>

#include <atomic>
#include <nlohmann/json.hpp>

#include "k8s/clientset/clientset.h"
#include "k8s/informers/factory.h"
#include "k8s/scheme.h"
#include "kube/cache/informer_factory.h"
#include "kube/codec.h"
#include "kube/testing/apiserver.h"
#include "real_pods.h"
#include "support/heap.h"

namespace {

using k8s::api::core::v1::Pod;
using k8s::api::core::v1::PodList;
constexpr int kPods = 10000;

using kube_test::HeapInUse;

const std::vector<std::string>& Pods() {
  static const auto* pods = new std::vector<std::string>(kube_bench::RealPods(kPods));
  return *pods;
}

size_t PodsJsonBytes() {
  size_t n = 0;
  for (const auto& p : Pods()) n += p.size();
  return n;
}

void BM_InformerSync(benchmark::State& state) {
  kube::Scheme scheme;
  k8s::AddToScheme(scheme);
  kube::testing::APIServer server(scheme);
  if (!server.Start()) {
    state.SkipWithError("test server");
    return;
  }
  for (const auto& pod : Pods()) (void)server.Tracker().Add(nlohmann::json::parse(pod));
  kube::rest::Config cfg;
  cfg.host = server.URL();
  cfg.qps = -1;
  auto cs = k8s::clientset::NewForConfig(cfg).value();
  size_t held = 0;
  for (auto _ : state) {
    malloc_trim(0);
    size_t before = HeapInUse();
    k8s::informers::SharedInformerFactory factory(cs, std::chrono::milliseconds(0));
    auto& pods = factory.Core().V1().Pods();
    pods.Informer();
    factory.Start(kube::Context::Background());
    if (!factory.WaitForCacheSync(kube::Context::Background())) {
      state.SkipWithError("sync");
      return;
    }
    state.PauseTiming();
    if (pods.Lister().List().size() != kPods) state.SkipWithError("pods missing");
    malloc_trim(0);
    held = HeapInUse() - before;
    factory.Shutdown();
    state.ResumeTiming();
  }
  state.counters["pods"] = kPods;
  state.counters["heap_per_pod_bytes"] = static_cast<double>(held) / kPods;
  state.counters["json_per_pod_bytes"] = static_cast<double>(PodsJsonBytes()) / kPods;
  state.counters["heap_to_json_ratio"] = static_cast<double>(held) / PodsJsonBytes();
}
BENCHMARK(BM_InformerSync)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

std::vector<std::shared_ptr<const Pod>> DecodedPods() {
  std::vector<std::shared_ptr<const Pod>> out;
  for (const auto& p : Pods())
    out.push_back(std::make_shared<const Pod>(kube::Decode<Pod>(p).value()));
  return out;
}

// A watch that replays `events` MODIFIED events over the given objects, then ends.
class ReplayWatcher final : public kube::cache::EntryWatcher {
 public:
  ReplayWatcher(const std::vector<std::shared_ptr<const Pod>>& pods, int64_t events)
      : pods_(pods), left_(events) {}
  std::optional<kube::cache::EntryEvent> Next(const kube::Context&) override {
    if (left_-- <= 0 || stopped_) return std::nullopt;
    return kube::cache::EntryEvent{
        .type = kube::WatchEventType::kModified,
        .entry = kube::cache::Entry::Of(pods_[static_cast<size_t>(left_) % pods_.size()])};
  }
  void Stop() override { stopped_ = true; }

 private:
  const std::vector<std::shared_ptr<const Pod>>& pods_;
  int64_t left_;
  std::atomic<bool> stopped_{false};
};

void BM_InformerWatchEvents(benchmark::State& state) {
  static const auto* pods = new std::vector<std::shared_ptr<const Pod>>(DecodedPods());
  const int64_t events = state.range(0);
  for (auto _ : state) {
    std::atomic<int64_t> seen{0};
    std::atomic<bool> watched{false};
    kube::cache::ListWatch lw;
    lw.list = [&](const kube::Context&, const kube::ListOptions&) {
      kube::cache::ListPage page{.resource_version = "1"};
      for (const auto& p : *pods) page.items.push_back(kube::cache::Entry::Of(p));
      return kube::Result<kube::cache::ListPage>(std::move(page));
    };
    lw.watch =
        [&](const kube::Context&,
            const kube::ListOptions&) -> kube::Result<std::unique_ptr<kube::cache::EntryWatcher>> {
      if (watched.exchange(true)) return kube::Fail(kube::Error::Gone("done"));
      return std::unique_ptr<kube::cache::EntryWatcher>(
          std::make_unique<ReplayWatcher>(*pods, events));
    };
    kube::cache::SharedIndexInformer<Pod> informer(std::move(lw), "pods",
                                                   std::chrono::milliseconds(0));
    informer.AddEventHandler({.on_update = [&](const Pod&, const Pod&) { ++seen; }});
    auto [ctx, cancel] = kube::WithCancel(kube::Context::Background());
    informer.Start(ctx);
    while (seen.load() < events) std::this_thread::yield();
    state.PauseTiming();
    cancel();
    informer.Shutdown();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * events);
}
BENCHMARK(BM_InformerWatchEvents)->Arg(200000)->Unit(benchmark::kMillisecond)->UseRealTime();

struct FilledCache {
  std::shared_ptr<kube::cache::Store> store = std::make_shared<kube::cache::Store>();
  std::vector<std::pair<std::string, std::string>> keys;  // namespace, name
  FilledCache() {
    std::vector<kube::cache::Entry> entries;
    for (const auto& p : Pods()) {
      auto pod = std::make_shared<const Pod>(kube::Decode<Pod>(p).value());
      keys.emplace_back(pod->metadata.namespace_, pod->metadata.name);
      entries.push_back(kube::cache::Entry::Of(std::move(pod)));
    }
    store->Replace(std::move(entries));
  }
};

const FilledCache& Cache() {
  static const auto* cache = new FilledCache();
  return *cache;
}

void BM_ListerGet(benchmark::State& state) {
  kube::cache::Lister<Pod> lister(Cache().store, "pods");
  size_t i = 0;
  for (auto _ : state) {
    const auto& [ns, name] = Cache().keys[i++ % Cache().keys.size()];
    benchmark::DoNotOptimize(lister.ByNamespace(ns).Get(name));
  }
}
BENCHMARK(BM_ListerGet);

void BM_ListerList(benchmark::State& state) {
  kube::cache::Lister<Pod> lister(Cache().store, "pods");
  auto selector = kube::labels::Selector::Parse(state.range(0) ? "app=nginx" : "").value();
  size_t found = 0;
  for (auto _ : state) found = lister.List(selector).size();
  state.counters["objects"] = kPods;
  state.counters["matched"] = static_cast<double>(found);
}
BENCHMARK(BM_ListerList)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_ListerListNamespace(benchmark::State& state) {
  kube::cache::Lister<Pod> lister(Cache().store, "pods");
  size_t found = 0;
  for (auto _ : state) found = lister.ByNamespace("default").List().size();
  state.counters["matched"] = static_cast<double>(found);
}
BENCHMARK(BM_ListerListNamespace)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
