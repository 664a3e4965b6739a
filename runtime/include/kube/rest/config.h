// kube::rest::Config: where the API server is and how to talk to it, as client-go's
// rest.Config. Default-constructible; every field has a safe default (TLS verification on, no
// overall timeout, client-go's 5 QPS / 10 burst).
//
//   auto cfg = kube::rest::Config::FromEnvironment().value();
//   cfg.qps = 50;
//   cfg.timeout = std::chrono::seconds(30);
//   auto cs = acme::clientset::NewForConfig(cfg).value();
#pragma once

#include <chrono>
#include <map>
#include <string>

#include "kube/error.h"

namespace kube::rest {

struct Config {
  // "https://10.0.0.1:6443" or "http://127.0.0.1:8080"; a bare "host:port" means https.
  std::string host{};

  // TLS. `*_data` fields hold PEM text and win over the matching `*_file`.
  bool insecure_skip_tls_verify = false;
  std::string ca_file{};
  std::string ca_data{};
  std::string cert_file{};
  std::string cert_data{};
  std::string key_file{};
  std::string key_data{};

  // Authentication.
  std::string bearer_token{};
  std::string bearer_token_file{};  // re-read at client creation; wins over an empty bearer_token
  std::string username{};           // basic auth
  std::string password{};

  // Client-side flow control: a token bucket of `burst` tokens refilled at `qps` per second.
  // A negative qps disables it; 0 means client-go's defaults (5 QPS, burst 10).
  float qps = 5;
  int burst = 10;
  // Upper bound on a whole call (all attempts and back-off); 0 means none. The effective
  // deadline is the earlier of this and the context's.
  std::chrono::milliseconds timeout{0};
  std::string user_agent{};  // default "kube-clientgen/<version>"
  // Retries of 429 and retryable 5xx responses, with jittered exponential back-off that honours
  // Retry-After and the context. 0 disables retries.
  int max_retries = 10;
  // Like Go's Transport.DisableKeepAlives: a new connection for every request.
  bool disable_keep_alives = false;
  // Sent with every request (after the ones the client sets).
  std::map<std::string, std::string> headers{};

  // KUBECONFIG (first file that names the current context), then the in-cluster service
  // account, then KUBERNETES_MASTER, then http://localhost:8080 (client-go's order).
  static Result<Config> FromEnvironment();
  // Reads a kubeconfig file; `context` empty means its current-context.
  static Result<Config> FromKubeconfig(const std::string& path, const std::string& context = "");
  // The pod's service account: KUBERNETES_SERVICE_HOST/PORT and the mounted token and CA.
  static Result<Config> InClusterConfig();
};

// Same as Config::InClusterConfig().
Result<Config> InClusterConfig();

}  // namespace kube::rest
