#include "kube/error.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

namespace kube {
namespace {

using Json = nlohmann::json;

std::string_view ReasonForCode(int code) {
  switch (code) {
    case 400:
      return reason::kBadRequest;
    case 401:
      return reason::kUnauthorized;
    case 403:
      return reason::kForbidden;
    case 404:
      return reason::kNotFound;
    case 405:
      return reason::kMethodNotAllowed;
    case 406:
      return reason::kNotAcceptable;
    case 409:
      return reason::kConflict;
    case 410:
      return reason::kGone;
    case 413:
      return reason::kRequestEntityTooLarge;
    case 415:
      return reason::kUnsupportedMediaType;
    case 422:
      return reason::kInvalid;
    case 429:
      return reason::kTooManyRequests;
    case 500:
      return reason::kInternalError;
    case 503:
      return reason::kServiceUnavailable;
    case 504:
      return reason::kTimeout;
    default:
      return reason::kUnknown;
  }
}

Error Make(int code, std::string_view why, std::string message) {
  Error e;
  e.code = code;
  e.reason = std::string(why);
  e.message = std::move(message);
  return e;
}

// "flunders.wardle.example.com" -> {group "wardle.example.com", kind "flunders"}
void SplitQualifiedResource(std::string_view resource, StatusDetails& d) {
  auto dot = resource.find('.');
  d.kind = std::string(resource.substr(0, dot));
  if (dot != std::string_view::npos) d.group = std::string(resource.substr(dot + 1));
}

std::string StringOr(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Whether j[key] is absent, null (Go leaves the field zero) or of the type `is` accepts.
template <class Is>
bool AbsentNullOr(const Json& j, const char* key, Is is) {
  auto it = j.find(key);
  return it == j.end() || it->is_null() || is(*it);
}

bool IsString(const Json& v) { return v.is_string(); }
bool IsObject(const Json& v) { return v.is_object(); }
// A JSON number that fits Go's int32 (Status.code, StatusDetails.retryAfterSeconds).
bool IsInt32(const Json& v) {
  if (v.is_number_unsigned()) return v.get<uint64_t>() <= INT32_MAX;
  if (v.is_number_integer()) {
    auto n = v.get<int64_t>();
    return n >= INT32_MIN && n <= INT32_MAX;
  }
  return false;
}
int Int32Or0(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && IsInt32(*it) ? static_cast<int>(it->get<int64_t>()) : 0;
}

// The Error a metav1.Status body describes, or nothing when `j` is not one. Decided as
// client-go's rest client decides (Request.transformResponse): the body must decode into a
// metav1.Status, so every field it has must have the type Go expects (a string where Go has a
// string, an int32 code) and a `kind`, if any, must be "Status". Older API servers leave out
// `kind` and `apiVersion`; Go defaults them, then trusts the body only when `status` is set.
// For a kind-less body we ask for one of the two values Go writes ("Failure", "Success"), so
// that an unrelated JSON error from a proxy is not mistaken for a Status; a body that names
// its kind Status is one whatever its `status` (Status::ToError relies on that).
std::optional<Error> ErrorFromStatus(const Json& j) {
  if (!j.is_object()) return std::nullopt;
  if (!AbsentNullOr(j, "kind", IsString) || !AbsentNullOr(j, "apiVersion", IsString) ||
      !AbsentNullOr(j, "status", IsString) || !AbsentNullOr(j, "message", IsString) ||
      !AbsentNullOr(j, "reason", IsString) || !AbsentNullOr(j, "code", IsInt32) ||
      !AbsentNullOr(j, "metadata", IsObject) || !AbsentNullOr(j, "details", IsObject)) {
    return std::nullopt;
  }
  std::string kind = StringOr(j, "kind");
  if (kind.empty()) {
    std::string status = StringOr(j, "status");
    if (status != "Failure" && status != "Success") return std::nullopt;
  } else if (kind != "Status") {
    return std::nullopt;
  }
  Error e;
  e.reason = StringOr(j, "reason");
  e.message = StringOr(j, "message");
  e.code = Int32Or0(j, "code");
  if (auto d = j.find("details"); d != j.end() && d->is_object()) {
    if (!AbsentNullOr(*d, "name", IsString) || !AbsentNullOr(*d, "group", IsString) ||
        !AbsentNullOr(*d, "kind", IsString) || !AbsentNullOr(*d, "uid", IsString) ||
        !AbsentNullOr(*d, "retryAfterSeconds", IsInt32) ||
        !AbsentNullOr(*d, "causes", [](const Json& v) { return v.is_array(); })) {
      return std::nullopt;
    }
    e.details.name = StringOr(*d, "name");
    e.details.group = StringOr(*d, "group");
    e.details.kind = StringOr(*d, "kind");
    e.details.uid = StringOr(*d, "uid");
    e.details.retry_after_seconds = std::max(0, Int32Or0(*d, "retryAfterSeconds"));
    if (auto cs = d->find("causes"); cs != d->end() && cs->is_array()) {
      for (const auto& c : *cs) {
        if (c.is_null()) continue;
        if (!c.is_object() || !AbsentNullOr(c, "reason", IsString) ||
            !AbsentNullOr(c, "message", IsString) || !AbsentNullOr(c, "field", IsString)) {
          return std::nullopt;
        }
        e.details.causes.push_back(
            {StringOr(c, "reason"), StringOr(c, "message"), StringOr(c, "field")});
      }
    }
  }
  return e;
}

bool HasReason(const Error& e, std::string_view r, int code) {
  // A response without a reason is classified by its HTTP code, as client-go's ReasonForError.
  return e.reason == r || (e.reason.empty() && e.code == code);
}

}  // namespace

std::string Error::ToString() const {
  std::string out = reason.empty() ? std::string("Error") : reason;
  if (code != 0) out += fmt::format(" ({})", code);
  if (!message.empty()) out += ": " + message;
  return out;
}

Error Error::FromResponse(int http_code, std::string_view body) {
  Error e;
  e.code = http_code;
  Json j = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (std::optional<Error> status = ErrorFromStatus(j)) {
    e = *std::move(status);
    if (e.code == 0) e.code = http_code;
    if (e.reason.empty()) e.reason = std::string(ReasonForCode(e.code));
    return e;
  }
  e.reason = std::string(ReasonForCode(http_code));
  // Not a Status: keep a bounded, printable excerpt so the error still says what came back.
  std::string excerpt(body.substr(0, 256));
  e.message = excerpt.empty()
                  ? fmt::format("the server responded with HTTP {} and an empty body", http_code)
                  : fmt::format("the server responded with HTTP {}: {}", http_code, excerpt);
  return e;
}

std::string Error::ToStatusJSON() const {
  Json j = {{"kind", "Status"},    {"apiVersion", "v1"}, {"metadata", Json::object()},
            {"status", "Failure"}, {"message", message}, {"reason", reason},
            {"code", code}};
  Json d = Json::object();
  if (!details.name.empty()) d["name"] = details.name;
  if (!details.group.empty()) d["group"] = details.group;
  if (!details.kind.empty()) d["kind"] = details.kind;
  if (!details.uid.empty()) d["uid"] = details.uid;
  if (details.retry_after_seconds > 0) d["retryAfterSeconds"] = details.retry_after_seconds;
  if (!details.causes.empty()) {
    Json causes = Json::array();
    for (const auto& c : details.causes) {
      causes.push_back({{"reason", c.reason}, {"message", c.message}, {"field", c.field}});
    }
    d["causes"] = std::move(causes);
  }
  if (!d.empty()) j["details"] = std::move(d);
  // The message may quote what a server or a URL sent, which need not be UTF-8: replace bad
  // bytes (U+FFFD) rather than throw.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Error Error::NotFound(std::string_view resource, std::string_view name) {
  Error e = Make(404, reason::kNotFound, fmt::format("{} \"{}\" not found", resource, name));
  SplitQualifiedResource(resource, e.details);
  e.details.name = std::string(name);
  return e;
}

Error Error::AlreadyExists(std::string_view resource, std::string_view name) {
  Error e =
      Make(409, reason::kAlreadyExists, fmt::format("{} \"{}\" already exists", resource, name));
  SplitQualifiedResource(resource, e.details);
  e.details.name = std::string(name);
  return e;
}

Error Error::Conflict(std::string_view resource, std::string_view name, std::string_view msg) {
  Error e =
      Make(409, reason::kConflict,
           fmt::format("Operation cannot be fulfilled on {} \"{}\": {}", resource, name, msg));
  SplitQualifiedResource(resource, e.details);
  e.details.name = std::string(name);
  return e;
}

Error Error::Invalid(std::string_view kind, std::string_view name,
                     std::vector<StatusCause> causes) {
  std::string msg = fmt::format("{} \"{}\" is invalid", kind, name);
  for (size_t i = 0; i < causes.size(); ++i) {
    msg +=
        (i == 0 ? ": " : ", ") +
        (causes[i].field.empty() ? causes[i].message : causes[i].field + ": " + causes[i].message);
  }
  Error e = Make(422, reason::kInvalid, std::move(msg));
  e.details.kind = std::string(kind);
  e.details.name = std::string(name);
  e.details.causes = std::move(causes);
  return e;
}

Error Error::Gone(std::string_view msg) { return Make(410, reason::kGone, std::string(msg)); }
Error Error::Expired(std::string_view msg) { return Make(410, reason::kExpired, std::string(msg)); }
Error Error::Forbidden(std::string_view msg) {
  return Make(403, reason::kForbidden, std::string(msg));
}
Error Error::Unauthorized(std::string_view msg) {
  return Make(401, reason::kUnauthorized, std::string(msg));
}
Error Error::BadRequest(std::string_view msg) {
  return Make(400, reason::kBadRequest, std::string(msg));
}
Error Error::MethodNotAllowed(std::string_view msg) {
  return Make(405, reason::kMethodNotAllowed, std::string(msg));
}
Error Error::UnsupportedMediaType(std::string_view msg) {
  return Make(415, reason::kUnsupportedMediaType, std::string(msg));
}
Error Error::TooManyRequests(std::string_view msg, int retry_after_seconds) {
  Error e = Make(429, reason::kTooManyRequests, std::string(msg));
  e.details.retry_after_seconds = retry_after_seconds;
  return e;
}
Error Error::ServerTimeout(std::string_view msg) {
  return Make(504, reason::kTimeout, std::string(msg));
}
Error Error::InternalError(std::string_view msg) {
  return Make(500, reason::kInternalError, std::string(msg));
}
Error Error::ServiceUnavailable(std::string_view msg) {
  return Make(503, reason::kServiceUnavailable, std::string(msg));
}
Error Error::Canceled() { return Make(0, reason::kCanceled, "context canceled"); }
Error Error::DeadlineExceeded() {
  return Make(0, reason::kDeadlineExceeded, "context deadline exceeded");
}
Error Error::Transport(std::string_view msg) {
  return Make(0, reason::kTransport, std::string(msg));
}
Error Error::Decode(std::string_view msg) { return Make(0, reason::kDecode, std::string(msg)); }
Error Error::InvalidArgument(std::string_view msg) {
  return Make(0, reason::kInvalid, std::string(msg));
}

bool IsNotFound(const Error& e) { return HasReason(e, reason::kNotFound, 404); }
bool IsAlreadyExists(const Error& e) { return e.reason == reason::kAlreadyExists; }
bool IsConflict(const Error& e) { return HasReason(e, reason::kConflict, 409); }
bool IsInvalid(const Error& e) { return HasReason(e, reason::kInvalid, 422); }
bool IsGone(const Error& e) {
  return HasReason(e, reason::kGone, 410) || e.reason == reason::kExpired;
}
bool IsResourceExpired(const Error& e) { return e.reason == reason::kExpired || IsGone(e); }
bool IsForbidden(const Error& e) { return HasReason(e, reason::kForbidden, 403); }
bool IsUnauthorized(const Error& e) { return HasReason(e, reason::kUnauthorized, 401); }
bool IsBadRequest(const Error& e) { return HasReason(e, reason::kBadRequest, 400); }
bool IsMethodNotAllowed(const Error& e) { return HasReason(e, reason::kMethodNotAllowed, 405); }
bool IsTooManyRequests(const Error& e) {
  return HasReason(e, reason::kTooManyRequests, 429) || e.code == 429;
}
bool IsServerTimeout(const Error& e) { return e.reason == reason::kServerTimeout; }
bool IsTimeout(const Error& e) { return HasReason(e, reason::kTimeout, 504); }
bool IsInternalError(const Error& e) { return HasReason(e, reason::kInternalError, 500); }
bool IsServiceUnavailable(const Error& e) { return HasReason(e, reason::kServiceUnavailable, 503); }
bool IsCanceled(const Error& e) { return e.reason == reason::kCanceled; }
bool IsDeadlineExceeded(const Error& e) { return e.reason == reason::kDeadlineExceeded; }
bool IsTransport(const Error& e) { return e.reason == reason::kTransport; }
bool IsDecode(const Error& e) { return e.reason == reason::kDecode; }

std::optional<std::chrono::seconds> SuggestsClientDelay(const Error& e) {
  if (e.details.retry_after_seconds > 0) return std::chrono::seconds(e.details.retry_after_seconds);
  return std::nullopt;
}

}  // namespace kube
