// Turns the model into files by running one emitter per artifact kind (types, scheme, typed
// clients, clientset, ...) over it. Output is deterministic (same model, same bytes) and laid
// out to pass clang-format.
//
//   Emitter emitter(TemplateSet::Builtin(), {.root_namespace = "acme"});
//   auto files = emitter.Emit(model);   // acme/api/wardle/v1beta1/types.h, acme/scheme.h, ...
#pragma once

#include <string>
#include <vector>

#include "emit/emit_context.h"
#include "emit/templates.h"
#include "kube/error.h"
#include "model/model.h"

namespace kube::gen {

struct EmitOptions {
  std::string root_namespace = "acme";  // "acme" or "acme::clients"
  // A build step that needs neither saves compiling them (kube_clientgen_generate's NO_FAKES,
  // NO_INFORMERS); informers use listers, so the two go together.
  bool fakes = true;
  bool informers = true;
  // Also emit the deprecated snapshot (<root>/deprecated/); only when freezing it, since a
  // frozen snapshot is kept as written and never regenerated (snapshot/snapshot.h).
  bool deprecated_snapshot = false;
};

class Emitter {
 public:
  Emitter(TemplateSet templates, EmitOptions options)
      : templates_(std::move(templates)), options_(std::move(options)) {}

  Result<std::vector<OutputFile>> Emit(const model::Model& model) const;

 private:
  TemplateSet templates_;
  EmitOptions options_;
};

// Checks a --namespace value: C++ identifiers separated by "::".
Result<void> ValidateRootNamespace(std::string_view ns);

}  // namespace kube::gen
