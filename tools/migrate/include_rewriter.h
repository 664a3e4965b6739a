// Re-points #include directives between the two trees of generated headers:
// "acme/deprecated/clientset.h" <-> "acme/clientset/clientset.h". A directive is rewritten only
// when the other tree has the same header (found through the include path), so headers without
// a counterpart (the fakes) and unrelated `deprecated/` directories stay.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"

namespace kube_migrate {

// `spelled` with its first path component `from` (after at least one component: the root)
// replaced by `to`; nullopt if it has none.
std::optional<std::string> CounterpartSpelling(llvm::StringRef spelled, llvm::StringRef from,
                                               llvm::StringRef to);

class IncludeRewriter : public clang::PPCallbacks {
 public:
  // `replace(range, text)` receives each rewritten file name, quotes included.
  using ReplaceFn = std::function<void(clang::CharSourceRange, std::string)>;

  IncludeRewriter(clang::Preprocessor& pp, std::string from, std::string to, ReplaceFn replace)
      : pp_(pp), from_(std::move(from)), to_(std::move(to)), replace_(std::move(replace)) {}

  void InclusionDirective(clang::SourceLocation hash_loc, const clang::Token& include_tok,
                          llvm::StringRef file_name, bool is_angled,
                          clang::CharSourceRange filename_range, clang::OptionalFileEntryRef file,
                          llvm::StringRef search_path, llvm::StringRef relative_path,
                          const clang::Module* imported,
                          clang::SrcMgr::CharacteristicKind file_type) override;

 private:
  clang::Preprocessor& pp_;
  std::string from_;
  std::string to_;
  ReplaceFn replace_;
};

}  // namespace kube_migrate
