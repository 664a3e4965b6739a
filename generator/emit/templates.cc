#include "emit/templates.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace kube::gen {

TemplateSet TemplateSet::Builtin() {
  TemplateSet set;
  for (const auto& [name, src] : EmbeddedTemplates()) set.sources_[name] = src;
  return set;
}

Result<void> TemplateSet::OverrideFrom(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Fail(Error::InvalidArgument(fmt::format("--templates {}: not a directory", dir)));
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".mustache") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::string name = f.stem().string();
    if (!sources_.count(name)) {
      return Fail(Error::InvalidArgument(fmt::format(
          "{}: no built-in template is named \"{}\"; overrides must use a built-in name",
          f.string(), name)));
    }
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    sources_[name] = ss.str();
    override_files_.push_back(f.string());
  }
  parsed_.clear();
  return {};
}

Result<std::string> TemplateSet::Render(const std::string& name, const nlohmann::json& data) const {
  auto it = parsed_.find(name);
  if (it == parsed_.end()) {
    auto src = sources_.find(name);
    if (src == sources_.end()) {
      return Fail(Error::InvalidArgument(fmt::format("no template named \"{}\"", name)));
    }
    auto t = mustache::Template::Parse(src->second, name + ".mustache");
    if (!t) return Fail(t.error());
    it = parsed_.emplace(name, std::move(*t)).first;
  }
  auto loader = [this](std::string_view partial) -> std::optional<std::string> {
    auto p = sources_.find(partial);
    if (p == sources_.end()) return std::nullopt;
    return p->second;
  };
  return it->second.Render(data, loader);
}

}  // namespace kube::gen
