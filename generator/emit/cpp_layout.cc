#include "emit/cpp_layout.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace kube::gen {
namespace {

bool IsIdentifier(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// The arguments of `name<a, b<c, d>>`, split at its top-level commas; false if `type` is not a
// template instance.
bool SplitTemplate(std::string_view type, std::string_view& name, std::vector<std::string>& args) {
  size_t open = type.find('<');
  if (open == std::string_view::npos || !type.ends_with('>')) return false;
  name = type.substr(0, open);
  int depth = 0;
  std::string arg;
  for (char c : type.substr(open + 1, type.size() - open - 2)) {
    if (c == '<') ++depth;
    if (c == '>') --depth;
    if (c == ',' && depth == 0) {
      args.push_back(arg);
      arg.clear();
      continue;
    }
    if (!(c == ' ' && arg.empty())) arg += c;
  }
  args.push_back(arg);
  return true;
}

// Packs params onto lines starting at `first_col` (first line) and `cont_col` (the others);
// returns false if some line overflows (a single parameter longer than a line).
bool Pack(const std::vector<std::string>& params, size_t first_col, size_t cont_col,
          std::string_view tail, const std::string& cont_indent, std::string& out) {
  size_t col = first_col;
  bool line_empty = true;
  bool fits = true;
  for (size_t i = 0; i < params.size(); ++i) {
    std::string piece = params[i] + (i + 1 < params.size() ? "," : std::string(tail));
    size_t need = (line_empty ? 0 : 1) + piece.size();
    if (!line_empty && col + need > kColumnLimit) {
      out += "\n" + cont_indent;
      col = cont_col;
      line_empty = true;
      need = piece.size();
    }
    if (!line_empty) out += ' ';
    if (line_empty && col + piece.size() > kColumnLimit) {
      // Longer than a line on its own (a very long type name). clang-format breaks before the
      // parameter's name, four columns further in; a parameter without a name (`const T&`)
      // stays whole, and a tail such as ") = default;" breaks after its '=' instead.
      const std::string& param = params[i];
      size_t name_at = param.rfind(' ');
      if (name_at != std::string::npos && !IsIdentifier(param.substr(name_at + 1))) {
        name_at = std::string::npos;
      }
      size_t equals_at = piece.rfind(" = ");
      if (name_at != std::string::npos) {
        out += piece.substr(0, name_at) + "\n" + cont_indent + "    " + piece.substr(name_at + 1);
        col = cont_col + 4 + piece.size() - name_at - 1;
      } else if (equals_at != std::string::npos && equals_at >= param.size()) {
        out += piece.substr(0, equals_at + 2) + "\n" + cont_indent + piece.substr(equals_at + 3);
        col = cont_col + piece.size() - equals_at - 3;
      } else {
        out += piece;
        col += piece.size();
      }
      line_empty = false;
      fits = false;  // only the layout broken after '(' may split a parameter
      continue;
    }
    out += piece;
    col += need;
    line_empty = false;
    if (col > kColumnLimit) fits = false;  // still lay out the rest: the text must be whole
  }
  return fits;
}

}  // namespace

std::string LayoutCall(std::string_view indent, std::string_view head,
                       const std::vector<std::string>& params, std::string_view tail) {
  std::string one = std::string(head) + "(";
  for (size_t i = 0; i < params.size(); ++i) one += (i ? ", " : "") + params[i];
  one += ")" + std::string(tail);
  if (indent.size() + one.size() <= kColumnLimit) return one;
  if (params.empty()) {
    // Nothing to break between the parentheses. clang-format moves a trailing " override;" to
    // its own line when the call fits, and otherwise (" = 0;" always) breaks after the return
    // type.
    std::string call = std::string(head) + "()";
    if (tail == " override;" && indent.size() + call.size() <= kColumnLimit) {
      return call + "\n" + std::string(indent) + "    override;";
    }
    size_t space = head.rfind(' ');
    if (space == std::string_view::npos) return one;
    return std::string(head.substr(0, space)) + "\n" + std::string(indent) +
           std::string(head.substr(space + 1)) + "()" + std::string(tail);
  }

  size_t space = head.rfind(' ');
  if (indent.size() + head.size() + 1 > kColumnLimit && space != std::string_view::npos) {
    // Not even `head(` fits: clang-format puts the return type on a line of its own.
    return std::string(head.substr(0, space)) + "\n" + std::string(indent) +
           LayoutCall(indent, head.substr(space + 1), params, tail);
  }

  std::string closing = ")" + std::string(tail);
  size_t open_col = indent.size() + head.size() + 1;
  std::string aligned = std::string(head) + "(";
  bool aligned_fits =
      Pack(params, open_col, open_col, closing, std::string(open_col, ' '), aligned);

  std::string cont(indent.size() + 4, ' ');
  std::string broken = std::string(head) + "(\n" + cont;
  Pack(params, cont.size(), cont.size(), closing, cont, broken);
  // In a return statement clang-format weighs line breaks: aligned arguments win unless they
  // take more lines than breaking after '(' does. Declarations keep them aligned.
  auto lines = [](const std::string& s) { return std::count(s.begin(), s.end(), '\n'); };
  bool statement = head.starts_with("return ");
  if (aligned_fits && (!statement || lines(aligned) <= lines(broken))) return aligned;
  return broken;
}

std::string LayoutType(std::string_view indent, std::string_view type) {
  std::string_view name;
  std::vector<std::string> args;
  if (indent.size() + type.size() <= kColumnLimit || !SplitTemplate(type, name, args)) {
    return std::string(type);
  }
  size_t open_col = indent.size() + name.size() + 1;
  std::string aligned = std::string(name) + "<";
  if (Pack(args, open_col, open_col, ">", std::string(open_col, ' '), aligned)) return aligned;
  std::string cont(indent.size() + 4, ' ');
  std::string broken = std::string(name) + "<\n" + cont;
  Pack(args, cont.size(), cont.size(), ">", cont, broken);
  return broken;
}

std::string LayoutDeclaration(std::string_view indent, std::string_view type, std::string_view name,
                              std::string_view tail) {
  std::string one = std::string(type) + " " + std::string(name) + std::string(tail);
  if (indent.size() + one.size() <= kColumnLimit) return one;
  return LayoutType(indent, type) + "\n" + std::string(indent) + "    " + std::string(name) +
         std::string(tail);
}

std::string LayoutInitialized(std::string_view indent, std::string_view declared,
                              std::string_view value) {
  std::string one = std::string(declared) + " = " + std::string(value) + ";";
  if (indent.size() + one.size() <= kColumnLimit) return one;
  return std::string(declared) + " =\n" + std::string(indent) + "    " + std::string(value) + ";";
}

std::string LayoutAlias(std::string_view indent, std::string_view name, std::string_view target) {
  return LayoutInitialized(indent, "using " + std::string(name), target);
}

std::string LayoutFunction(std::string_view indent, std::string_view signature,
                           std::string_view body) {
  bool one_line_signature = signature.find('\n') == std::string_view::npos;
  std::string joined = std::string(signature) + " " + std::string(body) + " }";
  if (one_line_signature && indent.size() + joined.size() <= kColumnLimit) return joined;
  return std::string(signature) + "\n" + std::string(indent) + "  " + std::string(body) + "\n" +
         std::string(indent) + "}";
}

std::string LayoutTemplateMember(std::string_view indent, std::string_view name,
                                 const std::vector<std::string>& args, std::string_view member) {
  std::string type = std::string(name) + "<";
  for (size_t i = 0; i < args.size(); ++i) type += (i ? ", " : "") + args[i];
  return LayoutDeclaration(indent, type + ">", member, ";");
}

std::string LayoutConstructor(std::string_view indent, std::string_view head,
                              const std::vector<std::string>& params,
                              const std::vector<std::string>& initializers) {
  std::string signature = LayoutCall(indent, head, params, "");
  std::string joined;
  for (const auto& init : initializers) joined += (joined.empty() ? "" : ", ") + init;
  if (signature.find('\n') == std::string::npos &&
      indent.size() + signature.size() + 3 + joined.size() + 3 <= kColumnLimit) {
    return signature + " : " + joined + " {}";
  }
  std::string colon = std::string(indent) + "    : ";
  // The empty body closes the last line; clang-format splits its braces when only "{" fits.
  auto close = [&](size_t last_line_width) {
    if (last_line_width + 3 <= kColumnLimit) return std::string(" {}");
    return " {\n" + std::string(indent) + "}";
  };
  if (colon.size() + joined.size() + 2 <= kColumnLimit) {
    return signature + "\n" + colon + joined + close(colon.size() + joined.size());
  }
  std::string out = signature + "\n" + colon;
  for (size_t i = 0; i < initializers.size(); ++i) {
    if (i) out += ",\n" + std::string(indent) + "      ";
    out += initializers[i];
  }
  return out + close(indent.size() + 6 + initializers.back().size());
}

std::vector<std::string> WrapText(std::string_view text, size_t width) {
  std::vector<std::string> lines;
  std::istringstream in{std::string(text)};
  std::string word, line;
  while (in >> word) {
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace kube::gen
