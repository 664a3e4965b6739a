#include "kube/rest/credentials.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "rest/credentials.h"
#include "rest/exec_credential.h"
#include "rest/token_file.h"

namespace kube::rest {

Error CredentialsError(std::string_view message) {
  Error e;
  e.reason = std::string(kCredentialsReason);
  e.message = std::string(message);
  return e;
}

bool IsCredentialsError(const Error& e) { return e.code == 0 && e.reason == kCredentialsReason; }

namespace internal {
namespace {

// A token that never changes: a 401 cannot be fixed by asking again.
class StaticTokenProvider : public CredentialProvider {
 public:
  explicit StaticTokenProvider(std::string token) : credentials_{.token = std::move(token)} {}
  Result<Credentials> Get(const Context&) override { return credentials_; }
  bool Invalidate(const Credentials&) override { return false; }

 private:
  const Credentials credentials_;
};

Result<std::string> CAData(const Config& config) {
  if (!config.ca_data.empty() || config.ca_file.empty()) return config.ca_data;
  std::ifstream in(config.ca_file, std::ios::binary);
  std::stringstream ss;
  if (in) ss << in.rdbuf();
  if (!in) {
    return Fail(Error::InvalidArgument(
        fmt::format("cannot read certificate-authority file \"{}\"", config.ca_file)));
  }
  return ss.str();
}

}  // namespace

Result<std::shared_ptr<CredentialProvider>> CredentialProviderFor(const Config& config) {
  if (config.credential_provider) return config.credential_provider;
  if (!config.bearer_token_file.empty()) {
    return std::make_shared<TokenFileProvider>(config.bearer_token_file, config.bearer_token);
  }
  if (!config.bearer_token.empty())
    return std::make_shared<StaticTokenProvider>(config.bearer_token);
  bool has_cert = !config.cert_data.empty() || !config.cert_file.empty();
  bool has_basic = !config.username.empty() || !config.password.empty();
  if (config.exec_provider && !has_cert && !has_basic) {
    // Only a plugin that asks for the cluster gets its CA (KUBERNETES_EXEC_INFO).
    Result<std::string> ca = std::string();
    if (config.exec_provider->provide_cluster_info) ca = CAData(config);
    if (!ca) return Fail(ca.error());
    ExecClusterInfo cluster{.server = config.host,
                            .tls_server_name = config.tls_server_name,
                            .insecure_skip_tls_verify = config.insecure_skip_tls_verify,
                            .ca_data = *ca,
                            .proxy_url = config.proxy_url,
                            .disable_compression = config.disable_compression};
    auto shared = ExecCredentialProvider::Shared(*config.exec_provider, cluster);
    if (!shared) return Fail(shared.error());
    return std::shared_ptr<CredentialProvider>(*shared);
  }
  return std::shared_ptr<CredentialProvider>();
}

}  // namespace internal
}  // namespace kube::rest
