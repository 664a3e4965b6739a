// JSON with source positions: the loaders report every error as file:line:col, so they need to
// know where each value stood. Parses with nlohmann (whose syntax errors carry a byte offset);
// where each value starts is worked out only when an error needs it, so a large document (the
// whole Kubernetes OpenAPI spec) costs one parse. YAML documents are converted with their
// positions (yaml_document.h).
//
//   auto doc = LocatedJson::Parse(text, "schemas/wardle/v1beta1/flunder.json");
//   doc->Where("/schema/properties/spec");   // "schemas/...json:7:15"
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "kube/error.h"

namespace kube::gen {

class LocatedJson {
 public:
  static Result<LocatedJson> Parse(std::string text, std::string file);
  // A document converted from another syntax (YAML), with the line and column of its values by
  // JSON pointer.
  static LocatedJson FromValue(
      nlohmann::ordered_json value, std::string file,
      std::map<std::string, std::pair<size_t, size_t>, std::less<>> positions);

  // Keys keep their order in the file, so generated members follow the schema's order.
  const nlohmann::ordered_json& value() const { return value_; }
  const std::string& file() const { return file_; }
  // "file:line:col" of the value at `pointer` (or of its nearest located ancestor).
  std::string Where(std::string_view pointer) const;
  // An InvalidArgument error "file:line:col: message" for the value at `pointer`.
  Error ErrorAt(std::string_view pointer, std::string_view message) const;

 private:
  std::string text_;
  std::string file_;
  nlohmann::ordered_json value_;
  // JSON pointer -> byte offset in text_, filled on first use.
  mutable std::map<std::string, size_t, std::less<>> offsets_;
  mutable bool located_ = false;
  // JSON pointer -> line, column: documents made by FromValue.
  std::map<std::string, std::pair<size_t, size_t>, std::less<>> positions_;
};

// 1-based line and column of a byte offset.
std::pair<size_t, size_t> LineColumn(std::string_view text, size_t offset);
// Escapes a key for use in a JSON pointer ("~" -> "~0", "/" -> "~1").
std::string PointerToken(std::string_view key);

}  // namespace kube::gen
