// Unit tests of kube-clientgen-migrate's library: which context a call gets, edit
// de-duplication, and the include counterparts.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "context_finder.h"
#include "edit_set.h"
#include "include_rewriter.h"

namespace kube_migrate {
namespace {

using namespace clang::ast_matchers;  // NOLINT(build/namespaces): the matcher DSL

// A kube::Context and a call site, Target(), whose context is asked for.
constexpr char kPrelude[] = R"cc(
#include <utility>
  namespace kube {
  struct Context {
    static Context TODO();
  };
  std::pair<Context, int> WithCancel(const Context&);
  }  // namespace kube
  void Target();
)cc";

std::string ContextAt(const std::string& code) {
  std::unique_ptr<clang::ASTUnit> ast = clang::tooling::buildASTFromCodeWithArgs(
      std::string(kPrelude) + code,
      {"-std=c++20", "-w", "-resource-dir", KUBE_MIGRATE_RESOURCE_DIR});
  if (ast == nullptr) return "<does not parse>";
  auto found =
      match(callExpr(callee(functionDecl(hasName("Target")))).bind("call"), ast->getASTContext());
  if (found.size() != 1) return "<" + std::to_string(found.size()) + " calls>";
  return NearestContext(*found[0].getNodeAs<clang::Expr>("call"), ast->getASTContext());
}

TEST(NearestContext, NoneInScopeIsTodo) {
  EXPECT_EQ(ContextAt("void F() { Target(); }"), "kube::Context::TODO()");
}

TEST(NearestContext, Parameter) {
  EXPECT_EQ(ContextAt("void F(int, const kube::Context& ctx) { Target(); }"), "ctx");
}

TEST(NearestContext, LocalBeforeTheCallIsNearerThanTheParameter) {
  EXPECT_EQ(ContextAt("void F(kube::Context ctx) { kube::Context child = ctx; Target(); }"),
            "child");
}

TEST(NearestContext, LocalDeclaredAfterTheCallIsNotInScope) {
  EXPECT_EQ(ContextAt("void F(kube::Context ctx) { Target(); kube::Context later; }"), "ctx");
}

TEST(NearestContext, InnerBlockFirstAndOuterBlocksStillVisible) {
  EXPECT_EQ(ContextAt("void F() { kube::Context a; { kube::Context b; } { Target(); } }"), "a");
  EXPECT_EQ(ContextAt("void F() { kube::Context a; { kube::Context b; Target(); } }"), "b");
}

TEST(NearestContext, StructuredBinding) {
  EXPECT_EQ(ContextAt("void F(kube::Context p) { auto [c, n] = kube::WithCancel(p); Target(); }"),
            "c");
}

TEST(NearestContext, IfInitAndRangeFor) {
  EXPECT_EQ(ContextAt("void F() { if (kube::Context c; true) { Target(); } }"), "c");
  EXPECT_EQ(ContextAt("void F(kube::Context (&all)[2]) { for (auto& c : all) Target(); }"), "c");
}

TEST(NearestContext, LambdaCaptures) {
  EXPECT_EQ(ContextAt("void F(kube::Context ctx) { [ctx] { Target(); }(); }"), "ctx");
  EXPECT_EQ(ContextAt("void F(kube::Context ctx) { [c = ctx] { Target(); }(); }"), "c");
  EXPECT_EQ(ContextAt("void F(kube::Context ctx) { [&] { Target(); }(); }"), "ctx");
  EXPECT_EQ(ContextAt("void F(kube::Context ctx) { [=] { Target(); }(); }"), "ctx");
  // Without a capture, the enclosing function's context cannot be named in the lambda.
  EXPECT_EQ(ContextAt("void F(kube::Context ctx) { [] { Target(); }(); }"),
            "kube::Context::TODO()");
  EXPECT_EQ(ContextAt("void F() { [](const kube::Context& c) { Target(); }; }"), "c");
}

TEST(EditSet, SameEditFromTwoUnitsIsAppliedOnce) {
  EditSet edits;
  EXPECT_TRUE(edits.Add({"/a.h", 10, 0, "ctx, "}));
  EXPECT_FALSE(edits.Add({"/a.h", 10, 0, "ctx, "}));
  EditSet other;
  other.Add({"/a.h", 10, 0, "ctx, "});
  other.Add({"/b.cc", 3, 2, "x"});
  edits.Merge(other);
  std::vector<std::string> conflicts;
  auto by_file = edits.ByFile(&conflicts);
  EXPECT_TRUE(conflicts.empty());
  EXPECT_EQ(by_file["/a.h"].size(), 1u);
  EXPECT_EQ(by_file["/b.cc"].size(), 1u);
}

TEST(EditSet, EditInsideARemovedRangeIsDropped) {
  EditSet edits;
  edits.Add({"/a.cc", 0, 40, ""});           // acme::deprecated::NewFromClientset(
  edits.Add({"/a.cc", 6, 10, "clientset"});  // its `deprecated`
  edits.Add({"/a.cc", 40, 0, "kept "});      // at the boundary: kept
  std::vector<std::string> conflicts;
  auto by_file = edits.ByFile(&conflicts);
  EXPECT_TRUE(conflicts.empty());
  EXPECT_EQ(by_file["/a.cc"].size(), 2u);
}

TEST(EditSet, OverlapsAreReported) {
  EditSet edits;
  edits.Add({"/a.cc", 0, 10, "x"});
  edits.Add({"/a.cc", 5, 10, "y"});
  std::vector<std::string> conflicts;
  edits.ByFile(&conflicts);
  EXPECT_EQ(conflicts.size(), 1u);
}

TEST(CounterpartSpelling, SwapsTheFirstDirectoryAfterTheRoot) {
  EXPECT_EQ(CounterpartSpelling("acme/deprecated/clientset.h", "deprecated", "clientset"),
            "acme/clientset/clientset.h");
  EXPECT_EQ(CounterpartSpelling("acme/clientset/typed/g/v1/x.h", "clientset", "deprecated"),
            "acme/deprecated/typed/g/v1/x.h");
  // The root itself, or a header named like the directory, are not swapped.
  EXPECT_EQ(CounterpartSpelling("deprecated/x.h", "deprecated", "clientset"), std::nullopt);
  EXPECT_EQ(CounterpartSpelling("acme/clientset", "clientset", "deprecated"), std::nullopt);
  EXPECT_EQ(CounterpartSpelling("kube/context.h", "deprecated", "clientset"), std::nullopt);
}

}  // namespace
}  // namespace kube_migrate
