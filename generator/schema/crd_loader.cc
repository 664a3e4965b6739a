#include "schema/crd_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "kube/scheme.h"
#include "model/naming.h"
#include "schema/api_names.h"
#include "schema/structural_schema.h"

namespace kube::gen {
namespace {

using OrderedJson = nlohmann::ordered_json;

constexpr std::string_view kApiV1 = "apiextensions.k8s.io/v1";
constexpr std::string_view kApiV1beta1 = "apiextensions.k8s.io/v1beta1";

// Whether `name` is a kind of `ver` or a kind's list: names a user's code already spells.
bool IsKindType(const model::Version& ver, const std::string& name) {
  return std::any_of(ver.kinds.begin(), ver.kinds.end(), [&](const model::Kind& k) {
    return k.name == name || k.name + "List" == name;
  });
}

void RenameStruct(model::Type& t, const std::string& from, const std::string& to) {
  if (t.kind == model::Type::Kind::kStruct && !t.struct_group && t.struct_name == from) {
    t.struct_name = to;
  }
  if (t.elem) RenameStruct(*t.elem, from, to);
}

// Gives the nested struct named `name` the first free numbered name (name2, name3, ...), in
// `ver` and in `names`, and points every member that holds it there.
void Renumber(model::Version& ver, const std::string& name, std::set<std::string>& names) {
  const std::string renamed = UnusedTypeName(name, names);
  for (auto& s : ver.structs) {
    if (s.name == name) s.name = renamed;
    if (s.alias_of == name) s.alias_of = renamed;
    for (auto& f : s.fields) RenameStruct(f.type, name, renamed);
  }
  for (auto& [shape, first] : ver.inline_shapes) {
    if (first == name) first = renamed;
  }
  names.erase(name);
  names.insert(renamed);
}

// A kind names a Go type: letters and digits, starting with a letter. The API server accepts a
// lowercase first letter too (`kind: postgresql`), which the type name capitalises.
bool ValidKind(std::string_view k) {
  return !k.empty() && std::isalpha(static_cast<unsigned char>(k[0])) &&
         std::all_of(k.begin(), k.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

bool IsObjectSchema(const OrderedJson& schema) {
  if (!schema.is_object()) return false;
  auto t = schema.find("type");
  return t == schema.end() || (t->is_string() && t->get<std::string>() == "object");
}

// A wrong value as an error shows it: scalars as written in JSON, collections by what they are
// (a whole schema pasted into a message helps nobody).
std::string Shown(const OrderedJson& v) {
  if (v.is_object()) return "a mapping";
  if (v.is_array()) return "a list";
  return v.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

// One served version, ready to become a model::Version's kind.
struct ServedVersion {
  std::string name;
  const OrderedJson* schema = nullptr;
  std::string schema_pointer;
  std::vector<std::string> subresources;
  std::vector<std::string> selectable_fields;  // "spec.color", from jsonPath ".spec.color"
};

// The fields of one CustomResourceDefinition, each read with the pointer it came from so an
// error names its line and column.
class CrdReader {
 public:
  CrdReader(const LocatedJson& doc, const OrderedJson& crd, std::string base)
      : doc_(doc), crd_(crd), base_(std::move(base)) {}

  Result<void> Load(const LoaderOptions& options, model::Model& out) {
    auto api_version = String(crd_, base_, "apiVersion", /*required=*/true,
                              "apiextensions.k8s.io/v1 or apiextensions.k8s.io/v1beta1");
    if (!api_version) return Fail(api_version.error());
    if (*api_version != kApiV1 && *api_version != kApiV1beta1) {
      return Fail(
          doc_.ErrorAt(base_ + "/apiVersion",
                       fmt::format("unsupported apiVersion \"{}\": expected \"{}\" or \"{}\"",
                                   *api_version, kApiV1, kApiV1beta1)));
    }
    beta_ = *api_version == kApiV1beta1;
    const std::string spec_at = base_ + "/spec";
    auto spec = Object(crd_, base_, "spec", /*required=*/true);
    if (!spec) return Fail(spec.error());
    const OrderedJson& s = **spec;

    auto group = String(s, spec_at, "group", true, "the API group, e.g. stable.example.com");
    if (!group) return Fail(group.error());
    // The API server also requires a dot: a CRD's group is a domain its authors own.
    if (!ValidGroup(*group) || group->find('.') == std::string::npos) {
      return Fail(doc_.ErrorAt(spec_at + "/group",
                               fmt::format("invalid group \"{}\": {}{}", *group, kGroupExpectation,
                                           ValidGroup(*group) ? ", with at least one dot" : "")));
    }
    // The group's first label names a C++ namespace (a keyword gets a trailing underscore); the
    // API server also accepts groups whose first label cannot (1password.com).
    const std::string* given = options.GroupName(*group);
    std::string cpp_name = given ? *given : GroupCppName(*group);
    if (cpp_name.empty() || std::isdigit(static_cast<unsigned char>(cpp_name[0]))) {
      return Fail(doc_.ErrorAt(
          spec_at + "/group",
          fmt::format("group \"{}\" cannot be named in C++: its first label \"{}\" must start "
                      "with a letter",
                      *group, cpp_name)));
    }

    const std::string names_at = spec_at + "/names";
    auto names = Object(s, spec_at, "names", true);
    if (!names) return Fail(names.error());
    auto kind_name = String(**names, names_at, "kind", true, "the kind, e.g. CronTab");
    if (!kind_name) return Fail(kind_name.error());
    if (!ValidKind(*kind_name)) {
      return Fail(doc_.ErrorAt(names_at + "/kind", fmt::format("invalid kind \"{}\": expected a "
                                                               "name of letters and digits",
                                                               *kind_name)));
    }
    // The plural is the resource's REST path segment; guessing it would make a client that
    // talks to the wrong URL, and the API server requires it anyway.
    auto plural = String(**names, names_at, "plural", true, "the resource name, e.g. crontabs");
    if (!plural) return Fail(plural.error());
    if (plural->empty()) {
      return Fail(
          doc_.ErrorAt(names_at + "/plural", "expected a non-empty resource name, e.g. crontabs"));
    }
    auto singular = String(**names, names_at, "singular", false, "");
    if (!singular) return Fail(singular.error());
    auto short_names = Strings(**names, names_at, "shortNames");
    if (!short_names) return Fail(short_names.error());

    // v1beta1 defaulted a missing or empty scope to Namespaced; v1 requires it.
    auto scope = String(s, spec_at, "scope", !beta_, "\"Namespaced\" or \"Cluster\"");
    if (!scope) return Fail(scope.error());
    if (beta_ && scope->empty()) *scope = "Namespaced";
    if (*scope != "Namespaced" && *scope != "Cluster") {
      return Fail(doc_.ErrorAt(
          spec_at + "/scope",
          fmt::format("invalid scope \"{}\": expected \"Namespaced\" or \"Cluster\"", *scope)));
    }

    auto versions = Versions(s, spec_at);
    if (!versions) return Fail(versions.error());

    model::Kind kind;
    kind.name = *kind_name;
    if (std::islower(static_cast<unsigned char>(kind.name[0]))) {
      kind.api_name = kind.name;
      kind.name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(kind.name[0])));
    }
    kind.plural = *plural;
    kind.singular = singular->empty() ? Lower(kind.name) : *singular;
    kind.accessor = PluralKindName(kind.name, options.plural_exceptions);
    kind.namespaced = *scope == "Namespaced";
    kind.short_names = *short_names;
    kind.source_file = doc_.file();

    model::Group& g = out.groups[*group];
    if (!g.cpp_name.empty() && g.cpp_name != cpp_name) {
      return Fail(doc_.ErrorAt(spec_at + "/group",
                               fmt::format("group \"{}\" is already named \"{}\" in C++ by another "
                                           "schema",
                                           *group, g.cpp_name)));
    }
    g.name = *group;
    g.cpp_name = cpp_name;
    if (g.source.empty()) g.source = doc_.Where(spec_at + "/group");
    for (const auto& v : *versions) {
      if (auto ok = AddVersion(g, v, kind); !ok) return ok;
    }
    return {};
  }

 private:
  Result<void> AddVersion(model::Group& g, const ServedVersion& v, model::Kind kind) const {
    const std::string kind_at = base_ + "/spec/names/kind";
    kind.subresources = v.subresources;
    // As apiextensions-apiserver converts labels: metadata.namespace only for namespaced kinds,
    // and "field label not supported: X" for any other label (the runtime's message for a kind
    // with labels of its own; a CRD without selectableFields says so too).
    kind.field_labels.assign(v.selectable_fields.begin(), v.selectable_fields.end());
    kind.namespace_field_label = kind.namespaced;
    if (kind.field_labels.empty()) kind.field_label_error = "field label not supported: {}";
    bool has_status = kind.HasSubresource("status");
    for (const auto& verb : model::AllVerbs()) {
      if (verb != "updateStatus" || has_status) kind.verbs.insert(verb);
    }
    model::Version& ver = g.versions[v.name];
    ver.name = v.name;
    ver.source_files.insert(doc_.file());
    for (const auto& k : ver.kinds) {
      if (k.name == kind.name) {
        return Fail(doc_.ErrorAt(kind_at, fmt::format("kind {} of {}/{} is already defined in {}",
                                                      kind.name, g.name, v.name, k.source_file)));
      }
      if (k.plural == kind.plural) {
        return Fail(doc_.ErrorAt(base_ + "/spec/names/plural",
                                 fmt::format("kinds {} and {} of {}/{} have the same plural \"{}\"",
                                             k.name, kind.name, g.name, v.name, kind.plural)));
      }
    }
    // Taken type names: structs and lists of the kinds already here, and this kind's list (so
    // a nested type that would be named like it is numbered instead).
    std::set<std::string> names;
    for (const auto& s : ver.structs) names.insert(s.name);
    for (const auto& k : ver.kinds) names.insert(k.name + "List");
    // A kind keeps its name, and its list's, over a nested type of an earlier kind that took
    // it (kind UpdateStatus after kind Update's status): that type is numbered instead
    // (UpdateStatus2), as a nested type that comes after a kind of its name is.
    for (const std::string& name : {kind.name, kind.name + "List"}) {
      if (names.count(name) && !IsKindType(ver, name)) Renumber(ver, name, names);
    }
    if (!names.insert(kind.name + "List").second) {
      return Fail(
          doc_.ErrorAt(kind_at, fmt::format("type name \"{}List\" is already taken", kind.name)));
    }
    // A structural schema is self-contained: the API server rejects $ref in a CRD.
    RefResolver no_refs = [](SchemaConverter& self, const std::string&,
                             const std::string& pointer) -> Result<model::Type> {
      return Fail(self.doc().ErrorAt(pointer,
                                     "unexpected \"$ref\": a CustomResourceDefinition's "
                                     "schema must be self-contained (structural)"));
    };
    SchemaConverter conv(doc_, ver, names, no_refs);
    conv.MergeRepeatedInlineShapes();
    if (auto ok = conv.Struct(*v.schema, v.schema_pointer, kind.name, ObjectLeadingFields(),
                              {"apiVersion", "kind", "metadata"}, kind.ApiName());
        !ok) {
      return ok;
    }
    ver.kinds.push_back(std::move(kind));
    return {};
  }

  // spec.versions, or v1beta1's single spec.version; only served versions are returned, but
  // every version is checked.
  Result<std::vector<ServedVersion>> Versions(const OrderedJson& spec, const std::string& spec_at) {
    std::vector<ServedVersion> out;
    auto list = spec.find("versions");
    if (list == spec.end() || (beta_ && list->is_null())) {
      if (!beta_) {
        return Fail(doc_.ErrorAt(spec_at,
                                 "missing \"versions\" (a list of versions with "
                                 "name, served and schema.openAPIV3Schema)"));
      }
      auto name = String(spec, spec_at, "version", true, "a version name, e.g. v1");
      if (!name) return Fail(name.error());
      if (!ValidVersion(*name)) return Fail(BadVersion(spec_at + "/version", *name));
      ServedVersion v;
      v.name = *name;
      if (auto ok = Schema(OrderedJson::object(), "", v); !ok) return Fail(ok.error());
      if (auto ok = Subresources(OrderedJson::object(), "", v); !ok) return Fail(ok.error());
      out.push_back(std::move(v));
      return out;
    }
    const std::string list_at = spec_at + "/versions";
    if (!list->is_array()) {
      return Fail(doc_.ErrorAt(list_at, "expected \"versions\" to be a list of versions"));
    }
    if (list->empty()) return Fail(doc_.ErrorAt(list_at, "expected at least one version"));
    std::set<std::string> seen;
    for (size_t i = 0; i < list->size(); ++i) {
      const OrderedJson& item = (*list)[i];
      const std::string at = fmt::format("{}/{}", list_at, i);
      if (!item.is_object()) {
        return Fail(doc_.ErrorAt(at,
                                 "expected a version (a mapping with name, served and "
                                 "schema)"));
      }
      auto name = String(item, at, "name", true, "a version name, e.g. v1");
      if (!name) return Fail(name.error());
      if (!ValidVersion(*name)) return Fail(BadVersion(at + "/name", *name));
      if (!seen.insert(*name).second) {
        return Fail(
            doc_.ErrorAt(at + "/name", fmt::format("version \"{}\" is listed twice", *name)));
      }
      auto served = item.find("served");
      if (served == item.end()) return Fail(doc_.ErrorAt(at, "missing \"served\" (a boolean)"));
      if (!served->is_boolean()) {
        return Fail(doc_.ErrorAt(
            at + "/served",
            fmt::format("expected \"served\" to be true or false, not {}", Shown(*served))));
      }
      if (!served->get<bool>()) continue;
      ServedVersion v;
      v.name = *name;
      if (auto ok = Schema(item, at, v); !ok) return Fail(ok.error());
      if (auto ok = Subresources(item, at, v); !ok) return Fail(ok.error());
      if (auto ok = SelectableFields(item, at, v); !ok) return Fail(ok.error());
      out.push_back(std::move(v));
    }
    return out;
  }

  // The version's schema.openAPIV3Schema, else (v1beta1) spec.validation.openAPIV3Schema.
  Result<void> Schema(const OrderedJson& version, const std::string& at, ServedVersion& v) {
    const OrderedJson* schema = nullptr;
    std::string schema_at;
    if (auto ok = Nested(version, at, "schema", schema, schema_at); !ok) return ok;
    if (!schema && beta_) {
      const OrderedJson& spec = crd_["spec"];
      if (auto ok = Nested(spec, base_ + "/spec", "validation", schema, schema_at); !ok) return ok;
    }
    if (!schema) {
      return Fail(doc_.ErrorAt(at.empty() ? base_ + "/spec" : at,
                               fmt::format("version \"{}\" has no schema: expected {}", v.name,
                                           beta_ ? "\"schema.openAPIV3Schema\" in the version or "
                                                   "\"spec.validation.openAPIV3Schema\""
                                                 : "\"schema.openAPIV3Schema\"")));
    }
    if (!IsObjectSchema(*schema)) {
      return Fail(doc_.ErrorAt(schema_at,
                               "expected \"openAPIV3Schema\" to be an object schema "
                               "(type: object)"));
    }
    v.schema = schema;
    v.schema_pointer = schema_at;
    return {};
  }

  // `holder[key].openAPIV3Schema`, when `holder[key]` is present.
  Result<void> Nested(const OrderedJson& holder, const std::string& at, const char* key,
                      const OrderedJson*& schema, std::string& schema_at) const {
    auto outer = holder.find(key);
    if (outer == holder.end() || outer->is_null()) return {};
    const std::string outer_at = at + "/" + key;
    if (!outer->is_object()) {
      return Fail(doc_.ErrorAt(outer_at, fmt::format("expected \"{}\" to be a mapping with "
                                                     "\"openAPIV3Schema\"",
                                                     key)));
    }
    auto inner = outer->find("openAPIV3Schema");
    if (inner == outer->end()) {
      return Fail(
          doc_.ErrorAt(outer_at, fmt::format("missing \"openAPIV3Schema\" in \"{}\"", key)));
    }
    schema = &*inner;
    schema_at = outer_at + "/openAPIV3Schema";
    return {};
  }

  // The version's selectableFields ({jsonPath: .spec.color}): the field selectors the server
  // accepts for it, as labels ("spec.color").
  Result<void> SelectableFields(const OrderedJson& version, const std::string& at,
                                ServedVersion& v) {
    auto list = version.find("selectableFields");
    if (list == version.end() || list->is_null()) return {};
    const std::string list_at = at + "/selectableFields";
    if (!list->is_array()) {
      return Fail(doc_.ErrorAt(list_at,
                               "expected \"selectableFields\" to be a list of "
                               "{jsonPath: .spec.field}"));
    }
    for (size_t i = 0; i < list->size(); ++i) {
      const std::string item_at = fmt::format("{}/{}", list_at, i);
      const OrderedJson& item = (*list)[i];
      auto path = item.is_object() ? item.find("jsonPath") : item.end();
      if (!item.is_object() || path == item.end() || !path->is_string() ||
          !path->get<std::string>().starts_with(".") || path->get<std::string>().size() < 2) {
        return Fail(doc_.ErrorAt(item_at,
                                 "expected {jsonPath: .spec.field}, a path starting "
                                 "with \".\""));
      }
      v.selectable_fields.push_back(path->get<std::string>().substr(1));
    }
    return {};
  }

  // The version's subresources, else (v1beta1) spec.subresources: status and scale.
  Result<void> Subresources(const OrderedJson& version, const std::string& at, ServedVersion& v) {
    const OrderedJson* subs = nullptr;
    std::string subs_at;
    if (auto s = version.find("subresources"); s != version.end() && !s->is_null()) {
      subs = &*s;
      subs_at = at + "/subresources";
    } else if (beta_) {
      const OrderedJson& spec = crd_["spec"];
      if (auto t = spec.find("subresources"); t != spec.end() && !t->is_null()) {
        subs = &*t;
        subs_at = base_ + "/spec/subresources";
      }
    }
    if (!subs) return {};
    if (!subs->is_object()) {
      return Fail(doc_.ErrorAt(subs_at,
                               "expected \"subresources\" to be a mapping (status, "
                               "scale)"));
    }
    for (const char* name : {"status", "scale"}) {
      auto s = subs->find(name);
      // `status: {}` enables it; an empty `status:` (null) is Go's nil pointer, which does not.
      if (s == subs->end() || s->is_null()) continue;
      if (!s->is_object()) {
        return Fail(doc_.ErrorAt(subs_at + "/" + name,
                                 fmt::format("expected \"{}\" to be a mapping", name)));
      }
      v.subresources.push_back(name);
    }
    return {};
  }

  Error BadVersion(const std::string& at, const std::string& name) const {
    return doc_.ErrorAt(at, fmt::format("invalid version \"{}\": {}", name, kVersionExpectation));
  }

  Result<const OrderedJson*> Object(const OrderedJson& holder, const std::string& at,
                                    const char* key, bool required) const {
    auto it = holder.find(key);
    if (it == holder.end() || it->is_null()) {
      if (!required) return nullptr;
      return Fail(doc_.ErrorAt(at, fmt::format("missing \"{}\" (a mapping)", key)));
    }
    if (!it->is_object()) {
      return Fail(
          doc_.ErrorAt(at + "/" + key, fmt::format("expected \"{}\" to be a mapping", key)));
    }
    return &*it;
  }

  Result<std::string> String(const OrderedJson& holder, const std::string& at, const char* key,
                             bool required, std::string_view what) const {
    auto it = holder.find(key);
    if (it == holder.end() || (!required && it->is_null())) {
      if (!required) return std::string();
      return Fail(doc_.ErrorAt(at, fmt::format("missing \"{}\" ({})", key, what)));
    }
    if (!it->is_string()) {
      return Fail(doc_.ErrorAt(
          at + "/" + key, fmt::format("expected \"{}\" to be a string, not {}", key, Shown(*it))));
    }
    return it->get<std::string>();
  }

  Result<std::vector<std::string>> Strings(const OrderedJson& holder, const std::string& at,
                                           const char* key) const {
    std::vector<std::string> out;
    auto it = holder.find(key);
    if (it == holder.end() || it->is_null()) return out;
    const std::string list_at = at + "/" + key;
    if (!it->is_array()) {
      return Fail(
          doc_.ErrorAt(list_at, fmt::format("expected \"{}\" to be a list of strings", key)));
    }
    for (size_t i = 0; i < it->size(); ++i) {
      if (!(*it)[i].is_string()) {
        return Fail(doc_.ErrorAt(fmt::format("{}/{}", list_at, i), "expected a string"));
      }
      out.push_back((*it)[i].get<std::string>());
    }
    return out;
  }

  const LocatedJson& doc_;
  const OrderedJson& crd_;
  const std::string base_;  // JSON pointer of the CRD in the document ("" or "/items/3")
  bool beta_ = false;
};

}  // namespace

Result<void> LoadCRD(const LocatedJson& doc, const LoaderOptions& options, model::Model& out) {
  const OrderedJson& root = doc.value();
  constexpr std::string_view kExpected =
      "expected \"kind: CustomResourceDefinition\" or a "
      "\"kind: List\" of them";
  if (!root.is_object()) return Fail(doc.ErrorAt("", fmt::format("{} (a mapping)", kExpected)));
  auto kind = root.find("kind");
  if (kind == root.end())
    return Fail(doc.ErrorAt("", fmt::format("missing \"kind\": {}", kExpected)));
  if (!kind->is_string()) return Fail(doc.ErrorAt("/kind", std::string(kExpected)));
  const std::string k = kind->get<std::string>();
  if (k == "CustomResourceDefinition") return CrdReader(doc, root, "").Load(options, out);
  if (k != "List" && k != "CustomResourceDefinitionList") {
    return Fail(doc.ErrorAt("/kind", fmt::format("unexpected kind \"{}\": {}", k, kExpected)));
  }
  auto items = root.find("items");
  if (items == root.end() || items->is_null()) return {};  // an empty List
  if (!items->is_array()) {
    return Fail(doc.ErrorAt("/items",
                            "expected \"items\" to be a list of "
                            "CustomResourceDefinitions"));
  }
  for (size_t i = 0; i < items->size(); ++i) {
    const OrderedJson& item = (*items)[i];
    const std::string at = fmt::format("/items/{}", i);
    auto item_kind = item.is_object() ? item.find("kind") : item.end();
    if (!item.is_object() || item_kind == item.end() || !item_kind->is_string() ||
        item_kind->get<std::string>() != "CustomResourceDefinition") {
      return Fail(doc.ErrorAt(item.is_object() && item_kind != item.end() ? at + "/kind" : at,
                              "expected a \"kind: CustomResourceDefinition\" in the List"));
    }
    if (auto ok = CrdReader(doc, item, at).Load(options, out); !ok) return ok;
  }
  return {};
}

}  // namespace kube::gen
