// Typed decode and encode of 5,000-pod PodLists, compared in the same run with simdjson's full
// DOM parse and nlohmann's parse of the same bytes. Throughput is reported as bytes/s of the
// JSON text. Two lists:
// - a synthetic one (~31 MB: containers, env, ports, resources, volumes, probes, status
//   conditions and container statuses, managedFields), built below;
// - a real one (*RealPodList*): the pods an API server returned for two captured PodLists
//   (tests/bench/data, see its README), cycled to 5,000 items with a unique metadata.name and
//   metadata.uid each and every other byte as captured, minified as an API server sends it;
//   *RealPodPage* decodes 500 of them, one page of an informer's paged list.
// Typed decodes also report their speed as a fraction of simdjson's DOM parse of the same bytes
// on the same machine (`vs_simdjson_dom`), and that fraction of the ~2,600 MB/s DESIGN's goals
// were set against (`MB_at_reference`).
// BM_DecodeHeap measures what a decoded list holds on the heap (glibc's mallinfo2) against its
// JSON size.
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "k8s/api/core/v1/codec.h"
#include "k8s/api/core/v1/types.h"
#include "kube/codec.h"
#include "real_pods.h"
#include "support/heap.h"

namespace {

using k8s::api::core::v1::PodList;
using nlohmann::json;

json Container(int pod, int c) {
  json env = json::array();
  for (int e = 0; e < 6 + (pod + c) % 5; ++e) {
    env.push_back({{"name", "ENV_VAR_" + std::to_string(e)},
                   {"value", "value-" + std::to_string(pod * 7 + e)}});
  }
  env.push_back(
      {{"name", "POD_NAME"},
       {"valueFrom", {{"fieldRef", {{"apiVersion", "v1"}, {"fieldPath", "metadata.name"}}}}}});
  return {{"name", c == 0 ? "app" : "sidecar-" + std::to_string(c)},
          {"image", "registry.example.com/team/service-" + std::to_string(pod % 40) + ":v1." +
                        std::to_string(pod % 17)},
          {"imagePullPolicy", "IfNotPresent"},
          {"args", {"--port=8080", "--log-level=info", "--shard=" + std::to_string(pod % 8)}},
          {"ports",
           {{{"name", "http"}, {"containerPort", 8080}, {"protocol", "TCP"}},
            {{"name", "metrics"}, {"containerPort", 9090}, {"protocol", "TCP"}}}},
          {"env", env},
          {"resources",
           {{"limits", {{"cpu", "500m"}, {"memory", "512Mi"}}},
            {"requests", {{"cpu", "100m"}, {"memory", "128Mi"}}}}},
          {"volumeMounts",
           {{{"name", "config"}, {"mountPath", "/etc/config"}, {"readOnly", true}},
            {{"name", "kube-api-access-" + std::to_string(pod % 1000)},
             {"mountPath", "/var/run/secrets/kubernetes.io/serviceaccount"},
             {"readOnly", true}}}},
          {"livenessProbe",
           {{"httpGet", {{"path", "/healthz"}, {"port", 8080}, {"scheme", "HTTP"}}},
            {"initialDelaySeconds", 10},
            {"periodSeconds", 10},
            {"timeoutSeconds", 1},
            {"successThreshold", 1},
            {"failureThreshold", 3}}},
          {"terminationMessagePath", "/dev/termination-log"},
          {"terminationMessagePolicy", "File"}};
}

json Pod(int i) {
  std::string name =
      "service-" + std::to_string(i % 40) + "-7d9f8b6c5-" + std::to_string(10000 + i);
  json containers = json::array();
  json statuses = json::array();
  for (int c = 0; c < 1 + i % 3; ++c) {
    containers.push_back(Container(i, c));
    statuses.push_back(
        {{"name", c == 0 ? "app" : "sidecar-" + std::to_string(c)},
         {"state", {{"running", {{"startedAt", "2024-03-01T10:00:00Z"}}}}},
         {"lastState", json::object()},
         {"ready", true},
         {"restartCount", i % 4},
         {"image", "registry.example.com/team/service:v1"},
         {"imageID", "registry.example.com/team/service@sha256:" + std::string(64, 'a' + i % 6)},
         {"containerID", "containerd://" + std::string(64, '0' + i % 10)},
         {"started", true}});
  }
  json conditions = json::array();
  for (const char* t :
       {"PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"}) {
    conditions.push_back(
        {{"type", t},
         {"status", "True"},
         {"lastProbeTime", nullptr},
         {"lastTransitionTime", "2024-03-01T10:00:0" + std::to_string(i % 10) + "Z"}});
  }
  return {
      {"metadata",
       {{"name", name},
        {"generateName", "service-" + std::to_string(i % 40) + "-7d9f8b6c5-"},
        {"namespace", "team-" + std::to_string(i % 25)},
        {"uid", "3f2a9c1e-4b5d-4e6f-8a7b-" + std::to_string(100000000000 + i)},
        {"resourceVersion", std::to_string(1000000 + i)},
        {"creationTimestamp", "2024-03-01T09:59:5" + std::to_string(i % 10) + "Z"},
        {"labels",
         {{"app", "service-" + std::to_string(i % 40)},
          {"pod-template-hash", "7d9f8b6c5"},
          {"tier", i % 2 ? "backend" : "frontend"}}},
        {"annotations",
         {{"kubectl.kubernetes.io/restartedAt", "2024-03-01T09:00:00Z"},
          {"prometheus.io/scrape", "true"}}},
        {"ownerReferences",
         {{{"apiVersion", "apps/v1"},
           {"kind", "ReplicaSet"},
           {"name", "service-7d9f8b6c5"},
           {"uid", "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e"},
           {"controller", true},
           {"blockOwnerDeletion", true}}}},
        {"managedFields",
         {{{"manager", "kube-controller-manager"},
           {"operation", "Update"},
           {"apiVersion", "v1"},
           {"time", "2024-03-01T09:59:50Z"},
           {"fieldsType", "FieldsV1"},
           {"fieldsV1",
            {{"f:metadata",
              {{"f:generateName", json::object()},
               {"f:labels", {{".", json::object()}, {"f:app", json::object()}}},
               {"f:ownerReferences",
                {{".", json::object()}, {"k:{\"uid\":\"9b8c\"}", json::object()}}}}},
             {"f:spec",
              {{"f:containers",
                {{"k:{\"name\":\"app\"}",
                  {{".", json::object()},
                   {"f:image", json::object()},
                   {"f:ports", json::object()}}}}}}}}}},
          {{"manager", "kubelet"},
           {"operation", "Update"},
           {"apiVersion", "v1"},
           {"time", "2024-03-01T10:00:05Z"},
           {"fieldsType", "FieldsV1"},
           {"subresource", "status"},
           {"fieldsV1",
            {{"f:status",
              {{"f:conditions", json::object()},
               {"f:containerStatuses", json::object()},
               {"f:podIP", json::object()}}}}}}}}}},
      {"spec",
       {{"volumes",
         {{{"name", "config"}, {"configMap", {{"name", "service-config"}, {"defaultMode", 420}}}},
          {{"name", "kube-api-access-" + std::to_string(i % 1000)},
           {"projected",
            {{"defaultMode", 420},
             {"sources",
              {{{"serviceAccountToken", {{"expirationSeconds", 3607}, {"path", "token"}}}},
               {{"configMap",
                 {{"name", "kube-root-ca.crt"},
                  {"items", {{{"key", "ca.crt"}, {"path", "ca.crt"}}}}}}}}}}}}}},
        {"containers", containers},
        {"restartPolicy", "Always"},
        {"terminationGracePeriodSeconds", 30},
        {"dnsPolicy", "ClusterFirst"},
        {"serviceAccountName", "default"},
        {"serviceAccount", "default"},
        {"nodeName", "node-" + std::to_string(i % 50)},
        {"securityContext", {{"runAsNonRoot", true}, {"runAsUser", 1000}, {"fsGroup", 2000}}},
        {"schedulerName", "default-scheduler"},
        {"tolerations",
         {{{"key", "node.kubernetes.io/not-ready"},
           {"operator", "Exists"},
           {"effect", "NoExecute"},
           {"tolerationSeconds", 300}},
          {{"key", "node.kubernetes.io/unreachable"},
           {"operator", "Exists"},
           {"effect", "NoExecute"},
           {"tolerationSeconds", 300}}}},
        {"priority", 0},
        {"enableServiceLinks", true},
        {"preemptionPolicy", "PreemptLowerPriority"}}},
      {"status",
       {{"phase", "Running"},
        {"conditions", conditions},
        {"hostIP", "10.0." + std::to_string(i % 50) + ".1"},
        {"hostIPs", {{{"ip", "10.0." + std::to_string(i % 50) + ".1"}}}},
        {"podIP", "10.244." + std::to_string(i % 250) + "." + std::to_string(i % 200)},
        {"podIPs", {{{"ip", "10.244." + std::to_string(i % 250) + "." + std::to_string(i % 200)}}}},
        {"startTime", "2024-03-01T09:59:50Z"},
        {"containerStatuses", statuses},
        {"qosClass", "Burstable"}}}};
}

// Google Benchmark's bytes_per_second is in MiB/s (2^20); the targets are in MB/s (10^6), so
// every benchmark here also reports "MB" per second.
void ReportThroughput(benchmark::State& state, size_t bytes) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["MB"] = benchmark::Counter(static_cast<double>(state.iterations() * bytes) / 1e6,
                                            benchmark::Counter::kIsRate);
}

constexpr int kPods = 5000;

// DESIGN states its decode goals on a machine where simdjson's full (DOM) parse of the same
// bytes runs at ~2,600 MB/s. Each typed decode is also reported as a fraction of that parse
// timed here, on the same bytes and machine, and scaled to that reference: a figure that does
// not depend on how fast this machine is.
constexpr double kReferenceSimdjsonDomMBps = 2600;

// simdjson's DOM parse of `text` in MB/s: the mean of 20 parses after one that warms the parser
// (as BM_SimdjsonDomParse* measure it), so that it compares with the benchmarks' own means.
double SimdjsonDomMBps(const std::string& text) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::element doc;
  constexpr int kRounds = 20;
  std::chrono::duration<double> took{0};
  for (int round = -1; round < kRounds; ++round) {
    const auto start = std::chrono::steady_clock::now();
    if (parser.parse(padded).get(doc)) throw std::runtime_error("simdjson parse failed");
    benchmark::DoNotOptimize(doc);
    if (round >= 0) took += std::chrono::steady_clock::now() - start;
  }
  return static_cast<double>(text.size()) / 1e6 * kRounds / took.count();
}

// Adds `vs_simdjson_dom` (this benchmark's MB/s over simdjson's here) and `MB_at_reference`
// (that fraction of kReferenceSimdjsonDomMBps).
void ReportAgainstSimdjson(benchmark::State& state, const std::string& text, double seconds) {
  if (state.iterations() == 0 || seconds <= 0) return;
  const double mbps =
      static_cast<double>(text.size()) / 1e6 * static_cast<double>(state.iterations()) / seconds;
  const double fraction = mbps / SimdjsonDomMBps(text);
  state.counters["vs_simdjson_dom"] = fraction;
  state.counters["MB_at_reference"] = fraction * kReferenceSimdjsonDomMBps;
}

const std::string& PodListJson() {
  static const std::string* text = [] {
    json items = json::array();
    for (int i = 0; i < kPods; ++i) items.push_back(Pod(i));
    json list = {{"apiVersion", "v1"},
                 {"kind", "PodList"},
                 {"metadata", {{"resourceVersion", "1005000"}}},
                 {"items", items}};
    return new std::string(list.dump());
  }();
  return *text;
}

// ---- The real list ----

// 5,000 captured pods (real_pods.h), built once.
const std::string& RealPodListJson() {
  static const std::string* text = new std::string(kube_bench::RealPodListJson(kPods));
  return *text;
}

// One page of a paged list of the same pods: 500 items, the page size client-go's reflector
// asks for, which an informer's thread decodes page after page (~3.5 MB).
constexpr int kPagePods = 500;
const std::string& RealPodPageJson() {
  static const std::string* text = new std::string(kube_bench::RealPodListJson(kPagePods));
  return *text;
}

// ---- Benchmarks ----

// Decoding into the typed structs. Arguments: `threads` is kube::SetDecodeThreads (1, the
// default: the calling thread only; 0: one per hardware thread); `with_free` 0 leaves freeing
// the result out of the timing (~200 MB of structs: the allocator's work, not the decoder's),
// 1 times what a List call pays end to end. Wall time, since the work may run on several threads.
// kube::Decode, or with `whole` (a third argument of 1) the decode of the document as one, which
// kube::Decode replaces for large Lists by a decode in pieces (kube/json/list_text.h).
kube::Result<PodList> DecodeList(const std::string& text, bool whole) {
  if (!whole) return kube::Decode<PodList>(text);
  PodList out;
  if (auto ok = kube::json::DecodeWhole(text, out); !ok) return kube::Fail(ok.error());
  return out;
}

void TypedDecode(benchmark::State& state, const std::string& text, size_t items = kPods) {
  const bool time_free = state.range(1) != 0;
  const bool whole = state.range(2) != 0;
  kube::SetDecodeThreads(static_cast<unsigned>(state.range(0)));
  // Timed here too (the framework's total is not visible to the benchmark), the same span.
  std::chrono::duration<double> timed{0};
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto list = std::make_unique<kube::Result<PodList>>(DecodeList(text, whole));
    if (!*list || (*list)->items.size() != items) state.SkipWithError("decode failed");
    if (!time_free) {
      timed += std::chrono::steady_clock::now() - start;
      state.PauseTiming();
    }
    list.reset();
    if (!time_free) {
      state.ResumeTiming();
    } else {
      timed += std::chrono::steady_clock::now() - start;
    }
  }
  state.counters["threads"] = kube::DecodeThreads();
  kube::SetDecodeThreads(1);
  // The kernel the typed decoders were compiled for (KUBE_CLIENTGEN_DECODE_SIMD, a usage
  // requirement this file shares with them): "fallback" decodes at about half the speed of
  // "haswell", so a figure is meaningless without it. (simdjson::builtin_implementation() would
  // name the shared library's own build, not the decoders'.)
  state.SetLabel("decoders: " SIMDJSON_STRINGIFY(SIMDJSON_BUILTIN_IMPLEMENTATION));
  ReportThroughput(state, text.size());
  state.counters["doc_MB"] = static_cast<double>(text.size()) / 1e6;
  ReportAgainstSimdjson(state, text, timed.count());
}

void BM_TypedDecodePodList(benchmark::State& state) { TypedDecode(state, PodListJson()); }
BENCHMARK(BM_TypedDecodePodList)
    ->ArgNames({"threads", "with_free", "whole"})
    ->Args({1, 0, 0})
    ->Args({0, 0, 0})
    ->Args({1, 1, 0})
    ->Args({0, 1, 0})
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0)
    ->UseRealTime();

void BM_TypedDecodeRealPodList(benchmark::State& state) { TypedDecode(state, RealPodListJson()); }
BENCHMARK(BM_TypedDecodeRealPodList)
    ->ArgNames({"threads", "with_free", "whole"})
    ->Args({1, 0, 0})
    ->Args({1, 1, 0})
    ->Args({1, 0, 1})
    ->Args({1, 1, 1})
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0)
    ->UseRealTime();

void BM_TypedDecodeRealPodPage(benchmark::State& state) {
  TypedDecode(state, RealPodPageJson(), kPagePods);
}
BENCHMARK(BM_TypedDecodeRealPodPage)
    ->ArgNames({"threads", "with_free", "whole"})
    ->Args({1, 0, 0})
    ->Args({1, 1, 0})
    ->Args({1, 0, 1})
    ->Args({1, 1, 1})
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0)
    ->UseRealTime();

using kube_test::HeapInUse;

// The heap a decoded list holds while it is alive (malloc's chunk overhead included), per pod
// and against the JSON it came from, on one thread. `real` 1: the real list, 0: the synthetic
// one. A decode before the loop leaves any buffers the decoder keeps between calls out of it.
void BM_DecodeHeap(benchmark::State& state) {
  const std::string& text = state.range(0) ? RealPodListJson() : PodListJson();
  kube::SetDecodeThreads(1);
  benchmark::DoNotOptimize(kube::Decode<PodList>(text));
  size_t held = SIZE_MAX;
  for (auto _ : state) {
    const size_t before = HeapInUse();
    kube::Result<PodList> list = kube::Decode<PodList>(text);
    const size_t after = HeapInUse();
    if (!list || list->items.size() != kPods) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(list);
    held = std::min(held, after - before);
  }
  state.counters["heap_per_pod_bytes"] = static_cast<double>(held) / kPods;
  state.counters["json_per_pod_bytes"] = static_cast<double>(text.size()) / kPods;
  state.counters["heap_to_json_ratio"] = static_cast<double>(held) / text.size();
}
BENCHMARK(BM_DecodeHeap)
    ->ArgName("real")
    ->Arg(0)
    ->Arg(1)
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

void BM_TypedEncodePodList(benchmark::State& state) {
  const std::string& text = PodListJson();
  PodList list = kube::Decode<PodList>(text).value();
  for (auto _ : state) {
    std::string out = kube::Encode(list);
    benchmark::DoNotOptimize(out);
  }
  ReportThroughput(state, text.size());
}
BENCHMARK(BM_TypedEncodePodList)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void SimdjsonDomParse(benchmark::State& state, const std::string& text) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  for (auto _ : state) {
    simdjson::dom::element doc;
    if (parser.parse(padded).get(doc)) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(doc);
  }
  ReportThroughput(state, text.size());
  state.SetLabel(simdjson::get_active_implementation()->name());
}

void BM_SimdjsonDomParse(benchmark::State& state) { SimdjsonDomParse(state, PodListJson()); }
BENCHMARK(BM_SimdjsonDomParse)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void BM_SimdjsonDomParseRealPodList(benchmark::State& state) {
  SimdjsonDomParse(state, RealPodListJson());
}
BENCHMARK(BM_SimdjsonDomParseRealPodList)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void BM_NlohmannParse(benchmark::State& state) {
  const std::string& text = PodListJson();
  for (auto _ : state) {
    json doc = json::parse(text);
    benchmark::DoNotOptimize(doc);
  }
  ReportThroughput(state, text.size());
}
BENCHMARK(BM_NlohmannParse)->Unit(benchmark::kMillisecond)->MinTime(3.0);

}  // namespace

BENCHMARK_MAIN();
