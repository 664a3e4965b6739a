#include "schema/loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "schema/crd_loader.h"
#include "schema/openapi_loader.h"
#include "schema/yaml_document.h"

namespace kube::gen {
namespace {

namespace fs = std::filesystem;
using OrderedJson = nlohmann::ordered_json;

bool IsYaml(const fs::path& p) { return p.extension() == ".yaml" || p.extension() == ".yml"; }

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

bool IsStringMember(const OrderedJson& v, const char* name) {
  auto it = v.find(name);
  return it != v.end() && it->is_string();
}

// The kind of a Kubernetes object that is not a schema (apiVersion and kind, but neither a CRD
// nor a List of them, nor a native schema, which has no apiVersion).
std::optional<std::string> OtherObjectKind(const OrderedJson& v) {
  if (!v.is_object() || !IsStringMember(v, "apiVersion") || !IsStringMember(v, "kind") ||
      v.contains("schema")) {
    return std::nullopt;
  }
  std::string kind = v["kind"].get<std::string>();
  if (kind == "CustomResourceDefinition" || kind == "CustomResourceDefinitionList" ||
      kind == "List") {
    return std::nullopt;
  }
  return kind;
}

// Whether a YAML mapping has nothing of any schema format: no kind, schema, swagger or openapi
// (a kustomization.yaml without apiVersion, a values.yaml). JSON files in a schema directory are
// schemas, and a broken one is an error.
bool OfNoSchemaFormat(const std::string& file, const OrderedJson& v) {
  return IsYaml(file) && v.is_object() && !v.contains("kind") && !v.contains("schema") &&
         !v.contains("swagger") && !v.contains("openapi");
}

}  // namespace

std::optional<InputFormat> ParseInputFormat(std::string_view name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "native") return InputFormat::kNative;
  if (name == "openapi-v2") return InputFormat::kOpenAPIv2;
  if (name == "openapi-v3") return InputFormat::kOpenAPIv3;
  if (name == "crd") return InputFormat::kCRD;
  return std::nullopt;
}

InputFormat DetectFormat(const LocatedJson& doc) {
  const auto& v = doc.value();
  if (!v.is_object()) return InputFormat::kNative;
  if (v.contains("swagger")) return InputFormat::kOpenAPIv2;
  if (v.contains("openapi")) return InputFormat::kOpenAPIv3;
  auto kind = v.find("kind");
  if (kind != v.end() && kind->is_string() &&
      (*kind == "CustomResourceDefinition" ||
       ((*kind == "List" || *kind == "CustomResourceDefinitionList") && v.contains("items") &&
        v.contains("apiVersion")))) {
    return InputFormat::kCRD;
  }
  if (v.contains("apiVersion") && v.contains("spec") && !v.contains("schema")) {
    return InputFormat::kCRD;  // named below as not a CRD, rather than as a bad native schema
  }
  return InputFormat::kNative;
}

Result<std::vector<InputFile>> FindInputFiles(const std::vector<std::string>& paths) {
  std::vector<InputFile> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto& e : fs::recursive_directory_iterator(p)) {
        if (e.is_regular_file() && (e.path().extension() == ".json" || IsYaml(e.path()))) {
          files.push_back({e.path().string(), true});
        }
      }
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back({p, false});
    } else {
      return Fail(Error::InvalidArgument(fmt::format("{}: no such file or directory", p)));
    }
  }
  // One file reached twice (named and found in a directory, through "./" or "..", or through a
  // symbolic link) is read once, or its kinds would be "already defined"; it counts as named,
  // under the first path it was named by.
  auto same_file = [](const std::string& path) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(path, ec);
    return ec ? fs::path(path).lexically_normal().string() : canonical.string();
  };
  std::vector<std::pair<std::string, InputFile>> keyed;
  keyed.reserve(files.size());
  for (auto& f : files) keyed.emplace_back(same_file(f.path), std::move(f));
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second.from_directory) < std::tie(b.first, b.second.from_directory);
  });
  files.clear();
  for (size_t i = 0; i < keyed.size(); ++i) {
    if (i == 0 || keyed[i].first != keyed[i - 1].first) files.push_back(std::move(keyed[i].second));
  }
  std::sort(files.begin(), files.end(),
            [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  return files;
}

Result<std::vector<LocatedJson>> ReadDocuments(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(Error::InvalidArgument(fmt::format("{}: cannot read the file", path)));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  size_t first = text.find_first_not_of(" \t\r\n");
  bool json_text = first != std::string::npos && (text[first] == '{' || text[first] == '[');
  if (IsYaml(path) && !json_text) return ParseYamlDocuments(text, path);
  auto doc = LocatedJson::Parse(std::move(text), path);
  if (!doc) return Fail(doc.error());
  std::vector<LocatedJson> docs;
  docs.push_back(std::move(*doc));
  return docs;
}

Result<void> LoadSchemas(const std::vector<std::string>& paths, InputFormat format,
                         const LoaderOptions& options, model::Model& out, LoadReport* report) {
  auto files = FindInputFiles(paths);
  if (!files) return Fail(files.error());
  if (files->empty()) {
    return Fail(Error::InvalidArgument(
        fmt::format("no schema files (*.json, *.yaml, *.yml) found in {}", Join(paths))));
  }
  NativeLoader native(options);
  size_t loaded = 0;
  std::vector<std::string> skipped_files;
  for (const auto& [f, from_directory] : *files) {
    auto docs = ReadDocuments(f);
    if (!docs) return Fail(docs.error());
    LoadReport::Skipped skipped{f, {}};
    for (const auto& doc : *docs) {
      if (auto kind = OtherObjectKind(doc.value())) {
        skipped.what.push_back(*kind);
        continue;
      }
      if (from_directory && OfNoSchemaFormat(f, doc.value())) {
        skipped.what.push_back("a document of no schema format");
        continue;
      }
      InputFormat as = format == InputFormat::kAuto ? DetectFormat(doc) : format;
      Result<void> ok;
      switch (as) {
        case InputFormat::kOpenAPIv2:
        case InputFormat::kOpenAPIv3:
          ok = LoadOpenAPI(doc, options, out);
          break;
        case InputFormat::kCRD:
          ok = LoadCRD(doc, options, out);
          break;
        default:
          ok = native.LoadDocument(doc, out);
          break;
      }
      if (!ok) return ok;
      ++loaded;
    }
    out.source_files.insert(f);  // skipped documents too: an edit may turn one into a schema
    if (!skipped.what.empty()) {
      skipped_files.push_back(f);
      if (report) report->skipped.push_back(std::move(skipped));
    }
  }
  if (loaded == 0 && !skipped_files.empty()) {
    return Fail(Error::InvalidArgument(
        fmt::format("no schemas in {}: {} holds no schema (a CustomResourceDefinition, an OpenAPI "
                    "document or a native schema)",
                    Join(paths), Join(skipped_files))));
  }
  return {};
}

std::string Describe(const LoadReport::Skipped& skipped) {
  std::vector<std::string> kinds = skipped.what;
  std::sort(kinds.begin(), kinds.end());
  kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
  return fmt::format("{}: skipped {} document{} that hold{} no schema ({})", skipped.file,
                     skipped.what.size(), skipped.what.size() == 1 ? "" : "s",
                     skipped.what.size() == 1 ? "s" : "", Join(kinds));
}

}  // namespace kube::gen
