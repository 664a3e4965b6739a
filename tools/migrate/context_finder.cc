#include "context_finder.h"

#include <optional>
#include <vector>

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "matchers.h"

namespace kube_migrate {
namespace {

using clang::DynTypedNode;

std::optional<std::string> FromDeclStmt(const clang::DeclStmt& ds) {
  // Later declarations in the same statement are nearer.
  std::vector<const clang::Decl*> decls(ds.decl_begin(), ds.decl_end());
  for (auto it = decls.rbegin(); it != decls.rend(); ++it) {
    if (const auto* dd = llvm::dyn_cast<clang::DecompositionDecl>(*it)) {
      auto bindings = dd->bindings();
      for (auto b = bindings.rbegin(); b != bindings.rend(); ++b) {
        if (IsKubeContext((*b)->getType())) return (*b)->getName().str();
      }
    } else if (const auto* vd = llvm::dyn_cast<clang::VarDecl>(*it)) {
      if (IsKubeContext(vd->getType()) && !vd->getName().empty()) return vd->getName().str();
    }
  }
  return std::nullopt;
}

// Declarations among the children of `parent` that precede `child` (a block's earlier
// statements, an if/for/switch init-statement, a range-for's variable).
std::optional<std::string> FromEarlierSiblings(const clang::Stmt& parent,
                                               const DynTypedNode& child) {
  const clang::Stmt* child_stmt = child.get<clang::Stmt>();
  if (child_stmt == nullptr) return std::nullopt;
  std::vector<const clang::Stmt*> earlier;
  bool found = false;
  for (const clang::Stmt* s : parent.children()) {
    if (s == child_stmt) {
      found = true;
      break;
    }
    if (s != nullptr) earlier.push_back(s);
  }
  if (!found) return std::nullopt;
  for (auto it = earlier.rbegin(); it != earlier.rend(); ++it) {
    if (const auto* ds = llvm::dyn_cast<clang::DeclStmt>(*it)) {
      if (auto name = FromDeclStmt(*ds)) return name;
    }
  }
  return std::nullopt;
}

std::optional<std::string> FromParams(const clang::FunctionDecl& fn) {
  for (const clang::ParmVarDecl* p : fn.parameters()) {
    if (IsKubeContext(p->getType()) && !p->getName().empty()) return p->getName().str();
  }
  return std::nullopt;
}

// Parameters, then explicit captures (by copy, by reference, init-captures).
std::optional<std::string> FromLambda(const clang::CXXMethodDecl& call_operator) {
  if (auto name = FromParams(call_operator)) return name;
  for (const clang::LambdaCapture& c : call_operator.getParent()->captures()) {
    if (!c.capturesVariable() || c.isImplicit()) continue;
    const clang::ValueDecl* v = c.getCapturedVar();
    if (IsKubeContext(v->getType())) return v->getName().str();
  }
  return std::nullopt;
}

const clang::CXXMethodDecl* LambdaOperator(const DynTypedNode& node) {
  const auto* method = node.get<clang::CXXMethodDecl>();
  if (method == nullptr || !method->getParent()->isLambda()) return nullptr;
  return method;
}

std::optional<DynTypedNode> EnclosingLambdaExpr(clang::ASTContext& ast, DynTypedNode node) {
  for (int depth = 0; depth < 4; ++depth) {
    auto parents = ast.getParents(node);
    if (parents.empty()) return std::nullopt;
    for (const DynTypedNode& p : parents) {
      if (p.get<clang::LambdaExpr>() != nullptr) return p;
    }
    node = parents[0];
  }
  return std::nullopt;
}

}  // namespace

std::string NearestContext(const clang::Expr& call, clang::ASTContext& ast) {
  DynTypedNode node = DynTypedNode::create(call);
  for (;;) {
    auto parents = ast.getParents(node);
    if (parents.empty()) break;
    // A lambda's body has two parents: the LambdaExpr and its class's operator(); the former
    // knows the captures.
    DynTypedNode parent = parents[0];
    for (const DynTypedNode& p : parents) {
      if (p.get<clang::LambdaExpr>() != nullptr) parent = p;
    }
    if (const auto* lambda = parent.get<clang::LambdaExpr>()) {
      if (auto name = FromLambda(*lambda->getCallOperator())) return *name;
      if (lambda->getCaptureDefault() == clang::LCD_None) break;
    } else if (const auto* method = LambdaOperator(parent)) {
      // Reached through the lambda's class: go on from the LambdaExpr that holds it.
      if (auto name = FromLambda(*method)) return *name;
      if (method->getParent()->getLambdaCaptureDefault() == clang::LCD_None) break;
      std::optional<DynTypedNode> expr = EnclosingLambdaExpr(ast, parent);
      if (!expr) break;
      node = *expr;
      continue;
    } else if (const auto* stmt = parent.get<clang::Stmt>()) {
      if (auto name = FromEarlierSiblings(*stmt, node)) return *name;
    } else if (const auto* fn = parent.get<clang::FunctionDecl>()) {
      if (auto name = FromParams(*fn)) return *name;
      break;
    }
    node = parent;
  }
  return kTodoContext;
}

}  // namespace kube_migrate
