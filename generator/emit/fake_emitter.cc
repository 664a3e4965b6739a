#include "emit/fake_emitter.h"

#include <fmt/format.h>

#include "emit/clientset_emitter.h"
#include "emit/cpp_layout.h"
#include "emit/typed_client_emitter.h"
#include "emit/verbs.h"
#include "model/naming.h"

namespace kube::gen {

using nlohmann::json;

namespace {

std::string FakeGroupClass(const std::string& accessor) { return "Fake" + accessor; }

std::string FakeGroupHeader(const Paths& paths, const model::Group& g, const model::Version& v) {
  return paths.FakeDir(g, v) + "/fake_" + g.cpp_name + "_client.h";
}

}  // namespace

Result<void> FakeEmitter::Emit() {
  const Paths& paths = ctx_.paths();
  json groups = json::array();
  std::vector<std::string> includes = {paths.root_path() + "/clientset/clientset.h",
                                       "kube/testing/fake.h", "kube/testing/fake_typed_client.h"};
  std::vector<std::string> inits = {"kube::testing::Fake(NewScheme())"};
  std::vector<const model::Kind*> all_kinds;
  for (const auto& gv : ResourceGroupVersions(ctx_.model())) {
    if (auto ok = EmitGroupClient(*gv.group, *gv.version); !ok) return ok;
    for (const auto* k : KindsOf(*gv.version)) all_kinds.push_back(k);
    const std::string& a = gv.accessor;
    std::string interface = fmt::format("{}::{}Interface& ", gv.typed, a);
    includes.push_back(FakeGroupHeader(paths, *gv.group, *gv.version));
    inits.push_back(gv.member + "(*this)");
    groups.push_back(
        {{"function", LayoutFunction("", LayoutCall("", interface + "Clientset::" + a, {}, " {"),
                                     fmt::format("return {};", gv.member))},
         {"override", LayoutCall("  ", interface + a, {}, " override;")},
         {"member_declaration",
          LayoutDeclaration("  ", fmt::format("{}::fake::{}", gv.typed, FakeGroupClass(a)),
                            gv.member)}});
  }
  json data = {{"sources", Sources(all_kinds)},
               {"root_ns", paths.root_ns()},
               {"root_path", paths.root_path()},
               {"groups", groups},
               {"includes", SortedIncludes(includes)},
               {"constructor", ConstructorDefinition("Clientset::Clientset()", inits)},
               {"cc_includes", SortedIncludes({"kube/scheme.h", paths.root_path() + "/scheme.h"})}};
  std::string dir = paths.root_path() + "/clientset/fake/";
  if (auto ok = ctx_.Render("fake_clientset.h", dir + "clientset.h", data); !ok) return ok;
  return ctx_.Render("fake_clientset.cc", dir + "clientset.cc", data);
}

Result<void> FakeEmitter::EmitGroupClient(const model::Group& g, const model::Version& v) {
  const Paths& paths = ctx_.paths();
  std::string accessor = GroupAccessor(g.cpp_name, v.name);
  std::string fake_class = FakeGroupClass(accessor);
  std::string header = FakeGroupHeader(paths, g, v);
  const std::string types_ns = "::" + paths.TypesNs(g.name, v.name);
  json resources = json::array();
  for (const auto& k : v.kinds) {
    std::string result = fmt::format("std::unique_ptr<{}Interface>", k.name);
    std::string fake_kind = "Fake" + k.accessor;
    std::vector<std::string> params;
    if (k.namespaced) params.push_back("std::string_view ns");
    resources.push_back(
        {{"kind", k.name},
         {"fake_kind", fake_kind},
         {"class_head", ClassHead(fake_kind + " final", k.name + "Interface")},
         {"initializer", ClientInitializer(g, v, k, "fake")},
         {"methods", MethodData(Methods(k, types_ns))},
         {"member", LayoutTemplateMember("  ", "kube::testing::FakeTypedClient",
                                         {KindTypeName(k, types_ns), k.name + "List"}, "client_")},
         {"override", LayoutCall("  ", result + " " + k.accessor, params, " override;")},
         {"function",
          LayoutFunction(
              "", LayoutCall("", result + " " + fake_class + "::" + k.accessor, params, " {"),
              fmt::format("return std::make_unique<{}>(fake_.Self(), {});", fake_kind,
                          k.namespaced ? "std::string(ns)" : "std::string()"))}});
  }
  json data = {
      {"sources", Sources(KindsOf(v))},
      {"accessor", accessor},
      {"fake_class", fake_class},
      {"title", Comment(fmt::format("{}: the fake clients of the {}/{} resources.", fake_class,
                                    g.name.empty() ? "core" : g.name, v.name),
                        0)},
      {"about", Comment(fmt::format("{} serves {}Interface from a kube::testing::Fake: each call "
                                    "is recorded as an Action and answered by the fake's "
                                    "reactors (by default its object tracker).",
                                    fake_class, accessor),
                        0)},
      {"fake_ns", paths.FakeNs(g, v)},
      {"header", header},
      {"resources", resources},
      {"includes", SortedIncludes({paths.GroupClientHeader(g, v), "kube/testing/fake.h"})}};
  if (auto ok = ctx_.Render("fake_group_client.h", header, data); !ok) return ok;
  return ctx_.Render("fake_group_client.cc", header.substr(0, header.size() - 2) + ".cc", data);
}

}  // namespace kube::gen
