// Emits the deprecated snapshot: the pre-context API (client-go before KEP 1601) under
// `<root>/deprecated/`, mirroring `<root>/clientset/` name for name so that re-pointing includes
// and namespaces is all old code needs: `deprecated/clientset.h/.cc` (`Interface`, `Clientset`,
// `NewForConfig`, `NewFromClientset`), per group version `deprecated/typed/<g>/<v>/<g>_client.h`
// and per kind `deprecated/typed/<g>/<v>/<kind>.h`. Typed clients and group clients are
// header-only wrappers over the context-first interfaces, so the snapshot costs one translation
// unit. Only `kube-clientgen --freeze-deprecated` runs this emitter, once (see
// snapshot/snapshot.h); later runs keep the files it wrote.
#pragma once

#include <string>
#include <vector>

#include "emit/emit_context.h"
#include "emit/verbs.h"

namespace kube::gen {

// A method of a deprecated typed client: its pre-KEP 1601 signature and the context-first call
// it makes.
struct DeprecatedMethod {
  std::string name;                 // "Delete"
  std::string result;               // "kube::Result<void>"
  std::vector<std::string> params;  // {"std::string_view name", "const kube::DeleteOptions* opts"}
  std::string default_tail;         // " = {}" after the last parameter
  std::vector<std::string> args;    // of the context-first call, kube::Context::TODO() first
  std::string context_first;        // "Delete(ctx, name, opts)", for the comment
};

// The pre-context form of a context-first method, by the rule KEP 1601 followed: drop the
// context, drop the Create/Update/Patch options (callers had none), and take DeleteOptions by
// pointer (null meaning none).
DeprecatedMethod Deprecate(const Method& m);

class DeprecatedEmitter {
 public:
  explicit DeprecatedEmitter(EmitContext& ctx) : ctx_(ctx) {}
  Result<void> Emit();

 private:
  Result<void> EmitKind(const model::Group& g, const model::Version& v, const model::Kind& k);
  Result<void> EmitGroupClient(const model::Group& g, const model::Version& v);

  EmitContext& ctx_;
};

}  // namespace kube::gen
