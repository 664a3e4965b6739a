#include "rest/in_cluster.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kube::rest {
namespace internal {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

std::optional<std::string> ReadTrimmed(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

}  // namespace

Result<Config> InClusterConfigFrom(const std::string& dir) {
  std::string host = Env("KUBERNETES_SERVICE_HOST");
  std::string port = Env("KUBERNETES_SERVICE_PORT");
  if (host.empty() || port.empty()) {
    return Fail(Error::InvalidArgument(
        "unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and "
        "KUBERNETES_SERVICE_PORT must be defined"));
  }
  Config cfg;
  bool ipv6 = host.find(':') != std::string::npos;
  cfg.host = fmt::format("https://{}:{}", ipv6 ? "[" + host + "]" : host, port);
  std::string token_file = dir + "/token";
  auto token = ReadTrimmed(token_file);
  if (!token || token->empty()) {
    return Fail(Error::InvalidArgument(fmt::format(
        "unable to load in-cluster configuration: cannot read the service account token \"{}\"",
        token_file)));
  }
  // The kubelet rotates the projected token (hourly by default): the client re-reads the
  // file whenever it changes, starting from what was read here.
  cfg.bearer_token = std::move(*token);
  cfg.bearer_token_file = token_file;
  // client-go goes on without the CA when it cannot be read (the system roots then apply).
  if (std::string ca = dir + "/ca.crt"; std::filesystem::exists(ca)) cfg.ca_file = ca;
  // As clientcmd's in-cluster namespace: POD_NAMESPACE, the mounted namespace, "default".
  cfg.namespace_ = Env("POD_NAMESPACE");
  if (cfg.namespace_.empty()) cfg.namespace_ = ReadTrimmed(dir + "/namespace").value_or("");
  if (cfg.namespace_.empty()) cfg.namespace_ = "default";
  return cfg;
}

}  // namespace internal

Result<Config> Config::InClusterConfig() {
  return internal::InClusterConfigFrom(internal::kServiceAccountDir);
}

Result<Config> InClusterConfig() { return Config::InClusterConfig(); }

}  // namespace kube::rest
