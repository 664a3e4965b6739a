// Kubeconfig files: parsing (with file:line:col in every error), kubectl's merge of the files
// KUBECONFIG lists, and the rest::Config of one context. client-go's clientcmd is the
// reference for every rule here (loader.go, validation.go, client_config.go).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kube/rest/config.h"

namespace kube::rest::internal {

struct KubeconfigCluster {
  std::string server{};
  std::string tls_server_name{};
  bool insecure_skip_tls_verify = false;
  std::string certificate_authority{};       // an absolute path
  std::string certificate_authority_data{};  // PEM (decoded)
  std::string proxy_url{};
  bool disable_compression = false;
  std::string exec_extension_json{};  // extensions: client.authentication.k8s.io/exec
};

// users[].user.exec as written; checked when a context selects the user, as kubectl does.
struct KubeconfigExec {
  std::string api_version{};
  std::string command{};  // made absolute when it is a relative path with a '/'
  std::vector<std::string> args{};
  std::vector<std::pair<std::string, std::string>> env{};
  std::string interactive_mode{};
  std::string install_hint{};
  bool provide_cluster_info = false;
};

struct KubeconfigUser {
  std::string token{};
  std::string token_file{};  // an absolute path
  std::string username{};
  std::string password{};
  std::string client_certificate{};  // an absolute path
  std::string client_certificate_data{};
  std::string client_key{};  // an absolute path
  std::string client_key_data{};
  std::optional<KubeconfigExec> exec{};
  std::string auth_provider{};  // the name of a legacy auth-provider (not supported)
  Config::Impersonation impersonate{};
};

struct KubeconfigContext {
  std::string cluster{};
  std::string user{};
  std::string namespace_{};
};

template <class T>
struct KubeconfigEntry {
  T value{};
  std::string file{};  // where it came from, for errors
};

struct Kubeconfig {
  std::string current_context{};
  std::map<std::string, KubeconfigEntry<KubeconfigCluster>> clusters{};
  std::map<std::string, KubeconfigEntry<KubeconfigUser>> users{};
  std::map<std::string, KubeconfigEntry<KubeconfigContext>> contexts{};
  std::vector<std::string> files{};  // the files read, in order
};

// Parses one kubeconfig file; relative paths in it are resolved against its directory. An
// empty file is an empty kubeconfig.
Result<Kubeconfig> ParseKubeconfigFile(const std::string& path);

// Adds `later` to `into` as kubectl merges a later KUBECONFIG file: a cluster, user or context
// name already present keeps its whole entry, and current-context keeps the first non-empty.
void MergeKubeconfig(Kubeconfig& into, const Kubeconfig& later);

// Reads and merges `paths` in order. With `must_exist` (one explicitly named file) a missing
// file is an error; otherwise missing files are skipped, and it is an error only when none
// exists. The same path listed twice is read once.
Result<Kubeconfig> LoadKubeconfigs(const std::vector<std::string>& paths, bool must_exist);

// The Config of `context` (empty: current-context), after kubectl's checks of the selected
// context, cluster and user.
Result<Config> ConfigForContext(const Kubeconfig& kubeconfig, const std::string& context);

// KUBECONFIG-style list ("a:b:c") to paths; empty elements dropped.
std::vector<std::string> SplitPathList(const std::string& list);

}  // namespace kube::rest::internal
