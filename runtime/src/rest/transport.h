// The HTTP engine under rest::Client: one libcurl multi handle and one event-loop thread per
// client. Callers block on their own condition variable, never inside libcurl, so a context
// cancellation reaches the loop through curl_multi_wakeup and the call returns in well under a
// millisecond; the easy handle is detached by the loop before the caller frees anything.
// Connections are kept in the multi handle's cache and reused across calls and threads.
// Credentials are fetched from the Config's provider for every request; a 401 answer makes the
// provider drop them and the request is sent once more with fresh ones.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "kube/context.h"
#include "kube/error.h"
#include "kube/rest/body_stream.h"
#include "kube/rest/config.h"
#include "kube/rest/credentials.h"
#include "kube/rest/request.h"
#include "kube/rest/response.h"

namespace kube::rest {

namespace internal {

class Loop;

class Transport {
 public:
  static Result<std::shared_ptr<Transport>> New(const Config& config);
  ~Transport();

  // Sends `req` and waits for the whole response; `deadline` bounds it. Non-2xx responses
  // are returned as Responses: retry policy and error decoding belong to the caller (except
  // the one retry of a 401 with fresh credentials).
  Result<Response> Perform(const Context& ctx, const Request& req,
                           std::optional<Context::Clock::time_point> deadline);
  // Sends `req` and returns once the response headers have arrived. A non-2xx response is
  // read to its end and returned in `error_response`.
  Result<std::unique_ptr<BodyStream>> Open(const Context& ctx, const Request& req,
                                           std::optional<Context::Clock::time_point> deadline,
                                           Response* error_response);

 private:
  Transport(std::shared_ptr<Loop> loop, std::shared_ptr<CredentialProvider> credentials)
      : loop_(std::move(loop)), credentials_(std::move(credentials)) {}
  Result<Credentials> CredentialsFor(const Context& ctx);
  bool RetryUnauthorized(int status, const Credentials& used, int attempt);
  Result<Response> PerformOnce(const Context& ctx, const Request& req,
                               std::optional<Context::Clock::time_point> deadline,
                               const Credentials& credentials);
  Result<std::unique_ptr<BodyStream>> OpenOnce(const Context& ctx, const Request& req,
                                               std::optional<Context::Clock::time_point> deadline,
                                               Response* error_response,
                                               const Credentials& credentials);

  std::shared_ptr<Loop> loop_;
  std::shared_ptr<CredentialProvider> credentials_;  // null: no token is sent
};

}  // namespace internal
}  // namespace kube::rest
