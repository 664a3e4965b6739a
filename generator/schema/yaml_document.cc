#include "schema/yaml_document.h"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

namespace kube::gen {
namespace {

using OrderedJson = nlohmann::ordered_json;
using Positions = std::map<std::string, std::pair<size_t, size_t>, std::less<>>;

// Real CRDs nest fewer than 30 levels; the schema converter recurses per level, so a bound
// keeps a hostile document from exhausting the stack further down the pipeline.
constexpr size_t kMaxDepth = 256;

// Aliases are copied into the JSON value, so a few bytes of nested aliases ("billion laughs")
// could expand to gigabytes. A document without aliases has fewer values than bytes; this
// allows generous reuse while bounding the work.
constexpr size_t kMinValueBudget = 1'000'000;
constexpr size_t kValueBudgetPerByte = 16;

constexpr std::string_view kTagPrefix = "tag:yaml.org,2002:";

bool AllOf(std::string_view s, bool (*pred)(char)) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsOctal(char c) { return c >= '0' && c <= '7'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool IsNullText(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::optional<bool> BoolValue(std::string_view s) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

// Digits too many for 64 bits still name a number; JSON parsers keep those as doubles too.
double Accumulate(std::string_view digits, int base) {
  double v = 0;
  for (char c : digits) {
    int d = IsDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
    v = v * base + d;
  }
  return v;
}

OrderedJson Unsigned(std::string_view digits, int base) {
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v, base);
  if (ec == std::errc() && end == digits.data() + digits.size()) return v;
  if (base == 10) {
    // Correctly rounded, as a JSON parser would read it.
    double d = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), d);
    return d;
  }
  return Accumulate(digits, base);
}

// YAML 1.2 core schema int: [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+
std::optional<OrderedJson> IntValue(std::string_view s) {
  if (s.size() > 2 && s[0] == '0' && s[1] == 'x' && AllOf(s.substr(2), IsHex)) {
    return Unsigned(s.substr(2), 16);
  }
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o' && AllOf(s.substr(2), IsOctal)) {
    return Unsigned(s.substr(2), 8);
  }
  bool negative = !s.empty() && s[0] == '-';
  std::string_view digits = !s.empty() && (s[0] == '-' || s[0] == '+') ? s.substr(1) : s;
  if (!AllOf(digits, IsDigit)) return std::nullopt;
  OrderedJson magnitude = Unsigned(digits, 10);
  if (!negative) return magnitude;
  if (magnitude.is_number_unsigned()) {
    uint64_t m = magnitude.get<uint64_t>();
    constexpr uint64_t kMinMagnitude = uint64_t{1} << 63;
    if (m < kMinMagnitude) return -static_cast<int64_t>(m);
    if (m == kMinMagnitude) return std::numeric_limits<int64_t>::min();
  }
  return -magnitude.get<double>();
}

// YAML 1.2 core schema float:
// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)
std::optional<double> FloatValue(std::string_view s) {
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return std::numeric_limits<double>::quiet_NaN();
  bool negative = !s.empty() && s[0] == '-';
  std::string_view body = !s.empty() && (s[0] == '-' || s[0] == '+') ? s.substr(1) : s;
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  size_t i = 0;
  size_t int_digits = 0, frac_digits = 0;
  while (i < body.size() && IsDigit(body[i])) ++i, ++int_digits;
  if (i < body.size() && body[i] == '.') {
    ++i;
    while (i < body.size() && IsDigit(body[i])) ++i, ++frac_digits;
    // "1." is a float, "." is not; ".5" needs its digits.
    if (int_digits == 0 && frac_digits == 0) return std::nullopt;
  } else if (int_digits == 0) {
    return std::nullopt;
  }
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    if (i < body.size() && (body[i] == '-' || body[i] == '+')) ++i;
    if (i >= body.size() || !IsDigit(body[i])) return std::nullopt;
    while (i < body.size() && IsDigit(body[i])) ++i;
  }
  if (i != body.size()) return std::nullopt;
  double v = 0;
  // from_chars reads "1." and ".5" but not a leading '+'; the pattern above was the check.
  auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), v);
  if (ec == std::errc::result_out_of_range) {
    v = std::numeric_limits<double>::infinity();
  } else if (ec != std::errc()) {
    return std::nullopt;
  }
  return negative ? -v : v;
}

// Well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF), as JSON
// requires: nlohmann throws when it dumps anything else, and the JSON loaders reject it.
bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;  // bounds of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated sequence
    for (size_t k = 1; k <= n; ++k) {
      auto b = static_cast<unsigned char>(s[i + k]);
      if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return false;
    }
    i += n + 1;
  }
  return true;
}

// Thrown by the event handler to stop yaml-cpp's parser; caught in ParseYamlDocuments.
struct ConversionError {
  std::string message;
};

// Builds JSON values from yaml-cpp's parse events. Events, not YAML::Node, because they carry
// each scalar's tag (plain, quoted or explicit), which core-schema typing needs, and let
// aliases be expanded under a budget and cycles be refused.
class JsonBuilder : public YAML::EventHandler {
 public:
  JsonBuilder(std::string_view text, const std::string& file)
      : text_(text),
        file_(file),
        budget_(std::max(kMinValueBudget, kValueBudgetPerByte * text.size())) {
    // yaml-cpp's marks count from after a byte-order mark.
    if (text_.starts_with("\xEF\xBB\xBF")) text_.remove_prefix(3);
  }

  std::vector<LocatedJson> TakeDocuments() { return std::move(docs_); }

  void OnDocumentStart(const YAML::Mark&) override {
    root_ = OrderedJson();
    positions_.clear();
    anchors_.clear();
    stack_.clear();
  }

  void OnDocumentEnd() override {
    // An empty document ("---" alone) holds nothing to load.
    if (root_.is_null()) return;
    docs_.push_back(LocatedJson::FromValue(std::move(root_), file_, std::move(positions_)));
    root_ = OrderedJson();
    positions_.clear();
  }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (ExpectingKey()) {
      // yaml-cpp reports `null:` and `~:` as null keys without their text; as property names
      // they are still names, so take the text back from the source.
      std::string_view at = mark.pos >= 0 && static_cast<size_t>(mark.pos) < text_.size()
                                ? text_.substr(mark.pos)
                                : std::string_view();
      for (std::string_view word : {"null", "Null", "NULL", "~"}) {
        if (!at.starts_with(word)) continue;
        if (anchor != 0) anchors_[anchor] = Anchored{OrderedJson(), 1, true};
        return Key(std::string(word), mark);
      }
      Throw(mark, "expected a mapping key, found an empty one");
    }
    // An empty value (`key:`) is reported at the next token, often on another line; its key
    // says better where it is.
    const Frame* parent = stack_.empty() ? nullptr : &stack_.back();
    YAML::Mark at = mark;
    if (parent && parent->is_map && (mark.is_null() || mark.line != parent->key_mark.line)) {
      at = parent->key_mark;
    }
    Put(OrderedJson(), at, anchor, 1);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end() || !it->second.complete) {
      Throw(mark, "an alias refers to a node that contains it (JSON cannot hold a cycle)");
    }
    const Anchored& a = it->second;
    if (ExpectingKey()) {
      if (a.value.is_string()) return Key(a.value.get<std::string>(), mark);
      if (a.value.is_number() || a.value.is_boolean()) return Key(a.value.dump(), mark);
      Throw(mark, "expected a scalar mapping key (JSON object keys are strings)");
    }
    Charge(mark, a.size);  // before the copy, which is what the budget bounds
    Put(a.value, mark, 0, 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (!ValidUtf8(value)) Throw(mark, "invalid YAML: a scalar is not valid UTF-8");
    if (ExpectingKey()) {
      // Keys keep their text: a property named `1`, `on` or `true` is that name.
      Key(value, mark);
      if (anchor != 0) anchors_[anchor] = Anchored{OrderedJson(value), 1, true};
      return;
    }
    Put(Scalar(mark, tag, value), mark, anchor, 1);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(mark, anchor, OrderedJson::array(), false);
  }
  void OnSequenceEnd() override { Close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(mark, anchor, OrderedJson::object(), true);
  }
  void OnMapEnd() override { Close(); }

 private:
  struct Frame {
    OrderedJson value;
    std::string pointer;
    bool is_map = false;
    bool expecting_key = true;  // maps: the next event is a key
    std::string key;
    YAML::Mark key_mark;
    // ordered_json finds a key by a linear scan; a set keeps a mapping of n keys O(n log n).
    std::set<std::string, std::less<>> keys;
    YAML::anchor_t anchor = 0;
    size_t size_at_start = 0;  // values_ when the collection opened
  };
  struct Anchored {
    OrderedJson value;
    size_t size = 0;  // values it holds, charged again for every alias
    bool complete = false;
  };

  [[noreturn]] void Throw(const YAML::Mark& mark, std::string_view message) const {
    throw ConversionError{fmt::format("{}: {}", Where(mark), message)};
  }

  std::string Where(const YAML::Mark& mark) const {
    if (mark.is_null()) return file_;
    return fmt::format("{}:{}:{}", file_, mark.line + 1, mark.column + 1);
  }

  bool ExpectingKey() const {
    return !stack_.empty() && stack_.back().is_map && stack_.back().expecting_key;
  }

  void Key(std::string key, const YAML::Mark& mark) {
    Frame& f = stack_.back();
    if (!f.keys.insert(key).second) {
      Throw(mark, fmt::format("duplicate mapping key \"{}\"", key));
    }
    f.key = std::move(key);
    f.key_mark = mark;
    f.expecting_key = false;
  }

  // The pointer of the value the next event makes.
  std::string ChildPointer() const {
    if (stack_.empty()) return "";
    const Frame& f = stack_.back();
    if (f.is_map) return f.pointer + "/" + PointerToken(f.key);
    return f.pointer + "/" + std::to_string(f.value.size());
  }

  void Charge(const YAML::Mark& mark, size_t values) {
    values_ += values;
    if (values_ > budget_) {
      Throw(mark, fmt::format("aliases expand to more than {} values", budget_));
    }
  }

  void Record(const std::string& pointer, const YAML::Mark& mark) {
    if (!mark.is_null()) positions_[pointer] = {mark.line + 1, mark.column + 1};
  }

  // Places a finished value (scalar, alias copy or closed collection) into its parent.
  void Attach(OrderedJson value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return;
    }
    Frame& f = stack_.back();
    if (f.is_map) {
      // Appended without ordered_map's own (linear) search: the key set proved it new.
      auto& members =
          static_cast<OrderedJson::object_t::Container&>(f.value.get_ref<OrderedJson::object_t&>());
      members.emplace_back(std::move(f.key), std::move(value));
      f.expecting_key = true;
    } else {
      f.value.push_back(std::move(value));
    }
  }

  void Put(OrderedJson value, const YAML::Mark& mark, YAML::anchor_t anchor, size_t size) {
    Charge(mark, size);
    Record(ChildPointer(), mark);
    if (anchor != 0) anchors_[anchor] = Anchored{value, size, true};
    Attach(std::move(value));
  }

  void Open(const YAML::Mark& mark, YAML::anchor_t anchor, OrderedJson value, bool is_map) {
    if (ExpectingKey()) {
      Throw(mark, fmt::format("expected a scalar mapping key (JSON object keys are strings), "
                              "found a {}",
                              is_map ? "mapping" : "sequence"));
    }
    if (stack_.size() >= kMaxDepth) {
      Throw(mark, fmt::format("nesting deeper than {} levels", kMaxDepth));
    }
    Charge(mark, 1);
    Frame f;
    f.pointer = ChildPointer();
    Record(f.pointer, mark);
    f.value = std::move(value);
    f.is_map = is_map;
    f.anchor = anchor;
    f.size_at_start = values_ - 1;
    // Registered now so an alias inside the node is recognised as a cycle.
    if (anchor != 0) anchors_[anchor] = Anchored{};
    stack_.push_back(std::move(f));
  }

  void Close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (f.anchor != 0) anchors_[f.anchor] = Anchored{f.value, values_ - f.size_at_start, true};
    Attach(std::move(f.value));
  }

  OrderedJson Scalar(const YAML::Mark& mark, const std::string& tag,
                     const std::string& value) const {
    if (tag == "?") {  // plain: typed by the core schema
      if (IsNullText(value)) return OrderedJson();
      if (auto b = BoolValue(value)) return *b;
      if (auto i = IntValue(value)) return *i;
      if (auto d = FloatValue(value)) return *d;
      return value;
    }
    if (!std::string_view(tag).starts_with(kTagPrefix)) return value;  // "!" (quoted), local tags
    std::string_view type = std::string_view(tag).substr(kTagPrefix.size());
    if (type == "null") return OrderedJson();
    if (type == "bool") {
      if (auto b = BoolValue(value)) return *b;
      Throw(mark, fmt::format("invalid YAML: \"{}\" is not a !!bool", value));
    }
    if (type == "int") {
      if (auto i = IntValue(value)) return *i;
      Throw(mark, fmt::format("invalid YAML: \"{}\" is not an !!int", value));
    }
    if (type == "float") {
      if (auto i = IntValue(value)) return i->get<double>();
      if (auto d = FloatValue(value)) return *d;
      Throw(mark, fmt::format("invalid YAML: \"{}\" is not a !!float", value));
    }
    return value;  // !!str, and types JSON has no counterpart for (!!binary, !!timestamp)
  }

  std::string_view text_;
  const std::string& file_;
  const size_t budget_;
  size_t values_ = 0;
  std::vector<LocatedJson> docs_;
  OrderedJson root_;
  Positions positions_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, Anchored> anchors_;
};

}  // namespace

Result<std::vector<LocatedJson>> ParseYamlDocuments(const std::string& text,
                                                    const std::string& file) {
  std::istringstream in(text);
  JsonBuilder builder(text, file);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const ConversionError& e) {
    return Fail(Error::InvalidArgument(e.message));
  } catch (const YAML::Exception& e) {
    std::string where =
        e.mark.is_null() ? file : fmt::format("{}:{}:{}", file, e.mark.line + 1, e.mark.column + 1);
    return Fail(Error::InvalidArgument(fmt::format("{}: invalid YAML: {}", where, e.msg)));
  }
  return builder.TakeDocuments();
}

}  // namespace kube::gen
