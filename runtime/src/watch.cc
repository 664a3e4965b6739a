#include "kube/watch.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <nlohmann/json.hpp>

#include "kube/json/decode.h"

namespace kube {

std::string_view ToString(WatchEventType type) {
  switch (type) {
    case WatchEventType::kAdded:
      return "ADDED";
    case WatchEventType::kModified:
      return "MODIFIED";
    case WatchEventType::kDeleted:
      return "DELETED";
    case WatchEventType::kBookmark:
      return "BOOKMARK";
    case WatchEventType::kError:
      return "ERROR";
  }
  return "ERROR";
}

std::optional<WatchEventType> ParseWatchEventType(std::string_view name) {
  if (name == "ADDED") return WatchEventType::kAdded;
  if (name == "MODIFIED") return WatchEventType::kModified;
  if (name == "DELETED") return WatchEventType::kDeleted;
  if (name == "BOOKMARK") return WatchEventType::kBookmark;
  if (name == "ERROR") return WatchEventType::kError;
  return std::nullopt;
}

Result<RawWatchEvent> ParseWatchEvent(std::string_view line) {
  thread_local simdjson::ondemand::parser parser;
  // The parser keeps buffers sized for the largest line it has read; after a large one it gives
  // them back, as a decode workspace does (kube/json/decode.h). Declared before the document,
  // so this runs after the document is gone.
  struct ReleaseAfterLargeLine {
    size_t size;
    ~ReleaseAfterLargeLine() {
      if (size > json::DecodeWorkspace::kRetainedTextBytes) parser = simdjson::ondemand::parser{};
    }
  } release{line.size()};
  simdjson::padded_string padded(line);
  RawWatchEvent out;
  std::string_view type_name;
  bool have_type = false, have_object = false;
  auto doc = parser.iterate(padded);
  simdjson::ondemand::object obj;
  if (auto err = doc.get_object().get(obj)) {
    return Fail(Error::Decode(
        fmt::format("watch event is not a JSON object: {}", simdjson::error_message(err))));
  }
  for (auto field : obj) {
    std::string_view key;
    if (field.unescaped_key().get(key)) break;
    if (key == "type") {
      if (auto err = field.value().get_string().get(type_name)) {
        return Fail(
            Error::Decode(fmt::format("watch event \"type\": {}", simdjson::error_message(err))));
      }
      have_type = true;
    } else if (key == "object") {
      std::string_view raw;
      simdjson::ondemand::object object;
      auto err = field.value().get_object().get(object);
      if (!err) err = object.raw_json().get(raw);
      if (err) {
        return Fail(
            Error::Decode(fmt::format("watch event \"object\": {}", simdjson::error_message(err))));
      }
      out.object = std::string(raw);
      have_object = true;
    }
  }
  if (!have_type || !have_object) {
    return Fail(Error::Decode(fmt::format("watch event lacks \"{}\": {}",
                                          have_type ? "object" : "type", line.substr(0, 200))));
  }
  auto type = ParseWatchEventType(type_name);
  if (!type) return Fail(Error::Decode(fmt::format("unknown watch event type \"{}\"", type_name)));
  out.type = *type;
  return out;
}

std::string EncodeWatchEvent(WatchEventType type, std::string_view object_json) {
  return fmt::format(R"({{"type":"{}","object":{}}})", ToString(type), object_json);
}

Result<void> DecodeJSON(std::string_view json, Status& out) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Fail(Error::Decode("Status is not a JSON object"));
  try {
    j.get_to(out);
  } catch (const nlohmann::json::exception& e) {
    return Fail(Error::Decode(e.what()));
  }
  return {};
}

void EncodeJSON(const Status& in, std::string& out) {
  // A Status message may quote bytes that are not UTF-8: replaced (U+FFFD), never thrown.
  out = nlohmann::json(in).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace kube
