#include "kube/rest/config.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "internal/base64.h"

namespace kube::rest {
namespace {

namespace fs = std::filesystem;

constexpr const char* kServiceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount";

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

Error ConfigError(std::string msg) { return Error::InvalidArgument(std::move(msg)); }

// One kubeconfig file, parsed; entries of earlier files win when several are merged.
struct Kubeconfig {
  std::string current_context;
  std::map<std::string, std::pair<YAML::Node, fs::path>> clusters, users, contexts;
};

Result<void> LoadInto(const fs::path& path, Kubeconfig& kc) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path.string());
  } catch (const YAML::BadFile&) {
    return Fail(ConfigError(fmt::format("{}: cannot read kubeconfig", path.string())));
  } catch (const YAML::Exception& e) {
    return Fail(ConfigError(fmt::format("{}:{}:{}: invalid kubeconfig: {}", path.string(),
                                        e.mark.line + 1, e.mark.column + 1, e.msg)));
  }
  if (!root.IsMap()) return {};
  if (kc.current_context.empty() && root["current-context"]) {
    kc.current_context = root["current-context"].as<std::string>("");
  }
  auto collect = [&](const char* list, const char* item,
                     std::map<std::string, std::pair<YAML::Node, fs::path>>& into) -> Result<void> {
    YAML::Node entries = root[list];
    if (!entries) return {};
    if (!entries.IsSequence()) {
      return Fail(
          ConfigError(fmt::format("{}:{}:{}: expected a list for \"{}\"", path.string(),
                                  entries.Mark().line + 1, entries.Mark().column + 1, list)));
    }
    for (const auto& e : entries) {
      std::string name = e["name"].as<std::string>("");
      if (!into.count(name)) into[name] = {e[item], path.parent_path()};
    }
    return {};
  };
  if (auto ok = collect("clusters", "cluster", kc.clusters); !ok) return ok;
  if (auto ok = collect("users", "user", kc.users); !ok) return ok;
  return collect("contexts", "context", kc.contexts);
}

std::string Str(const YAML::Node& n, const char* key) {
  return n && n[key] ? n[key].as<std::string>("") : std::string();
}

// Relative paths in a kubeconfig are relative to the file that holds them.
std::string Resolve(const std::string& p, const fs::path& dir) {
  if (p.empty() || fs::path(p).is_absolute()) return p;
  return (dir / p).string();
}

Result<std::string> DecodeData(const std::string& b64, std::string_view what) {
  auto d = internal::Base64Decode(b64);
  if (!d) return Fail(ConfigError(fmt::format("kubeconfig: {} is not valid base64", what)));
  return *d;
}

Result<std::string> ReadTrimmed(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail(ConfigError(fmt::format("cannot read \"{}\"", path)));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

}  // namespace

Result<Config> Config::FromKubeconfig(const std::string& paths, const std::string& context) {
  Kubeconfig kc;
  // KUBECONFIG-style lists ("a:b") merge, first file wins, as kubectl does.
  std::stringstream list(paths);
  std::string one;
  int loaded = 0;
  while (std::getline(list, one, ':')) {
    if (one.empty()) continue;
    if (!fs::exists(one) && paths.find(':') != std::string::npos) continue;
    if (auto ok = LoadInto(one, kc); !ok) return Fail(ok.error());
    ++loaded;
  }
  if (loaded == 0)
    return Fail(ConfigError(fmt::format("no kubeconfig file found in \"{}\"", paths)));
  std::string ctx_name = context.empty() ? kc.current_context : context;
  if (ctx_name.empty()) {
    return Fail(ConfigError(fmt::format("{}: no context given and no current-context set", paths)));
  }
  auto c = kc.contexts.find(ctx_name);
  if (c == kc.contexts.end()) {
    return Fail(ConfigError(fmt::format("{}: context \"{}\" not found", paths, ctx_name)));
  }
  std::string cluster_name = Str(c->second.first, "cluster");
  std::string user_name = Str(c->second.first, "user");
  auto cl = kc.clusters.find(cluster_name);
  if (cl == kc.clusters.end()) {
    return Fail(ConfigError(fmt::format("{}: cluster \"{}\" of context \"{}\" not found", paths,
                                        cluster_name, ctx_name)));
  }
  Config cfg;
  const auto& [cluster, cluster_dir] = cl->second;
  cfg.host = Str(cluster, "server");
  if (cfg.host.empty()) {
    return Fail(ConfigError(fmt::format("{}: cluster \"{}\" has no server", paths, cluster_name)));
  }
  cfg.insecure_skip_tls_verify = cluster["insecure-skip-tls-verify"].as<bool>(false);
  cfg.ca_file = Resolve(Str(cluster, "certificate-authority"), cluster_dir);
  if (auto d = Str(cluster, "certificate-authority-data"); !d.empty()) {
    auto pem = DecodeData(d, "certificate-authority-data");
    if (!pem) return Fail(pem.error());
    cfg.ca_data = *pem;
  }
  if (auto u = kc.users.find(user_name); u != kc.users.end()) {
    const auto& [user, user_dir] = u->second;
    cfg.bearer_token = Str(user, "token");
    cfg.bearer_token_file = Resolve(Str(user, "tokenFile"), user_dir);
    cfg.username = Str(user, "username");
    cfg.password = Str(user, "password");
    cfg.cert_file = Resolve(Str(user, "client-certificate"), user_dir);
    cfg.key_file = Resolve(Str(user, "client-key"), user_dir);
    if (auto d = Str(user, "client-certificate-data"); !d.empty()) {
      auto pem = DecodeData(d, "client-certificate-data");
      if (!pem) return Fail(pem.error());
      cfg.cert_data = *pem;
    }
    if (auto d = Str(user, "client-key-data"); !d.empty()) {
      auto pem = DecodeData(d, "client-key-data");
      if (!pem) return Fail(pem.error());
      cfg.key_data = *pem;
    }
  } else if (!user_name.empty()) {
    return Fail(ConfigError(
        fmt::format("{}: user \"{}\" of context \"{}\" not found", paths, user_name, ctx_name)));
  }
  return cfg;
}

Result<Config> Config::InClusterConfig() {
  std::string host = Env("KUBERNETES_SERVICE_HOST");
  std::string port = Env("KUBERNETES_SERVICE_PORT");
  if (host.empty() || port.empty()) {
    return Fail(
        ConfigError("unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and "
                    "KUBERNETES_SERVICE_PORT must be defined"));
  }
  Config cfg;
  bool ipv6 = host.find(':') != std::string::npos;
  cfg.host = fmt::format("https://{}:{}", ipv6 ? "[" + host + "]" : host, port);
  std::string token_file = std::string(kServiceAccountDir) + "/token";
  auto token = ReadTrimmed(token_file);
  if (!token) return Fail(token.error());
  cfg.bearer_token = *token;
  cfg.bearer_token_file = token_file;
  cfg.ca_file = std::string(kServiceAccountDir) + "/ca.crt";
  return cfg;
}

Result<Config> InClusterConfig() { return Config::InClusterConfig(); }

Result<Config> Config::FromEnvironment() {
  if (std::string kubeconfig = Env("KUBECONFIG"); !kubeconfig.empty()) {
    return FromKubeconfig(kubeconfig);
  }
  if (!Env("KUBERNETES_SERVICE_HOST").empty()) return InClusterConfig();
  Config cfg;
  std::string master = Env("KUBERNETES_MASTER");
  cfg.host = master.empty() ? "http://localhost:8080" : master;
  return cfg;
}

}  // namespace kube::rest
