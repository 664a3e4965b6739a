#include "emit/scheme_emitter.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/openapi_definitions.h"
#include "model/scheme_kinds.h"

namespace kube::gen {
namespace {

using nlohmann::json;

json MergeFieldData(const std::map<std::string, FieldMerge>& fields) {
  json out = json::array();
  for (const auto& [path, f] : fields) {
    json keys = LayoutList(f.list_map_keys);
    // One line per rule: a table of data, kept out of clang-format's way (it would split the
    // long paths' string literals).
    out.push_back(
        {{"call", fmt::format("Merge(info, \"{}\", \"{}\", \"{}\", \"{}\", {});", Quote(path),
                              f.patch_strategy, f.patch_merge_key, f.list_type,
                              keys.is_null() ? "{}" : keys.get<std::string>())}});
  }
  return out;
}

// The model's OpenAPI definitions as a JSON object split one definition per raw string
// literal (adjacent literals concatenate): a diff of the generated file stays one line per
// changed definition.
json OpenAPIChunks(const model::Model& model) {
  json out = json::array();
  const json defs = BuildOpenAPIDefinitions(model).definitions;
  bool first = true;
  for (const auto& [name, def] : defs.items()) {
    out.push_back({{"chunk", (first ? "{" : ",") + json(name).dump() + ":" + def.dump()}});
    first = false;
  }
  out.push_back({{"chunk", first ? "{}" : "}"}});
  return out;
}

// A kind's field labels as a braced list: "spec.nodeName" when the value is the member the
// label names, {"status.successful", {"status.succeeded"}, "0"} otherwise.
json FieldLabelsData(const std::vector<FieldLabel>& labels) {
  if (labels.empty()) return nullptr;
  std::string out = "{";
  for (const auto& f : labels) {
    if (out.size() > 1) out += ", ";
    if (f.paths == std::vector<std::string>{f.label} && f.absent.empty()) {
      out += "\"" + Quote(f.label) + "\"";
      continue;
    }
    std::string paths;
    for (const auto& p : f.paths) paths += (paths.empty() ? "\"" : ", \"") + Quote(p) + "\"";
    std::string absent = f.absent.empty() ? "" : ", \"" + Quote(f.absent) + "\"";
    out += fmt::format("{{\"{}\", {{{}}}{}}}", Quote(f.label), paths, absent);
  }
  return out + "}";
}

}  // namespace

json LayoutList(const std::vector<std::string>& items) {
  if (items.empty()) return nullptr;
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", \"" : "\"") + items[i] + "\"";
  return out + "}";
}

Result<void> SchemeEmitter::Emit() {
  const model::Model& model = ctx_.model();
  json kinds = json::array();
  json headers = json::array();
  std::vector<const model::Kind*> all_kinds;
  for (const auto& [gname, g] : model.groups) {
    for (const auto& [vname, v] : g.versions) {
      headers.push_back(ctx_.paths().TypesHeader(g.name, v.name));
      for (const auto& k : v.kinds) {
        all_kinds.push_back(&k);
        auto merge = MergeFields(model, g, v, k);
        bool all_verbs = DiscoveryVerbs(k).size() == 8;
        kinds.push_back({{"group", g.name},
                         {"version", v.name},
                         {"kind", k.ApiName()},
                         {"plural", k.plural},
                         {"singular", k.singular},
                         {"namespaced", k.namespaced ? "true" : "false"},
                         {"subresources", LayoutList(k.subresources)},
                         {"verbs", all_verbs ? json() : json(LayoutList(DiscoveryVerbs(k)))},
                         {"short_names", LayoutList(k.short_names)},
                         {"field_labels", FieldLabelsData(k.field_labels)},
                         {"no_namespace_field_label", !k.namespace_field_label},
                         {"field_label_error",
                          k.field_label_error.empty() ? json() : json(Quote(k.field_label_error))},
                         {"merge_fields", MergeFieldData(merge)},
                         {"has_merge", !merge.empty()}});
      }
    }
  }
  json data = {{"sources", Sources(all_kinds)},
               {"root_ns", ctx_.paths().root_ns()},
               {"root_path", ctx_.paths().root_path()},
               {"kinds", kinds},
               {"type_headers", headers},
               {"openapi_chunks", OpenAPIChunks(model)}};
  data["has_merge_fields"] = std::any_of(kinds.begin(), kinds.end(),
                                         [](const json& k) { return !k["merge_fields"].empty(); });
  const std::string& root = ctx_.paths().root_path();
  if (auto ok = ctx_.Render("scheme.h", root + "/scheme.h", data); !ok) return ok;
  return ctx_.Render("scheme.cc", root + "/scheme.cc", data);
}

}  // namespace kube::gen
