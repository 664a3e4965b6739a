#include "emit/typed_client_emitter.h"

#include <fmt/format.h>

#include "emit/cpp_layout.h"
#include "emit/verbs.h"
#include "model/naming.h"

namespace kube::gen {

using nlohmann::json;

// clang-format splits the empty body's braces before it wraps the arguments.
std::string ClientInitializer(const model::Group& g, const model::Version& v, const model::Kind& k,
                              std::string_view backend) {
  const std::string indent(8, ' ');
  std::vector<std::string> args = {
      fmt::format("std::move({})", backend),
      fmt::format("{{\"{}\", \"{}\", \"{}\"}}", g.name, v.name, k.plural), "std::move(ns)"};
  std::string laid = LayoutCall(indent, "client_", args, "");
  size_t last_line =
      laid.size() - (laid.rfind('\n') == std::string::npos ? 0 : laid.rfind('\n') + 1);
  size_t col = (laid.find('\n') == std::string::npos ? indent.size() : 0) + last_line;
  if (col + 3 <= kColumnLimit) return laid + " {}";
  if (col + 2 <= kColumnLimit) return laid + " {\n  }";
  return LayoutCall(indent, "client_", args, " {}");
}

Result<void> TypedClientEmitter::Emit(const model::Group& g, const model::Version& v) {
  for (const auto& k : v.kinds) {
    if (auto ok = EmitKind(g, v, k); !ok) return ok;
  }
  if (v.kinds.empty()) return {};  // types only (a group version without resources)
  return EmitGroupClient(g, v);
}

Result<void> TypedClientEmitter::EmitKind(const model::Group& g, const model::Version& v,
                                          const model::Kind& k) {
  const Paths& paths = ctx_.paths();
  std::string header = paths.TypedDir(g, v) + "/" + Lower(k.name) + ".h";
  std::vector<std::string> params = {"std::shared_ptr<kube::rest::Client> client"};
  if (k.namespaced) params.push_back("std::string ns");
  std::string head = fmt::format("std::unique_ptr<{0}Interface> New{0}Client", k.name);
  std::vector<std::string> includes = {paths.TypesHeader(g.name, v.name), "kube/context.h",
                                       "kube/error.h", "kube/options.h", "kube/watch.h"};
  if (k.HasSubresource("scale")) includes.push_back("kube/scale.h");
  std::string types_ns = "::" + paths.TypesNs(g.name, v.name);
  json data = {{"sources", Sources({&k})},
               {"kind", k.name},
               {"typed_ns", paths.TypedNs(g, v)},
               {"typed_header", header},
               {"title", Comment(fmt::format("{}Interface: the context-first client of {}{}",
                                             k.name, k.plural, g.name.empty() ? "" : "." + g.name),
                                 0)},
               {"about", Comment(fmt::format("{}Interface has a method for each verb of {}; "
                                             "every call takes the context first and an "
                                             "options struct (KEP 1601). Implementations are "
                                             "safe to use from many threads.",
                                             k.name, k.plural),
                                 0)},
               {"alias", LayoutAlias("", k.name, types_ns + "::" + k.name)},
               {"list_alias", LayoutAlias("", k.name + "List", types_ns + "::" + k.name + "List")},
               {"initializer", ClientInitializer(g, v, k)},
               {"class_head", ClassHead(k.name + "Client final", k.name + "Interface")},
               {"methods", MethodData(Methods(k, types_ns))},
               {"kind_type", KindTypeName(k, types_ns)},
               {"new_client_decl", LayoutCall("", head, params, ";")},
               {"new_client_def", LayoutCall("", head, params, " {")},
               {"ns_arg", k.namespaced ? "std::move(ns)" : "std::string()"},
               {"includes", SortedIncludes(includes)}};
  if (auto ok = ctx_.Render("typed_client.h", header, data); !ok) return ok;
  return ctx_.Render("typed_client.cc", header.substr(0, header.size() - 2) + ".cc", data);
}

Result<void> TypedClientEmitter::EmitGroupClient(const model::Group& g, const model::Version& v) {
  const Paths& paths = ctx_.paths();
  std::string accessor = GroupAccessor(g.cpp_name, v.name);
  std::string header = paths.GroupClientHeader(g, v);
  json resources = json::array();
  std::vector<std::string> resource_headers;
  for (const auto& k : v.kinds) {
    std::string kind_header = paths.TypedDir(g, v) + "/" + Lower(k.name) + ".h";
    resource_headers.push_back(kind_header);
    std::string result = fmt::format("std::unique_ptr<{}Interface>", k.name);
    std::vector<std::string> params;
    if (k.namespaced) params.push_back("std::string_view ns");
    resources.push_back(
        {{"kind", k.name},
         {"header", kind_header},
         {"declaration", LayoutCall("  ", "virtual " + result + " " + k.accessor, params, " = 0;")},
         {"override", LayoutCall("  ", result + " " + k.accessor, params, " override;")},
         {"function",
          LayoutFunction(
              "", LayoutCall("", result + " " + accessor + "Client::" + k.accessor, params, " {"),
              fmt::format("return New{}Client(client_{});", k.name,
                          k.namespaced ? ", std::string(ns)" : ""))}});
  }
  json data = {{"sources", Sources(KindsOf(v))},
               {"accessor", accessor},
               {"title", Comment(fmt::format("{}Interface: the clients of the {}/{} resources.",
                                             accessor, g.name.empty() ? "core" : g.name, v.name),
                                 0)},
               {"constructor", LayoutCall("", accessor + "Client::" + accessor + "Client",
                                          {"std::shared_ptr<kube::rest::Client> client"}, "")},
               {"typed_ns", paths.TypedNs(g, v)},
               {"header", header},
               {"resources", resources},
               {"includes", SortedIncludes(resource_headers)}};
  if (auto ok = ctx_.Render("group_client.h", header, data); !ok) return ok;
  return ctx_.Render("group_client.cc", header.substr(0, header.size() - 2) + ".cc", data);
}

}  // namespace kube::gen
