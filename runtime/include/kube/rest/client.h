// kube::rest::Client: the REST client every typed client shares (client-go's RESTClient). It
// owns one libcurl multi handle and its event-loop thread, so connections are reused across
// calls and threads; it is safe to use from many threads at once.
//
// Each call: waits in the QPS/Burst token bucket, sends, and retries 429 and retryable 5xx
// responses (and connection failures of GETs) with jittered exponential back-off that honours
// Retry-After. Every wait honours the context, whose cancellation aborts the call promptly
// (well under 10 ms), in flight or waiting. Non-2xx responses become kube::Error with the
// server's Status decoded.
//
//   auto client = kube::rest::Client::New(cfg).value();
//   auto resp = client->Do(ctx, kube::rest::Request("GET").AbsPath("/version"));
#pragma once

#include <memory>

#include "kube/context.h"
#include "kube/error.h"
#include "kube/rest/body_stream.h"
#include "kube/rest/config.h"
#include "kube/rest/rate_limiter.h"
#include "kube/rest/request.h"
#include "kube/rest/response.h"

namespace kube::rest {

namespace internal {
class Transport;
}

class Client {
 public:
  static Result<std::shared_ptr<Client>> New(const Config& config);
  ~Client();

  const Config& config() const { return config_; }

  // The response of a 2xx exchange, else the error.
  Result<Response> Do(const Context& ctx, const Request& req);
  // Opens a streaming response (watch): returns once a 2xx status and its headers arrived.
  // The stream ends when `ctx` ends, when the server closes it, or on BodyStream::Close().
  Result<std::unique_ptr<BodyStream>> Stream(const Context& ctx, const Request& req);

 private:
  Client(Config config, std::shared_ptr<internal::Transport> transport);
  template <class Attempt>
  auto WithRetries(const Context& ctx, const Request& req, bool apply_timeout, Attempt attempt)
      -> decltype(attempt(ctx, std::optional<Context::Clock::time_point>()));

  Config config_;
  std::shared_ptr<internal::Transport> transport_;
  TokenBucket limiter_;
};

}  // namespace kube::rest
