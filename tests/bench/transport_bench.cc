// Transport benchmarks against the in-process test API server on 127.0.0.1:
//  - BM_CancelToReturn: how long a call takes to return after its context is cancelled while
//    the request is in flight (the server holds it for 20 ms; the cancel comes after 1 ms);
//    p50/p99/max reported, and the thread count before and after all the cancelled calls.
//  - BM_Get / BM_GetNoKeepAlive: GET round trips per second with connection reuse and with a new
//    connection per request.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "kube/rest/client.h"
#include "kube/testing/apiserver.h"
#include "kube/typed_client.h"
#include "support/test_types.h"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using kube_test::ConfigMap;
using kube_test::ConfigMapList;

struct Server {
  Server() : server(kube_test::TestScheme()) {
    if (!server.Start()) std::abort();
    (void)server.Tracker().Create(
        kube_test::kConfigMaps, "default",
        kube::testing::json{{"metadata", {{"name", "bench"}}}, {"data", {{"k", "v"}}}});
    // Long enough that every call is cancelled in flight (at 1 ms), short enough that the
    // server's workers, which sleep it out even for a client that has gone, stay available.
    server.AddFault({.path_prefix = "/api/v1/namespaces/default/configmaps/slow",
                     .times = -1,
                     .latency = 20ms});
  }
  kube::testing::APIServer server;
};

Server& TheServer() {
  static Server* s = new Server();
  return *s;
}

kube::rest::Config BenchConfig(bool keep_alive = true) {
  kube::rest::Config cfg;
  cfg.host = TheServer().server.URL();
  cfg.qps = -1;
  cfg.max_retries = 0;
  cfg.disable_keep_alives = !keep_alive;
  return cfg;
}

// Cancels the current call from another thread at a moment the benchmark thread chooses.
class Canceller {
 public:
  Canceller() : thread_([this] { Run(); }) {}
  ~Canceller() {
    {
      std::lock_guard lock(mu_);
      quit_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  // Arms a cancel of `fn` after `delay`; returns immediately.
  void Arm(kube::CancelFunc fn, Clock::duration delay) {
    {
      std::lock_guard lock(mu_);
      fn_ = std::move(fn);
      fire_at_ = Clock::now() + delay;
    }
    cv_.notify_all();
  }
  Clock::time_point FiredAt() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !fn_; });
    return fired_at_;
  }

 private:
  void Run() {
    std::unique_lock lock(mu_);
    while (true) {
      cv_.wait(lock, [&] { return quit_ || fn_; });
      if (quit_) return;
      cv_.wait_until(lock, fire_at_, [&] { return quit_; });
      if (quit_) return;
      auto fn = std::move(fn_);
      lock.unlock();
      fired_at_ = Clock::now();
      fn();
      lock.lock();
      fn_ = nullptr;
      cv_.notify_all();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  kube::CancelFunc fn_;
  Clock::time_point fire_at_, fired_at_;
  bool quit_ = false;
  std::thread thread_;
};

void BM_CancelToReturn(benchmark::State& state) {
  auto client = kube::rest::Client::New(BenchConfig()).value();
  kube::TypedClient<ConfigMap, ConfigMapList> cms(client, kube_test::kConfigMaps, "default");
  Canceller canceller;
  std::vector<double> micros;
  micros.reserve(static_cast<size_t>(state.max_iterations));
  (void)cms.Get(kube::Context::Background(), "bench", {});  // the server's pool is up after this
  int threads_before = kube_test::ThreadCount();
  int64_t not_cancelled = 0;
  for (auto _ : state) {
    auto [ctx, cancel] = kube::WithCancel(kube::Context::Background());
    canceller.Arm(cancel, 1ms);
    auto r = cms.Get(ctx, "slow", {});
    auto returned = Clock::now();
    auto fired = canceller.FiredAt();
    if (r || !kube::IsCanceled(r.error())) ++not_cancelled;
    double us = std::chrono::duration<double, std::micro>(returned - fired).count();
    micros.push_back(us);
    state.SetIterationTime(us / 1e6);
  }
  client.reset();
  std::this_thread::sleep_for(50ms);
  std::sort(micros.begin(), micros.end());
  auto pct = [&](double p) {
    return micros[std::min(micros.size() - 1, static_cast<size_t>(p * micros.size()))];
  };
  state.counters["p50_us"] = pct(0.50);
  state.counters["p99_us"] = pct(0.99);
  state.counters["max_us"] = micros.back();
  state.counters["not_cancelled"] = static_cast<double>(not_cancelled);
  state.counters["threads_leaked"] = kube_test::ThreadCount() - threads_before;
}
BENCHMARK(BM_CancelToReturn)->Iterations(10000)->UseManualTime()->Unit(benchmark::kMicrosecond);

void GetLoop(benchmark::State& state, bool keep_alive) {
  auto client = kube::rest::Client::New(BenchConfig(keep_alive)).value();
  kube::TypedClient<ConfigMap, ConfigMapList> cms(client, kube_test::kConfigMaps, "default");
  int reused = 0, fresh = 0;
  kube::ClientTrace trace;
  trace.on_got_connection = [&](const kube::ConnectionInfo& c) { c.reused ? ++reused : ++fresh; };
  auto ctx = kube::WithClientTrace(kube::Context::Background(), trace);
  for (auto _ : state) {
    auto r = cms.Get(ctx, "bench", {});
    if (!r) state.SkipWithError(r.error().ToString().c_str());
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["new_connections"] = fresh;
  state.counters["reused_connections"] = reused;
}

void BM_Get(benchmark::State& state) { GetLoop(state, true); }
void BM_GetNoKeepAlive(benchmark::State& state) { GetLoop(state, false); }
BENCHMARK(BM_Get)->MinTime(2.0)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_GetNoKeepAlive)->MinTime(2.0)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
