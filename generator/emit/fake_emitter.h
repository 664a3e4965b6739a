// Emits the fake clientset: `clientset/fake/clientset.h/.cc` (`fake::Clientset`, a
// clientset::Interface and a kube::testing::Fake, and `NewSimpleClientset(objects...)`) and per
// group version `clientset/typed/<group>/<version>/fake/fake_<group>_client.h/.cc` (the fake
// group client and its fake typed clients, thin wrappers over kube::testing::FakeTypedClient).
#pragma once

#include "emit/emit_context.h"

namespace kube::gen {

class FakeEmitter {
 public:
  explicit FakeEmitter(EmitContext& ctx) : ctx_(ctx) {}
  Result<void> Emit();

 private:
  Result<void> EmitGroupClient(const model::Group& g, const model::Version& v);

  EmitContext& ctx_;
};

}  // namespace kube::gen
