#include "matchers.h"

namespace kube_migrate {

using namespace clang::ast_matchers;  // NOLINT(build/namespaces): the matcher DSL

DeclarationMatcher DeprecatedClient() {
  return cxxRecordDecl(isSameOrDerivedFrom("::kube::deprecated::Client"));
}

DeclarationMatcher DeprecatedMethod() { return cxxMethodDecl(ofClass(DeprecatedClient())); }

clang::ast_matchers::internal::Matcher<clang::NamespaceDecl> DeprecatedNamespace() {
  return namespaceDecl(hasName("deprecated"),
                       hasDeclContext(namespaceDecl(unless(hasName("kube")))),
                       hasSiblingNamespace("clientset"));
}

clang::ast_matchers::internal::Matcher<clang::NamespaceDecl> ClientsetNamespace() {
  return namespaceDecl(hasName("clientset"),
                       hasDeclContext(namespaceDecl(unless(hasName("kube")))));
}

bool IsKubeContext(clang::QualType type) {
  if (type.isNull()) return false;
  const clang::CXXRecordDecl* rd =
      type.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
  return rd != nullptr && rd->getQualifiedNameAsString() == "kube::Context";
}

}  // namespace kube_migrate
