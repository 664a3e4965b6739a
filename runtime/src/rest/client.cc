#include "kube/rest/client.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <random>

#include "kube/client_trace.h"
#include "kube/controller_context.h"
#include "transport.h"

namespace kube::rest {
namespace {

constexpr std::chrono::milliseconds kBaseBackoff{100};
constexpr std::chrono::milliseconds kMaxBackoff{10'000};

// Retry-After in seconds (the HTTP-date form is treated as one second).
std::optional<std::chrono::seconds> RetryAfter(const std::map<std::string, std::string>& headers) {
  auto it = headers.find("retry-after");
  if (it == headers.end()) return std::nullopt;
  int secs = 0;
  auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), secs);
  if (ec != std::errc() || secs < 0) return std::chrono::seconds(1);
  return std::chrono::seconds(secs);
}

bool Retryable(int code, const Request& req, bool has_retry_after) {
  if (code == 429) return true;  // the server did not act on it
  if (code == 500 || code == 502 || code == 503 || code == 504) {
    return has_retry_after || req.Idempotent();
  }
  return false;
}

// Exponential back-off with "equal jitter": half fixed, half random, so retrying clients
// spread out instead of arriving together.
std::chrono::milliseconds Backoff(int attempt) {
  thread_local std::mt19937 rng{std::random_device{}()};
  auto ceiling = std::min(kMaxBackoff, kBaseBackoff * (1 << std::min(attempt, 16)));
  std::uniform_int_distribution<int64_t> half(0, ceiling.count() / 2);
  return std::chrono::milliseconds(ceiling.count() / 2 + half(rng));
}

}  // namespace

Result<std::shared_ptr<Client>> Client::New(const Config& config) {
  auto transport = internal::Transport::New(config);
  if (!transport) return Fail(transport.error());
  return std::shared_ptr<Client>(new Client(config, std::move(*transport)));
}

Client::Client(Config config, std::shared_ptr<internal::Transport> transport)
    : config_(std::move(config)),
      transport_(std::move(transport)),
      limiter_(config_.qps == 0 ? 5.0 : config_.qps,
               config_.qps == 0 && config_.burst == 0 ? 10 : config_.burst) {}

Client::~Client() = default;

// Runs `attempt` until it succeeds, fails for good, or the retries or the context run out.
// `attempt` returns Result<X>; a failed attempt that may be retried carries the Response
// headers through the error's details (retry_after_seconds) and its code.
template <class Attempt>
auto Client::WithRetries(const Context& parent, const Request& req, bool apply_timeout,
                         Attempt attempt)
    -> decltype(attempt(parent, std::optional<Context::Clock::time_point>())) {
  // Config.timeout bounds the whole call, back-off included.
  Context ctx = parent;
  CancelFunc cancel_timeout;
  if (apply_timeout && config_.timeout.count() > 0)
    std::tie(ctx, cancel_timeout) = WithTimeout(parent, config_.timeout);
  const ClientTrace* trace = GetClientTrace(ctx);
  if (trace && trace->on_request_start) {
    auto path = req.Path();
    trace->on_request_start(req.method(), path ? *path : std::string());
  }
  if (const ControllerAction* action = GetControllerAction(ctx);
      action && trace && trace->on_controller_action) {
    auto path = req.Path();
    trace->on_controller_action(*action, req.method(), path ? *path : std::string());
  }
  for (int try_number = 0;; ++try_number) {
    if (auto ok = limiter_.Wait(ctx); !ok) {
      if (cancel_timeout) cancel_timeout();
      return Fail(ok.error());
    }
    auto result = attempt(ctx, ctx.Deadline());
    if (result) {
      if (cancel_timeout) cancel_timeout();
      return result;
    }
    const Error& err = result.error();
    bool retry = false;
    std::chrono::milliseconds delay = Backoff(try_number);
    if (err.code != 0) {
      bool has_retry_after = err.details.retry_after_seconds > 0;
      retry = Retryable(err.code, req, has_retry_after);
      if (has_retry_after) delay = std::chrono::seconds(err.details.retry_after_seconds);
    } else if (IsTransport(err)) {
      retry = req.method() == "GET";  // connection refused or reset before an answer
    }
    if (!retry || try_number >= config_.max_retries || ctx.Done()) {
      if (cancel_timeout) cancel_timeout();
      return result;
    }
    if (trace && trace->on_retry) trace->on_retry(try_number + 1, delay);
    if (ctx.Wait(delay)) {
      auto done = ctx.Err();
      if (cancel_timeout) cancel_timeout();
      return Fail(*done);
    }
  }
}

// A copy of `req` with the W3C traceparent of the controller action `ctx` carries, if any.
static std::optional<Request> Traced(const Context& ctx, const Request& req) {
  const ControllerAction* action = GetControllerAction(ctx);
  if (!action) return std::nullopt;
  Request traced = req;
  traced.Header("traceparent", action->TraceParent());
  return traced;
}

Result<Response> Client::Do(const Context& ctx, const Request& original) {
  std::optional<Request> traced = Traced(ctx, original);
  const Request& req = traced ? *traced : original;
  return WithRetries(ctx, req, /*apply_timeout=*/true,
                     [&](const Context& c,
                         std::optional<Context::Clock::time_point> deadline) -> Result<Response> {
                       auto resp = transport_->Perform(c, req, deadline);
                       if (!resp) return resp;
                       if (resp->code >= 200 && resp->code < 300) return resp;
                       Error err = Error::FromResponse(resp->code, resp->body);
                       if (auto ra = RetryAfter(resp->headers);
                           ra && err.details.retry_after_seconds == 0) {
                         err.details.retry_after_seconds = static_cast<int>(ra->count());
                       }
                       return Fail(std::move(err));
                     });
}

Result<std::unique_ptr<BodyStream>> Client::Stream(const Context& ctx, const Request& original) {
  std::optional<Request> traced = Traced(ctx, original);
  const Request& req = traced ? *traced : original;
  // The stream outlives this call, so Config.timeout does not bound it (as in client-go, where
  // watches are bounded by timeoutSeconds and the context instead).
  return WithRetries(ctx, req, /*apply_timeout=*/false,
                     [&](const Context& c, std::optional<Context::Clock::time_point> deadline)
                         -> Result<std::unique_ptr<BodyStream>> {
                       Response error_response;
                       auto stream = transport_->Open(c, req, deadline, &error_response);
                       if (!stream && error_response.code != 0) {
                         Error err = stream.error();
                         if (auto ra = RetryAfter(error_response.headers);
                             ra && err.details.retry_after_seconds == 0) {
                           err.details.retry_after_seconds = static_cast<int>(ra->count());
                         }
                         return Fail(std::move(err));
                       }
                       return stream;
                     });
}

}  // namespace kube::rest
