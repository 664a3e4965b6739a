// kube::Error and kube::Result: every fallible call in the runtime and in generated clients
// returns a Result, never throws. An Error carries what the API server said (HTTP code, the
// Kubernetes `reason`, the message, the Status details) or, for failures on this side of the
// wire, a client-side reason with code 0 (Canceled, DeadlineExceeded, Transport, Decode).
//
//   kube::Result<Flunder> got = flunders->Get(ctx, "alpha", {});
//   if (!got && kube::IsNotFound(got.error())) { ... }
//   if (!got) std::cerr << got.error().ToString() << "\n";
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

namespace kube {

// Kubernetes StatusReason values, plus the reasons this client uses for local failures.
namespace reason {
inline constexpr std::string_view kUnknown = "";
inline constexpr std::string_view kUnauthorized = "Unauthorized";
inline constexpr std::string_view kForbidden = "Forbidden";
inline constexpr std::string_view kNotFound = "NotFound";
inline constexpr std::string_view kAlreadyExists = "AlreadyExists";
inline constexpr std::string_view kConflict = "Conflict";
inline constexpr std::string_view kGone = "Gone";
inline constexpr std::string_view kExpired = "Expired";
inline constexpr std::string_view kInvalid = "Invalid";
inline constexpr std::string_view kServerTimeout = "ServerTimeout";
inline constexpr std::string_view kTimeout = "Timeout";
inline constexpr std::string_view kTooManyRequests = "TooManyRequests";
inline constexpr std::string_view kBadRequest = "BadRequest";
inline constexpr std::string_view kMethodNotAllowed = "MethodNotAllowed";
inline constexpr std::string_view kNotAcceptable = "NotAcceptable";
inline constexpr std::string_view kRequestEntityTooLarge = "RequestEntityTooLarge";
inline constexpr std::string_view kUnsupportedMediaType = "UnsupportedMediaType";
inline constexpr std::string_view kInternalError = "InternalError";
inline constexpr std::string_view kServiceUnavailable = "ServiceUnavailable";
// Client-side reasons (code 0).
inline constexpr std::string_view kCanceled = "Canceled";
inline constexpr std::string_view kDeadlineExceeded = "DeadlineExceeded";
inline constexpr std::string_view kTransport = "Transport";
inline constexpr std::string_view kDecode = "Decode";
}  // namespace reason

// One entry of StatusDetails.causes.
struct StatusCause {
  std::string reason{};  // e.g. "FieldValueInvalid"
  std::string message{};
  std::string field{};  // e.g. "spec.replicas"
};

// StatusDetails as the API server sends it.
struct StatusDetails {
  std::string name{};
  std::string group{};
  std::string kind{};
  std::string uid{};
  std::vector<StatusCause> causes{};
  int retry_after_seconds = 0;
};

struct Error {
  int code = 0;           // HTTP status; 0 for client-side failures
  std::string reason{};   // a kube::reason value, or whatever the server sent
  std::string message{};  // human readable
  StatusDetails details{};

  // "NotFound (404): flunders.wardle.example.com \"alpha\" not found"
  std::string ToString() const;

  // Builds the error for a non-2xx response: decodes a metav1.Status body (with or without
  // kind and apiVersion, which older servers leave out), and falls back to the reason implied
  // by the HTTP code when the body is not a Status (a proxy's HTML page, other JSON).
  static Error FromResponse(int http_code, std::string_view body);
  // The metav1.Status JSON the API server would send for this error.
  std::string ToStatusJSON() const;

  // Constructors shaped like k8s.io/apimachinery/pkg/api/errors, for servers, fakes and tests.
  static Error NotFound(std::string_view resource, std::string_view name);
  static Error AlreadyExists(std::string_view resource, std::string_view name);
  static Error Conflict(std::string_view resource, std::string_view name, std::string_view msg);
  static Error Invalid(std::string_view kind, std::string_view name,
                       std::vector<StatusCause> causes);
  static Error Gone(std::string_view msg);
  static Error Expired(std::string_view msg);
  static Error Forbidden(std::string_view msg);
  static Error Unauthorized(std::string_view msg);
  static Error BadRequest(std::string_view msg);
  static Error MethodNotAllowed(std::string_view msg);
  static Error UnsupportedMediaType(std::string_view msg);
  static Error TooManyRequests(std::string_view msg, int retry_after_seconds);
  static Error ServerTimeout(std::string_view msg);
  static Error InternalError(std::string_view msg);
  static Error ServiceUnavailable(std::string_view msg);
  static Error Canceled();
  static Error DeadlineExceeded();
  static Error Transport(std::string_view msg);
  static Error Decode(std::string_view msg);
  // A client-side validation failure (bad name or namespace): reason Invalid, code 0.
  static Error InvalidArgument(std::string_view msg);
};

template <class T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> Fail(Error e) { return tl::unexpected<Error>(std::move(e)); }

bool IsNotFound(const Error& e);
bool IsAlreadyExists(const Error& e);
bool IsConflict(const Error& e);
bool IsInvalid(const Error& e);
bool IsGone(const Error& e);  // Gone or Expired: the resourceVersion is too old
bool IsResourceExpired(const Error& e);
bool IsForbidden(const Error& e);
bool IsUnauthorized(const Error& e);
bool IsBadRequest(const Error& e);
bool IsMethodNotAllowed(const Error& e);
bool IsTooManyRequests(const Error& e);
bool IsServerTimeout(const Error& e);
bool IsTimeout(const Error& e);
bool IsInternalError(const Error& e);
bool IsServiceUnavailable(const Error& e);
bool IsCanceled(const Error& e);
bool IsDeadlineExceeded(const Error& e);
bool IsTransport(const Error& e);
bool IsDecode(const Error& e);
// The server's suggested wait before a retry (Retry-After / details.retryAfterSeconds).
std::optional<std::chrono::seconds> SuggestsClientDelay(const Error& e);

}  // namespace kube
