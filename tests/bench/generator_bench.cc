// Generator wall time (load + emit, in memory; the disk write is excluded as it only happens
// for changed files): the wardle sample schemas, and the whole Kubernetes API from its OpenAPI
// spec (DESIGN's target: under 1 s).
#include <benchmark/benchmark.h>

#include <string>

#include "emit/emitter.h"
#include "schema/loader.h"

namespace {

void Generate(benchmark::State& state, const std::string& schemas, const std::string& ns) {
  auto templates = kube::gen::TemplateSet::Builtin();
  size_t bytes = 0, files = 0;
  for (auto _ : state) {
    kube::gen::model::Model m;
    std::string path = std::string(KUBE_CLIENTGEN_SOURCE_DIR) + "/schemas/" + schemas;
    if (!kube::gen::LoadSchemas({path}, kube::gen::InputFormat::kAuto, {}, m)) {
      state.SkipWithError("load failed");
      return;
    }
    auto out = kube::gen::Emitter(templates, {.root_namespace = ns}).Emit(m);
    if (!out) {
      state.SkipWithError("emit failed");
      return;
    }
    bytes = files = 0;
    for (const auto& f : *out) bytes += f.content.size(), ++files;
  }
  state.counters["files"] = static_cast<double>(files);
  state.counters["output_MB"] = static_cast<double>(bytes) / 1e6;
}

void BM_GenerateSampleSchemas(benchmark::State& state) {
  Generate(state, "wardle.example.com", "sample");
}
BENCHMARK(BM_GenerateSampleSchemas)->Unit(benchmark::kMillisecond);

void BM_GenerateWholeKubernetesApi(benchmark::State& state) {
  Generate(state, "kubernetes/swagger.json", "k8s");
}
BENCHMARK(BM_GenerateWholeKubernetesApi)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
