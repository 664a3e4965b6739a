// Loads native schema files (`schemas/<group>/<version>/<kind>.json`, DESIGN "Native schema
// format") into the model. Every error names file:line:col and what was expected.
//
//   NativeLoader loader({.plural_exceptions = {{"Endpoints", "endpoints"}}});
//   model::Model m;
//   if (auto ok = loader.Load({"schemas/"}, m); !ok) std::cerr << ok.error().message;
#pragma once

#include <map>
#include <string>
#include <vector>

#include "kube/error.h"
#include "model/model.h"
#include "schema/located_json.h"

namespace kube::gen {

struct LoaderOptions {
  std::map<std::string, std::string, std::less<>> plural_exceptions;  // Kind -> plural
  // Group -> C++ name (client-gen's groupGoName), over the first-label rule and a native
  // schema's "package": for groups whose first labels clash (gateway.networking.k8s.io and
  // gateway.networking.x-k8s.io) or cannot name a namespace (1password.com).
  std::map<std::string, std::string, std::less<>> group_names;

  // The C++ name given to `group`, if any.
  const std::string* GroupName(std::string_view group) const {
    auto it = group_names.find(group);
    return it == group_names.end() ? nullptr : &it->second;
  }
};

class NativeLoader {
 public:
  explicit NativeLoader(LoaderOptions options = {}) : options_(std::move(options)) {}

  // Loads every *.json under the given directories, and the given files, in sorted order.
  Result<void> Load(const std::vector<std::string>& paths, model::Model& out) const;
  // Loads one document (already read); `file` names it in errors.
  Result<void> LoadDocument(const LocatedJson& doc, model::Model& out) const;

 private:
  LoaderOptions options_;
};

// Every regular *.json file under `paths` (files are taken as given), sorted.
Result<std::vector<std::string>> FindSchemaFiles(const std::vector<std::string>& paths);

}  // namespace kube::gen
