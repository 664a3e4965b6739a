#include "emit/emitter.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "emit/cpp_layout.h"
#include "model/naming.h"
#include "model/scheme_kinds.h"

namespace kube::gen {
namespace {

using model::Type;
using nlohmann::json;

std::string Replace(std::string s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

std::string Quote(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

json Comment(std::string_view text, size_t indent) {
  json lines = json::array();
  // Keep comments to one paragraph of plain text; */ or backslashes at line ends would be
  // hazards, so they are spaced out.
  std::string clean = Replace(std::string(text), "\n", " ");
  for (auto& l : WrapText(clean, kColumnLimit - indent - 3)) {
    while (!l.empty() && l.back() == '\\') l.pop_back();
    lines.push_back(l);
  }
  return lines;
}

struct Paths {
  std::string root_ns;    // "acme::clients"
  std::string root_path;  // "acme/clients"
  const model::Model* model = nullptr;
  std::string GroupCpp(const std::string& group) const {
    auto it = model->groups.find(group);
    return it != model->groups.end() ? it->second.cpp_name : GroupCppName(group);
  }
  std::string TypesNs(const std::string& group, const std::string& version) const {
    return fmt::format("{}::api::{}::{}", root_ns, GroupCpp(group), version);
  }
  std::string TypesHeader(const std::string& group, const std::string& version) const {
    return fmt::format("{}/api/{}/{}/types.h", root_path, GroupCpp(group), version);
  }
  std::string TypedNs(const model::Group& g, const model::Version& v) const {
    return fmt::format("{}::clientset::typed::{}::{}", root_ns, g.cpp_name, v.name);
  }
  std::string TypedDir(const model::Group& g, const model::Version& v) const {
    return fmt::format("{}/clientset/typed/{}/{}", root_path, g.cpp_name, v.name);
  }
};

json Sources(const std::vector<const model::Kind*>& kinds) {
  std::vector<std::string> files;
  for (const auto* k : kinds) files.push_back(k->source_file);
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

// Go's encoding, which real servers send and expect back: optional members are written when
// present (a present empty object too: `emptyDir: {}` selects the volume type), required scalars
// and objects always (`podSelector: {}` selects every pod), and the other plain members
// (metadata, spec, status, lists, maps) only when not empty (omitempty). apiVersion and kind of a
// top-level object are written only when set, so list items without them stay without them.
json FieldData(const model::Field& f, bool is_kind, const Paths& paths, const model::Group& group,
               const model::Version& version) {
  std::string type = f.type.CppType([&](const std::string& g, const std::string& v) {
    return g == group.name && v == version.name ? std::string() : "::" + paths.TypesNs(g, v);
  });
  if (f.presence == model::Presence::kOptional) type = "std::optional<" + type + ">";
  if (f.presence == model::Presence::kHeap) type = "kube::Optional<" + type + ">";
  std::string init;
  bool leading = is_kind && (f.json_name == "apiVersion" || f.json_name == "kind" ||
                             f.json_name == "metadata");
  if (is_kind && f.json_name == "apiVersion") {
    init = "{kApiVersion}";
  } else if (is_kind && f.json_name == "kind") {
    init = "{kKind}";
  } else if (f.presence == model::Presence::kPlain) {
    switch (f.type.kind) {
      case Type::Kind::kBool:
        init = " = false";
        break;
      case Type::Kind::kInt32:
      case Type::Kind::kInt64:
      case Type::Kind::kDouble:
        init = " = 0";
        break;
      default:
        break;
    }
  }
  // Required lists and maps are still left out when empty: the OpenAPI spec marks some as
  // required that Go tags omitempty, and real objects come without them.
  bool always = f.required && !leading && f.presence == model::Presence::kPlain &&
                f.type.kind != Type::Kind::kArray && f.type.kind != Type::Kind::kMap;
  return {
      {"type", type},
      {"cpp_name", f.cpp_name},
      {"json_name", Quote(f.json_name)},
      {"init", init},
      {"declaration", LayoutDeclaration("  ", type, f.cpp_name + init)},
      {"comment", leading ? json::array() : Comment(f.description, 2)},
      {"write_call", LayoutCall("  ", always ? "kube::json::RequiredMember" : "kube::json::Member",
                                {"w", "\"" + Quote(f.json_name) + "\"", "v." + f.cpp_name}, ";")}};
}

// Headers of the other group versions whose structs `t` names.
void ForeignHeaders(const Type& t, const Paths& paths, std::vector<std::string>& out) {
  if (t.kind == Type::Kind::kStruct && t.struct_group) {
    out.push_back(paths.TypesHeader(*t.struct_group, t.struct_version));
  }
  if (t.elem) ForeignHeaders(*t.elem, paths, out);
}

json ByLength(const json& fields) {
  std::map<size_t, json> groups;
  for (const auto& f : fields) {
    size_t len =
        f["json_name"].get<std::string>().size();  // escaped names never appear in practice
    if (!groups.count(len)) groups[len] = json::array();
    groups[len].push_back(f);
  }
  json out = json::array();
  for (auto& [len, fs] : groups) out.push_back({{"len", len}, {"fields", fs}});
  return out;
}

struct Method {
  std::string name;
  std::string result;
  std::vector<std::string> params;
  std::string default_tail;  // default argument text kept only on the interface
  std::string body;
};

std::vector<Method> Methods(const model::Kind& k) {
  const std::string& K = k.name;
  const std::string ctx = "const kube::Context& ctx";
  std::vector<Method> m;
  if (k.HasVerb("create")) {
    m.push_back({"Create",
                 "kube::Result<" + K + ">",
                 {ctx, "const " + K + "& obj", "const kube::CreateOptions& opts"},
                 "",
                 "return client_.Create(ctx, obj, opts);"});
  }
  if (k.HasVerb("update")) {
    m.push_back({"Update",
                 "kube::Result<" + K + ">",
                 {ctx, "const " + K + "& obj", "const kube::UpdateOptions& opts"},
                 "",
                 "return client_.Update(ctx, obj, opts);"});
  }
  if (k.HasVerb("updateStatus") && k.HasSubresource("status")) {
    m.push_back({"UpdateStatus",
                 "kube::Result<" + K + ">",
                 {ctx, "const " + K + "& obj", "const kube::UpdateOptions& opts"},
                 "",
                 "return client_.UpdateStatus(ctx, obj, opts);"});
  }
  if (k.HasVerb("delete")) {
    m.push_back({"Delete",
                 "kube::Result<void>",
                 {ctx, "std::string_view name", "const kube::DeleteOptions& opts"},
                 "",
                 "return client_.Delete(ctx, name, opts);"});
  }
  if (k.HasVerb("deleteCollection")) {
    m.push_back({"DeleteCollection",
                 "kube::Result<void>",
                 {ctx, "const kube::DeleteOptions& opts", "const kube::ListOptions& list_opts"},
                 "",
                 "return client_.DeleteCollection(ctx, opts, list_opts);"});
  }
  if (k.HasVerb("get")) {
    m.push_back({"Get",
                 "kube::Result<" + K + ">",
                 {ctx, "std::string_view name", "const kube::GetOptions& opts"},
                 "",
                 "return client_.Get(ctx, name, opts);"});
  }
  if (k.HasVerb("list")) {
    m.push_back({"List",
                 "kube::Result<" + K + "List>",
                 {ctx, "const kube::ListOptions& opts"},
                 "",
                 "return client_.List(ctx, opts);"});
  }
  if (k.HasVerb("watch")) {
    m.push_back({"Watch",
                 "kube::Result<std::unique_ptr<kube::Watcher<" + K + ">>>",
                 {ctx, "const kube::ListOptions& opts"},
                 "",
                 "return client_.Watch(ctx, opts);"});
  }
  if (k.HasVerb("patch")) {
    m.push_back({"Patch",
                 "kube::Result<" + K + ">",
                 {ctx, "std::string_view name", "kube::PatchType type", "std::string_view data",
                  "const kube::PatchOptions& opts", "const std::vector<std::string>& subresources"},
                 " = {}",
                 "return client_.Patch(ctx, name, type, data, opts, subresources);"});
  }
  if (k.HasSubresource("scale")) {
    m.push_back({"GetScale",
                 "kube::Result<kube::Scale>",
                 {ctx, "std::string_view name", "const kube::GetOptions& opts"},
                 "",
                 "return client_.GetSubresource<kube::Scale>(ctx, name, \"scale\", opts);"});
    m.push_back({"UpdateScale",
                 "kube::Result<kube::Scale>",
                 {ctx, "std::string_view name", "const kube::Scale& scale",
                  "const kube::UpdateOptions& opts"},
                 "",
                 "return client_.UpdateSubresource(ctx, name, \"scale\", scale, opts);"});
  }
  return m;
}

json MethodData(const std::vector<Method>& methods) {
  json out = json::array();
  for (const auto& m : methods) {
    std::vector<std::string> decl_params = m.params;
    if (!m.default_tail.empty()) decl_params.back() += m.default_tail;
    out.push_back(
        {{"declaration",
          LayoutCall("  ", "virtual " + m.result + " " + m.name, decl_params, " = 0;")},
         {"function",
          LayoutFunction("  ", LayoutCall("  ", m.result + " " + m.name, m.params, " override {"),
                         m.body)}});
  }
  return out;
}

class Builder {
 public:
  Builder(const TemplateSet& t, const EmitOptions& o) : templates_(t) {
    paths_.root_ns = o.root_namespace;
    paths_.root_path = Replace(o.root_namespace, "::", "/");
  }

  Result<std::vector<OutputFile>> Run(const model::Model& model) {
    paths_.model = &model;
    json clientset_groups = json::array();
    std::vector<std::string> clientset_includes = {"kube/error.h", "kube/rest/config.h"};
    json scheme_kinds = json::array();
    std::vector<const model::Kind*> all_kinds;
    for (const auto& [gname, g] : model.groups) {
      for (const auto& [vname, v] : g.versions) {
        std::vector<const model::Kind*> kinds;
        for (const auto& k : v.kinds) kinds.push_back(&k);
        all_kinds.insert(all_kinds.end(), kinds.begin(), kinds.end());
        if (auto ok = Types(g, v, kinds); !ok) return Fail(ok.error());
        for (const auto& k : v.kinds) {
          if (auto ok = TypedClient(g, v, k); !ok) return Fail(ok.error());
          json subs = k.subresources;
          scheme_kinds.push_back(
              {{"group", g.name},
               {"version", v.name},
               {"kind", k.name},
               {"plural", k.plural},
               {"singular", k.singular},
               {"namespaced", k.namespaced ? "true" : "false"},
               {"subresources", LayoutList(k.subresources)},
               {"verbs", HasAllVerbs(k) ? json() : json(LayoutList(DiscoveryVerbs(k)))},
               {"short_names", LayoutList(k.short_names)},
               {"merge_fields", MergeFieldData(MergeFields(model, g, v, k))},
               {"has_merge", !MergeFields(model, g, v, k).empty()}});
        }
        if (kinds.empty()) continue;  // types only (a group version without resources)
        if (auto ok = GroupClient(g, v, kinds); !ok) return Fail(ok.error());
        std::string accessor = GroupAccessor(g.cpp_name, v.name);
        std::string typed = fmt::format("typed::{}::{}", g.cpp_name, v.name);
        std::string member = SnakeCase(accessor) + "_";
        clientset_includes.push_back(paths_.TypedDir(g, v) + "/" + g.cpp_name + "_client.h");
        clientset_groups.push_back(
            {{"accessor", accessor},
             {"function", LayoutFunction("",
                                         LayoutCall("",
                                                    fmt::format("{}::{}Interface& Clientset::{}",
                                                                typed, accessor, accessor),
                                                    {}, " {"),
                                         fmt::format("return {};", member))},
             {"header", paths_.TypedDir(g, v) + "/" + g.cpp_name + "_client.h"},
             {"declaration",
              LayoutCall("  ",
                         fmt::format("virtual {}::{}Interface& {}", typed, accessor, accessor), {},
                         " = 0;")},
             {"override",
              LayoutCall("  ", fmt::format("{}::{}Interface& {}", typed, accessor, accessor), {},
                         " override;")},
             {"member_declaration",
              LayoutDeclaration("  ", fmt::format("{}::{}Client", typed, accessor), member)},
             {"typed_ns", fmt::format("typed::{}::{}", g.cpp_name, v.name)},
             {"member", SnakeCase(accessor) + "_"}});
      }
    }
    json common = {{"sources", Sources(all_kinds)},
                   {"root_ns", paths_.root_ns},
                   {"root_path", paths_.root_path}};
    json scheme = common;
    scheme["kinds"] = scheme_kinds;
    scheme["has_merge_fields"] =
        std::any_of(scheme_kinds.begin(), scheme_kinds.end(),
                    [](const json& k) { return !k["merge_fields"].empty(); });
    json headers = json::array();
    for (const auto& [gname, g] : model.groups) {
      for (const auto& [vname, v] : g.versions)
        headers.push_back(paths_.TypesHeader(g.name, v.name));
    }
    scheme["type_headers"] = headers;
    if (auto ok = Render("scheme.h", paths_.root_path + "/scheme.h", scheme); !ok)
      return Fail(ok.error());
    if (auto ok = Render("scheme.cc", paths_.root_path + "/scheme.cc", scheme); !ok)
      return Fail(ok.error());
    json cs = common;
    cs["groups"] = clientset_groups;
    cs["includes"] = SortedIncludes(clientset_includes);
    cs["first_accessor"] = clientset_groups.empty() ? "" : clientset_groups[0]["accessor"];
    // The constructor's initializers on one line when they fit (as clang-format packs them),
    // else one per line.
    std::vector<std::string> inits = {"client_(std::move(client))"};
    for (const auto& g : clientset_groups)
      inits.push_back(g["member"].get<std::string>() + "(client_)");
    std::string one_line, per_line;
    for (size_t i = 0; i < inits.size(); ++i) {
      one_line += (i ? ", " : "") + inits[i];
      per_line += (i ? ",\n      " : "") + inits[i];
    }
    cs["initializers"] = 6 + one_line.size() + 3 <= kColumnLimit ? one_line : per_line;
    if (auto ok = Render("clientset.h", paths_.root_path + "/clientset/clientset.h", cs); !ok)
      return Fail(ok.error());
    if (auto ok = Render("clientset.cc", paths_.root_path + "/clientset/clientset.cc", cs); !ok)
      return Fail(ok.error());
    std::sort(files_.begin(), files_.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    return std::move(files_);
  }

 private:
  static json SortedIncludes(std::vector<std::string> headers) {
    std::sort(headers.begin(), headers.end());
    headers.erase(std::unique(headers.begin(), headers.end()), headers.end());
    return headers;
  }

  static json MergeFieldData(const std::map<std::string, FieldMerge>& fields) {
    json out = json::array();
    for (const auto& [path, f] : fields) {
      std::string keys = LayoutList(f.list_map_keys).is_null()
                             ? "{}"
                             : LayoutList(f.list_map_keys).get<std::string>();
      // One line per rule: a table of data, kept out of clang-format's way (it would split the
      // long paths' string literals).
      out.push_back(
          {{"call", fmt::format("Merge(info, \"{}\", \"{}\", \"{}\", \"{}\", {});", Quote(path),
                                f.patch_strategy, f.patch_merge_key, f.list_type, keys)}});
    }
    return out;
  }

  static std::string Equality(const std::string& type) {
    const std::string head = "friend bool operator==(";
    const std::string param = "const " + type + "&";
    std::string laid = LayoutCall("  ", "friend bool operator==", {param, param}, " = default;");
    const size_t aligned = 2 + head.size();
    if (laid.find('\n') != std::string::npos &&
        aligned + param.size() + std::string(") = default;").size() > kColumnLimit &&
        aligned + param.size() + 3 <= kColumnLimit) {
      // The parameters fit aligned but " = default;" does not: clang-format keeps them aligned
      // and breaks after '='.
      return head + param + ",\n" + std::string(aligned, ' ') + param + ") =\n      default;";
    }
    return laid;
  }
  static std::string ReadDeclaration(const std::string& type) {
    return LayoutCall("", "bool Read",
                      {"kube::json::Decoder& d", "kube::json::Value& v", type + "& out"}, ";");
  }
  static std::string ReadDefinition(const std::string& type) {
    return LayoutCall("", "bool Read", {"Decoder& d", "Value& v", type + "& out"}, " {");
  }
  static std::string WriteDefinition(const std::string& type) {
    return LayoutCall("", "void Write", {"Writer& w", "const " + type + "& v"}, " {");
  }
  static std::string WriteDeclaration(const std::string& type) {
    return LayoutCall("", "void Write", {"kube::json::Writer& w", "const " + type + "& v"}, ";");
  }

  static bool HasAllVerbs(const model::Kind& k) { return DiscoveryVerbs(k).size() == 8; }

  // `{"a", "b"}` for a string list in a KindInfo initializer; null (nothing) when empty.
  static json LayoutList(const std::vector<std::string>& items) {
    if (items.empty()) return nullptr;
    std::string out = "{";
    for (size_t i = 0; i < items.size(); ++i) out += (i ? ", \"" : "\"") + items[i] + "\"";
    return out + "}";
  }

  Result<void> Render(const std::string& tmpl, const std::string& path, const json& data) {
    auto text = templates_.Render(tmpl, data);
    if (!text) return Fail(text.error());
    files_.push_back({path, std::move(*text)});
    return {};
  }

  Result<void> Types(const model::Group& g, const model::Version& v,
                     const std::vector<const model::Kind*>& kinds) {
    std::string api_version = g.name.empty() ? v.name : g.name + "/" + v.name;
    json structs = json::array();
    json all_structs = json::array();
    json codec_types = json::array();
    json declarations = json::array();
    std::vector<std::string> includes = {"kube/error.h", "kube/meta.h", "kube/optional.h"};
    for (const auto& s : v.structs) {
      bool is_kind = !s.kind.empty();
      json fields = json::array();
      json constants = json::array();
      std::set<std::string> constant_names;
      for (const auto& f : s.fields) {
        fields.push_back(FieldData(f, is_kind, paths_, g, v));
        ForeignHeaders(f.type, paths_, includes);
        for (const auto& e : f.enum_values) {
          std::string name = "k" + TypeName(f.json_name) + ConstantName(e).substr(1);
          if (!constant_names.insert(name).second) continue;
          constants.push_back({{"name", name}, {"value", Quote(e)}});
        }
      }
      json comment = s.description.empty() ? json::array() : Comment(s.description, 0);
      declarations.push_back(s.name);
      structs.push_back({{"name", s.name},
                         {"comment", comment},
                         {"is_kind", is_kind},
                         {"api_version", api_version},
                         {"kind", s.kind},
                         {"fields", fields},
                         {"constants", constants},
                         {"has_constants", !constants.empty()},
                         {"equality", Equality(s.name)}});
      all_structs.push_back({{"name", s.name},
                             {"read_declaration", ReadDeclaration(s.name)},
                             {"write_declaration", WriteDeclaration(s.name)},
                             {"read_definition", ReadDefinition(s.name)},
                             {"write_definition", WriteDefinition(s.name)},
                             {"is_kind", is_kind},
                             {"fields", fields},
                             {"by_length", ByLength(fields)}});
      if (is_kind) codec_types.push_back(s.name);
    }
    json kinds_data = json::array();
    for (const auto* k : kinds) {
      kinds_data.push_back({{"name", k->name},
                            {"api_version", api_version},
                            {"list_equality", Equality(k->name + "List")}});
      json list_fields = json::array();
      for (auto [cpp, json_name, writer] : {std::tuple{"api_version", "apiVersion", "Member"},
                                            {"kind", "kind", "Member"},
                                            {"metadata", "metadata", "Member"},
                                            {"items", "items", "RequiredMember"}}) {
        list_fields.push_back({{"cpp_name", cpp},
                               {"json_name", json_name},
                               {"write_call", fmt::format("kube::json::{}(w, \"{}\", v.{});",
                                                          writer, json_name, cpp)}});
      }
      all_structs.push_back({{"name", k->name + "List"},
                             {"read_declaration", ReadDeclaration(k->name + "List")},
                             {"write_declaration", WriteDeclaration(k->name + "List")},
                             {"read_definition", ReadDefinition(k->name + "List")},
                             {"write_definition", WriteDefinition(k->name + "List")},
                             {"is_kind", false},
                             {"fields", list_fields},
                             {"by_length", ByLength(list_fields)}});
      codec_types.push_back(k->name + "List");
    }
    std::string own_header = paths_.TypesHeader(g.name, v.name);
    includes.erase(std::remove(includes.begin(), includes.end(), own_header), includes.end());
    std::string own_codec = own_header.substr(0, own_header.size() - 7) + "codec.h";
    std::vector<std::string> codec_includes = {own_codec};
    for (const auto& h : includes) {
      if (h.ends_with("/types.h")) codec_includes.push_back(h.substr(0, h.size() - 7) + "codec.h");
    }
    json data = {{"sources", json(v.source_files)},
                 {"api_version", api_version},
                 {"types_ns", paths_.TypesNs(g.name, v.name)},
                 {"types_header", own_header},
                 {"declarations", declarations},
                 {"includes", SortedIncludes(includes)},
                 {"codec_includes", SortedIncludes(codec_includes)},
                 {"codec_header_includes",
                  SortedIncludes({own_header, "kube/json/decode.h", "kube/json/writer.h"})},
                 {"structs", structs},
                 {"kinds", kinds_data},
                 {"all_structs", all_structs},
                 {"codec_types", codec_types}};
    if (auto ok = Render("types.h", own_header, data); !ok) return ok;
    if (auto ok = Render("codec.h", own_codec, data); !ok) return ok;
    return Render("types.cc", own_header.substr(0, own_header.size() - 2) + ".cc", data);
  }

  // `client_(client, {group, version, plural}, ns) {}` after the constructor's "      : ":
  // clang-format splits the empty body's braces before it wraps the arguments.
  static std::string Initializer(const model::Group& g, const model::Version& v,
                                 const model::Kind& k) {
    const std::string indent(8, ' ');
    std::vector<std::string> args = {
        "std::move(client)", fmt::format("{{\"{}\", \"{}\", \"{}\"}}", g.name, v.name, k.plural),
        "std::move(ns)"};
    std::string laid = LayoutCall(indent, "client_", args, "");
    size_t last_line =
        laid.size() - (laid.rfind('\n') == std::string::npos ? 0 : laid.rfind('\n') + 1);
    size_t col = (laid.find('\n') == std::string::npos ? indent.size() : 0) + last_line;
    if (col + 3 <= kColumnLimit) return laid + " {}";
    if (col + 2 <= kColumnLimit) return laid + " {\n  }";
    return LayoutCall(indent, "client_", args, " {}");
  }

  // `class name : public base {`, broken before the colon when it does not fit.
  static std::string ClassHead(const std::string& name, const std::string& base) {
    std::string one = "class " + name + " : public " + base + " {";
    if (one.size() <= kColumnLimit) return one;
    return "class " + name + "\n    : public " + base + " {";
  }

  Result<void> TypedClient(const model::Group& g, const model::Version& v, const model::Kind& k) {
    std::string header = paths_.TypedDir(g, v) + "/" + Lower(k.name) + ".h";
    std::vector<std::string> params = {"std::shared_ptr<kube::rest::Client> client"};
    if (k.namespaced) params.push_back("std::string ns");
    std::string head = fmt::format("std::unique_ptr<{0}Interface> New{0}Client", k.name);
    std::vector<std::string> includes = {paths_.TypesHeader(g.name, v.name), "kube/context.h",
                                         "kube/error.h", "kube/options.h", "kube/watch.h"};
    if (k.HasSubresource("scale")) includes.push_back("kube/scale.h");
    json data = {
        {"sources", Sources({&k})},
        {"kind", k.name},
        {"plural", k.plural},
        {"group", g.name},
        {"version", v.name},
        {"group_suffix", g.name.empty() ? "" : "." + g.name},
        {"namespaced", k.namespaced},
        {"types_header", paths_.TypesHeader(g.name, v.name)},
        {"types_ns_abs", "::" + paths_.TypesNs(g.name, v.name)},
        {"typed_ns", paths_.TypedNs(g, v)},
        {"typed_header", header},
        {"title", Comment(fmt::format("{}Interface: the context-first client of {}{}", k.name,
                                      k.plural, g.name.empty() ? "" : "." + g.name),
                          0)},
        {"about", Comment(fmt::format("{}Interface has a method for each verb of {}; "
                                      "every call takes the context first and an "
                                      "options struct (KEP 1601). Implementations are "
                                      "safe to use from many threads.",
                                      k.name, k.plural),
                          0)},
        {"alias", LayoutAlias("", k.name, "::" + paths_.TypesNs(g.name, v.name) + "::" + k.name)},
        {"list_alias", LayoutAlias("", k.name + "List",
                                   "::" + paths_.TypesNs(g.name, v.name) + "::" + k.name + "List")},
        {"initializer", Initializer(g, v, k)},
        {"class_head", ClassHead(k.name + "Client final", k.name + "Interface")},
        {"methods", MethodData(Methods(k))},
        {"new_client_decl", LayoutCall("", head, params, ";")},
        {"new_client_def", LayoutCall("", head, params, " {")},
        {"ns_arg", k.namespaced ? "std::move(ns)" : "std::string()"},
        {"includes", SortedIncludes(includes)}};
    if (auto ok = Render("typed_client.h", header, data); !ok) return ok;
    return Render("typed_client.cc", header.substr(0, header.size() - 2) + ".cc", data);
  }

  Result<void> GroupClient(const model::Group& g, const model::Version& v,
                           const std::vector<const model::Kind*>& kinds) {
    std::string accessor = GroupAccessor(g.cpp_name, v.name);
    std::string header = paths_.TypedDir(g, v) + "/" + g.cpp_name + "_client.h";
    json resources = json::array();
    std::vector<std::string> resource_headers;
    for (const auto* k : kinds) {
      resource_headers.push_back(paths_.TypedDir(g, v) + "/" + Lower(k->name) + ".h");
      std::string method = k->accessor;
      std::string result = fmt::format("std::unique_ptr<{}Interface>", k->name);
      std::vector<std::string> params;
      if (k->namespaced) params.push_back("std::string_view ns");
      resources.push_back(
          {{"kind", k->name},
           {"header", paths_.TypedDir(g, v) + "/" + Lower(k->name) + ".h"},
           {"declaration", LayoutCall("  ", "virtual " + result + " " + method, params, " = 0;")},
           {"override", LayoutCall("  ", result + " " + method, params, " override;")},
           {"function",
            LayoutFunction(
                "", LayoutCall("", result + " " + accessor + "Client::" + method, params, " {"),
                fmt::format("return New{}Client(client_{});", k->name,
                            k->namespaced ? ", std::string(ns)" : ""))}});
    }
    json data = {{"sources", Sources(kinds)},
                 {"accessor", accessor},
                 {"title", Comment(fmt::format("{}Interface: the clients of the {}/{} resources.",
                                               accessor, g.name.empty() ? "core" : g.name, v.name),
                                   0)},
                 {"constructor", LayoutCall("", accessor + "Client::" + accessor + "Client",
                                            {"std::shared_ptr<kube::rest::Client> client"}, "")},
                 {"group", g.name.empty() ? "core" : g.name},
                 {"version", v.name},
                 {"typed_ns", paths_.TypedNs(g, v)},
                 {"header", header},
                 {"resources", resources},
                 {"includes", SortedIncludes(resource_headers)}};
    if (auto ok = Render("group_client.h", header, data); !ok) return ok;
    return Render("group_client.cc", header.substr(0, header.size() - 2) + ".cc", data);
  }

  const TemplateSet& templates_;
  Paths paths_;
  std::vector<OutputFile> files_;
};

}  // namespace

Result<void> ValidateRootNamespace(std::string_view ns) {
  if (ns.empty()) return Fail(Error::InvalidArgument("--namespace may not be empty"));
  size_t start = 0;
  while (true) {
    size_t sep = ns.find("::", start);
    std::string_view part = ns.substr(start, sep == std::string_view::npos ? ns.npos : sep - start);
    bool ok = !part.empty() && !std::isdigit(static_cast<unsigned char>(part[0])) &&
              std::all_of(
                  part.begin(), part.end(),
                  [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }) &&
              !IsCppKeyword(part);
    if (!ok) {
      return Fail(
          Error::InvalidArgument(fmt::format("--namespace \"{}\": \"{}\" is not a C++ identifier "
                                             "(expected e.g. acme or acme::clients)",
                                             ns, part)));
    }
    if (sep == std::string_view::npos) return {};
    start = sep + 2;
  }
}

Result<std::vector<OutputFile>> Emitter::Emit(const model::Model& model) const {
  if (auto ok = ValidateRootNamespace(options_.root_namespace); !ok) return Fail(ok.error());
  // Two groups with the same first DNS label would share a C++ namespace and directory.
  std::map<std::string, std::string> by_cpp_name;
  for (const auto& [name, g] : model.groups) {
    auto [it, inserted] = by_cpp_name.emplace(g.cpp_name, name);
    if (!inserted) {
      return Fail(Error::InvalidArgument(fmt::format(
          "groups \"{}\" and \"{}\" would both be named \"{}\" in C++; give one a \"package\" "
          "(native schemas) or generate them separately",
          it->second, name, g.cpp_name)));
    }
  }
  return Builder(templates_, options_).Run(model);
}

}  // namespace kube::gen
