#include "kube/fields.h"

#include <fmt/format.h>

namespace kube::fields {
namespace {

std::string Escape(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == ',' || c == '=') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

Result<Selector> Selector::Parse(std::string_view text) {
  Selector sel;
  // Split on unescaped commas, then each term on its first unescaped operator.
  std::vector<std::string> terms(1);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      terms.back() += text.substr(i, 2);
      ++i;
    } else if (text[i] == ',') {
      terms.emplace_back();
    } else {
      terms.back() += text[i];
    }
  }
  for (const auto& term : terms) {
    if (term.empty()) {
      if (terms.size() == 1) break;  // "" selects everything
      return Fail(Error::InvalidArgument(
          fmt::format("invalid field selector \"{}\": empty requirement", text)));
    }
    Requirement r;
    size_t op = std::string::npos;
    size_t op_len = 0;
    for (size_t i = 0; i < term.size(); ++i) {
      if (term[i] == '\\') {
        ++i;
        continue;
      }
      if (term.compare(i, 2, "!=") == 0) {
        op = i, op_len = 2, r.equals = false;
      } else if (term.compare(i, 2, "==") == 0) {
        op = i, op_len = 2;
      } else if (term[i] == '=') {
        op = i, op_len = 1;
      }
      if (op != std::string::npos) break;
    }
    if (op == std::string::npos || op == 0) {
      return Fail(Error::InvalidArgument(fmt::format(
          "invalid field selector \"{}\": \"{}\" is not of the form field=value, field==value or "
          "field!=value",
          text, term)));
    }
    r.field = term.substr(0, op);
    std::string raw = term.substr(op + op_len);
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\\' && i + 1 < raw.size()) ++i;
      r.value += raw[i];
    }
    sel.requirements_.push_back(std::move(r));
  }
  return sel;
}

bool Selector::Matches(const Set& fields) const {
  return Matches([&](std::string_view f) -> std::optional<std::string> {
    auto it = fields.find(std::string(f));
    if (it == fields.end()) return std::nullopt;
    return it->second;
  });
}

bool Selector::Matches(
    const std::function<std::optional<std::string>(std::string_view)>& lookup) const {
  for (const auto& r : requirements_) {
    std::string have = lookup(r.field).value_or("");
    if ((have == r.value) != r.equals) return false;
  }
  return true;
}

std::string Selector::ToString() const {
  std::string out;
  for (const auto& r : requirements_) {
    if (!out.empty()) out += ',';
    out += r.field + (r.equals ? "=" : "!=") + Escape(r.value);
  }
  return out;
}

}  // namespace kube::fields
