// Config::FromKubeconfig and Config::FromEnvironment: which kubeconfig files, in which order.
#include "kube/rest/config.h"

#include <cstdlib>
#include <filesystem>

#include "rest/kubeconfig.h"

namespace kube::rest {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

}  // namespace

Result<Config> Config::FromKubeconfig(const std::string& path, const std::string& context) {
  std::vector<std::string> paths = internal::SplitPathList(path);
  if (paths.empty()) return Fail(Error::InvalidArgument("no kubeconfig file given"));
  // One file named explicitly (kubectl --kubeconfig) must exist; in a list, as in KUBECONFIG,
  // missing files are skipped.
  bool explicit_file = path.find(':') == std::string::npos;
  auto kubeconfig = internal::LoadKubeconfigs(paths, explicit_file);
  if (!kubeconfig) return Fail(kubeconfig.error());
  return internal::ConfigForContext(*kubeconfig, context);
}

Result<Config> Config::FromEnvironment() {
  // client-go's loading rules: the KUBECONFIG files, else ~/.kube/config; when none of them
  // exists, the in-cluster service account, then KUBERNETES_MASTER, then the local default.
  std::string kubeconfig = Env("KUBECONFIG");
  if (kubeconfig.empty() && !Env("HOME").empty()) kubeconfig = Env("HOME") + "/.kube/config";
  for (const auto& path : internal::SplitPathList(kubeconfig)) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      auto kc = internal::LoadKubeconfigs(internal::SplitPathList(kubeconfig), false);
      if (!kc) return Fail(kc.error());
      return internal::ConfigForContext(*kc, "");
    }
  }
  if (!Env("KUBERNETES_SERVICE_HOST").empty()) return InClusterConfig();
  Config cfg;
  std::string master = Env("KUBERNETES_MASTER");
  cfg.host = master.empty() ? "http://localhost:8080" : master;
  return cfg;
}

}  // namespace kube::rest
