// Emits the listers: per kind `listers/<group>/<version>/<kind>.h`, header-only typed views
// (`FlunderLister`, `FlunderNamespaceLister`) over kube::cache::Lister<T>, reading an
// informer's cache.
#pragma once

#include "emit/emit_context.h"

namespace kube::gen {

class ListerEmitter {
 public:
  explicit ListerEmitter(EmitContext& ctx) : ctx_(ctx) {}
  Result<void> Emit(const model::Group& g, const model::Version& v);

 private:
  EmitContext& ctx_;
};

// Listers and informers need list and watch; create-only and get-only kinds have none.
bool Informable(const model::Kind& k);

// "flunders.wardle.example.com", "pods": how NotFound errors name a resource.
std::string GroupResource(const model::Group& g, const model::Kind& k);

}  // namespace kube::gen
