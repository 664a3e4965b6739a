// Emits `scheme.h`/`scheme.cc`: `AddToScheme(kube::Scheme&)` registering every kind with its
// REST names, scope, subresources, discovery verbs and the merge rules (patch strategies,
// merge keys, list types) that strategic merge patch and apply need.
#pragma once

#include "emit/emit_context.h"

namespace kube::gen {

class SchemeEmitter {
 public:
  explicit SchemeEmitter(EmitContext& ctx) : ctx_(ctx) {}
  Result<void> Emit();

 private:
  EmitContext& ctx_;
};

// `{"a", "b"}` for a string list in an initializer; null (nothing) when empty.
nlohmann::json LayoutList(const std::vector<std::string>& items);

}  // namespace kube::gen
