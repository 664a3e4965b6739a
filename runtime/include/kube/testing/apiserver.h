// kube::testing::APIServer: a real HTTP API server on 127.0.0.1 (an ephemeral port by default)
// serving every kind of a Scheme with Kubernetes semantics (see ObjectTracker), discovery good
// enough for kubectl, and fault injection. It is what integration tests, the demo and users'
// own tests run against when no cluster is at hand.
//
//   kube::Scheme scheme;
//   acme::AddToScheme(scheme);
//   kube::testing::APIServer server(scheme);
//   server.Start();
//   cfg.host = server.URL();
//   server.AddFault({.method = "GET", .status = 429, .retry_after_seconds = 1, .times = 1});
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kube/error.h"
#include "kube/scheme.h"
#include "kube/testing/object_tracker.h"

namespace kube::testing {

struct APIServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: pick a free port
  // How often a watch with allowWatchBookmarks gets a BOOKMARK.
  std::chrono::milliseconds bookmark_interval{1000};
  size_t watch_history = 10000;  // events kept for watches resuming from a resourceVersion
  int worker_threads = 64;       // each open watch or keep-alive connection holds one

  // HTTPS (URL() is then "https://..."): PEM files of the server's certificate chain and its
  // private key, as kube-apiserver's --tls-cert-file and --tls-private-key-file.
  std::string tls_cert_file{};
  std::string tls_private_key_file{};
  // Client certificates signed by this CA (PEM) authenticate a request, as kube-apiserver's
  // --client-ca-file. Asked for, not required: a client without one may use a bearer token.
  std::string client_ca_file{};
  // Bearer tokens that authenticate a request (kube-apiserver's --token-auth-file).
  // With either of these set, a request that does not authenticate is answered 401
  // Unauthorized (except /healthz, /livez and /readyz); with neither, every request is served.
  std::vector<std::string> bearer_tokens{};
};

// A misbehaviour applied to matching requests, in the order added; the first match wins.
struct Fault {
  std::string method{};                  // "GET", "POST", ...; empty matches any
  std::string path_prefix{};             // matched against the URL path; empty matches any
  bool watch_only = false;               // only watch requests
  int times = 1;                         // requests it applies to; -1 until removed
  std::chrono::milliseconds latency{0};  // added before the request is served (or failed)
  int status = 0;                        // answer with this code and a Status body instead
  int retry_after_seconds = 0;           // Retry-After sent with `status`
  // With `status`: this body instead of the Status, sent verbatim, to play an older server
  // (a Status without kind) or a proxy (an HTML page) in front of the API server.
  std::string body{};
  std::string content_type = "application/json";  // of `body`
  bool drop_connection = false;                   // close the connection mid-response
  int cut_watch_after_events = -1;                // watches: close the stream after N events
};

struct RecordedRequest {
  std::string method{};
  std::string path{};
  std::string query{};
  std::map<std::string, std::string> headers{};  // lower-cased names
};

class APIServer {
 public:
  explicit APIServer(const Scheme& scheme, APIServerOptions options = {});
  ~APIServer();
  APIServer(const APIServer&) = delete;
  APIServer& operator=(const APIServer&) = delete;

  // Binds and starts serving; returns once connections are accepted.
  Result<void> Start();
  // Ends open watches, stops accepting, and waits for the worker threads.
  void Stop();
  // "http://127.0.0.1:PORT", or "https://..." with tls_cert_file
  std::string URL() const;
  int Port() const;

  ObjectTracker& Tracker() { return *tracker_; }

  // Returns an id for RemoveFault.
  int AddFault(Fault fault);
  void RemoveFault(int id);
  void ClearFaults();

  // Every request served so far, oldest first (bounded to the last 10,000).
  std::vector<RecordedRequest> Requests() const;
  int64_t RequestCount() const;
  void ClearRequests();
  // Watches being streamed right now.
  int ActiveWatches() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_{};
  std::shared_ptr<ObjectTracker> tracker_{};
};

// Registers the kinds described by native schema files (`schemas/<group>/<version>/<kind>.json`)
// found under `dir`, for kube-testserver and tests.
Result<void> AddSchemasFromDirectory(const std::string& dir, Scheme& scheme);

}  // namespace kube::testing
