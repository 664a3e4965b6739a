#include "rules.h"

#include <array>
#include <optional>
#include <utility>

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/Transformer/RangeSelector.h"
#include "clang/Tooling/Transformer/SourceCode.h"
#include "clang/Tooling/Transformer/Stencil.h"
#include "context_finder.h"
#include "matchers.h"

namespace kube_migrate {
namespace {

using namespace clang::ast_matchers;  // NOLINT(build/namespaces): the matcher DSL
using clang::transformer::after;
using clang::transformer::ASTEdit;
using clang::transformer::before;
using clang::transformer::cat;
using clang::transformer::changeTo;
using clang::transformer::editList;
using clang::transformer::enclose;
using clang::transformer::insertAfter;
using clang::transformer::insertBefore;
using clang::transformer::node;
using clang::transformer::RangeSelector;
using clang::transformer::RewriteRuleWith;
using clang::transformer::Stencil;
using MatchResult = MatchFinder::MatchResult;

constexpr char kCall[] = "call";
constexpr char kArg[] = "x";
constexpr char kName[] = "name";

// How the pre-KEP 1601 signature of a verb differs from the context-first one, beyond the
// context every verb gains in front.
struct Verb {
  const char* name;
  const char* options = nullptr;    // options struct the old signature lacks
  int options_after = -1;           // its position: after this argument (-1: after the last)
  int delete_options_pointer = -1;  // index of the old `const kube::DeleteOptions*`
};
constexpr std::array kVerbs = {
    Verb{"Create", "kube::CreateOptions"},       Verb{"Update", "kube::UpdateOptions"},
    Verb{"UpdateStatus", "kube::UpdateOptions"}, Verb{"UpdateScale", "kube::UpdateOptions"},
    Verb{"Patch", "kube::PatchOptions", 2},      Verb{"Delete", nullptr, -1, 1},
    Verb{"DeleteCollection", nullptr, -1, 0},
};

llvm::Error Fail(const llvm::Twine& message) {
  return llvm::make_error<llvm::StringError>(message, llvm::inconvertibleErrorCode());
}

// The token range of argument `index` of the call bound to kCall (-1: the last argument the
// caller wrote; defaulted arguments have no text).
RangeSelector Arg(int index) {
  return [index](const MatchResult& result) -> llvm::Expected<clang::CharSourceRange> {
    const auto* call = result.Nodes.getNodeAs<clang::CallExpr>(kCall);
    if (call == nullptr) return Fail("no call bound");
    int i = index;
    if (i < 0) {
      i = static_cast<int>(call->getNumArgs()) - 1;
      while (i >= 0 && llvm::isa<clang::CXXDefaultArgExpr>(call->getArg(i))) --i;
    }
    if (i < 0 || static_cast<unsigned>(i) >= call->getNumArgs() ||
        llvm::isa<clang::CXXDefaultArgExpr>(call->getArg(i))) {
      return Fail("argument not written");
    }
    return clang::CharSourceRange::getTokenRange(call->getArg(i)->getSourceRange());
  };
}

// The one token at a location a bound declaration or specifier provides.
template <class T, class Fn>
RangeSelector TokenOf(const char* id, Fn location) {
  return [id, location](const MatchResult& result) -> llvm::Expected<clang::CharSourceRange> {
    const T* n = result.Nodes.getNodeAs<T>(id);
    if (n == nullptr) return Fail(llvm::Twine("nothing bound to ") + id);
    return clang::CharSourceRange::getTokenRange(location(*n));
  };
}

RangeSelector NamespaceToken() {
  return TokenOf<clang::NestedNameSpecifierLoc>(
      kName, [](const clang::NestedNameSpecifierLoc& l) { return l.getLocalBeginLoc(); });
}

Stencil ContextArg() {
  return clang::transformer::run([](const MatchResult& result) -> llvm::Expected<std::string> {
    const auto* call = result.Nodes.getNodeAs<clang::Expr>(kCall);
    if (call == nullptr) return Fail("no call bound");
    return NearestContext(*call, *result.Context);
  });
}

// The old API took `const kube::DeleteOptions*` (null meaning none), the new one a reference.
Stencil DeleteOptionsArg(int index) {
  return clang::transformer::run([index](const MatchResult& result) -> llvm::Expected<std::string> {
    const auto* call = result.Nodes.getNodeAs<clang::CallExpr>(kCall);
    if (call == nullptr || static_cast<unsigned>(index) >= call->getNumArgs()) {
      return Fail("no options argument");
    }
    const clang::Expr* arg = call->getArg(index)->IgnoreParenImpCasts();
    if (arg->isNullPointerConstant(*result.Context, clang::Expr::NPC_ValueDependentIsNotNull)) {
      return std::string("kube::DeleteOptions{}");
    }
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(arg);
        op != nullptr && op->getOpcode() == clang::UO_AddrOf) {
      return clang::tooling::getText(*op->getSubExpr(), *result.Context).str();
    }
    // `p ? *p : ...` evaluates the pointer twice: only done when that cannot be observed.
    if (arg->HasSideEffects(*result.Context)) {
      const clang::SourceManager& sm = *result.SourceManager;
      clang::PresumedLoc p = sm.getPresumedLoc(sm.getExpansionLoc(arg->getBeginLoc()));
      std::string where = p.isValid()
                              ? (llvm::Twine(p.getFilename()) + ":" + llvm::Twine(p.getLine()) +
                                 ":" + llvm::Twine(p.getColumn()) + ": ")
                                    .str()
                              : std::string();
      return Fail(where +
                  "note: the DeleteOptions pointer has side effects and would be evaluated "
                  "twice; call left unchanged, migrate it by hand");
    }
    std::string text = clang::tooling::getText(*arg, *result.Context).str();
    if (text.empty()) {
      return Fail("note: a DeleteOptions pointer not spelled in the file was left unchanged");
    }
    // A name is evaluated twice harmlessly; anything else is parenthesised to keep precedence.
    if (!llvm::isa<clang::DeclRefExpr>(arg)) text = "(" + text + ")";
    return text + " ? *" + text + " : kube::DeleteOptions{}";
  });
}

clang::transformer::EditGenerator VerbEdits(const Verb& verb) {
  llvm::SmallVector<ASTEdit, 1> edits;
  if (verb.delete_options_pointer == 0) {
    edits.push_back(changeTo(Arg(0), cat(ContextArg(), ", ", DeleteOptionsArg(0))));
  } else {
    edits.push_back(insertBefore(Arg(0), cat(ContextArg(), ", ")));
  }
  if (verb.delete_options_pointer > 0) {
    edits.push_back(changeTo(Arg(verb.delete_options_pointer),
                             cat(DeleteOptionsArg(verb.delete_options_pointer))));
  }
  if (verb.options != nullptr) {
    edits.push_back(insertAfter(Arg(verb.options_after), cat(", ", verb.options, "{}")));
  }
  return editList(std::move(edits));
}

// Where the rule matched, from the node Transformer binds to the whole match.
class SiteComputation : public clang::transformer::MatchComputation<Site> {
 public:
  SiteComputation(bool is_call, std::string what) : is_call_(is_call), what_(std::move(what)) {}

  llvm::Error eval(const MatchResult& result, Site* site) const override {
    site->is_call = is_call_;
    site->what = what_;
    const auto& map = result.Nodes.getMap();
    auto it = map.find(clang::transformer::RootID);
    if (it == map.end()) return llvm::Error::success();
    const clang::SourceManager& sm = *result.SourceManager;
    const clang::DynTypedNode& root = it->second;
    clang::SourceLocation loc = root.getSourceRange().getBegin();
    if (const auto* nns = root.get<clang::NestedNameSpecifierLoc>()) {
      loc = nns->getLocalBeginLoc();
    } else if (const auto* call = root.get<clang::CXXMemberCallExpr>()) {
      // Point at the method name, where a reader looks for it.
      if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(call->getCallee())) {
        loc = member->getMemberLoc();
      }
    }
    loc = sm.getExpansionLoc(loc);
    clang::PresumedLoc p = sm.getPresumedLoc(loc);
    if (p.isInvalid()) return llvm::Error::success();
    site->file = p.getFilename();
    site->line = p.getLine();
    site->column = p.getColumn();
    site->offset = sm.getFileOffset(loc);
    return llvm::Error::success();
  }

  std::string toString() const override { return "SiteOf(" + what_ + ")"; }

 private:
  bool is_call_;
  std::string what_;
};

clang::transformer::Generator<Site> SiteOf(bool is_call, std::string what) {
  return std::make_shared<SiteComputation>(is_call, std::move(what));
}

// Names are rewritten where the user wrote them: implicit code (a lambda's closure class, whose
// members carry the captures' locations) and template instantiations are not visited.
template <class M>
auto Spelled(M matcher) {
  return traverse(clang::TK_IgnoreUnlessSpelledInSource, matcher);
}

auto CallOn(clang::ast_matchers::internal::Matcher<clang::CXXMethodDecl> method) {
  return cxxMemberCallExpr(callee(cxxMethodDecl(method, ofClass(DeprecatedClient()))),
                           unless(isInTemplateInstantiation()), hasArgument(0, expr()))
      .bind(kCall);
}

RewriteRuleWith<Site> CallRules() {
  std::vector<RewriteRuleWith<Site>> rules;
  for (const Verb& verb : kVerbs) {
    rules.push_back(makeRule(CallOn(hasName(verb.name)), VerbEdits(verb),
                             SiteOf(true, std::string("call to ") + verb.name)));
  }
  // Any other verb of a typed client (Get, List, Watch, GetScale, ...): only the context is
  // new. Accessors are neither deprecated nor return a kube::Result.
  auto result_type =
      hasCanonicalType(hasDeclaration(classTemplateSpecializationDecl(hasName("::tl::expected"))));
  rules.push_back(
      makeRule(CallOn(cxxMethodDecl(hasAttr(clang::attr::Deprecated), returns(result_type))),
               VerbEdits(Verb{"*"}), SiteOf(true, "call")));
  return clang::transformer::applyFirst(rules);
}

}  // namespace

RewriteRuleWith<Site> ToContextRules() {
  auto ctor = [](const char* name) {
    return callExpr(callee(functionDecl(hasName(name),
                                        hasDeclContext(namespaceDecl(DeprecatedNamespace())))),
                    unless(isInTemplateInstantiation()), hasArgument(0, expr().bind(kArg)))
        .bind(kCall);
  };
  // NewFromClientset(x) -> x: remove what surrounds x, so edits inside x still apply.
  auto unwrap = editList({changeTo(enclose(before(node(kCall)), before(node(kArg))), cat("")),
                          changeTo(enclose(after(node(kArg)), after(node(kCall))), cat(""))});
  // `std::shared_ptr<deprecated::Clientset> cs = deprecated::NewFromClientset(x)` then holds
  // `x`, any clientset (a fake too): the concrete Clientset it declares becomes the Interface
  // every clientset implements (its qualifier is moved to clientset by the rule below).
  auto concrete_clientset = recordType(hasDeclaration(
      cxxRecordDecl(hasName("Clientset"), hasDeclContext(namespaceDecl(DeprecatedNamespace())))));
  auto wrapping = ctor("NewFromClientset");
  auto holds_wrapped =
      hasAncestor(varDecl(hasInitializer(anyOf(wrapping, hasDescendant(wrapping)))));
  return clang::transformer::applyFirst<Site>({
      CallRules(),
      makeRule(ctor("NewFromClientset"), unwrap, SiteOf(true, "call to NewFromClientset")),
      makeRule(Spelled(typeLoc(loc(concrete_clientset), holds_wrapped).bind(kName)),
               changeTo(TokenOf<clang::TypeLoc>(
                            kName, [](const clang::TypeLoc& l) { return l.getBeginLoc(); }),
                        cat("Interface")),
               SiteOf(false, "declared type")),
      // `using <root>::deprecated::NewFromClientset;` names what the calls no longer use, and
      // has no clientset counterpart: removed.
      makeRule(Spelled(usingDecl(hasAnyUsingShadowDecl(hasTargetDecl(functionDecl(
                                     hasName("NewFromClientset"),
                                     hasDeclContext(namespaceDecl(DeprecatedNamespace()))))))
                           .bind(kName)),
               changeTo(node(kName), cat("")), SiteOf(false, "using-declaration")),
      makeRule(
          Spelled(
              nestedNameSpecifierLoc(loc(specifiesNamespace(DeprecatedNamespace()))).bind(kName)),
          changeTo(NamespaceToken(), cat("clientset")), SiteOf(false, "qualified name")),
      makeRule(Spelled(usingDirectiveDecl(nominatesNamespace(DeprecatedNamespace())).bind(kName)),
               changeTo(TokenOf<clang::UsingDirectiveDecl>(
                            kName, [](const auto& d) { return d.getIdentLocation(); }),
                        cat("clientset")),
               SiteOf(false, "using-directive")),
      makeRule(Spelled(namespaceAliasDecl(aliasOf(DeprecatedNamespace())).bind(kName)),
               changeTo(TokenOf<clang::NamespaceAliasDecl>(
                            kName, [](const auto& d) { return d.getTargetNameLoc(); }),
                        cat("clientset")),
               SiteOf(false, "namespace alias")),
  });
}

RewriteRuleWith<Site> ToDeprecatedRules() {
  // The fakes (`<root>::clientset::fake`, `...::v1beta1::fake`) have no deprecated counterpart.
  auto not_fake = unless(
      hasParent(nestedNameSpecifierLoc(loc(specifiesNamespace(namespaceDecl(hasName("fake")))))));
  return clang::transformer::applyFirst<Site>({
      makeRule(
          Spelled(nestedNameSpecifierLoc(loc(specifiesNamespace(ClientsetNamespace())), not_fake)
                      .bind(kName)),
          changeTo(NamespaceToken(), cat("deprecated")), SiteOf(false, "qualified name")),
      makeRule(Spelled(usingDirectiveDecl(nominatesNamespace(ClientsetNamespace())).bind(kName)),
               changeTo(TokenOf<clang::UsingDirectiveDecl>(
                            kName, [](const auto& d) { return d.getIdentLocation(); }),
                        cat("deprecated")),
               SiteOf(false, "using-directive")),
      makeRule(Spelled(namespaceAliasDecl(aliasOf(ClientsetNamespace())).bind(kName)),
               changeTo(TokenOf<clang::NamespaceAliasDecl>(
                            kName, [](const auto& d) { return d.getTargetNameLoc(); }),
                        cat("deprecated")),
               SiteOf(false, "namespace alias")),
  });
}

namespace {

// "<what>: <hint>", from the Site the wrapped generator computes.
class SiteMessage : public clang::transformer::MatchComputation<std::string> {
 public:
  SiteMessage(clang::transformer::Generator<Site> site, std::string hint)
      : site_(std::move(site)), hint_(std::move(hint)) {}

  llvm::Error eval(const MatchResult& result, std::string* message) const override {
    Site site;
    if (llvm::Error err = site_->eval(result, &site)) return err;
    *message = site.what + ": " + hint_;
    return llvm::Error::success();
  }
  std::string toString() const override { return "SiteMessage"; }

 private:
  clang::transformer::Generator<Site> site_;
  std::string hint_;
};

}  // namespace

RewriteRuleWith<std::string> WithMessages(RewriteRuleWith<Site> rule, std::string tool_hint) {
  RewriteRuleWith<std::string> out;
  out.Cases = std::move(rule.Cases);
  for (auto& site : rule.Metadata) {
    out.Metadata.push_back(std::make_shared<SiteMessage>(std::move(site), tool_hint));
  }
  return out;
}

StatementMatcher InstantiatedDeprecatedCall() {
  return cxxMemberCallExpr(
             callee(cxxMethodDecl(hasAttr(clang::attr::Deprecated), ofClass(DeprecatedClient()))),
             isInTemplateInstantiation())
      .bind(kCall);
}

}  // namespace kube_migrate
