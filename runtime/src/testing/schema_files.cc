// Reads just enough of native schema files (group, version, kind, plural, scope, subresources,
// verbs) to serve their kinds; the generator's loader is the full, validating one.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kube/testing/apiserver.h"

namespace kube::testing {
namespace {

namespace fs = std::filesystem;

std::pair<size_t, size_t> LineColumn(const std::string& text, size_t offset) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

Result<KindInfo> ReadKind(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    auto [line, col] = LineColumn(text, e.byte == 0 ? 0 : e.byte - 1);
    return Fail(
        Error::InvalidArgument(fmt::format("{}:{}:{}: invalid JSON", path.string(), line, col)));
  } catch (const json::exception& e) {  // e.g. a number out of range
    return Fail(
        Error::InvalidArgument(fmt::format("{}: invalid JSON: {}", path.string(), e.what())));
  }
  auto str = [&](const char* key) -> Result<std::string> {
    auto it = doc.find(key);
    if (it == doc.end()) return std::string();
    if (!it->is_string()) {
      return Fail(
          Error::InvalidArgument(fmt::format("{}: /{}: expected a string", path.string(), key)));
    }
    return it->get<std::string>();
  };
  KindInfo info;
  for (auto [key, out] :
       {std::pair{"group", &info.gvk.group}, std::pair{"version", &info.gvk.version},
        std::pair{"kind", &info.gvk.kind}, std::pair{"plural", &info.plural}}) {
    auto v = str(key);
    if (!v) return Fail(v.error());
    *out = *v;
  }
  if (info.gvk.version.empty() || info.gvk.kind.empty()) {
    return Fail(Error::InvalidArgument(
        fmt::format("{}: expected \"version\" and \"kind\"", path.string())));
  }
  auto scope = str("scope");
  if (!scope) return Fail(scope.error());
  if (!scope->empty() && *scope != "Namespaced" && *scope != "Cluster") {
    return Fail(Error::InvalidArgument(
        fmt::format("{}: /scope: expected \"Namespaced\" or \"Cluster\"", path.string())));
  }
  info.namespaced = *scope != "Cluster";
  if (doc.contains("subresources"))
    info.subresources = doc["subresources"].get<std::vector<std::string>>();
  if (doc.contains("shortNames"))
    info.short_names = doc["shortNames"].get<std::vector<std::string>>();
  if (doc.contains("verbs")) {
    for (auto v : doc["verbs"].get<std::vector<std::string>>()) {
      if (v == "updateStatus") continue;  // a subresource, not a discovery verb
      std::transform(v.begin(), v.end(), v.begin(), ::tolower);
      info.verbs.push_back(v);
    }
  }
  return info;
}

}  // namespace

Result<void> AddSchemasFromDirectory(const std::string& dir, Scheme& scheme) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Fail(Error::InvalidArgument(fmt::format("{}: not a directory", dir)));
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    auto info = ReadKind(f);
    if (!info) return Fail(info.error());
    scheme.Add(std::move(*info));
  }
  return {};
}

}  // namespace kube::testing
