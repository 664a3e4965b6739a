// The migration rules as a clang-tidy-16 plugin, for code bases that already run clang-tidy:
// run-clang-tidy shards it, -fix applies it, NOLINT silences a site.
//
//   clang-tidy-16 --load=libKubeClientGenMigrateTidy.so -p build --fix
//     --checks='-*,kube-migrate-context-first' src/foo.cc
//
// kube-migrate-context-first is --to=context, kube-migrate-to-deprecated is --to=deprecated.
// Includes are re-pointed through the same preprocessor callback as the tool's.
#include <memory>
#include <string>

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang-tidy/utils/TransformerClangTidyCheck.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Preprocessor.h"
#include "include_rewriter.h"
#include "rules.h"

namespace kube_migrate {
namespace {

class MigrateCheck : public clang::tidy::utils::TransformerClangTidyCheck {
 public:
  MigrateCheck(clang::transformer::RewriteRuleWith<Site> rule, std::string hint, std::string from,
               std::string to, llvm::StringRef name, clang::tidy::ClangTidyContext* context)
      : TransformerClangTidyCheck(WithMessages(std::move(rule), std::move(hint)), name, context),
        from_(std::move(from)),
        to_(std::move(to)) {}

  void registerPPCallbacks(const clang::SourceManager& sm, clang::Preprocessor* pp,
                           clang::Preprocessor* module_pp) override {
    TransformerClangTidyCheck::registerPPCallbacks(sm, pp, module_pp);
    pp->addPPCallbacks(std::make_unique<IncludeRewriter>(
        *pp, from_, to_, [this, &sm](clang::CharSourceRange range, std::string text) {
          if (range.getBegin().isMacroID() || sm.isInSystemHeader(range.getBegin())) return;
          diag(range.getBegin(), "include the " + to_ + " header")
              << clang::FixItHint::CreateReplacement(range, text);
        }));
  }

 private:
  std::string from_;
  std::string to_;
};

class ContextFirstCheck : public MigrateCheck {
 public:
  ContextFirstCheck(llvm::StringRef name, clang::tidy::ClangTidyContext* context)
      : MigrateCheck(ToContextRules(), "move to the context-first API", "deprecated", "clientset",
                     name, context) {}
};

class ToDeprecatedCheck : public MigrateCheck {
 public:
  ToDeprecatedCheck(llvm::StringRef name, clang::tidy::ClangTidyContext* context)
      : MigrateCheck(ToDeprecatedRules(), "re-point at the deprecated snapshot", "clientset",
                     "deprecated", name, context) {}
};

class MigrateModule : public clang::tidy::ClangTidyModule {
 public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories& factories) override {
    factories.registerCheck<ContextFirstCheck>("kube-migrate-context-first");
    factories.registerCheck<ToDeprecatedCheck>("kube-migrate-to-deprecated");
  }
};

}  // namespace
}  // namespace kube_migrate

// Registered when clang-tidy loads the plugin (--load).
static clang::tidy::ClangTidyModuleRegistry::Add<kube_migrate::MigrateModule> kRegistration(
    "kube-migrate-module", "kube-clientgen-migrate's rules as checks");
