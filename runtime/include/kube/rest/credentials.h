// How a rest::Client authenticates: credentials fetched for every request from a provider, so
// that tokens which rotate (a projected service-account token, a tokenFile, an exec plugin's
// short-lived token) are picked up without building a new client, and a 401 answer can make
// the provider fetch fresh ones (the client then retries that request once).
//
// Config::FromKubeconfig fills Config::exec_provider from a kubeconfig user's `exec` section;
// the client runs the plugin when it first needs a token, keeps the token until its
// expirationTimestamp, and runs the plugin again after a 401. Clients built from equal
// configurations share one plugin cache, as kubectl's client-go does.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kube/context.h"
#include "kube/error.h"

namespace kube::rest {

// What one request authenticates with; empty fields are not sent.
struct Credentials {
  std::string token{};            // sent as "Authorization: Bearer <token>"
  std::string client_cert_pem{};  // with client_key_pem: the TLS client certificate
  std::string client_key_pem{};
  friend bool operator==(const Credentials&, const Credentials&) = default;
};

// Supplies the Credentials of every request. Implementations must be safe to call from many
// threads at once. Set Config::credential_provider to plug in your own (e.g. an OIDC refresher).
class CredentialProvider {
 public:
  virtual ~CredentialProvider() = default;
  // The credentials for the next request. May block (an exec plugin runs); honours `ctx`.
  virtual Result<Credentials> Get(const Context& ctx) = 0;
  // The server answered 401 to a request sent with `used`: forget them if they are still the
  // current ones, so the next Get fetches fresh ones. Returns whether fresh ones may differ,
  // which makes the client retry the request once.
  virtual bool Invalidate(const Credentials& used) = 0;
};

// A client-go credential plugin (kubeconfig `users[].user.exec`), run as
// `command args...` with this process's environment plus `env` and KUBERNETES_EXEC_INFO; it
// prints an ExecCredential (client.authentication.k8s.io/v1 or v1beta1) on stdout.
struct ExecConfig {
  enum class InteractiveMode {
    kNever,        // stdin is /dev/null
    kIfAvailable,  // the plugin gets stdin when it is a terminal
    kAlways,       // fails unless stdin is a terminal
  };
  std::string api_version{};  // "client.authentication.k8s.io/v1" or ".../v1beta1"
  std::string command{};      // looked up in PATH unless it contains a '/'
  std::vector<std::string> args{};
  std::vector<std::pair<std::string, std::string>> env{};  // override the inherited ones
  InteractiveMode interactive_mode = InteractiveMode::kIfAvailable;
  std::string install_hint{};         // added to the error when the command is missing
  bool provide_cluster_info = false;  // KUBERNETES_EXEC_INFO then carries spec.cluster
  // The cluster's "client.authentication.k8s.io/exec" extension (JSON), sent as
  // spec.cluster.config when provide_cluster_info is set.
  std::string cluster_config_json{};
  friend bool operator==(const ExecConfig&, const ExecConfig&) = default;
};

// Failures to obtain credentials (a plugin that is missing, fails or prints nonsense; an
// unreadable token file) have code 0 and this reason; they are not retried. Their messages
// name the command or file, never a token or key.
inline constexpr std::string_view kCredentialsReason = "Credentials";
Error CredentialsError(std::string_view message);
bool IsCredentialsError(const Error& e);

}  // namespace kube::rest
