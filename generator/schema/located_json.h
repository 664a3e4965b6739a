// JSON with source positions: the loaders report every error as file:line:col, so they need to
// know where each value stood. Parses with nlohmann (whose syntax errors carry a byte offset)
// and records the offset of every value by JSON pointer.
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
  std::map<std::string, size_t, std::less<>> offsets_;  // JSON pointer -> byte offset
};

// 1-based line and column of a byte offset.
std::pair<size_t, size_t> LineColumn(std::string_view text, size_t offset);
// Escapes a key for use in a JSON pointer ("~" -> "~0", "/" -> "~1").
std::string PointerToken(std::string_view key);

}  // namespace kube::gen
