#include "kube/labels.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace kube::labels {
namespace {

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?
bool IsQualifiedNamePart(std::string_view s) {
  if (s.empty() || s.size() > 63 || !IsAlnum(s.front()) || !IsAlnum(s.back())) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return IsAlnum(c) || c == '-' || c == '_' || c == '.'; });
}

bool IsDnsSubdomain(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  size_t start = 0;
  while (start <= s.size()) {
    size_t dot = s.find('.', start);
    std::string_view label = s.substr(start, dot == std::string_view::npos ? s.npos : dot - start);
    if (label.empty() || label.size() > 63 || !IsAlnum(label.front()) || !IsAlnum(label.back()))
      return false;
    for (char c : label) {
      if (!(std::islower(static_cast<unsigned char>(c)) ||
            std::isdigit(static_cast<unsigned char>(c)) || c == '-'))
        return false;
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return true;
}

enum class Token {
  kEnd,
  kIdentifier,
  kOpenParen,
  kCloseParen,
  kComma,
  kEquals,
  kDoubleEquals,
  kNotEquals,
  kBang,
  kGreater,
  kLess,
  kIn,
  kNotIn
};

std::string_view Describe(Token t) {
  switch (t) {
    case Token::kEnd:
      return "end of string";
    case Token::kIdentifier:
      return "identifier";
    case Token::kOpenParen:
      return "'('";
    case Token::kCloseParen:
      return "')'";
    case Token::kComma:
      return "','";
    case Token::kEquals:
      return "'='";
    case Token::kDoubleEquals:
      return "'=='";
    case Token::kNotEquals:
      return "'!='";
    case Token::kBang:
      return "'!'";
    case Token::kGreater:
      return "'>'";
    case Token::kLess:
      return "'<'";
    case Token::kIn:
      return "'in'";
    case Token::kNotIn:
      return "'notin'";
  }
  return "token";
}

bool IsSpecial(char c) {
  return c == '(' || c == ')' || c == ',' || c == '=' || c == '!' || c == '<' || c == '>' ||
         std::isspace(static_cast<unsigned char>(c));
}

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  // Reads the next token; `text` is its spelling, `at` its 0-based position.
  Token Next(std::string_view& text, size_t& at) {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    at = pos_;
    if (pos_ >= s_.size()) {
      text = {};
      return Token::kEnd;
    }
    auto two = s_.substr(pos_, 2);
    auto one = [&](Token t) {
      text = s_.substr(pos_++, 1);
      return t;
    };
    if (two == "==" || two == "!=") {
      text = two;
      pos_ += 2;
      return two == "==" ? Token::kDoubleEquals : Token::kNotEquals;
    }
    switch (s_[pos_]) {
      case '(':
        return one(Token::kOpenParen);
      case ')':
        return one(Token::kCloseParen);
      case ',':
        return one(Token::kComma);
      case '=':
        return one(Token::kEquals);
      case '!':
        return one(Token::kBang);
      case '>':
        return one(Token::kGreater);
      case '<':
        return one(Token::kLess);
      default:
        break;
    }
    size_t start = pos_;
    while (pos_ < s_.size() && !IsSpecial(s_[pos_])) ++pos_;
    text = s_.substr(start, pos_ - start);
    if (text == "in") return Token::kIn;
    if (text == "notin") return Token::kNotIn;
    return Token::kIdentifier;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

class Parser {
 public:
  explicit Parser(std::string_view s) : input_(s), lexer_(s) { Advance(); }

  Result<Selector> Parse() {
    Selector sel;
    if (tok_ == Token::kEnd) return sel;
    while (true) {
      auto r = ParseRequirement();
      if (!r) return Fail(r.error());
      sel.Add(std::move(*r));
      if (tok_ == Token::kEnd) return sel;
      if (tok_ != Token::kComma) return Expected("',' or end of string");
      Advance();
    }
  }

 private:
  void Advance() { tok_ = lexer_.Next(text_, at_); }

  tl::unexpected<Error> Expected(std::string_view what) const {
    return Fail(Error::InvalidArgument(fmt::format(
        "unable to parse label selector \"{}\": found {}{}, expected {} at position {}", input_,
        Describe(tok_), tok_ == Token::kEnd ? "" : fmt::format(" \"{}\"", text_), what, at_)));
  }

  Result<Requirement> ParseRequirement() {
    Requirement r;
    bool negated = tok_ == Token::kBang;
    if (negated) Advance();
    if (tok_ != Token::kIdentifier) return Expected("a label key");
    r.key = std::string(text_);
    if (auto v = ValidateKey(r.key); !v) return Fail(v.error());
    Advance();
    if (negated || tok_ == Token::kComma || tok_ == Token::kEnd) {
      r.op = negated ? Operator::kDoesNotExist : Operator::kExists;
      return r;
    }
    switch (tok_) {
      case Token::kEquals:
      case Token::kDoubleEquals:
        r.op = Operator::kEquals;
        break;
      case Token::kNotEquals:
        r.op = Operator::kNotEquals;
        break;
      case Token::kGreater:
        r.op = Operator::kGreaterThan;
        break;
      case Token::kLess:
        r.op = Operator::kLessThan;
        break;
      case Token::kIn:
        r.op = Operator::kIn;
        break;
      case Token::kNotIn:
        r.op = Operator::kNotIn;
        break;
      default:
        return Expected("one of '=', '==', '!=', 'in', 'notin', '>', '<', ',' after a key");
    }
    Advance();
    if (r.op == Operator::kIn || r.op == Operator::kNotIn) {
      if (tok_ != Token::kOpenParen) return Expected("'(' after 'in'/'notin'");
      Advance();
      while (tok_ != Token::kCloseParen) {
        if (tok_ == Token::kIdentifier) {
          r.values.emplace_back(text_);
          Advance();
        } else {
          r.values.emplace_back();  // "in (a,,b)" and "in ()" hold the empty value, as in Go
        }
        if (tok_ == Token::kComma) {
          Advance();
          continue;
        }
        if (tok_ != Token::kCloseParen) return Expected("',' or ')' in a value list");
      }
      Advance();
    } else {
      // "a=" means a equals the empty value.
      if (tok_ == Token::kIdentifier) {
        r.values.emplace_back(text_);
        Advance();
      } else if (r.op == Operator::kGreaterThan || r.op == Operator::kLessThan ||
                 (tok_ != Token::kComma && tok_ != Token::kEnd)) {
        return Expected("a value");
      } else {
        r.values.emplace_back();
      }
    }
    for (const auto& v : r.values) {
      if (r.op == Operator::kGreaterThan || r.op == Operator::kLessThan) {
        int64_t n;
        auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec != std::errc() || p != v.data() + v.size()) {
          return Fail(Error::InvalidArgument(fmt::format(
              "unable to parse label selector \"{}\": '{}' needs an integer, found \"{}\"", input_,
              r.op == Operator::kGreaterThan ? ">" : "<", v)));
        }
      } else if (auto ok = ValidateValue(v); !ok) {
        return Fail(ok.error());
      }
    }
    std::sort(r.values.begin(), r.values.end());
    r.values.erase(std::unique(r.values.begin(), r.values.end()), r.values.end());
    return r;
  }

  std::string_view input_;
  Lexer lexer_;
  Token tok_ = Token::kEnd;
  std::string_view text_;
  size_t at_ = 0;
};

}  // namespace

Result<void> ValidateKey(std::string_view key) {
  auto slash = key.find('/');
  std::string_view name = slash == std::string_view::npos ? key : key.substr(slash + 1);
  if (slash != std::string_view::npos && !IsDnsSubdomain(key.substr(0, slash))) {
    return Fail(Error::InvalidArgument(fmt::format(
        "invalid label key \"{}\": the prefix must be a DNS subdomain (lower case alphanumerics, "
        "'-' and '.', at most 253 characters)",
        key)));
  }
  if (!IsQualifiedNamePart(name)) {
    return Fail(Error::InvalidArgument(fmt::format(
        "invalid label key \"{}\": the name must be at most 63 characters, start and end with an "
        "alphanumeric and contain only alphanumerics, '-', '_' or '.'",
        key)));
  }
  return {};
}

Result<void> ValidateValue(std::string_view value) {
  if (value.empty() || IsQualifiedNamePart(value)) return {};
  return Fail(Error::InvalidArgument(fmt::format(
      "invalid label value \"{}\": must be empty or at most 63 characters, start and end with an "
      "alphanumeric and contain only alphanumerics, '-', '_' or '.'",
      value)));
}

bool Requirement::Matches(const Set& labels) const {
  auto it = labels.find(key);
  bool has = it != labels.end();
  auto in_values = [&] {
    return has && std::binary_search(values.begin(), values.end(), it->second);
  };
  switch (op) {
    case Operator::kEquals:
    case Operator::kIn:
      return in_values();
    case Operator::kNotEquals:
    case Operator::kNotIn:
      return !in_values();
    case Operator::kExists:
      return has;
    case Operator::kDoesNotExist:
      return !has;
    case Operator::kGreaterThan:
    case Operator::kLessThan: {
      if (!has || values.size() != 1) return false;
      int64_t have, want;
      const auto& h = it->second;
      auto r1 = std::from_chars(h.data(), h.data() + h.size(), have);
      auto r2 = std::from_chars(values[0].data(), values[0].data() + values[0].size(), want);
      if (r1.ec != std::errc() || r2.ec != std::errc()) return false;
      return op == Operator::kGreaterThan ? have > want : have < want;
    }
  }
  return false;
}

std::string Requirement::ToString() const {
  auto joined = [&] { return fmt::format("{}", fmt::join(values, ",")); };
  auto first = values.empty() ? std::string() : values.front();
  switch (op) {
    case Operator::kEquals:
      return key + "=" + first;
    case Operator::kNotEquals:
      return key + "!=" + first;
    case Operator::kIn:
      return key + " in (" + joined() + ")";
    case Operator::kNotIn:
      return key + " notin (" + joined() + ")";
    case Operator::kExists:
      return key;
    case Operator::kDoesNotExist:
      return "!" + key;
    case Operator::kGreaterThan:
      return key + ">" + first;
    case Operator::kLessThan:
      return key + "<" + first;
  }
  return key;
}

Result<Selector> Selector::Parse(std::string_view text) { return Parser(text).Parse(); }

Selector Selector::FromSet(const Set& set) {
  Selector s;
  for (const auto& [k, v] : set) s.Add({k, Operator::kEquals, {v}});
  return s;
}

Result<Selector> Selector::FromLabelSelector(const LabelSelector& ls) {
  Selector s;
  for (const auto& [k, v] : ls.match_labels) {
    if (auto ok = ValidateKey(k); !ok) return Fail(ok.error());
    s.Add({k, Operator::kEquals, {v}});
  }
  for (const auto& e : ls.match_expressions) {
    if (auto ok = ValidateKey(e.key); !ok) return Fail(ok.error());
    Requirement r{e.key, Operator::kIn, e.values};
    if (e.operator_ == "In")
      r.op = Operator::kIn;
    else if (e.operator_ == "NotIn")
      r.op = Operator::kNotIn;
    else if (e.operator_ == "Exists")
      r.op = Operator::kExists;
    else if (e.operator_ == "DoesNotExist")
      r.op = Operator::kDoesNotExist;
    else
      return Fail(Error::InvalidArgument(
          fmt::format("\"{}\" is not a valid label selector operator (In, NotIn, Exists, "
                      "DoesNotExist)",
                      e.operator_)));
    std::sort(r.values.begin(), r.values.end());
    s.Add(std::move(r));
  }
  return s;
}

bool Selector::Matches(const Set& labels) const {
  return std::all_of(requirements_.begin(), requirements_.end(),
                     [&](const Requirement& r) { return r.Matches(labels); });
}

std::string Selector::ToString() const {
  std::string out;
  for (const auto& r : requirements_) {
    if (!out.empty()) out += ',';
    out += r.ToString();
  }
  return out;
}

Selector& Selector::Add(Requirement r) {
  auto at =
      std::upper_bound(requirements_.begin(), requirements_.end(), r,
                       [](const Requirement& a, const Requirement& b) { return a.key < b.key; });
  requirements_.insert(at, std::move(r));
  return *this;
}

}  // namespace kube::labels
