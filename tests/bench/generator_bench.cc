// Generator wall time on the bundled schemas (load + emit, in memory; the disk write is
// excluded as it only happens for changed files).
#include <benchmark/benchmark.h>

#include "emit/emitter.h"
#include "schema/native_loader.h"

namespace {

void BM_GenerateBundledSchemas(benchmark::State& state) {
  auto templates = kube::gen::TemplateSet::Builtin();
  size_t bytes = 0, files = 0;
  for (auto _ : state) {
    kube::gen::model::Model m;
    if (!kube::gen::NativeLoader().Load({std::string(KUBE_CLIENTGEN_SOURCE_DIR) + "/schemas"}, m)) {
      state.SkipWithError("load failed");
    }
    auto out = kube::gen::Emitter(templates, {.root_namespace = "sample"}).Emit(m);
    if (!out) state.SkipWithError("emit failed");
    bytes = files = 0;
    for (const auto& f : *out) bytes += f.content.size(), ++files;
  }
  state.counters["files"] = static_cast<double>(files);
  state.counters["output_MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_GenerateBundledSchemas)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
