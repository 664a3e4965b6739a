// Lays out generated C++ the way clang-format (Google style, 100 columns) would, so that
// generated files pass `clang-format --dry-run -Werror` without running clang-format: long
// signatures and calls are wrapped, long comments reflowed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kube::gen {

inline constexpr size_t kColumnLimit = 100;

// `head(p1, p2, ...)tail` starting at `indent`: on one line if it fits; else with the
// parameters packed and aligned after '('; else broken after '(' with a four-space
// continuation, packed. Returns the text without the leading indent and without a newline.
std::string LayoutCall(std::string_view indent, std::string_view head,
                       const std::vector<std::string>& params, std::string_view tail);

// A type `name<args>` that may be longer than a line: its arguments aligned after '<' if each
// fits, else broken after '<' with a four-space continuation (a very long nested type name).
std::string LayoutType(std::string_view indent, std::string_view type);

// A member or variable `type name<tail>`, broken after the type with a four-space continuation
// when it does not fit.
std::string LayoutDeclaration(std::string_view indent, std::string_view type, std::string_view name,
                              std::string_view tail = ";");

// `declared = value;` (a constant, an alias), broken after '=' when it does not fit.
std::string LayoutInitialized(std::string_view indent, std::string_view declared,
                              std::string_view value);

// `using name = target;`, broken after '=' when it does not fit.
std::string LayoutAlias(std::string_view indent, std::string_view name, std::string_view target);

// A function definition: `signature {` (as laid out by LayoutCall, ending in " {") and a
// one-statement body. On one line if it fits (as clang-format joins short functions), else
// the body indented on its own line and the brace closing on the next.
std::string LayoutFunction(std::string_view indent, std::string_view signature,
                           std::string_view body);

// A member `name<args> member;` of a class template type, broken after the type and, when the
// type alone is too long, between its arguments aligned after '<', as clang-format does.
std::string LayoutTemplateMember(std::string_view indent, std::string_view name,
                                 const std::vector<std::string>& args, std::string_view member);

// A constructor `head(params) : init1, init2 {}` as clang-format's Google style packs it: all on
// one line if it fits; else the initializers on the next line after "    : "; else one per
// line. Returns the text without the leading indent.
std::string LayoutConstructor(std::string_view indent, std::string_view head,
                              const std::vector<std::string>& params,
                              const std::vector<std::string>& initializers);

// Splits `text` into lines of at most `width` characters at spaces (for `// ` comments).
std::vector<std::string> WrapText(std::string_view text, size_t width);

}  // namespace kube::gen
