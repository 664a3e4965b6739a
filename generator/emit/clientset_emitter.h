// Emits `clientset/clientset.h/.cc`: `Interface` with one accessor per group version
// (`WardleV1beta1()`), the `Clientset` over one shared REST client, `NewForConfig` and
// `NewForClient`.
#pragma once

#include "emit/emit_context.h"

namespace kube::gen {

class ClientsetEmitter {
 public:
  explicit ClientsetEmitter(EmitContext& ctx) : ctx_(ctx) {}
  Result<void> Emit();

 private:
  EmitContext& ctx_;
};

// The group versions that have resources, in model order, with what every clientset-like
// artifact (clientset, fake, informer factory) needs to name them.
struct GroupVersionRef {
  const model::Group* group;
  const model::Version* version;
  std::string accessor;  // "WardleV1beta1"
  std::string typed;     // "typed::wardle::v1beta1"
  std::string member;    // "wardle_v1beta1_"
};
std::vector<GroupVersionRef> ResourceGroupVersions(const model::Model& model);

// A constructor with an empty body, laid out as clang-format does: all on one line when it fits,
// else the initializers after a break, on one line when they fit, else one per line.
std::string ConstructorDefinition(const std::string& head, const std::vector<std::string>& inits);

}  // namespace kube::gen
