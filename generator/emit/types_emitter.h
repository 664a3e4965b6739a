// Emits a group version's types: `types.h` (the structs, enum constants, `==` declared), `codec.h`
// (their JSON Read/Write declarations, for other group versions' codecs) and `types.cc` (the
// codecs and the defaulted `==`, kept out of the header so a user's translation unit stays
// cheap).
#pragma once

#include "emit/emit_context.h"

namespace kube::gen {

class TypesEmitter {
 public:
  explicit TypesEmitter(EmitContext& ctx) : ctx_(ctx) {}
  Result<void> Emit(const model::Group& g, const model::Version& v);

 private:
  EmitContext& ctx_;
};

}  // namespace kube::gen
