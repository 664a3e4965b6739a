// kube::rest::Request: one API call, built up fluently and turned into a validated, escaped
// path. A name, namespace or subresource is a single path segment: "..", "." or anything with
// '/' or '%' is rejected, so `Name("../../api/v1/secrets")` can never address another path.
//
//   auto req = kube::rest::Request("GET")
//                  .Prefix({"wardle.example.com", "v1beta1"})
//                  .Namespace("default").Resource("flunders").Name("alpha");
//   kube::Result<std::string> path = req.Path();  //
//   "/apis/wardle.example.com/v1beta1/namespaces/default/flunders/alpha"
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kube/error.h"
#include "kube/group_version.h"
#include "kube/options.h"

namespace kube::rest {

class Request {
 public:
  explicit Request(std::string method) : method_(std::move(method)) {}

  Request& Prefix(const GroupVersion& gv);
  // A fixed absolute path such as "/api" or "/version" instead of prefix/resource/name.
  Request& AbsPath(std::string path);
  Request& Namespace(std::string_view ns);
  Request& Resource(std::string_view resource);
  Request& Name(std::string_view name);
  Request& SubResource(std::string_view subresource);
  Request& Param(std::string key, std::string value);
  Request& Params(const QueryParams& params);
  Request& Body(std::string body, std::string content_type = "application/json");
  Request& Header(std::string key, std::string value);

  const std::string& method() const { return method_; }
  const std::string& body() const { return body_; }
  const std::string& content_type() const { return content_type_; }
  const std::map<std::string, std::string>& headers() const { return headers_; }
  // Safe to repeat: a retry cannot do the work twice.
  bool Idempotent() const { return method_ != "POST" && method_ != "PATCH"; }

  // The escaped path and query, or InvalidArgument naming the bad segment.
  Result<std::string> Path() const;

 private:
  std::string method_;
  std::string abs_path_;
  std::optional<GroupVersion> prefix_;
  std::optional<std::string> namespace_;
  std::string resource_;
  std::optional<std::string> name_;
  std::vector<std::string> subresources_;
  QueryParams params_;
  std::string body_;
  std::string content_type_;
  std::map<std::string, std::string> headers_;
};

// Rejects what cannot be one path segment ("", ".", "..", '/', '%'); `what` names the field.
Result<void> ValidatePathSegment(std::string_view what, std::string_view value);
// Percent-encodes everything but RFC 3986 unreserved characters.
std::string EscapePathSegment(std::string_view s);
std::string EscapeQueryValue(std::string_view s);

}  // namespace kube::rest
