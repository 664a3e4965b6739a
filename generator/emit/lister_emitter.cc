#include "emit/lister_emitter.h"

#include <fmt/format.h>

#include "emit/cpp_layout.h"

namespace kube::gen {

using nlohmann::json;

std::string GroupResource(const model::Group& g, const model::Kind& k) {
  return g.name.empty() ? k.plural : k.plural + "." + g.name;
}

bool Informable(const model::Kind& k) { return k.HasVerb("list") && k.HasVerb("watch"); }

Result<void> ListerEmitter::Emit(const model::Group& g, const model::Version& v) {
  const Paths& paths = ctx_.paths();
  for (const auto& k : v.kinds) {
    if (!Informable(k)) continue;
    std::string lister = k.name + "Lister";
    std::string ns_lister = k.name + "NamespaceLister";
    json data = {
        {"sources", Sources({&k})},
        {"kind", k.name},
        {"plural", k.plural},
        {"namespaced", k.namespaced},
        {"includes", SortedIncludes({"kube/cache/lister.h", "kube/cache/store.h",
                                     paths.TypesHeader(g.name, v.name)})},
        {"class_head", ClassHead(lister, "kube::cache::Lister<" + k.name + ">")},
        {"ns_about",
         Comment(fmt::format("{} lists and gets the {} of one namespace.", ns_lister, k.plural),
                 0)},
        {"listers_ns", paths.ListersNs(g, v)},
        {"title",
         Comment(fmt::format("{}: {} from an informer's cache.", lister, GroupResource(g, k)), 0)},
        {"about",
         Comment(k.namespaced
                     ? fmt::format("{} lists {} in all namespaces, or one namespace's with {}(ns). "
                                   "Objects are the cache's own: shared and read-only.",
                                   lister, k.plural, k.accessor)
                     : fmt::format("{} lists and gets {}. Objects are the cache's own: shared "
                                   "and read-only.",
                                   lister, k.plural),
                 0)},
        {"alias", LayoutAlias("", k.name, "::" + paths.TypesNs(g.name, v.name) + "::" + k.name)},
        {"ns_lister_alias",
         LayoutAlias("", ns_lister, "kube::cache::NamespaceLister<" + k.name + ">")},
        {"constructor",
         LayoutConstructor("  ", "explicit " + lister,
                           {"std::shared_ptr<const kube::cache::Store> store"},
                           {fmt::format("Lister(std::move(store), \"{}\")", GroupResource(g, k))})},
        {"ns_accessor", LayoutFunction("  ",
                                       LayoutCall("  ", ns_lister + " " + k.accessor,
                                                  {"std::string_view ns"}, " const {"),
                                       "return ByNamespace(ns);")}};
    if (auto ok = ctx_.Render("lister.h", paths.ListerHeader(g, v, k), data); !ok) return ok;
  }
  return {};
}

}  // namespace kube::gen
