// A Mustache renderer over nlohmann::json, complete for the specification's core modules
// (interpolation, sections, inverted sections, comments, partials, set delimiters, and the
// standalone-line rules), passing all 136 tests of the mustache/spec suite. The generator
// renders C++ with it, so HTML escaping is an option, off by default.
//
//   auto tmpl = kube::gen::mustache::Template::Parse("Hello {{name}}!", "greeting.mustache");
//   std::string out = tmpl->Render({{"name", "world"}}, {});
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kube/error.h"

namespace kube::gen::mustache {

struct RenderOptions {
  bool html_escape = false;  // {{x}} escapes & " < > when true (the spec's behaviour)
};

// Returns the source of a partial, or nullopt when there is none (it renders as nothing).
using PartialLoader = std::function<std::optional<std::string>(std::string_view name)>;

// A loader over a fixed map of partials.
PartialLoader MapLoader(std::map<std::string, std::string, std::less<>> partials);

class Template {
 public:
  // Parses `source`; errors (unclosed tags or sections, mismatched closing tags, bad
  // delimiters) name `name:line:col`.
  static Result<Template> Parse(std::string_view source, std::string name = "template");

  // Renders with `data` as the root context. A partial that fails to parse is an error.
  Result<std::string> Render(const nlohmann::json& data, const PartialLoader& partials,
                             RenderOptions options = {}) const;

  struct Node;

 private:
  std::string name_;
  std::shared_ptr<const std::vector<Node>> nodes_;
};

// Parses and renders in one step.
Result<std::string> Render(std::string_view source, const nlohmann::json& data,
                           const PartialLoader& partials = {}, RenderOptions options = {});

}  // namespace kube::gen::mustache
