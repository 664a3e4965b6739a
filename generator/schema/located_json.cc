#include "schema/located_json.h"

#include <fmt/format.h>

namespace kube::gen {
namespace {

// Walks already-valid JSON text and records where each value starts.
class Locator {
 public:
  Locator(std::string_view text, std::map<std::string, size_t, std::less<>>& out)
      : s_(text), out_(out) {}

  void Run() { Value(""); }

 private:
  void Space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }

  std::string String() {
    std::string out;
    ++i_;  // opening quote
    while (i_ < s_.size() && s_[i_] != '"') {
      if (s_[i_] == '\\' && i_ + 1 < s_.size()) {
        char e = s_[i_ + 1];
        // Keys with escapes are rare in schemas; keep the escaped character literally.
        out += (e == 'n' ? '\n' : e == 't' ? '\t' : e);
        i_ += (e == 'u') ? 6 : 2;
        continue;
      }
      out += s_[i_++];
    }
    ++i_;  // closing quote
    return out;
  }

  void Value(const std::string& pointer) {
    Space();
    out_[pointer] = i_;
    if (i_ >= s_.size()) return;
    char c = s_[i_];
    if (c == '{') {
      ++i_;
      Space();
      if (i_ < s_.size() && s_[i_] == '}') {
        ++i_;
        return;
      }
      while (i_ < s_.size()) {
        Space();
        std::string key = String();
        Space();
        ++i_;  // ':'
        Value(pointer + "/" + PointerToken(key));
        Space();
        if (i_ < s_.size() && s_[i_] == ',') {
          ++i_;
          continue;
        }
        ++i_;  // '}'
        return;
      }
    } else if (c == '[') {
      ++i_;
      Space();
      if (i_ < s_.size() && s_[i_] == ']') {
        ++i_;
        return;
      }
      for (size_t n = 0; i_ < s_.size(); ++n) {
        Value(pointer + "/" + std::to_string(n));
        Space();
        if (i_ < s_.size() && s_[i_] == ',') {
          ++i_;
          continue;
        }
        ++i_;  // ']'
        return;
      }
    } else if (c == '"') {
      String();
    } else {
      while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '}' && s_[i_] != ']' && s_[i_] != ' ' &&
             s_[i_] != '\n' && s_[i_] != '\r' && s_[i_] != '\t') {
        ++i_;
      }
    }
  }

  std::string_view s_;
  std::map<std::string, size_t, std::less<>>& out_;
  size_t i_ = 0;
};

}  // namespace

std::pair<size_t, size_t> LineColumn(std::string_view text, size_t offset) {
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

std::string PointerToken(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

Result<LocatedJson> LocatedJson::Parse(std::string text, std::string file) {
  LocatedJson doc;
  doc.text_ = std::move(text);
  doc.file_ = std::move(file);
  try {
    doc.value_ = nlohmann::ordered_json::parse(doc.text_);
  } catch (const nlohmann::ordered_json::parse_error& e) {
    // nlohmann reports the offset one past the offending byte.
    auto [line, col] = LineColumn(doc.text_, e.byte > 0 ? e.byte - 1 : 0);
    std::string what = e.what();
    auto colon = what.find("syntax error while parsing");
    return Fail(Error::InvalidArgument(
        fmt::format("{}:{}:{}: invalid JSON: {}", doc.file_, line, col,
                    colon == std::string::npos ? what : what.substr(colon))));
  } catch (const nlohmann::ordered_json::exception& e) {
    // A number too large for a double ("1e999") is an out_of_range error that
    // carries no offset; its message quotes the number, so point at that.
    std::string what = e.what();
    auto open = what.find("parsing '");
    auto close = open == std::string::npos ? open : what.find('\'', open + 9);
    size_t offset = 0;
    if (close != std::string::npos) {
      offset = doc.text_.find(what.substr(open + 9, close - open - 9));
      if (offset == std::string::npos) offset = 0;
    }
    auto [line, col] = LineColumn(doc.text_, offset);
    auto detail = what.find("] ");
    return Fail(Error::InvalidArgument(
        fmt::format("{}:{}:{}: invalid JSON: {}", doc.file_, line, col,
                    detail == std::string::npos ? what : what.substr(detail + 2))));
  }
  return doc;
}

LocatedJson LocatedJson::FromValue(
    nlohmann::ordered_json value, std::string file,
    std::map<std::string, std::pair<size_t, size_t>, std::less<>> positions) {
  LocatedJson doc;
  doc.file_ = std::move(file);
  doc.value_ = std::move(value);
  doc.positions_ = std::move(positions);
  doc.located_ = true;
  return doc;
}

std::string LocatedJson::Where(std::string_view pointer) const {
  if (!located_) {
    Locator(text_, offsets_).Run();
    located_ = true;
  }
  std::string p(pointer);
  while (true) {
    if (auto it = positions_.find(p); it != positions_.end()) {
      return fmt::format("{}:{}:{}", file_, it->second.first, it->second.second);
    }
    if (auto it = offsets_.find(p); it != offsets_.end()) {
      auto [line, col] = LineColumn(text_, it->second);
      return fmt::format("{}:{}:{}", file_, line, col);
    }
    if (p.empty()) return file_;
    p = p.substr(0, p.rfind('/'));
  }
}

Error LocatedJson::ErrorAt(std::string_view pointer, std::string_view message) const {
  return Error::InvalidArgument(fmt::format("{}: {}", Where(pointer), message));
}

}  // namespace kube::gen
