// The generator's model: groups, versions, kinds, their types and verbs, independent of the
// schema format they were loaded from. Loaders build it; emitters read it.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kube::gen::model {

// A field's type. Runtime kinds map to kube:: types; kStruct names a struct of the same
// group version.
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
    kObjectReference,
    kOwnerReference,
    kStruct,
    kArray,
    kMap,
  };
  Kind kind = Kind::kString;
  std::string struct_name{};     // kStruct
  std::shared_ptr<Type> elem{};  // kArray, kMap

  bool IsScalar() const { return kind <= Kind::kBytes; }
  // Values that become std::optional<T> when not required.
  bool IsOptionalScalar() const {
    return IsScalar() || kind == Kind::kTime || kind == Kind::kMicroTime ||
           kind == Kind::kDuration || kind == Kind::kIntOrString || kind == Kind::kQuantity;
  }
  std::string CppType() const;
};

struct Field {
  std::string json_name{};
  std::string cpp_name{};
  Type type;
  bool required = false;
  bool optional = false;  // wrapped in std::optional
  std::vector<std::string> enum_values{};
  std::string description{};
};

struct Struct {
  std::string name{};  // C++ name
  std::string description{};
  std::vector<Field> fields{};
  std::string source{};  // "file:line:col" it came from
};

struct Kind {
  std::string name{};      // "Flunder"
  std::string plural{};    // resource name: "networkpolicies"
  std::string accessor{};  // clientset accessor: "NetworkPolicies"
  std::string singular{};
  bool namespaced = true;
  std::vector<std::string> subresources{};
  std::set<std::string>
      verbs{};  // create update updateStatus delete deleteCollection get list watch patch
  std::vector<std::string> short_names{};
  std::string source_file{};
  bool HasVerb(const std::string& v) const { return verbs.count(v) != 0; }
  bool HasSubresource(const std::string& s) const;
};

struct Version {
  std::string name{};  // "v1beta1"
  std::vector<Kind> kinds{};
  std::vector<Struct> structs{};  // in dependency order: a struct follows those it holds
};

struct Group {
  std::string name{};      // "wardle.example.com", "" for core
  std::string cpp_name{};  // "wardle", "core"
  std::map<std::string, Version> versions{};
};

struct Model {
  std::map<std::string, Group> groups{};  // by group name
  std::set<std::string> source_files{};
};

// All verbs a kind has when its schema lists none.
const std::vector<std::string>& AllVerbs();

}  // namespace kube::gen::model
