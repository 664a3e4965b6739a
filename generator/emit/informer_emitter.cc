#include "emit/informer_emitter.h"

#include <fmt/format.h>

#include "emit/cpp_layout.h"
#include "emit/lister_emitter.h"
#include "emit/verbs.h"
#include "model/naming.h"

namespace kube::gen {
namespace {

using nlohmann::json;

std::string VersionHeader(const Paths& paths, const model::Group& g, const model::Version& v) {
  return fmt::format("{}/informers/{}/{}/interface.h", paths.root_path(), g.cpp_name, v.name);
}

std::string GroupHeader(const Paths& paths, const model::Group& g) {
  return fmt::format("{}/informers/{}/interface.h", paths.root_path(), g.cpp_name);
}

std::string Member(const std::string& accessor) { return SnakeCase(accessor) + "_"; }

std::vector<const model::Kind*> InformableKinds(const model::Version& v) {
  std::vector<const model::Kind*> out;
  for (const auto& k : v.kinds) {
    if (Informable(k)) out.push_back(&k);
  }
  return out;
}

bool HasResources(const model::Group& g) {
  for (const auto& [name, v] : g.versions) {
    if (!InformableKinds(v).empty()) return true;
  }
  return false;
}

}  // namespace

Result<void> InformerEmitter::Emit() {
  const Paths& paths = ctx_.paths();
  const std::string client = "std::shared_ptr<::" + paths.root_ns() + "::clientset::Interface>";
  json groups = json::array();
  std::vector<std::string> includes = {"kube/cache/informer_factory.h", "kube/context.h",
                                       "kube/error.h", "kube/group_version.h"};
  std::vector<std::string> inits = {"factory_(default_resync, std::move(options))"};
  std::vector<const model::Kind*> all_kinds;
  std::string first_group, first_version, first_kinds;
  for (const auto& [gname, g] : ctx_.model().groups) {
    if (!HasResources(g)) continue;
    for (const auto& [vname, v] : g.versions) {
      auto kinds = InformableKinds(v);
      if (kinds.empty()) continue;
      if (auto ok = EmitVersion(g, v); !ok) return ok;
      all_kinds.insert(all_kinds.end(), kinds.begin(), kinds.end());
      if (first_group.empty()) {
        first_group = TypeName(g.cpp_name);
        first_version = TypeName(v.name);
        first_kinds = kinds.front()->accessor;
      }
    }
    if (auto ok = EmitGroup(g); !ok) return ok;
    std::string accessor = TypeName(g.cpp_name);
    includes.push_back(GroupHeader(paths, g));
    inits.push_back(Member(accessor) + "(factory_, client)");
    groups.push_back(
        {{"accessor",
          LayoutFunction("  ", LayoutCall("  ", g.cpp_name + "::Interface& " + accessor, {}, " {"),
                         "return " + Member(accessor) + ";")},
         {"member_declaration",
          LayoutDeclaration("  ", g.cpp_name + "::Interface", Member(accessor))}});
  }
  json data = {
      {"sources", Sources(all_kinds)},
      {"root_ns", paths.root_ns()},
      {"root_path", paths.root_path()},
      {"groups", groups},
      {"includes", SortedIncludes(includes)},
      {"first_group", first_group},
      {"first_version", first_version},
      {"first_kinds", first_kinds},
      {"constructor", LayoutConstructor("", "SharedInformerFactory::SharedInformerFactory",
                                        {client + " client", "kube::cache::Duration default_resync",
                                         "SharedInformerOptions options"},
                                        inits)}};
  std::string dir = paths.root_path() + "/informers/";
  if (auto ok = ctx_.Render("informer_factory.h", dir + "factory.h", data); !ok) return ok;
  return ctx_.Render("informer_factory.cc", dir + "factory.cc", data);
}

Result<void> InformerEmitter::EmitGroup(const model::Group& g) {
  const Paths& paths = ctx_.paths();
  const std::string client = "std::shared_ptr<::" + paths.root_ns() + "::clientset::Interface>";
  json versions = json::array();
  std::vector<std::string> includes;
  std::vector<std::string> inits;
  std::vector<const model::Kind*> kinds;
  for (const auto& [vname, v] : g.versions) {
    auto informable = InformableKinds(v);
    if (informable.empty()) continue;
    kinds.insert(kinds.end(), informable.begin(), informable.end());
    includes.push_back(VersionHeader(paths, g, v));
    std::string accessor = TypeName(v.name);
    inits.push_back(Member(v.name) + "(factory, client)");
    versions.push_back(
        {{"accessor",
          LayoutFunction("  ", LayoutCall("  ", v.name + "::Interface& " + accessor, {}, " {"),
                         "return " + Member(v.name) + ";")},
         {"member_declaration", LayoutDeclaration("  ", v.name + "::Interface", Member(v.name))}});
  }
  json data = {{"sources", Sources(kinds)},
               {"group", g.name.empty() ? "core" : g.name},
               {"group_ns", fmt::format("{}::informers::{}", paths.root_ns(), g.cpp_name)},
               {"includes", SortedIncludes(includes)},
               {"versions", versions},
               {"constructor", LayoutConstructor("  ", "Interface",
                                                 {"kube::cache::InformerFactory& factory",
                                                  "const " + client + "& client"},
                                                 inits)}};
  return ctx_.Render("informers_group.h", GroupHeader(paths, g), data);
}

Result<void> InformerEmitter::EmitVersion(const model::Group& g, const model::Version& v) {
  const Paths& paths = ctx_.paths();
  const std::string client = "std::shared_ptr<::" + paths.root_ns() + "::clientset::Interface>";
  const std::string types_ns = "::" + paths.TypesNs(g.name, v.name);
  const std::string accessor = GroupAccessor(g.cpp_name, v.name);
  json kinds = json::array();
  std::vector<std::string> version_includes;
  std::vector<std::string> inits;
  for (const auto* kind : InformableKinds(v)) {
    const model::Kind& k = *kind;
    const std::string& K = k.name;
    const std::string informer = "kube::cache::SharedIndexInformer<" + K + ">";
    // Inside the informer class a kind named like one of its methods (kind Informer, Lister)
    // is named qualified: the plain name would change meaning where the method is declared.
    const std::string member_informer =
        "kube::cache::SharedIndexInformer<" + KindTypeName(k, types_ns) + ">";
    const std::string result = "std::shared_ptr<" + informer + ">";
    std::vector<std::string> params = {client + " client"};
    std::vector<std::string> args = {"std::move(client)"};
    if (k.namespaced) {
      params.push_back("std::string ns");
      args.push_back("std::move(ns)");
    }
    params.insert(params.end(),
                  {"kube::cache::Duration resync", "kube::cache::Indexers<" + K + "> indexers"});
    args.insert(args.end(), {"resync", "std::move(indexers)"});
    std::vector<std::string> filtered = params;
    filtered.push_back("kube::cache::TweakListOptionsFunc tweak");
    std::vector<std::string> with_ctx = filtered;
    with_ctx.insert(with_ctx.begin(), "const kube::Context& ctx");
    std::vector<std::string> with_ctx_decl = with_ctx;
    with_ctx_decl.back() += " = {}";
    std::string scope = k.namespaced ? "in `ns` (all namespaces when empty)" : "";
    json new_functions = json::array({
        {{"comment", Comment(fmt::format("A new informer of {} {}. Prefer the "
                                         "SharedInformerFactory's, which is shared.",
                                         k.plural, scope),
                             0)},
         {"declaration", LayoutCall("", result + " New" + K + "Informer", params, ";")}},
        {{"comment", Comment(fmt::format("As New{}Informer, with `tweak` applied to the options "
                                         "of every list and watch (a label selector, say).",
                                         K),
                             0)},
         {"declaration", LayoutCall("", result + " NewFiltered" + K + "Informer", filtered, ";")}},
        {{"comment", Comment(fmt::format("As NewFiltered{}Informer, with `ctx`'s values and trace "
                                         "hooks on its list and watch requests.",
                                         K),
                             0)},
         {"declaration",
          LayoutCall("", result + " New" + K + "InformerWithContext", with_ctx_decl, ";")}},
    });
    std::string typed =
        fmt::format("client->{}().{}({})", accessor, k.accessor, k.namespaced ? "ns" : "");
    std::string gvr = fmt::format("{{\"{}\", \"{}\", \"{}\"}}", g.name, v.name, k.plural);
    std::string resource = "\"" + GroupResource(g, k) + "\"";
    auto body = [&](std::vector<std::string> extra) {
      std::vector<std::string> call = {"client", "std::move(typed)", resource, "resync",
                                       "std::move(indexers)"};
      call.insert(call.end(), extra.begin(), extra.end());
      return "  auto typed = " + typed + ";\n  " +
             LayoutCall("  ", "return kube::cache::NewInformer", call, ";") + "\n}";
    };
    std::vector<std::string> forward = args;
    forward.push_back("{}");
    std::vector<std::string> functions = {
        // The kind's typed client in a namespace; file-local, so no header names its type.
        LayoutFunction(
            "",
            LayoutCall("", "static auto Typed" + k.accessor,
                       {"::" + paths.root_ns() + "::clientset::Interface& client",
                        std::string(k.namespaced ? "const std::string& ns" : "const std::string&")},
                       " {"),
            fmt::format("return client.{}().{}({});", accessor, k.accessor,
                        k.namespaced ? "ns" : "")),
        LayoutFunction("", LayoutCall("", result + " New" + K + "Informer", params, " {"),
                       LayoutCall("  ", "return NewFiltered" + K + "Informer", forward, ";")),
        LayoutCall("", result + " NewFiltered" + K + "Informer", filtered, " {") + "\n" +
            body({"std::move(tweak)"}),
        LayoutCall("", result + " New" + K + "InformerWithContext", with_ctx, " {") + "\n" +
            body({"std::move(tweak)", "kube::cache::RequestContextOptions(ctx)"}),
        LayoutConstructor("", K + "Informer::" + K + "Informer",
                          {"kube::cache::InformerFactory& factory", client + " client"},
                          {"factory_(factory)", "client_(std::move(client))"}),
    };
    // The constructor registers the kind for ForResource; its body is one call.
    std::string& ctor = functions.back();
    ctor.erase(ctor.size() - 2);
    ctor += "{\n  " +
            LayoutCall("  ", "factory_.Register",
                       {gvr, "std::bind_front(&" + K + "Informer::Informer, this)"}, ";") +
            "\n}";
    functions.push_back(
        LayoutFunction("", LayoutCall("", informer + "& " + K + "Informer::Informer", {}, " {"),
                       "return Shared(nullptr);"));
    functions.push_back(
        LayoutFunction("",
                       LayoutCall("", informer + "& " + K + "Informer::InformerWithContext",
                                  {"const kube::Context& ctx"}, " {"),
                       "return Shared(&ctx);"));
    functions.push_back(
        LayoutFunction("", LayoutCall("", K + "Lister " + K + "Informer::Lister", {}, " {"),
                       "return " + K + "Lister(Informer().GetStore());"));
    functions.push_back(
        LayoutFunction("",
                       LayoutCall("", K + "Lister " + K + "Informer::ListerWithContext",
                                  {"const kube::Context& ctx"}, " {"),
                       "return " + K + "Lister(InformerWithContext(ctx).GetStore());"));
    functions.push_back(LayoutFunction(
        "",
        LayoutCall("", informer + "& " + K + "Informer::Shared", {"const kube::Context* ctx"},
                   " {"),
        LayoutCall("  ", "return kube::cache::FactoryInformer",
                   {"factory_", gvr, "client_",
                    "std::bind_front(&Typed" + k.accessor + ", std::ref(*client_))", "ctx"},
                   ";")));
    std::string header = paths.InformerHeader(g, v, k);
    json kind_data = {
        {"sources", Sources({&k})},
        {"root_ns", paths.root_ns()},
        {"kind", K},
        {"informers_ns", paths.InformersNs(g, v)},
        {"includes",
         SortedIncludes({"kube/cache/informer_factory.h", "kube/cache/shared_informer.h",
                         "kube/context.h", paths.ListerHeader(g, v, k),
                         paths.TypesHeader(g.name, v.name)})},
        {"title", Comment(fmt::format("{}Informer: the shared informer of {} and its lister.", K,
                                      GroupResource(g, k)),
                          0)},
        {"about", Comment(fmt::format("{0}Informer gives the factory's shared informer of {1} "
                                      "(made on first use) and a {0}Lister over its cache.",
                                      K, k.plural),
                          0)},
        {"alias", LayoutAlias("", K, types_ns + "::" + K)},
        {"list_alias", LayoutAlias("", K + "List", types_ns + "::" + K + "List")},
        {"lister_alias",
         LayoutAlias("", K + "Lister", "::" + paths.ListersNs(g, v) + "::" + K + "Lister")},
        {"new_functions", new_functions},
        {"constructor",
         LayoutCall("  ", K + "Informer",
                    {"kube::cache::InformerFactory& factory", client + " client"}, ";")},
        {"accessors",
         json::array({{{"declaration", LayoutCall("  ", member_informer + "& Informer", {}, ";")}},
                      {{"declaration", LayoutCall("  ", member_informer + "& InformerWithContext",
                                                  {"const kube::Context& ctx"}, ";")}},
                      {{"declaration", LayoutCall("  ", K + "Lister Lister", {}, ";")}},
                      {{"declaration", LayoutCall("  ", K + "Lister ListerWithContext",
                                                  {"const kube::Context& ctx"}, ";")}}})},
        {"shared_declaration",
         LayoutCall("  ", member_informer + "& Shared", {"const kube::Context* ctx"}, ";")}};
    if (auto ok = ctx_.Render("informer.h", header, kind_data); !ok) return ok;
    version_includes.push_back(header);
    std::string member = Member(k.accessor);
    inits.push_back(member + "(factory, client)");
    kinds.push_back(
        {{"functions", functions},
         {"accessor",
          LayoutFunction("  ", LayoutCall("  ", K + "Informer& " + k.accessor, {}, " {"),
                         "return " + member + ";")},
         {"member_declaration", LayoutDeclaration("  ", K + "Informer", member)}});
  }
  std::string header = VersionHeader(paths, g, v);
  json data = {{"sources", Sources(InformableKinds(v))},
               {"root_path", paths.root_path()},
               {"informers_ns", paths.InformersNs(g, v)},
               {"header", header},
               {"cc_includes", SortedIncludes({"kube/cache/informer_factory.h",
                                               paths.root_path() + "/clientset/interface.h",
                                               paths.GroupClientHeader(g, v)})},
               {"title", Comment(fmt::format("Interface: the informers of the {}/{} resources.",
                                             g.name.empty() ? "core" : g.name, v.name),
                                 0)},
               {"includes", SortedIncludes(version_includes)},
               {"kinds", kinds},
               {"constructor", LayoutConstructor("  ", "Interface",
                                                 {"kube::cache::InformerFactory& factory",
                                                  "const " + client + "& client"},
                                                 inits)}};
  if (auto ok = ctx_.Render("informers_version.h", header, data); !ok) return ok;
  return ctx_.Render("informers_version.cc", header.substr(0, header.size() - 2) + ".cc", data);
}

}  // namespace kube::gen
