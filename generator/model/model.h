// The generator's model: groups, versions, kinds, their types and verbs, independent of the
// schema format they were loaded from. Loaders build it; emitters read it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kube/scheme.h"

namespace kube::gen::model {

// A field's type. Runtime kinds map to kube:: types; kStruct names a generated struct, of the
// same group version unless `struct_group`/`struct_version` name another (a definition is
// emitted once, where its name places it, and referred to from everywhere else).
struct Type {
  enum class Kind {
    kString,
    kBool,
    kInt32,
    kInt64,
    kDouble,
    kBytes,  // scalars
    kTime,
    kMicroTime,
    kDuration,
    kIntOrString,
    kQuantity,
    kRawJSON,
    kObjectMeta,
    kListMeta,
    kCondition,
    kLabelSelector,
    kLabelSelectorRequirement,
    kObjectReference,
    kOwnerReference,
    kManagedFieldsEntry,
    kStruct,
    kArray,
    kMap,
  };
  Kind kind = Kind::kString;
  std::string struct_name{};  // kStruct
  // kStruct of another group version; both empty for the holder's own.
  std::optional<std::string> struct_group{};
  std::string struct_version{};
  std::shared_ptr<Type> elem{};  // kArray, kMap

  bool IsScalar() const { return kind <= Kind::kBytes; }
  // Values that become std::optional<T> when not required.
  bool IsOptionalScalar() const {
    return IsScalar() || kind == Kind::kTime || kind == Kind::kMicroTime ||
           kind == Kind::kDuration || kind == Kind::kIntOrString || kind == Kind::kQuantity;
  }
  // Objects: generated structs and the runtime's object types.
  bool IsObject() const {
    return kind == Kind::kStruct ||
           (kind >= Kind::kObjectMeta && kind <= Kind::kManagedFieldsEntry);
  }
  // The C++ type; a struct of another group version is named by `qualify(group, version)`
  // followed by "::" and its name.
  std::string CppType(
      const std::function<std::string(const std::string& group, const std::string& version)>&
          qualify = nullptr) const;
};

// How a member keeps "absent" apart from "present" (DESIGN "Type mapping, and presence").
enum class Presence {
  kPlain,     // always a value: required members, metadata, spec, status, lists, maps, RawJSON
  kOptional,  // std::optional<T>: scalars, strings, times, quantities, int-or-string
  kHeap,      // kube::Optional<T>: nested objects, one pointer wide when absent
};

struct Field {
  std::string json_name{};
  std::string cpp_name{};
  Type type;
  bool required = false;
  Presence presence = Presence::kPlain;
  std::vector<std::string> enum_values{};
  std::string description{};
  // What strategic merge patch and server-side apply need (x-kubernetes-* extensions).
  std::string list_type{};  // "atomic", "set", "map"
  std::vector<std::string> list_map_keys{};
  std::string patch_strategy{};  // "merge", "replace", "retainKeys", "merge,retainKeys"
  std::string patch_merge_key{};
};

// The presence a member gets: plain when required, for metadata, spec and status objects (Go
// keeps them as values), lists, maps and verbatim JSON; otherwise optional.
Presence PresenceOf(const std::string& json_name, const Type& type, bool required);

struct Struct {
  std::string name{};  // C++ name
  // For a top-level object (apiVersion, kind, metadata): its kind; it gets kApiVersion/kKind
  // constants and JSON codecs for users.
  std::string kind{};
  std::string description{};
  std::vector<Field> fields{};
  std::string source{};  // "file:line:col" it came from
  // Set when this inline schema had the shape of the struct named here (controller-gen writes a
  // Go type's schema again at every use): the name is then an alias of that struct, kept so
  // that every path's type name still names a type, and it has no fields of its own.
  std::string alias_of{};
  bool IsAlias() const { return !alias_of.empty(); }
};

// What makes two structs interchangeable: their fields, in order, with names, types, presence,
// enum values and merge metadata; not their names, descriptions or sources.
std::string ShapeKey(const Struct& s);

struct Kind {
  std::string name{};  // C++ name: "Flunder"
  // The kind as the API spells it, when that is not `name`: a CRD's `kind: postgresql` (Zalando's
  // postgres-operator), whose type Go and C++ name Postgresql.
  std::string api_name{};
  std::string plural{};    // resource name: "networkpolicies"
  std::string accessor{};  // clientset accessor: "NetworkPolicies"
  std::string singular{};
  bool namespaced = true;
  std::vector<std::string> subresources{};
  std::set<std::string>
      verbs{};  // create update updateStatus delete deleteCollection get list watch patch
  std::vector<std::string> short_names{};
  // Field selectors beyond metadata.name/namespace: a CRD version's selectableFields, the
  // built-in kinds' own ("spec.nodeName"); see kube::KindInfo.
  std::vector<kube::FieldLabel> field_labels{};
  bool namespace_field_label = true;
  std::string field_label_error{};
  std::string source_file{};
  const std::string& ApiName() const { return api_name.empty() ? name : api_name; }
  bool HasVerb(const std::string& v) const { return verbs.count(v) != 0; }
  bool HasSubresource(const std::string& s) const;
};

struct Version {
  std::string name{};  // "v1beta1"
  std::vector<Kind> kinds{};
  std::vector<Struct> structs{};  // in dependency order: a struct follows those it holds
  // The first inline struct of each shape (ShapeKey), which later inline structs of that shape
  // become aliases of.
  std::map<std::string, std::string> inline_shapes{};
  std::set<std::string> source_files{};
};

struct Group {
  std::string name{};      // "wardle.example.com", "" for core
  std::string cpp_name{};  // "wardle", "core"
  std::string source{};    // "file:line:col" of the schema that first named the group
  std::map<std::string, Version> versions{};
};

struct Model {
  std::map<std::string, Group> groups{};  // by group name
  std::set<std::string> source_files{};
  // OpenAPI definitions already converted, by full name ("io.k8s.api.core.v1.PodSpec"): every
  // OpenAPI v3 document of a server repeats the definitions it uses, which are emitted once.
  std::map<std::string, Type> definitions{};
};

// All verbs a kind has when its schema lists none.
const std::vector<std::string>& AllVerbs();

}  // namespace kube::gen::model
