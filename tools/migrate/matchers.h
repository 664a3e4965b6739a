// AST matchers that recognise the deprecated snapshot by its types, never by user-chosen names:
// every deprecated typed client derives from the empty marker kube::deprecated::Client, and the
// snapshot lives in `<root>::deprecated` beside `<root>::clientset`.
#pragma once

#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace kube_migrate {

// A class deriving from (or being) kube::deprecated::Client.
clang::ast_matchers::DeclarationMatcher DeprecatedClient();
// A method of a deprecated typed client.
clang::ast_matchers::DeclarationMatcher DeprecatedMethod();

// `<root>::deprecated`, where `<root>` (not kube) also declares `clientset`.
clang::ast_matchers::internal::Matcher<clang::NamespaceDecl> DeprecatedNamespace();
// `<root>::clientset` (not kube).
clang::ast_matchers::internal::Matcher<clang::NamespaceDecl> ClientsetNamespace();

// A namespace alias whose target matches.
AST_MATCHER_P(clang::NamespaceAliasDecl, aliasOf,
              clang::ast_matchers::internal::Matcher<clang::NamespaceDecl>, inner) {
  const clang::NamespaceDecl* ns = Node.getNamespace();
  return ns != nullptr && inner.matches(*ns, Finder, Builder);
}

// A using-directive that names a matching namespace itself (not through an alias).
AST_MATCHER_P(clang::UsingDirectiveDecl, nominatesNamespace,
              clang::ast_matchers::internal::Matcher<clang::NamespaceDecl>, inner) {
  const auto* ns =
      llvm::dyn_cast_or_null<clang::NamespaceDecl>(Node.getNominatedNamespaceAsWritten());
  return ns != nullptr && inner.matches(*ns, Finder, Builder);
}

// A namespace whose enclosing namespace also declares a namespace called `sibling`.
AST_MATCHER_P(clang::NamespaceDecl, hasSiblingNamespace, std::string, sibling) {
  const auto* parent = llvm::dyn_cast<clang::NamespaceDecl>(Node.getDeclContext());
  if (parent == nullptr) return false;
  auto& idents = Finder->getASTContext().Idents;
  for (const clang::NamedDecl* d : parent->lookup(&idents.get(sibling))) {
    if (llvm::isa<clang::NamespaceDecl>(d)) return true;
  }
  return false;
}

// True for kube::Context (any cv-qualification or reference).
bool IsKubeContext(clang::QualType type);

}  // namespace kube_migrate
