// libFuzzer target: arbitrary bytes as an OpenAPI v2 or v3 document. The loader must return an
// error or a model (never crash, throw or hang), and whatever it accepts must emit.
#include <cstddef>
#include <cstdint>
#include <string>

#include "emit/emitter.h"
#include "schema/openapi_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto doc = kube::gen::LocatedJson::Parse(std::move(text), "fuzz.json");
  if (!doc) return 0;
  kube::gen::model::Model model;
  if (!kube::gen::LoadOpenAPI(*doc, {}, model)) return 0;
  static const auto templates = kube::gen::TemplateSet::Builtin();
  (void)kube::gen::Emitter(templates, {.root_namespace = "fuzz"}).Emit(model);
  return 0;
}
