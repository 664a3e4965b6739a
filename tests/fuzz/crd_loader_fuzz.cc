// libFuzzer target: arbitrary bytes as a CRD manifest (YAML, multi-document). Parsing and loading
// must return an error or a model (never crash, throw or hang), and whatever loads must emit.
#include <cstddef>
#include <cstdint>
#include <string>

#include "emit/emitter.h"
#include "schema/crd_loader.h"
#include "schema/yaml_document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto docs = kube::gen::ParseYamlDocuments(text, "fuzz.yaml");
  if (!docs) return 0;
  kube::gen::model::Model model;
  for (const auto& doc : *docs) {
    (void)doc.Where("/spec/versions/0/schema");
    if (!kube::gen::LoadCRD(doc, {}, model)) return 0;
  }
  static const auto templates = kube::gen::TemplateSet::Builtin();
  (void)kube::gen::Emitter(templates, {.root_namespace = "fuzz"}).Emit(model);
  return 0;
}
