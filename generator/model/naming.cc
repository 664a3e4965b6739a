#include "model/naming.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

namespace kube::gen {
namespace {

bool Upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool LowerOrDigit(char c) {
  return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c));
}

// Initialisms that take a plural 's' in Kubernetes field names (podIPs, externalIDs).
bool PluralInitialism(std::string_view run) {
  static constexpr std::array<std::string_view, 9> kKnown = {"IP",  "ID",  "URL", "URI", "CIDR",
                                                             "UID", "API", "GID", "CPU"};
  return std::find(kKnown.begin(), kKnown.end(), run) != kKnown.end();
}

}  // namespace

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string SnakeCase(std::string_view s) {
  std::string out;
  auto start_word = [&] {
    if (!out.empty() && out.back() != '_') out += '_';
  };
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '-' || c == '_' || c == '.' || c == '$' || c == ' ') {
      start_word();
      ++i;
      continue;
    }
    if (Upper(c)) {
      size_t run_end = i;
      while (run_end < s.size() && Upper(s[run_end])) ++run_end;
      size_t run = run_end - i;
      start_word();
      if (run > 1 && run_end < s.size() && s[run_end] == 's' &&
          (run_end + 1 == s.size() || !LowerOrDigit(s[run_end + 1])) &&
          PluralInitialism(s.substr(i, run))) {
        out += Lower(s.substr(i, run + 1));  // "IPs" stays one word
        i = run_end + 1;
        continue;
      }
      if (run > 1 && run_end < s.size() && std::islower(static_cast<unsigned char>(s[run_end]))) {
        // "HTTPServer": the last capital starts the next word.
        out += Lower(s.substr(i, run - 1));
        out += '_';
        i = run_end - 1;
        continue;
      }
      out += Lower(s.substr(i, run));
      i = run_end;
      continue;
    }
    while (i < s.size() && LowerOrDigit(s[i])) out += s[i++];
    if (i < s.size() && !Upper(s[i]) && !LowerOrDigit(s[i]) && s[i] != '-' && s[i] != '_' &&
        s[i] != '.' && s[i] != '$' && s[i] != ' ') {
      ++i;  // drop characters no identifier may hold
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (!out.empty() && std::isdigit(static_cast<unsigned char>(out[0]))) out = "_" + out;
  return out;
}

bool IsCppKeyword(std::string_view w) {
  static constexpr std::string_view kKeywords[] = {
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
      "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept",
      "const", "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await",
      "co_return", "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast",
      "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto",
      "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
      "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register",
      "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
      "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local",
      "throw", "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using",
      "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
      // Macros and names that would break generated code.
      "errno", "assert", "NULL", "unix", "linux", "major", "minor"};
  return std::find(std::begin(kKeywords), std::end(kKeywords), w) != std::end(kKeywords);
}

bool IsCppIdentifier(std::string_view word) {
  return !word.empty() && !std::isdigit(static_cast<unsigned char>(word[0])) &&
         std::all_of(
             word.begin(), word.end(),
             [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }) &&
         !IsCppKeyword(word);
}

std::string MemberName(std::string_view json_name) {
  std::string s = SnakeCase(json_name);
  if (s.empty()) s = "field";
  if (IsCppKeyword(s)) s += '_';
  return s;
}

std::string TypeName(std::string_view name) {
  std::string out;
  bool up = true;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  if (!out.empty() && std::isdigit(static_cast<unsigned char>(out[0]))) out = "T" + out;
  return out;
}

std::string GroupAccessor(std::string_view group_cpp_name, std::string_view version) {
  return TypeName(group_cpp_name) + TypeName(version);
}

std::string GroupCppName(std::string_view group) {
  if (group.empty()) return "core";
  std::string first(group.substr(0, group.find('.')));
  std::string out;
  for (char c : first) {
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(c));
  }
  // As member names do (namespace_): operator.victoriametrics.com, every
  // operator.openshift.io CRD.
  if (IsCppKeyword(out)) out += '_';
  return out;
}

std::string ConstantName(std::string_view value) {
  std::string t = TypeName(value);
  if (!t.empty()) return "k" + t;
  if (value.empty()) return "kEmpty";
  // Operators ("=", "!=", "=~" in selector-like enums): named after their symbols, so that
  // each gets a constant of its own.
  static const std::map<char, std::string_view> kSymbols = {
      {'=', "Equal"},   {'!', "Not"},   {'~', "Tilde"},  {'<', "Less"},  {'>', "Greater"},
      {'+', "Plus"},    {'-', "Minus"}, {'*', "Star"},   {'/', "Slash"}, {'.', "Dot"},
      {'%', "Percent"}, {'&', "And"},   {'|', "Or"},     {'^', "Caret"}, {'?', "Question"},
      {'@', "At"},      {'#', "Hash"},  {'$', "Dollar"}, {':', "Colon"}, {',', "Comma"}};
  std::string out = "k";
  for (char c : value) {
    if (auto it = kSymbols.find(c); it != kSymbols.end()) out += it->second;
  }
  return out == "k" ? "kSymbol" : out;
}

}  // namespace kube::gen
