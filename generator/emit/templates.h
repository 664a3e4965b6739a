// The Mustache templates the emitters render: compiled into the binary from templates/, each
// overridable by a file of the same name in `--templates DIR`.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kube/error.h"
#include "mustache/mustache.h"

namespace kube::gen {

const std::map<std::string, std::string>& EmbeddedTemplates();

class TemplateSet {
 public:
  static TemplateSet Builtin();
  // Replaces templates by the `NAME.mustache` files found in `dir`.
  Result<void> OverrideFrom(const std::string& dir);

  // Renders template `name` ("types.h") with `data`; partials come from the same set.
  Result<std::string> Render(const std::string& name, const nlohmann::json& data) const;
  // The override files read (a depfile lists them as inputs).
  const std::vector<std::string>& override_files() const { return override_files_; }

 private:
  std::map<std::string, std::string, std::less<>> sources_;
  std::vector<std::string> override_files_;
  mutable std::map<std::string, mustache::Template, std::less<>> parsed_;
};

}  // namespace kube::gen
