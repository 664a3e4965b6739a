#include "model/scheme_kinds.h"

#include <algorithm>
#include <set>

#include "model/naming.h"

namespace kube::gen {

std::vector<std::string> DiscoveryVerbs(const model::Kind& k) {
  std::vector<std::string> out;
  for (const auto& v : model::AllVerbs()) {
    if (v == "updateStatus" || !k.HasVerb(v)) continue;
    out.push_back(Lower(v));
  }
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

class MergeWalker {
 public:
  explicit MergeWalker(const model::Model& m) : model_(m) {}

  void Walk(const std::string& group, const std::string& version, const std::string& name,
            const std::string& prefix, std::map<std::string, FieldMerge>& out) {
    const model::Struct* s = Find(group, version, name);
    std::string key = group + "/" + version + "/" + name;
    if (!s || !on_path_.insert(key).second) return;
    for (const auto& f : s->fields) {
      std::string path = prefix.empty() ? f.json_name : prefix + "." + f.json_name;
      if (!f.patch_strategy.empty() || !f.patch_merge_key.empty() || !f.list_type.empty() ||
          !f.list_map_keys.empty()) {
        out[path] = {f.patch_strategy, f.patch_merge_key, f.list_type, f.list_map_keys};
      }
      const model::Type* t = &f.type;
      while (t->elem) t = t->elem.get();
      if (t->kind == model::Type::Kind::kStruct) {
        Walk(t->struct_group ? *t->struct_group : group,
             t->struct_group ? t->struct_version : version, t->struct_name, path, out);
      }
    }
    on_path_.erase(key);
  }

 private:
  const model::Struct* Find(const std::string& group, const std::string& version,
                            const std::string& name) const {
    auto g = model_.groups.find(group);
    if (g == model_.groups.end()) return nullptr;
    auto v = g->second.versions.find(version);
    if (v == g->second.versions.end()) return nullptr;
    for (const auto& s : v->second.structs) {
      if (s.name == name) return &s;
    }
    return nullptr;
  }

  const model::Model& model_;
  std::set<std::string> on_path_;
};

}  // namespace

std::map<std::string, FieldMerge> MergeFields(const model::Model& m, const model::Group& g,
                                              const model::Version& v, const model::Kind& k) {
  std::map<std::string, FieldMerge> out;
  MergeWalker(m).Walk(g.name, v.name, k.name, "", out);
  return out;
}

std::vector<KindInfo> SchemeKinds(const model::Model& m) {
  std::vector<KindInfo> out;
  for (const auto& [gname, g] : m.groups) {
    for (const auto& [vname, v] : g.versions) {
      for (const auto& k : v.kinds) {
        KindInfo info;
        info.gvk = {g.name, v.name, k.ApiName()};
        info.plural = k.plural;
        info.singular = k.singular;
        info.namespaced = k.namespaced;
        info.subresources = k.subresources;
        auto verbs = DiscoveryVerbs(k);
        if (verbs.size() != 8) info.verbs = std::move(verbs);
        info.short_names = k.short_names;
        info.field_labels = k.field_labels;
        info.namespace_field_label = k.namespace_field_label;
        info.field_label_error = k.field_label_error;
        info.merge_fields = MergeFields(m, g, v, k);
        out.push_back(std::move(info));
      }
    }
  }
  return out;
}

}  // namespace kube::gen
