// The Transformer rules of the two migration directions. Each rule carries a Site as metadata,
// so a match whose edits Transformer had to drop (a call spelled in a macro body) is still
// known, and reported rather than silently left alone.
#pragma once

#include <string>

#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Tooling/Transformer/RewriteRule.h"

namespace kube_migrate {

struct Site {
  std::string file;  // as the SourceManager names it; empty if not in a file
  unsigned line = 0;
  unsigned column = 0;
  unsigned offset = 0;
  bool is_call = false;  // a call or constructor (as opposed to a name or include)
  std::string what;      // a few words for notes: "call to Delete", "qualified name"
};

// --to=context: calls on deprecated clients take a context and options, constructors and
// qualified names move from `<root>::deprecated` to `<root>::clientset`.
clang::transformer::RewriteRuleWith<Site> ToContextRules();

// --to=deprecated: qualified names, using-directives and aliases move from `<root>::clientset`
// to `<root>::deprecated` (the fakes, which have no deprecated counterpart, stay).
clang::transformer::RewriteRuleWith<Site> ToDeprecatedRules();

// The same rule with a diagnostic message per match instead of a Site, as clang-tidy's
// TransformerClangTidyCheck wants it.
clang::transformer::RewriteRuleWith<std::string> WithMessages(
    clang::transformer::RewriteRuleWith<Site> rule, std::string tool_hint);

// Calls on deprecated clients inside template instantiations. When the template's own spelling
// of the call is dependent it cannot be rewritten once for all instantiations; such calls are
// reported. Binds "call".
clang::ast_matchers::StatementMatcher InstantiatedDeprecatedCall();

}  // namespace kube_migrate
