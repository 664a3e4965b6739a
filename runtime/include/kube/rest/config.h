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
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kube/error.h"
#include "kube/rest/credentials.h"

namespace kube::rest {

struct Config {
  // "https://10.0.0.1:6443" or "http://127.0.0.1:8080"; a bare "host:port" means https.
  std::string host{};
  // The namespace of the kubeconfig context ("default" when it names none) or of the pod's
  // service account; for callers to use, the client itself does not read it.
  std::string namespace_{};

  // TLS. `*_data` fields hold PEM text and win over the matching `*_file`.
  bool insecure_skip_tls_verify = false;
  std::string ca_file{};
  std::string ca_data{};
  std::string cert_file{};
  std::string cert_data{};
  std::string key_file{};
  std::string key_data{};
  // The name the server certificate is checked against (and sent as SNI) instead of the host
  // in `host`, for servers reached through an address their certificate does not name.
  std::string tls_server_name{};
  // "http://", "https://" or "socks5://" proxy for every request. Empty: the usual
  // HTTPS_PROXY / HTTP_PROXY / NO_PROXY environment variables apply.
  std::string proxy_url{};
  // Do not ask the server for gzip-compressed responses.
  bool disable_compression = false;

  // Authentication, first match wins: credential_provider; bearer_token_file (re-read
  // whenever the file changes, bearer_token being its first content); bearer_token; then
  // exec_provider unless a client certificate or basic auth is set, as client-go does.
  std::shared_ptr<CredentialProvider> credential_provider{};
  std::string bearer_token{};
  std::string bearer_token_file{};
  std::string username{};  // basic auth
  std::string password{};
  std::optional<ExecConfig> exec_provider{};
  // Act as another user (kubeconfig `as`, `as-uid`, `as-groups`, `as-user-extra`): sent as
  // Impersonate-* headers; the authenticated user needs RBAC permission to impersonate.
  struct Impersonation {
    std::string user{};
    std::string uid{};
    std::vector<std::string> groups{};
    std::map<std::string, std::vector<std::string>> extra{};
  };
  Impersonation impersonate{};

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

  // client-go's order: the files in KUBECONFIG (merged) or else ~/.kube/config when it exists;
  // then the pod's service account (KUBERNETES_SERVICE_HOST set); then KUBERNETES_MASTER; then
  // http://localhost:8080.
  static Result<Config> FromEnvironment();
  // Reads a kubeconfig; `context` empty means its current-context. `path` may list several
  // files separated by ':' as KUBECONFIG does: they are merged as kubectl merges them (for
  // every cluster, user and context name, and for current-context, the first file that sets
  // it wins; missing files are skipped), and relative paths are resolved against the file
  // that names them. A single path must exist.
  static Result<Config> FromKubeconfig(const std::string& path, const std::string& context = "");
  // The pod's service account: KUBERNETES_SERVICE_HOST/PORT, the mounted CA, and the mounted
  // token, re-read whenever the kubelet rotates it; namespace_ from POD_NAMESPACE or the
  // mounted namespace file.
  static Result<Config> InClusterConfig();
};

// Same as Config::InClusterConfig().
Result<Config> InClusterConfig();

}  // namespace kube::rest
