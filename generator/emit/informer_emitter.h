// Emits the informers: per kind `informers/<group>/<version>/<kind>.h` (New<Kind>Informer,
// NewFiltered<Kind>Informer, New<Kind>InformerWithContext and `<Kind>Informer`, the factory's
// view of one kind), per group version `interface.h/.cc` (the version's informers; the .cc
// holds every kind's definitions, so the clientset header is parsed once per group version),
// per group `informers/<group>/interface.h`, and `informers/factory.h/.cc`
// (`SharedInformerFactory`), all thin over kube::cache's informer templates.
#pragma once

#include "emit/emit_context.h"

namespace kube::gen {

class InformerEmitter {
 public:
  explicit InformerEmitter(EmitContext& ctx) : ctx_(ctx) {}
  Result<void> Emit();

 private:
  // Renders the kind headers and the version's interface; returns its .cc definitions.
  Result<void> EmitVersion(const model::Group& g, const model::Version& v);
  Result<void> EmitGroup(const model::Group& g);

  EmitContext& ctx_;
};

}  // namespace kube::gen
