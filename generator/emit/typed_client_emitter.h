// Emits the typed clients of a group version: per kind `<kind>.h` (the `<Kind>Interface`, one
// pure virtual method per verb) and `<kind>.cc` (the implementation, a thin wrapper over
// kube::TypedClient), and the group version's `<group>_client.h/.cc` (`<Group><Version>Interface`
// with one accessor per resource).
#pragma once

#include "emit/emit_context.h"

namespace kube::gen {

class TypedClientEmitter {
 public:
  explicit TypedClientEmitter(EmitContext& ctx) : ctx_(ctx) {}
  Result<void> Emit(const model::Group& g, const model::Version& v);

 private:
  Result<void> EmitKind(const model::Group& g, const model::Version& v, const model::Kind& k);
  Result<void> EmitGroupClient(const model::Group& g, const model::Version& v);

  EmitContext& ctx_;
};

// `client_(std::move(<backend>), {group, version, plural}, std::move(ns)) {}` after a
// constructor's "      : ", laid out as clang-format does.
std::string ClientInitializer(const model::Group& g, const model::Version& v, const model::Kind& k,
                              std::string_view backend = "client");

}  // namespace kube::gen
