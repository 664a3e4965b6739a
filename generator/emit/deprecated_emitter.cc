#include "emit/deprecated_emitter.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "emit/clientset_emitter.h"
#include "emit/cpp_layout.h"
#include "model/naming.h"

namespace kube::gen {

using nlohmann::json;

namespace {

// Every deprecated function carries this message; it names the tool that rewrites the call.
constexpr std::string_view kDeprecated =
    "[[deprecated(\"frozen pre-context API: use kube-clientgen-migrate to move to the "
    "clientset\")]]";
static_assert(2 + kDeprecated.size() <= kColumnLimit, "clang-format would break the attribute");

// A deprecated function: the attribute, a line comment naming the context-first form, the
// return type, then the declarator. The comment is what keeps clang-format from joining the
// attribute to the declaration; once the declaration is broken, clang-format puts the return
// type on a line of its own, and so does this layout.
std::string DeprecatedFunction(std::string_view indent, const std::string& comment,
                               const std::string& result, const std::string& declarator) {
  std::string out = std::string(kDeprecated) + "\n";
  for (const auto& line : Comment(comment, indent.size())) {
    out += std::string(indent) + "// " + line.get<std::string>() + "\n";
  }
  return out + std::string(indent) + result + "\n" + std::string(indent) + declarator;
}

std::string ParamName(const std::string& param) { return param.substr(param.rfind(' ') + 1); }

// `head(params) override {`; with no parameters to break between, clang-format moves
// "override {" to a continuation line when the whole does not fit.
std::string OverrideSignature(const std::string& head, const std::vector<std::string>& params) {
  std::string laid = LayoutCall("  ", head, params, " override {");
  if (!params.empty() || laid.find('\n') == std::string::npos ||
      2 + head.size() + 2 > kColumnLimit) {
    return laid;
  }
  return head + "()\n      override {";
}

// `namespace context_first = ::<typed ns>;`, which keeps the names of the context-first clients
// short enough for one line (a namespace alias may be repeated in every header of a namespace).
std::string ContextFirstNamespace(const std::string& typed_ns) {
  std::string one = "namespace context_first = ::" + typed_ns + ";";
  if (one.size() <= kColumnLimit) return one;
  return "namespace context_first =\n    ::" + typed_ns + ";";
}

std::string GroupClientHeader(const Paths& paths, const model::Group& g, const model::Version& v) {
  return paths.DeprecatedDir(g, v) + "/" + g.cpp_name + "_client.h";
}

}  // namespace

DeprecatedMethod Deprecate(const Method& m) {
  DeprecatedMethod d{m.name, m.result, {}, m.default_tail, {"kube::Context::TODO()"}, ""};
  std::vector<std::string> names;
  for (const auto& p : m.params) names.push_back(ParamName(p));
  d.context_first = fmt::format("{}({})", m.name, fmt::join(names, ", "));
  // m.params[0] is the context.
  for (size_t i = 1; i < m.params.size(); ++i) {
    const std::string& p = m.params[i];
    std::string type = p.substr(0, p.rfind(' '));
    std::string name = ParamName(p);
    if (type == "const kube::DeleteOptions&") {
      d.params.push_back("const kube::DeleteOptions* " + name);
      d.args.push_back(fmt::format("{0} ? *{0} : kube::DeleteOptions{{}}", name));
    } else if (type == "const kube::CreateOptions&" || type == "const kube::UpdateOptions&" ||
               type == "const kube::PatchOptions&") {
      d.args.push_back(type.substr(6, type.size() - 7) + "{}");  // "kube::CreateOptions{}"
    } else {
      d.params.push_back(p);
      d.args.push_back(name);
    }
  }
  return d;
}

Result<void> DeprecatedEmitter::Emit() {
  const Paths& paths = ctx_.paths();
  const std::string& root = paths.root_ns();
  json groups = json::array();
  std::vector<std::string> includes = {"kube/error.h", "kube/rest/config.h",
                                       paths.root_path() + "/clientset/clientset.h"};
  std::vector<std::string> inits = {"clientset_(std::move(clientset))"};
  std::vector<const model::Kind*> all_kinds;
  for (const auto& gv : ResourceGroupVersions(ctx_.model())) {
    for (const auto& k : gv.version->kinds) {
      if (auto ok = EmitKind(*gv.group, *gv.version, k); !ok) return ok;
      all_kinds.push_back(&k);
    }
    if (auto ok = EmitGroupClient(*gv.group, *gv.version); !ok) return ok;
    const std::string& a = gv.accessor;
    std::string interface = fmt::format("{}::{}Interface& ", gv.typed, a);
    includes.push_back(GroupClientHeader(paths, *gv.group, *gv.version));
    inits.push_back(fmt::format("{}(clientset_->{}())", gv.member, a));
    groups.push_back(
        {{"accessor", a},
         {"function", LayoutFunction("", LayoutCall("", interface + "Clientset::" + a, {}, " {"),
                                     fmt::format("return {};", gv.member))},
         {"declaration", LayoutCall("  ", "virtual " + interface + a, {}, " = 0;")},
         {"override", LayoutCall("  ", interface + a, {}, " override;")},
         {"member_declaration",
          LayoutDeclaration("  ", fmt::format("{}::{}Client", gv.typed, a), gv.member)}});
  }
  std::string context_first = "std::shared_ptr<::" + root + "::clientset::Interface> clientset";
  json data = {
      {"sources", Sources(all_kinds)},
      {"root_ns", root},
      {"root_path", paths.root_path()},
      {"groups", groups},
      {"includes", SortedIncludes(includes)},
      {"first_accessor", groups.empty() ? json("") : groups[0]["accessor"]},
      {"member", LayoutDeclaration("  ", "std::shared_ptr<::" + root + "::clientset::Interface>",
                                   "clientset_")},
      {"constructor_decl", LayoutCall("  ", "explicit Clientset", {context_first}, ";")},
      {"constructor", LayoutConstructor("", "Clientset::Clientset", {context_first}, inits)},
      {"new_for_config_decl",
       DeprecatedFunction("",
                          fmt::format("The context-first form: {}::clientset::NewForConfig("
                                      "config), which fails alike.",
                                      root),
                          "kube::Result<std::shared_ptr<Clientset>>",
                          "NewForConfig(const kube::rest::Config& config);")},
      {"new_from_clientset_decl",
       DeprecatedFunction("",
                          "Serves the pre-context API from `clientset` (a real clientset or a "
                          "fake), which must not be null; it cannot fail. Code migrated to "
                          "the context-first API uses `clientset` itself.",
                          "std::shared_ptr<Clientset>",
                          LayoutCall("", "NewFromClientset", {context_first}, ";"))},
      {"new_from_clientset_def",
       LayoutCall("", "std::shared_ptr<Clientset> NewFromClientset", {context_first}, " {")}};
  std::string dir = paths.root_path() + "/deprecated/";
  if (auto ok = ctx_.Render("deprecated_clientset.h", dir + "clientset.h", data); !ok) return ok;
  return ctx_.Render("deprecated_clientset.cc", dir + "clientset.cc", data);
}

Result<void> DeprecatedEmitter::EmitKind(const model::Group& g, const model::Version& v,
                                         const model::Kind& k) {
  const Paths& paths = ctx_.paths();
  std::string header = paths.DeprecatedDir(g, v) + "/" + Lower(k.name) + ".h";
  std::string types_ns = "::" + paths.TypesNs(g.name, v.name);
  std::string iface = k.name + "Interface";
  std::vector<std::string> includes = {paths.TypedDir(g, v) + "/" + Lower(k.name) + ".h",
                                       "kube/context.h",
                                       "kube/deprecated.h",
                                       "kube/error.h",
                                       "kube/options.h",
                                       "kube/watch.h"};
  if (k.HasSubresource("scale")) includes.push_back("kube/scale.h");
  json methods = json::array();
  for (const auto& m : Methods(k, types_ns)) {
    DeprecatedMethod d = Deprecate(m);
    std::vector<std::string> params = d.params;
    if (!d.default_tail.empty()) params.back() += d.default_tail;
    std::string declarator = LayoutCall("  ", d.name, params, " {");
    std::string body = LayoutCall("    ", "return client_->" + d.name, d.args, ";");
    methods.push_back(
        {{"function", DeprecatedFunction("  ", "The context-first form: " + d.context_first + ".",
                                         d.result, declarator) +
                          "\n    " + body + "\n  }"}});
  }
  json data = {
      {"sources", Sources({&k})},
      {"kind", k.name},
      {"ns", paths.DeprecatedNs(g, v)},
      {"title",
       Comment(fmt::format("{}Interface (deprecated): the pre-context client of {}{}, frozen "
                           "by kube-clientgen --freeze-deprecated. Each method calls the "
                           "context-first {}::{} with kube::Context::TODO() and empty options; "
                           "kube-clientgen-migrate rewrites its callers.",
                           k.name, k.plural, g.name.empty() ? "" : "." + g.name,
                           paths.TypedNs(g, v), iface),
               0)},
      {"alias", LayoutAlias("", k.name, types_ns + "::" + k.name)},
      {"list_alias", LayoutAlias("", k.name + "List", types_ns + "::" + k.name + "List")},
      {"class_head", ClassHead(iface + " final", "kube::deprecated::Client")},
      {"context_first_ns", ContextFirstNamespace(paths.TypedNs(g, v))},
      {"context_first_alias", LayoutAlias("  ", "ContextFirst", "context_first::" + iface)},
      {"constructor",
       LayoutConstructor("  ", "explicit " + iface, {"std::unique_ptr<ContextFirst> client"},
                         {"client_(std::move(client))"})},
      {"methods", methods},
      {"includes", SortedIncludes(includes)}};
  return ctx_.Render("deprecated_typed_client.h", header, data);
}

Result<void> DeprecatedEmitter::EmitGroupClient(const model::Group& g, const model::Version& v) {
  const Paths& paths = ctx_.paths();
  std::string accessor = GroupAccessor(g.cpp_name, v.name);
  json resources = json::array();
  std::vector<std::string> includes = {paths.GroupClientHeader(g, v)};
  for (const auto& k : v.kinds) {
    includes.push_back(paths.DeprecatedDir(g, v) + "/" + Lower(k.name) + ".h");
    std::string result = fmt::format("std::unique_ptr<{}Interface>", k.name);
    std::vector<std::string> params;
    if (k.namespaced) params.push_back("std::string_view ns");
    resources.push_back(
        {{"declaration", LayoutCall("  ", "virtual " + result + " " + k.accessor, params, " = 0;")},
         {"function",
          LayoutFunction(
              "  ", OverrideSignature(result + " " + k.accessor, params),
              LayoutCall("    ", fmt::format("return std::make_unique<{}Interface>", k.name),
                         {fmt::format("client_.{}({})", k.accessor, k.namespaced ? "ns" : "")},
                         ";"))}});
  }
  json data = {
      {"sources", Sources(KindsOf(v))},
      {"accessor", accessor},
      {"ns", paths.DeprecatedNs(g, v)},
      {"title", Comment(fmt::format("{}Interface (deprecated): the pre-context clients of the "
                                    "{}/{} resources.",
                                    accessor, g.name.empty() ? "core" : g.name, v.name),
                        0)},
      {"about", Comment(fmt::format("{}Client serves the pre-context clients from a "
                                    "context-first group client, which must outlive it (the "
                                    "deprecated Clientset holds the clientset that owns it).",
                                    accessor),
                        0)},
      {"context_first_ns", ContextFirstNamespace(paths.TypedNs(g, v))},
      {"context_first_alias",
       LayoutAlias("  ", "ContextFirst", "context_first::" + accessor + "Interface")},
      {"constructor", LayoutConstructor("  ", "explicit " + accessor + "Client",
                                        {"ContextFirst& client"}, {"client_(client)"})},
      {"resources", resources},
      {"includes", SortedIncludes(includes)}};
  return ctx_.Render("deprecated_group_client.h", GroupClientHeader(paths, g, v), data);
}

}  // namespace kube::gen
