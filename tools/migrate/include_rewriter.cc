#include "include_rewriter.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

namespace kube_migrate {

std::optional<std::string> CounterpartSpelling(llvm::StringRef spelled, llvm::StringRef from,
                                               llvm::StringRef to) {
  llvm::SmallVector<llvm::StringRef, 8> parts;
  spelled.split(parts, '/');
  // The last component is the header itself, never a directory to swap.
  for (size_t i = 1; i + 1 < parts.size(); ++i) {
    if (parts[i] != from) continue;
    std::string out;
    for (size_t j = 0; j < parts.size(); ++j) {
      if (j > 0) out += '/';
      out += j == i ? to.str() : parts[j].str();
    }
    return out;
  }
  return std::nullopt;
}

void IncludeRewriter::InclusionDirective(clang::SourceLocation hash_loc, const clang::Token&,
                                         llvm::StringRef file_name, bool is_angled,
                                         clang::CharSourceRange filename_range,
                                         clang::OptionalFileEntryRef, llvm::StringRef,
                                         llvm::StringRef, const clang::Module*,
                                         clang::SrcMgr::CharacteristicKind) {
  std::optional<std::string> counterpart = CounterpartSpelling(file_name, from_, to_);
  if (!counterpart) return;
  clang::OptionalFileEntryRef found =
      pp_.LookupFile(hash_loc, *counterpart, is_angled, nullptr, nullptr, nullptr, nullptr, nullptr,
                     nullptr, nullptr, nullptr);
  if (!found) return;
  const std::string text = is_angled ? "<" + *counterpart + ">" : "\"" + *counterpart + "\"";
  replace_(filename_range, text);
}

}  // namespace kube_migrate
