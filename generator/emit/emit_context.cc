#include "emit/emit_context.h"

#include <fmt/format.h>

#include <algorithm>

#include "emit/cpp_layout.h"
#include "model/naming.h"

namespace kube::gen {

using nlohmann::json;

Paths::Paths(std::string root_namespace, const model::Model& model)
    : root_ns_(std::move(root_namespace)),
      root_path_(Replace(root_ns_, "::", "/")),
      model_(&model) {}

std::string Paths::GroupCpp(const std::string& group) const {
  auto it = model_->groups.find(group);
  return it != model_->groups.end() ? it->second.cpp_name : GroupCppName(group);
}

std::string Paths::TypesNs(const std::string& group, const std::string& version) const {
  return fmt::format("{}::api::{}::{}", root_ns_, GroupCpp(group), version);
}

std::string Paths::TypesHeader(const std::string& group, const std::string& version) const {
  return fmt::format("{}/api/{}/{}/types.h", root_path_, GroupCpp(group), version);
}

std::string Paths::TypedNs(const model::Group& g, const model::Version& v) const {
  return fmt::format("{}::clientset::typed::{}::{}", root_ns_, g.cpp_name, v.name);
}

std::string Paths::TypedDir(const model::Group& g, const model::Version& v) const {
  return fmt::format("{}/clientset/typed/{}/{}", root_path_, g.cpp_name, v.name);
}

std::string Paths::GroupClientHeader(const model::Group& g, const model::Version& v) const {
  return TypedDir(g, v) + "/" + g.cpp_name + "_client.h";
}

std::string Paths::FakeNs(const model::Group& g, const model::Version& v) const {
  return TypedNs(g, v) + "::fake";
}

std::string Paths::FakeDir(const model::Group& g, const model::Version& v) const {
  return TypedDir(g, v) + "/fake";
}

std::string Paths::DeprecatedNs(const model::Group& g, const model::Version& v) const {
  return fmt::format("{}::deprecated::typed::{}::{}", root_ns_, g.cpp_name, v.name);
}

std::string Paths::DeprecatedDir(const model::Group& g, const model::Version& v) const {
  return fmt::format("{}/deprecated/typed/{}/{}", root_path_, g.cpp_name, v.name);
}

std::string Paths::ListersNs(const model::Group& g, const model::Version& v) const {
  return fmt::format("{}::listers::{}::{}", root_ns_, g.cpp_name, v.name);
}

std::string Paths::ListerHeader(const model::Group& g, const model::Version& v,
                                const model::Kind& k) const {
  return fmt::format("{}/listers/{}/{}/{}.h", root_path_, g.cpp_name, v.name, Lower(k.name));
}

std::string Paths::InformersNs(const model::Group& g, const model::Version& v) const {
  return fmt::format("{}::informers::{}::{}", root_ns_, g.cpp_name, v.name);
}

std::string Paths::InformerHeader(const model::Group& g, const model::Version& v,
                                  const model::Kind& k) const {
  return fmt::format("{}/informers/{}/{}/{}.h", root_path_, g.cpp_name, v.name, Lower(k.name));
}

Result<void> EmitContext::Render(const std::string& tmpl, const std::string& path,
                                 const json& data) {
  // Two artifacts at one path would leave one of them silently missing from the output: a kind
  // named Interface gets an informer header `informers/<group>/<version>/interface.h`, where
  // the version's informer interface already is (client-go's informer-gen clashes the same way).
  if (auto [at, added] = template_of_.emplace(path, tmpl); !added) {
    return Fail(Error::InvalidArgument(
        fmt::format("cannot generate {} twice (templates {} and {}): a kind is named like a file "
                    "its group version already has",
                    path, at->second, tmpl)));
  }
  auto text = templates_.Render(tmpl, data);
  if (!text) return Fail(text.error());
  files_.push_back({path, std::move(*text)});
  return {};
}

std::vector<OutputFile> EmitContext::TakeFiles() {
  template_of_.clear();
  std::sort(files_.begin(), files_.end(),
            [](const auto& a, const auto& b) { return a.path < b.path; });
  return std::move(files_);
}

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

json Sources(const std::vector<const model::Kind*>& kinds) {
  std::vector<std::string> files;
  for (const auto* k : kinds) files.push_back(k->source_file);
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

json SortedIncludes(std::vector<std::string> headers) {
  std::sort(headers.begin(), headers.end());
  headers.erase(std::unique(headers.begin(), headers.end()), headers.end());
  return headers;
}

std::string ClassHead(const std::string& name, const std::string& base) {
  std::string one = "class " + name + " : public " + base + " {";
  if (one.size() <= kColumnLimit) return one;
  return "class " + name + "\n    : public " + base + " {";
}

std::vector<const model::Kind*> KindsOf(const model::Version& v) {
  std::vector<const model::Kind*> kinds;
  for (const auto& k : v.kinds) kinds.push_back(&k);
  return kinds;
}

}  // namespace kube::gen
