// client-go credential plugins (client.authentication.k8s.io/v1 and v1beta1 ExecCredential):
// the plugin runs when a request needs a token and none is cached, its answer is kept until
// its expirationTimestamp (for good when it has none), and a 401 answer makes the next request
// run it again.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "kube/rest/credentials.h"

namespace kube::rest::internal {

// The cluster a plugin is asked for credentials for (KUBERNETES_EXEC_INFO spec.cluster, sent
// when ExecConfig::provide_cluster_info is set).
struct ExecClusterInfo {
  std::string server{};
  std::string tls_server_name{};
  bool insecure_skip_tls_verify = false;
  std::string ca_data{};  // PEM
  std::string proxy_url{};
  bool disable_compression = false;
};

class ExecCredentialProvider : public CredentialProvider {
 public:
  using Clock = std::chrono::system_clock;

  // Checks `exec` (command and a known apiVersion) first.
  static Result<std::shared_ptr<ExecCredentialProvider>> New(ExecConfig exec,
                                                             ExecClusterInfo cluster);
  // The provider every client with this plugin and cluster shares, so the plugin runs once
  // for all of them (client-go keeps one authenticator per configuration, too).
  static Result<std::shared_ptr<ExecCredentialProvider>> Shared(const ExecConfig& exec,
                                                                const ExecClusterInfo& cluster);

  // The cached credentials, or the plugin's fresh ones. Concurrent callers wait for one run.
  Result<Credentials> Get(const Context& ctx) override;
  // Drops `used` if they are still cached; always true (the next Get runs the plugin again).
  bool Invalidate(const Credentials& used) override;

  int runs() const;  // how often the plugin ran, for tests

 private:
  struct Answer {
    Credentials credentials;
    std::optional<Clock::time_point> expiry;
  };
  ExecCredentialProvider(ExecConfig exec, ExecClusterInfo cluster)
      : exec_(std::move(exec)), cluster_(std::move(cluster)) {}
  Result<Answer> Run(const Context& ctx) const;
  Result<Answer> Decode(const std::string& out) const;
  std::string ExecInfo(bool interactive) const;

  const ExecConfig exec_;
  const ExecClusterInfo cluster_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool running_ = false;
  std::optional<Answer> cached_;
  int runs_ = 0;
};

}  // namespace kube::rest::internal
