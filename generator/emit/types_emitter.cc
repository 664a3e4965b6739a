#include "emit/types_emitter.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "emit/cpp_layout.h"
#include "model/naming.h"

namespace kube::gen {
namespace {

using model::Type;
using nlohmann::json;

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
  std::string reader = "Read";
  const bool value_struct =
      f.type.kind == Type::Kind::kStruct && f.presence == model::Presence::kPlain;
  if (value_struct && !always) {
    // A struct held by value and left out when empty (spec, status) remembers that it came as
    // `{}`, which Go writes for it, so that it is written back (kube::json::ReadValueStruct,
    // which finds the struct's Read template by its namespace).
    reader = "kube::json::ReadValueStruct";
  } else if (value_struct && f.type.struct_group &&
             (*f.type.struct_group != group.name || f.type.struct_version != version.name)) {
    // A struct of another group version, held by value, is read by that version's Read
    // template, named: unqualified, both versions' templates would match it equally well.
    reader = "::" + paths.TypesNs(*f.type.struct_group, f.type.struct_version) + "::Read";
  }
  return {
      {"type", type},
      {"cpp_name", f.cpp_name},
      {"read_call",
       LayoutCall("          ", "return " + reader, {"d", "fv", "out." + f.cpp_name}, ";")},
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

// `friend bool operator==(const T&, const T&);`, declared in the struct: the defaulted
// definition is in types.cc (EqualityDefinition), so that a translation unit comparing two Pods
// calls it instead of compiling the comparison of every type a Pod holds (a second at -O0).
std::string EqualityDeclaration(const std::string& type) {
  const std::string param = "const " + type + "&";
  return LayoutCall("  ", "friend bool operator==", {param, param}, ";");
}

// `bool operator==(const T&, const T&) = default;` at namespace scope in types.cc.
std::string EqualityDefinition(const std::string& type) {
  const std::string head = "bool operator==(";
  const std::string param = "const " + type + "&";
  std::string laid = LayoutCall("", "bool operator==", {param, param}, " = default;");
  const size_t aligned = head.size();
  if (laid.find('\n') != std::string::npos &&
      aligned + param.size() + std::string(") = default;").size() > kColumnLimit &&
      aligned + param.size() + 3 <= kColumnLimit) {
    // The parameters fit aligned but " = default;" does not: clang-format keeps them aligned
    // and breaks after '='.
    return head + param + ",\n" + std::string(aligned, ' ') + param + ") =\n    default;";
  }
  return laid;
}

// The codec of one struct: explicit specializations of its group version's Read and Write
// templates, declared in codec.h and defined in types.cc.
json CodecData(const std::string& type, bool is_kind, const json& fields) {
  auto specialization = [](const std::string& signature) { return "template <>\n" + signature; };
  return {
      {"name", type},
      {"read_declaration",
       specialization(LayoutCall("", "bool Read",
                                 {"kube::json::Decoder& d", "kube::json::Value& v", type + "& out"},
                                 ";"))},
      {"write_declaration",
       specialization(
           LayoutCall("", "void Write", {"kube::json::Writer& w", "const " + type + "& v"}, ";"))},
      {"read_definition", specialization(LayoutCall(
                              "", "bool Read", {"Decoder& d", "Value& v", type + "& out"}, " {"))},
      {"write_definition",
       specialization(LayoutCall("", "void Write", {"Writer& w", "const " + type + "& v"}, " {"))},
      {"is_kind", is_kind},
      {"fields", fields},
      {"by_length", ByLength(fields)}};
}

}  // namespace

Result<void> TypesEmitter::Emit(const model::Group& g, const model::Version& v) {
  const Paths& paths = ctx_.paths();
  std::string api_version = g.name.empty() ? v.name : g.name + "/" + v.name;
  json structs = json::array();
  json all_structs = json::array();
  json codec_types = json::array();
  json declarations = json::array();
  json aliases = json::array();
  std::vector<std::string> includes = {"kube/error.h", "kube/meta.h", "kube/optional.h"};
  for (const auto& s : v.structs) {
    if (s.IsAlias()) {
      aliases.push_back(LayoutAlias("", s.name, s.alias_of));
      continue;
    }
    bool is_kind = !s.kind.empty();
    json fields = json::array();
    json constants = json::array();
    std::set<std::string> constant_names;
    for (const auto& f : s.fields) {
      fields.push_back(FieldData(f, is_kind, paths, g, v));
      ForeignHeaders(f.type, paths, includes);
      for (const auto& e : f.enum_values) {
        std::string name = "k" + TypeName(f.json_name) + ConstantName(e).substr(1);
        if (!constant_names.insert(name).second) continue;
        constants.push_back(
            {{"name", name},
             {"value", Quote(e)},
             {"declaration", LayoutInitialized("  ", "static constexpr std::string_view " + name,
                                               "\"" + Quote(e) + "\"")}});
      }
    }
    json comment = s.description.empty() ? json::array() : Comment(s.description, 0);
    declarations.push_back(LayoutDeclaration("", "struct", s.name, ";"));
    structs.push_back({{"name", s.name},
                       {"head", LayoutDeclaration("", "struct", s.name, " {")},
                       {"comment", comment},
                       {"is_kind", is_kind},
                       {"api_version", api_version},
                       {"kind", s.kind},
                       {"fields", fields},
                       {"constants", constants},
                       {"has_constants", !constants.empty()},
                       {"equality", EqualityDeclaration(s.name)}});
    all_structs.push_back(CodecData(s.name, is_kind, fields));
    all_structs.back()["equality_definition"] = EqualityDefinition(s.name);
    if (is_kind) codec_types.push_back(s.name);
  }
  json kinds_data = json::array();
  for (const auto& k : v.kinds) {
    kinds_data.push_back({{"name", k.name},
                          {"list_kind", k.ApiName() + "List"},
                          {"api_version", api_version},
                          {"list_equality", EqualityDeclaration(k.name + "List")}});
    json list_fields = json::array();
    for (auto [cpp, json_name, writer] : {std::tuple{"api_version", "apiVersion", "Member"},
                                          {"kind", "kind", "Member"},
                                          {"metadata", "metadata", "Member"},
                                          {"items", "items", "RequiredMember"}}) {
      list_fields.push_back({{"cpp_name", cpp},
                             {"json_name", json_name},
                             {"read_call", fmt::format("return Read(d, fv, out.{});", cpp)},
                             {"write_call", fmt::format("kube::json::{}(w, \"{}\", v.{});", writer,
                                                        json_name, cpp)}});
    }
    all_structs.push_back(CodecData(k.name + "List", false, list_fields));
    all_structs.back()["equality_definition"] = EqualityDefinition(k.name + "List");
    codec_types.push_back(k.name + "List");
  }
  std::string own_header = paths.TypesHeader(g.name, v.name);
  includes.erase(std::remove(includes.begin(), includes.end(), own_header), includes.end());
  std::string own_codec = own_header.substr(0, own_header.size() - 7) + "codec.h";
  std::vector<std::string> codec_includes = {own_codec};
  for (const auto& h : includes) {
    if (h.ends_with("/types.h")) codec_includes.push_back(h.substr(0, h.size() - 7) + "codec.h");
  }
  json data = {{"sources", json(v.source_files)},
               {"api_version", api_version},
               {"types_ns", paths.TypesNs(g.name, v.name)},
               {"types_header", own_header},
               {"declarations", declarations},
               {"aliases", aliases},
               {"has_aliases", !aliases.empty()},
               {"includes", SortedIncludes(includes)},
               {"codec_includes", SortedIncludes(codec_includes)},
               {"codec_header_includes",
                SortedIncludes({own_header, "kube/json/decode.h", "kube/json/writer.h"})},
               {"structs", structs},
               {"kinds", kinds_data},
               {"all_structs", all_structs},
               {"codec_types", codec_types}};
  if (auto ok = ctx_.Render("types.h", own_header, data); !ok) return ok;
  if (auto ok = ctx_.Render("codec.h", own_codec, data); !ok) return ok;
  return ctx_.Render("types.cc", own_header.substr(0, own_header.size() - 2) + ".cc", data);
}

}  // namespace kube::gen
