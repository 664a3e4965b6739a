#include "mustache/mustache.h"

#include <fmt/format.h>

namespace kube::gen::mustache {

using nlohmann::json;

struct Template::Node {
  enum class Kind { kText, kVariable, kSection, kInverted, kPartial };
  Kind kind = Kind::kText;
  std::string text;               // kText: the text; others: the tag name
  std::vector<std::string> path;  // the name split on '.', empty for "."
  bool escape = true;             // kVariable
  std::string indent;             // kPartial: the standalone tag's indentation
  std::vector<Node> children;     // sections
};

namespace {

using Node = Template::Node;

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

std::string_view Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> SplitPath(std::string_view name) {
  std::vector<std::string> out;
  if (name == ".") return out;
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    out.emplace_back(name.substr(start, dot == std::string_view::npos ? name.npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

class Parser {
 public:
  Parser(std::string_view src, std::string_view name) : src_(src), name_(name) {}

  Result<std::vector<Node>> Parse() {
    std::vector<std::vector<Node>*> stack = {&root_};
    std::vector<std::pair<std::string, size_t>> open;  // section name, tag offset
    size_t pos = 0;
    size_t last_tag_end = 0;  // where the previous tag (or its standalone line) ended
    while (pos < src_.size()) {
      size_t tag = src_.find(otag_, pos);
      if (tag == std::string_view::npos) {
        AddText(*stack.back(), src_.substr(pos));
        break;
      }
      size_t nl = tag == 0 ? std::string_view::npos : src_.rfind('\n', tag - 1);
      size_t line_start = nl == std::string_view::npos ? 0 : nl + 1;
      bool tag_on_line = last_tag_end > line_start;
      size_t inner = tag + otag_.size();
      char sigil = inner < src_.size() ? src_[inner] : '\0';
      std::string close = ctag_;
      if (sigil == '{') close = "}" + ctag_;
      if (sigil == '=') close = "=" + ctag_;
      size_t end = src_.find(close, inner);
      if (end == std::string_view::npos) {
        return Fail(Err(tag, fmt::format("unclosed tag: expected '{}'", close)));
      }
      size_t after = end + close.size();
      std::string_view body = src_.substr(inner, end - inner);
      bool standalone_kind = sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!' ||
                             sigil == '>' || sigil == '=';
      // Standalone: only blanks before it on its line and after it up to the line's end; the
      // whole line then disappears from the output.
      size_t line_end = after;
      while (line_end < src_.size() && (src_[line_end] == ' ' || src_[line_end] == '\t'))
        ++line_end;
      bool at_eol =
          line_end == src_.size() || src_[line_end] == '\n' ||
          (src_[line_end] == '\r' && line_end + 1 < src_.size() && src_[line_end + 1] == '\n');
      bool standalone = standalone_kind && !tag_on_line && at_eol &&
                        IsBlank(src_.substr(line_start, tag - line_start));
      std::string indent;
      if (standalone) {
        AddText(*stack.back(), src_.substr(pos, line_start - pos));
        indent = std::string(src_.substr(line_start, tag - line_start));
        pos = line_end;
        if (pos < src_.size() && src_[pos] == '\r') ++pos;
        if (pos < src_.size() && src_[pos] == '\n') ++pos;
      } else {
        AddText(*stack.back(), src_.substr(pos, tag - pos));
        pos = after;
      }
      last_tag_end = pos;

      bool has_sigil = std::string_view("#^/!>={&").find(sigil) != std::string_view::npos;
      std::string_view name = Trim(body.substr(has_sigil && sigil != '\0' ? 1 : 0));
      switch (sigil) {
        case '!':
          break;
        case '=': {
          std::string_view spec = Trim(body.substr(1, body.size() - 1));
          size_t sp = spec.find_first_of(" \t");
          if (sp == std::string_view::npos) {
            return Fail(Err(tag, "set delimiters: expected two delimiters separated by space"));
          }
          otag_ = std::string(spec.substr(0, sp));
          ctag_ = std::string(Trim(spec.substr(sp)));
          if (otag_.empty() || ctag_.empty() || ctag_.find_first_of(" \t=") != std::string::npos) {
            return Fail(Err(tag, "set delimiters: invalid delimiters"));
          }
          break;
        }
        case '#':
        case '^': {
          Node n;
          n.kind = sigil == '#' ? Node::Kind::kSection : Node::Kind::kInverted;
          n.text = std::string(name);
          n.path = SplitPath(name);
          stack.back()->push_back(std::move(n));
          stack.push_back(&stack.back()->back().children);
          open.emplace_back(std::string(name), tag);
          break;
        }
        case '/': {
          if (open.empty()) {
            return Fail(
                Err(tag, fmt::format("unexpected closing tag '{}': no section is open", name)));
          }
          if (open.back().first != name) {
            return Fail(
                Err(tag, fmt::format("closing tag '{}' does not match the open section '{}'", name,
                                     open.back().first)));
          }
          open.pop_back();
          stack.pop_back();
          break;
        }
        case '>': {
          Node n;
          n.kind = Node::Kind::kPartial;
          n.text = std::string(name);
          if (standalone) n.indent = indent;
          stack.back()->push_back(std::move(n));
          break;
        }
        default: {
          Node n;
          n.kind = Node::Kind::kVariable;
          n.escape = !(sigil == '{' || sigil == '&');
          n.text = std::string(name);
          n.path = SplitPath(name);
          stack.back()->push_back(std::move(n));
          break;
        }
      }
    }
    if (!open.empty()) {
      return Fail(
          Err(open.back().second, fmt::format("section '{}' is never closed", open.back().first)));
    }
    return std::move(root_);
  }

 private:
  static void AddText(std::vector<Node>& into, std::string_view text) {
    if (text.empty()) return;
    if (!into.empty() && into.back().kind == Node::Kind::kText) {
      into.back().text += text;
      return;
    }
    Node n;
    n.text = std::string(text);
    into.push_back(std::move(n));
  }

  Error Err(size_t offset, std::string_view what) const {
    size_t line = 1, col = 1;
    for (size_t i = 0; i < offset && i < src_.size(); ++i) {
      if (src_[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    return Error::InvalidArgument(fmt::format("{}:{}:{}: {}", name_, line, col, what));
  }

  std::string_view src_;
  std::string_view name_;
  std::string otag_ = "{{";
  std::string ctag_ = "}}";
  std::vector<Node> root_;
};

bool Falsey(const json* v) {
  return v == nullptr || v->is_null() || (v->is_boolean() && !v->get<bool>()) ||
         (v->is_array() && v->empty());
}

void AppendEscaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
}

std::string ToText(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return {};
  return v.dump();
}

// Indents every line of a partial's source for a standalone partial tag.
std::string Indent(std::string_view src, std::string_view indent) {
  if (indent.empty()) return std::string(src);
  std::string out(indent);
  for (size_t i = 0; i < src.size(); ++i) {
    out += src[i];
    if (src[i] == '\n' && i + 1 < src.size()) out += indent;
  }
  return out;
}

class Renderer {
 public:
  Renderer(const PartialLoader& partials, RenderOptions options)
      : partials_(partials), options_(options) {}

  Result<void> Render(const std::vector<Node>& nodes, std::vector<const json*>& stack,
                      std::string& out) {
    for (const Node& n : nodes) {
      switch (n.kind) {
        case Node::Kind::kText:
          out += n.text;
          break;
        case Node::Kind::kVariable: {
          const json* v = Lookup(n.path, stack);
          if (!v) break;
          std::string text = ToText(*v);
          if (n.escape && options_.html_escape) {
            AppendEscaped(out, text);
          } else {
            out += text;
          }
          break;
        }
        case Node::Kind::kSection: {
          const json* v = Lookup(n.path, stack);
          if (Falsey(v)) break;
          if (v->is_array()) {
            for (const json& item : *v) {
              stack.push_back(&item);
              auto r = Render(n.children, stack, out);
              stack.pop_back();
              if (!r) return r;
            }
          } else {
            stack.push_back(v);
            auto r = Render(n.children, stack, out);
            stack.pop_back();
            if (!r) return r;
          }
          break;
        }
        case Node::Kind::kInverted:
          if (Falsey(Lookup(n.path, stack))) {
            if (auto r = Render(n.children, stack, out); !r) return r;
          }
          break;
        case Node::Kind::kPartial: {
          auto parsed = Partial(n.text, n.indent);
          if (!parsed) return Fail(parsed.error());
          if (*parsed == nullptr) break;
          if (++depth_ > 256)
            return Fail(Error::InvalidArgument("partials nest more than 256 deep"));
          auto r = Render(**parsed, stack, out);
          --depth_;
          if (!r) return r;
          break;
        }
      }
    }
    return {};
  }

 private:
  static const json* Lookup(const std::vector<std::string>& path,
                            const std::vector<const json*>& stack) {
    if (path.empty()) return stack.back();  // "."
    for (auto frame = stack.rbegin(); frame != stack.rend(); ++frame) {
      const json& f = **frame;
      if (!f.is_object()) continue;
      auto it = f.find(path[0]);
      if (it == f.end()) continue;
      const json* cur = &*it;
      for (size_t i = 1; i < path.size(); ++i) {
        if (!cur->is_object()) return nullptr;
        auto next = cur->find(path[i]);
        if (next == cur->end()) return nullptr;
        cur = &*next;
      }
      return cur;
    }
    return nullptr;
  }

  Result<const std::vector<Node>*> Partial(const std::string& name, const std::string& indent) {
    std::string key = name + '\0' + indent;
    if (auto it = cache_.find(key); it != cache_.end()) return it->second.get();
    std::optional<std::string> src = partials_ ? partials_(name) : std::nullopt;
    if (!src) {
      cache_[key] = nullptr;
      return nullptr;
    }
    auto nodes = Parser(Indent(*src, indent), name).Parse();
    if (!nodes) return Fail(nodes.error());
    auto owned = std::make_unique<std::vector<Node>>(std::move(*nodes));
    const std::vector<Node>* raw = owned.get();
    cache_[key] = std::move(owned);
    return raw;
  }

  const PartialLoader& partials_;
  RenderOptions options_;
  std::map<std::string, std::unique_ptr<std::vector<Node>>> cache_;
  int depth_ = 0;
};

}  // namespace

PartialLoader MapLoader(std::map<std::string, std::string, std::less<>> partials) {
  return [p = std::move(partials)](std::string_view name) -> std::optional<std::string> {
    auto it = p.find(name);
    if (it == p.end()) return std::nullopt;
    return it->second;
  };
}

Result<Template> Template::Parse(std::string_view source, std::string name) {
  auto nodes = Parser(source, name).Parse();
  if (!nodes) return Fail(nodes.error());
  Template t;
  t.name_ = std::move(name);
  t.nodes_ = std::make_shared<const std::vector<Node>>(std::move(*nodes));
  return t;
}

Result<std::string> Template::Render(const json& data, const PartialLoader& partials,
                                     RenderOptions options) const {
  std::string out;
  std::vector<const json*> stack = {&data};
  Renderer r(partials, options);
  if (auto ok = r.Render(*nodes_, stack, out); !ok) return Fail(ok.error());
  return out;
}

Result<std::string> Render(std::string_view source, const json& data, const PartialLoader& partials,
                           RenderOptions options) {
  auto t = Template::Parse(source);
  if (!t) return Fail(t.error());
  return t->Render(data, partials, options);
}

}  // namespace kube::gen::mustache
