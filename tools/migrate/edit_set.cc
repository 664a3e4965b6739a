#include "edit_set.h"

#include <utility>

#include "llvm/Support/Error.h"

namespace kube_migrate {
namespace {

// True if `inner` lies within the text `outer` replaces. Insertions at the boundaries of
// `outer` are kept: they add text beside it rather than inside it.
bool Subsumes(const Edit& outer, const Edit& inner) {
  if (outer.length == 0 || &outer == &inner || outer == inner) return false;
  const unsigned outer_end = outer.offset + outer.length;
  if (inner.offset < outer.offset || inner.offset + inner.length > outer_end) return false;
  if (inner.length == 0 && (inner.offset == outer.offset || inner.offset == outer_end)) {
    return false;
  }
  return true;
}

}  // namespace

bool EditSet::Add(Edit edit) { return edits_.insert(std::move(edit)).second; }

void EditSet::Merge(const EditSet& other) {
  edits_.insert(other.edits_.begin(), other.edits_.end());
}

std::map<std::string, clang::tooling::Replacements> EditSet::ByFile(
    std::vector<std::string>* conflicts) const {
  std::map<std::string, std::vector<const Edit*>> by_file;
  for (const Edit& e : edits_) by_file[e.file].push_back(&e);

  std::map<std::string, clang::tooling::Replacements> out;
  for (const auto& [file, edits] : by_file) {
    clang::tooling::Replacements& replacements = out[file];
    for (const Edit* e : edits) {
      bool subsumed = false;
      for (const Edit* other : edits) {
        if (Subsumes(*other, *e)) {
          subsumed = true;
          break;
        }
      }
      if (subsumed) continue;
      clang::tooling::Replacement r(file, e->offset, e->length, e->text);
      if (llvm::Error err = replacements.add(r)) {
        if (conflicts) conflicts->push_back(file + ": " + llvm::toString(std::move(err)));
      }
    }
  }
  return out;
}

}  // namespace kube_migrate
