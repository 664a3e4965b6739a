#include "kube/rest/request.h"

#include <fmt/format.h>

#include <cctype>

namespace kube::rest {
namespace {

bool Unreserved(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' ||
         c == '~';
}

std::string Escape(std::string_view s, bool space_as_plus) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (Unreserved(c)) {
      out += c;
    } else if (c == ' ' && space_as_plus) {
      out += '+';
    } else {
      auto u = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

}  // namespace

Result<void> ValidatePathSegment(std::string_view what, std::string_view value) {
  if (value.empty()) return Fail(Error::InvalidArgument(fmt::format("{} may not be empty", what)));
  if (value == "." || value == "..") {
    return Fail(Error::InvalidArgument(fmt::format("{} may not be '{}'", what, value)));
  }
  for (char bad : {'/', '%'}) {
    if (value.find(bad) != std::string_view::npos) {
      return Fail(
          Error::InvalidArgument(fmt::format("{} \"{}\" may not contain '{}'", what, value, bad)));
    }
  }
  for (char c : value) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return Fail(
          Error::InvalidArgument(fmt::format("{} may not contain control characters", what)));
    }
  }
  return {};
}

std::string EscapePathSegment(std::string_view s) { return Escape(s, false); }
std::string EscapeQueryValue(std::string_view s) { return Escape(s, false); }

Request& Request::Prefix(const GroupVersion& gv) {
  prefix_ = gv;
  return *this;
}
Request& Request::AbsPath(std::string path) {
  abs_path_ = std::move(path);
  return *this;
}
Request& Request::Namespace(std::string_view ns) {
  // As client-go: the empty namespace means "all namespaces" (or a cluster-scoped resource).
  if (ns.empty()) {
    namespace_.reset();
  } else {
    namespace_ = std::string(ns);
  }
  return *this;
}
Request& Request::Resource(std::string_view resource) {
  resource_ = std::string(resource);
  return *this;
}
Request& Request::Name(std::string_view name) {
  name_ = std::string(name);
  return *this;
}
Request& Request::SubResource(std::string_view subresource) {
  subresources_.emplace_back(subresource);
  return *this;
}
Request& Request::Param(std::string key, std::string value) {
  params_.emplace_back(std::move(key), std::move(value));
  return *this;
}
Request& Request::Params(const QueryParams& params) {
  params_.insert(params_.end(), params.begin(), params.end());
  return *this;
}
Request& Request::Body(std::string body, std::string content_type) {
  body_ = std::move(body);
  content_type_ = std::move(content_type);
  return *this;
}
Request& Request::Header(std::string key, std::string value) {
  headers_[std::move(key)] = std::move(value);
  return *this;
}

Result<std::string> Request::Path() const {
  std::string path;
  if (!abs_path_.empty()) {
    path = abs_path_;
  } else {
    if (!prefix_) return Fail(Error::InvalidArgument("request has neither a prefix nor a path"));
    path = prefix_->ApiPrefix();
    if (namespace_) {
      if (auto ok = ValidatePathSegment("namespace", *namespace_); !ok) return Fail(ok.error());
      path += "/namespaces/" + EscapePathSegment(*namespace_);
    }
    if (!resource_.empty()) {
      if (auto ok = ValidatePathSegment("resource", resource_); !ok) return Fail(ok.error());
      path += "/" + EscapePathSegment(resource_);
    }
    if (name_) {
      if (auto ok = ValidatePathSegment("resource name", *name_); !ok) return Fail(ok.error());
      path += "/" + EscapePathSegment(*name_);
    }
    for (const auto& sub : subresources_) {
      if (auto ok = ValidatePathSegment("subresource", sub); !ok) return Fail(ok.error());
      path += "/" + EscapePathSegment(sub);
    }
  }
  char sep = '?';
  for (const auto& [k, v] : params_) {
    path += sep;
    path += EscapeQueryValue(k) + "=" + EscapeQueryValue(v);
    sep = '&';
  }
  return path;
}

}  // namespace kube::rest
