// Request hooks: the C++ form of Go's net/http/httptrace. Attach with kube::WithClientTrace and
// every request made with that context reports its phases. Hooks run on the calling thread of
// the request (never inside the transport's event loop), so they may block or log freely.
//
//   kube::ClientTrace trace;
//   trace.on_got_connection = [](const kube::ConnectionInfo& c) { reused += c.reused; };
//   auto traced = kube::WithClientTrace(ctx, trace);
//   client->Get(traced, "alpha", {});
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

namespace kube {

struct Error;
struct ControllerAction;

struct ConnectionInfo {
  bool reused = false;           // an idle keep-alive connection was reused
  std::string remote_address{};  // "127.0.0.1:8080"
};

struct ClientTrace {
  using Duration = std::chrono::microseconds;
  // Before the request enters the rate limiter. `traceparent` is the W3C header sent, if any.
  std::function<void(std::string_view method, std::string_view url)> on_request_start;
  std::function<void(const ConnectionInfo&)> on_got_connection;
  // Durations are measured from the start of the attempt; reported only for new connections.
  std::function<void(Duration)> on_dns_done;
  std::function<void(Duration)> on_connect_done;
  std::function<void(Duration)> on_tls_handshake_done;
  std::function<void(Duration)> on_first_byte;
  // Once per attempt; `error` is null on an HTTP response (whatever its code).
  std::function<void(int http_code, const Error* error)> on_done;
  // Before the request, when its context carries a controller action (StartControllerContext);
  // the request sends action.TraceParent() as its `traceparent` header.
  std::function<void(const ControllerAction& action, std::string_view method, std::string_view url)>
      on_controller_action;
  // Before a retry sleeps: attempt number (1-based) and the chosen delay.
  std::function<void(int attempt, std::chrono::milliseconds delay)> on_retry;
};

}  // namespace kube
