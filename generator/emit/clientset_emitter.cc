#include "emit/clientset_emitter.h"

#include <fmt/format.h>

#include "emit/cpp_layout.h"
#include "model/naming.h"

namespace kube::gen {

using nlohmann::json;

std::vector<GroupVersionRef> ResourceGroupVersions(const model::Model& model) {
  std::vector<GroupVersionRef> out;
  for (const auto& [gname, g] : model.groups) {
    for (const auto& [vname, v] : g.versions) {
      if (v.kinds.empty()) continue;
      std::string accessor = GroupAccessor(g.cpp_name, v.name);
      out.push_back({&g, &v, accessor, fmt::format("typed::{}::{}", g.cpp_name, v.name),
                     SnakeCase(accessor) + "_"});
    }
  }
  return out;
}

std::string ConstructorDefinition(const std::string& head, const std::vector<std::string>& inits) {
  std::string one_line, per_line;
  for (size_t i = 0; i < inits.size(); ++i) {
    one_line += (i ? ", " : "") + inits[i];
    per_line += (i ? ",\n      " : "") + inits[i];
  }
  if (head.size() + 3 + one_line.size() + 3 <= kColumnLimit) return head + " : " + one_line + " {}";
  return head + "\n    : " + (6 + one_line.size() + 3 <= kColumnLimit ? one_line : per_line) +
         " {}";
}

Result<void> ClientsetEmitter::Emit() {
  const Paths& paths = ctx_.paths();
  json groups = json::array();
  std::vector<std::string> includes = {"kube/error.h", "kube/rest/config.h",
                                       paths.root_path() + "/clientset/interface.h"};
  json forward = json::array();
  std::vector<std::string> inits = {"client_(std::move(client))"};
  std::vector<const model::Kind*> all_kinds;
  for (const auto& [gname, g] : ctx_.model().groups) {
    for (const auto& [vname, v] : g.versions) {
      for (const auto& k : v.kinds) all_kinds.push_back(&k);
    }
  }
  for (const auto& gv : ResourceGroupVersions(ctx_.model())) {
    const std::string& a = gv.accessor;
    std::string interface = fmt::format("{}::{}Interface& ", gv.typed, a);
    includes.push_back(paths.GroupClientHeader(*gv.group, *gv.version));
    forward.push_back({{"ns", paths.TypedNs(*gv.group, *gv.version)}, {"name", a + "Interface"}});
    inits.push_back(gv.member + "(client_)");
    groups.push_back(
        {{"accessor", a},
         {"function", LayoutFunction("", LayoutCall("", interface + "Clientset::" + a, {}, " {"),
                                     fmt::format("return {};", gv.member))},
         {"declaration", LayoutCall("  ", "virtual " + interface + a, {}, " = 0;")},
         {"override", LayoutCall("  ", interface + a, {}, " override;")},
         {"member_declaration",
          LayoutDeclaration("  ", fmt::format("{}::{}Client", gv.typed, a), gv.member)}});
  }
  json data = {{"sources", Sources(all_kinds)},
               {"root_ns", paths.root_ns()},
               {"root_path", paths.root_path()},
               {"groups", groups},
               {"includes", SortedIncludes(includes)},
               {"first_accessor", groups.empty() ? json("") : groups[0]["accessor"]},
               {"constructor",
                ConstructorDefinition(
                    "Clientset::Clientset(std::shared_ptr<kube::rest::Client> client)", inits)}};
  data["forward_declarations"] = forward;
  std::string dir = paths.root_path() + "/clientset/";
  if (auto ok = ctx_.Render("clientset_interface.h", dir + "interface.h", data); !ok) return ok;
  if (auto ok = ctx_.Render("clientset.h", dir + "clientset.h", data); !ok) return ok;
  return ctx_.Render("clientset.cc", dir + "clientset.cc", data);
}

}  // namespace kube::gen
