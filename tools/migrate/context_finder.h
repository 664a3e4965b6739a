// Which kube::Context a rewritten call passes: the nearest variable of that type visible at the
// call and declared before it, as a human migrating by hand would pick it. Searched innermost
// scope first: locals and structured bindings (latest first), then lambda parameters and
// captures, then (only through a lambda with a capture-default) the enclosing scopes, then the
// function's parameters. Without one, kube::Context::TODO() marks the call for later plumbing,
// as client-go's migrator does with context.TODO().
#pragma once

#include <string>

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace kube_migrate {

inline constexpr char kTodoContext[] = "kube::Context::TODO()";

// The text to pass as the context argument of `call`.
std::string NearestContext(const clang::Expr& call, clang::ASTContext& ast);

}  // namespace kube_migrate
