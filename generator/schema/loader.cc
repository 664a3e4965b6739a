#include "schema/loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "schema/crd_loader.h"
#include "schema/openapi_loader.h"
#include "schema/yaml_document.h"

namespace kube::gen {
namespace {

namespace fs = std::filesystem;

bool IsYaml(const fs::path& p) { return p.extension() == ".yaml" || p.extension() == ".yml"; }

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
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
       (*kind == "List" && v.contains("items") && v.contains("apiVersion")))) {
    return InputFormat::kCRD;
  }
  if (v.contains("apiVersion") && v.contains("spec") && !v.contains("schema")) {
    return InputFormat::kCRD;  // named below as not a CRD, rather than as a bad native schema
  }
  return InputFormat::kNative;
}

Result<std::vector<std::string>> FindInputFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto& e : fs::recursive_directory_iterator(p)) {
        if (e.is_regular_file() && (e.path().extension() == ".json" || IsYaml(e.path()))) {
          files.push_back(e.path().string());
        }
      }
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      return Fail(Error::InvalidArgument(fmt::format("{}: no such file or directory", p)));
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
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
                         const LoaderOptions& options, model::Model& out) {
  auto files = FindInputFiles(paths);
  if (!files) return Fail(files.error());
  if (files->empty()) {
    return Fail(Error::InvalidArgument(
        fmt::format("no schema files (*.json, *.yaml, *.yml) found in {}", Join(paths))));
  }
  NativeLoader native(options);
  for (const auto& f : *files) {
    auto docs = ReadDocuments(f);
    if (!docs) return Fail(docs.error());
    for (const auto& doc : *docs) {
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
    }
    out.source_files.insert(f);
  }
  return {};
}

}  // namespace kube::gen
