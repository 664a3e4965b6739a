// Converts OpenAPI schemas (a CRD's structural openAPIV3Schema, a native schema's `schema`, an
// OpenAPI v2/v3 definition) into model structs and types. Every loader shares it; they differ
// only in how a "$ref" is found, which they supply as a RefResolver.
//
//   model::Version& v = model.groups["stable.example.com"].versions["v1"];
//   std::set<std::string> names;
//   SchemaConverter conv(doc, v, names, /*resolve=*/nullptr);   // native "#/definitions/X"
//   auto ok = conv.Struct(doc.value()["schema"], "/schema", "CronTab", leading, {"apiVersion"});
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "kube/error.h"
#include "model/model.h"
#include "schema/located_json.h"

namespace kube::gen {

class SchemaConverter;

// `name` if no struct has it yet, else the first of name2, name3, ... that none has: how a type
// is named when another already took its name, so that output stays deterministic.
std::string UnusedTypeName(const std::string& name, const std::set<std::string>& taken);

// Resolves a "$ref" target (e.g. "#/definitions/io.k8s.api.core.v1.PodSpec") met at `pointer`.
using RefResolver = std::function<Result<model::Type>(
    SchemaConverter& self, const std::string& target, const std::string& pointer)>;

class SchemaConverter {
 public:
  // New structs go to `version`; `names` holds the struct names already taken there. Without a
  // resolver, "$ref"s name the document's own "#/definitions/<Name>" (the native format).
  SchemaConverter(const LocatedJson& doc, model::Version& version, std::set<std::string>& names,
                  RefResolver resolve = nullptr)
      : doc_(doc), version_(version), names_(names), resolve_(std::move(resolve)) {}

  // The type of the schema at `pointer`; an object with properties becomes the struct `name`.
  Result<model::Type> Convert(const nlohmann::ordered_json& node, const std::string& pointer,
                              const std::string& name);

  // Builds the struct `name` from an object schema's properties. `leading` fields come first
  // (apiVersion, kind, metadata of a kind) and `skip` names the properties they stand for; a
  // non-empty `kind` marks a top-level object.
  Result<void> Struct(const nlohmann::ordered_json& node, const std::string& pointer,
                      const std::string& name, std::vector<model::Field> leading,
                      const std::set<std::string>& skip, const std::string& kind = "");

  const LocatedJson& doc() const { return doc_; }

  // Makes an inline object schema with the shape of an earlier inline one in this version an
  // alias of that struct (model::Struct::alias_of). CRDs need it: controller-gen repeats a Go
  // type's whole schema at every use, and Argo Workflows' CRDs would otherwise make 9,845
  // structs of fewer than 250 shapes.
  void MergeRepeatedInlineShapes() { merge_shapes_ = true; }

 private:
  Result<std::string> Format(const nlohmann::ordered_json& node, const std::string& pointer);
  Result<model::Type> String(const nlohmann::ordered_json& node, const std::string& pointer);
  Result<model::Type> Object(const nlohmann::ordered_json& node, const std::string& pointer,
                             const std::string& name);
  Result<model::Type> Ref(const nlohmann::ordered_json& ref, const std::string& pointer);
  Result<model::Type> LocalRef(const std::string& target, const std::string& pointer);
  Result<model::Type> Combined(const nlohmann::ordered_json& node, const std::string& pointer,
                               const std::string& name);
  Result<model::Field> Property(const nlohmann::ordered_json& prop, const std::string& pointer,
                                const std::string& key, const std::string& struct_name,
                                bool required, const std::string& type_suffix);

  const LocatedJson& doc_;
  model::Version& version_;
  std::set<std::string>& names_;
  RefResolver resolve_;
  std::set<std::string> converting_;
  std::map<std::string, model::Type> converted_;
  bool merge_shapes_ = false;
};

// Runtime types that stand for apimachinery definitions, by short name ("ObjectMeta", "Time").
const std::map<std::string, model::Type::Kind, std::less<>>& RuntimeTypes();

// apiVersion, kind and metadata: the fields every top-level object leads with.
std::vector<model::Field> ObjectLeadingFields();

// The string values of an "enum"; values YAML typed as something else (`yes`, `1`) are kept as
// the text they were written as.
std::vector<std::string> EnumStrings(const nlohmann::ordered_json& values);

}  // namespace kube::gen
