#include "rest/kubeconfig.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "internal/base64.h"

namespace kube::rest::internal {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr const char* kExecExtension = "client.authentication.k8s.io/exec";
constexpr const char* kExecV1 = "client.authentication.k8s.io/v1";
constexpr const char* kExecV1beta1 = "client.authentication.k8s.io/v1beta1";

Error ConfigError(std::string msg) { return Error::InvalidArgument(std::move(msg)); }

// The nodes of one file, with errors that say where: "path:line:col: message".
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  Error At(const YAML::Node& node, std::string_view msg) const {
    YAML::Mark m = node.Mark();
    if (m.is_null()) return ConfigError(fmt::format("{}: {}", file_, msg));
    return ConfigError(fmt::format("{}:{}:{}: {}", file_, m.line + 1, m.column + 1, msg));
  }

  // A scalar member of `map` (absent or null: empty). Errors name the key, never the value:
  // it may be a token or a key.
  Result<std::string> String(const YAML::Node& map, const char* key) const {
    YAML::Node n = map[key];
    if (!n || n.IsNull()) return std::string();
    if (!n.IsScalar()) return Fail(At(n, fmt::format("\"{}\" must be a string", key)));
    return n.Scalar();
  }

  // Several String members at once.
  Result<void> Strings(const YAML::Node& map,
                       std::initializer_list<std::pair<std::string*, const char*>> fields) const {
    for (auto [field, key] : fields) {
      auto v = String(map, key);
      if (!v) return Fail(v.error());
      *field = std::move(*v);
    }
    return {};
  }

  Result<bool> Bool(const YAML::Node& map, const char* key) const {
    YAML::Node n = map[key];
    if (!n || n.IsNull()) return false;
    bool b = false;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, b)) {
      return Fail(At(n, fmt::format("\"{}\" must be true or false", key)));
    }
    return b;
  }

  // A []byte field: base64 text, decoded.
  Result<std::string> Bytes(const YAML::Node& map, const char* key) const {
    auto text = String(map, key);
    if (!text || text->empty()) return text;
    auto decoded = kube::internal::Base64Decode(*text);
    if (!decoded) return Fail(At(map[key], fmt::format("\"{}\" is not valid base64", key)));
    return *decoded;
  }

  Result<std::vector<std::string>> StringList(const YAML::Node& map, const char* key) const {
    YAML::Node n = map[key];
    std::vector<std::string> out;
    if (!n || n.IsNull()) return out;
    if (!n.IsSequence()) return Fail(At(n, fmt::format("\"{}\" must be a list", key)));
    for (const auto& item : n) {
      if (!item.IsScalar()) {
        return Fail(At(item, fmt::format("\"{}\" must be a list of strings", key)));
      }
      out.push_back(item.Scalar());
    }
    return out;
  }

  // A member that must be a mapping when present; absent or null is an empty node.
  Result<YAML::Node> Map(const YAML::Node& map, const char* key) const {
    YAML::Node n = map[key];
    if (!n || n.IsNull()) return YAML::Node(YAML::NodeType::Map);
    if (!n.IsMap()) return Fail(At(n, fmt::format("\"{}\" must be a mapping", key)));
    return n;
  }

  // Relative paths in a kubeconfig are relative to the directory of the file naming them.
  std::string Resolve(const std::string& p) const {
    if (p.empty() || fs::path(p).is_absolute()) return p;
    return (fs::absolute(fs::path(file_)).parent_path() / p).lexically_normal().string();
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

// An extension's YAML as JSON (what the exec plugin receives as spec.cluster.config).
json ToJson(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Sequence: {
      json a = json::array();
      for (const auto& item : n) a.push_back(ToJson(item));
      return a;
    }
    case YAML::NodeType::Map: {
      json o = json::object();
      for (const auto& kv : n) o[kv.first.Scalar()] = ToJson(kv.second);
      return o;
    }
    case YAML::NodeType::Scalar: {
      if (n.Tag() == "!") return n.Scalar();  // quoted: a string whatever it looks like
      json v = json::parse(n.Scalar(), nullptr, /*allow_exceptions=*/false);
      if (!v.is_discarded() && (v.is_number() || v.is_boolean() || v.is_null())) return v;
      return n.Scalar();
    }
    default:
      return nullptr;
  }
}

Result<KubeconfigCluster> ParseCluster(const Reader& r, const YAML::Node& n) {
  KubeconfigCluster c;
  if (auto ok = r.Strings(n, {{&c.server, "server"},
                              {&c.tls_server_name, "tls-server-name"},
                              {&c.certificate_authority, "certificate-authority"},
                              {&c.proxy_url, "proxy-url"}});
      !ok)
    return Fail(ok.error());
  c.certificate_authority = r.Resolve(c.certificate_authority);
  auto insecure = r.Bool(n, "insecure-skip-tls-verify");
  auto no_gzip = r.Bool(n, "disable-compression");
  auto ca = r.Bytes(n, "certificate-authority-data");
  if (!insecure) return Fail(insecure.error());
  if (!no_gzip) return Fail(no_gzip.error());
  if (!ca) return Fail(ca.error());
  c.insecure_skip_tls_verify = *insecure;
  c.disable_compression = *no_gzip;
  c.certificate_authority_data = std::move(*ca);
  if (YAML::Node ext = n["extensions"]; ext && ext.IsSequence()) {
    for (const auto& e : ext) {
      if (e.IsMap() && e["name"] && e["name"].IsScalar() && e["name"].Scalar() == kExecExtension) {
        c.exec_extension_json = ToJson(e["extension"]).dump();
      }
    }
  }
  return c;
}

Result<KubeconfigExec> ParseExec(const Reader& r, const YAML::Node& n) {
  KubeconfigExec x;
  if (auto ok = r.Strings(n, {{&x.api_version, "apiVersion"},
                              {&x.command, "command"},
                              {&x.interactive_mode, "interactiveMode"},
                              {&x.install_hint, "installHint"}});
      !ok)
    return Fail(ok.error());
  // A relative command with a '/' is relative to the kubeconfig; a bare name is looked up in
  // PATH when the plugin runs.
  if (x.command.find('/') != std::string::npos) x.command = r.Resolve(x.command);
  auto args = r.StringList(n, "args");
  if (!args) return Fail(args.error());
  x.args = std::move(*args);
  auto provide = r.Bool(n, "provideClusterInfo");
  if (!provide) return Fail(provide.error());
  x.provide_cluster_info = *provide;
  if (YAML::Node env = n["env"]; env && !env.IsNull()) {
    if (!env.IsSequence()) return Fail(r.At(env, "\"env\" must be a list"));
    for (const auto& e : env) {
      if (!e.IsMap()) return Fail(r.At(e, "\"env\" entries must have a name and a value"));
      auto name = r.String(e, "name");
      auto value = r.String(e, "value");
      if (!name) return Fail(name.error());
      if (!value) return Fail(value.error());
      if (name->empty()) return Fail(r.At(e, "an \"env\" entry has no name"));
      x.env.emplace_back(std::move(*name), std::move(*value));
    }
  }
  return x;
}

Result<KubeconfigUser> ParseUser(const Reader& r, const YAML::Node& n) {
  KubeconfigUser u;
  if (auto ok = r.Strings(n, {{&u.token, "token"},
                              {&u.token_file, "tokenFile"},
                              {&u.username, "username"},
                              {&u.password, "password"},
                              {&u.client_certificate, "client-certificate"},
                              {&u.client_key, "client-key"}});
      !ok)
    return Fail(ok.error());
  u.token_file = r.Resolve(u.token_file);
  u.client_certificate = r.Resolve(u.client_certificate);
  u.client_key = r.Resolve(u.client_key);
  auto cert = r.Bytes(n, "client-certificate-data");
  auto key = r.Bytes(n, "client-key-data");
  if (!cert) return Fail(cert.error());
  if (!key) return Fail(key.error());
  u.client_certificate_data = std::move(*cert);
  u.client_key_data = std::move(*key);
  if (YAML::Node exec = n["exec"]; exec && !exec.IsNull()) {
    if (!exec.IsMap()) return Fail(r.At(exec, "\"exec\" must be a mapping"));
    auto x = ParseExec(r, exec);
    if (!x) return Fail(x.error());
    u.exec = std::move(*x);
  }
  if (auto ok = r.Strings(n, {{&u.impersonate.user, "as"}, {&u.impersonate.uid, "as-uid"}}); !ok) {
    return Fail(ok.error());
  }
  auto groups = r.StringList(n, "as-groups");
  if (!groups) return Fail(groups.error());
  u.impersonate.groups = std::move(*groups);
  if (YAML::Node extra = n["as-user-extra"]; extra && !extra.IsNull()) {
    if (!extra.IsMap()) return Fail(r.At(extra, "\"as-user-extra\" must be a mapping"));
    for (const auto& kv : extra) {
      auto values = r.StringList(extra, kv.first.Scalar().c_str());
      if (!values) return Fail(values.error());
      u.impersonate.extra[kv.first.Scalar()] = std::move(*values);
    }
  }
  if (YAML::Node ap = n["auth-provider"]; ap && ap.IsMap()) {
    auto name = r.String(ap, "name");
    if (!name) return Fail(name.error());
    u.auth_provider = name->empty() ? "(unnamed)" : *name;
  }
  return u;
}

Result<KubeconfigContext> ParseContext(const Reader& r, const YAML::Node& n) {
  KubeconfigContext c;
  if (auto ok =
          r.Strings(n, {{&c.cluster, "cluster"}, {&c.user, "user"}, {&c.namespace_, "namespace"}});
      !ok)
    return Fail(ok.error());
  return c;
}

// Reads `list` ("clusters") of named `item`s ("cluster") into `into`; a name twice in one
// file is an error, as in client-go.
template <class T, class Parse>
Result<void> ParseList(const Reader& r, const YAML::Node& root, const char* list, const char* item,
                       std::map<std::string, KubeconfigEntry<T>>& into, Parse parse) {
  YAML::Node entries = root[list];
  if (!entries || entries.IsNull()) return {};
  if (!entries.IsSequence()) return Fail(r.At(entries, fmt::format("\"{}\" must be a list", list)));
  for (const auto& e : entries) {
    if (!e.IsMap()) {
      return Fail(r.At(e, fmt::format("\"{}\" entries must have a name and a {}", list, item)));
    }
    auto name = r.String(e, "name");
    if (!name) return Fail(name.error());
    if (into.count(*name)) {
      return Fail(r.At(e, fmt::format("duplicate name \"{}\" in \"{}\"", *name, list)));
    }
    auto body = r.Map(e, item);
    if (!body) return Fail(body.error());
    auto value = parse(r, *body);
    if (!value) return Fail(value.error());
    into[*name] = {std::move(*value), r.file()};
  }
  return {};
}

bool Readable(const std::string& path) { return std::ifstream(path).good(); }

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

template <class T>
std::string Names(const std::map<std::string, KubeconfigEntry<T>>& m) {
  std::vector<std::string> names;
  for (const auto& [name, _] : m) names.push_back("\"" + name + "\"");
  return names.empty() ? std::string("none") : Join(names);
}

Result<ExecConfig> ExecConfigOf(const KubeconfigExec& x, const std::string& user,
                                const std::string& file) {
  auto bad = [&](std::string_view what) {
    return Fail(ConfigError(fmt::format("{}: user \"{}\": {}", file, user, what)));
  };
  if (x.command.empty()) return bad("exec: command must be specified");
  if (x.api_version.empty()) return bad("exec: apiVersion must be specified");
  if (x.api_version != kExecV1 && x.api_version != kExecV1beta1) {
    return bad(fmt::format("exec: apiVersion \"{}\" is not supported (use {} or {})", x.api_version,
                           kExecV1, kExecV1beta1));
  }
  ExecConfig e{.api_version = x.api_version,
               .command = x.command,
               .args = x.args,
               .env = x.env,
               .install_hint = x.install_hint,
               .provide_cluster_info = x.provide_cluster_info};
  std::string mode = x.interactive_mode;
  // client-go defaults v1beta1 to IfAvailable and makes v1 plugins say what they need.
  if (mode.empty() && x.api_version == kExecV1beta1) mode = "IfAvailable";
  if (mode == "Never") {
    e.interactive_mode = ExecConfig::InteractiveMode::kNever;
  } else if (mode == "IfAvailable") {
    e.interactive_mode = ExecConfig::InteractiveMode::kIfAvailable;
  } else if (mode == "Always") {
    e.interactive_mode = ExecConfig::InteractiveMode::kAlways;
  } else if (mode.empty()) {
    return bad("exec: interactiveMode must be specified (Never, IfAvailable or Always)");
  } else {
    return bad(fmt::format("exec: invalid interactiveMode \"{}\"", mode));
  }
  return e;
}

Result<void> ApplyCluster(const KubeconfigEntry<KubeconfigCluster>& entry, const std::string& name,
                          Config& cfg) {
  const KubeconfigCluster& c = entry.value;
  auto bad = [&](std::string_view what) {
    return Fail(ConfigError(fmt::format("{}: cluster \"{}\": {}", entry.file, name, what)));
  };
  if (c.server.empty()) return bad("no server found");
  if (!c.proxy_url.empty()) {
    auto scheme = c.proxy_url.substr(0, c.proxy_url.find("://"));
    if (c.proxy_url.find("://") == std::string::npos ||
        (scheme != "http" && scheme != "https" && scheme != "socks5")) {
      return bad(fmt::format("invalid proxy-url \"{}\": the scheme must be http, https or socks5",
                             c.proxy_url));
    }
  }
  // certificate-authority-data wins over certificate-authority (kubectl warns, then uses it).
  if (c.certificate_authority_data.empty() && !c.certificate_authority.empty() &&
      !Readable(c.certificate_authority)) {
    return bad(fmt::format("unable to read certificate-authority \"{}\"", c.certificate_authority));
  }
  cfg.host = c.server;
  cfg.tls_server_name = c.tls_server_name;
  cfg.insecure_skip_tls_verify = c.insecure_skip_tls_verify;
  cfg.ca_data = c.certificate_authority_data;
  if (cfg.ca_data.empty()) cfg.ca_file = c.certificate_authority;
  cfg.proxy_url = c.proxy_url;
  cfg.disable_compression = c.disable_compression;
  return {};
}

Result<void> ApplyUser(const KubeconfigEntry<KubeconfigUser>& entry, const std::string& name,
                       const KubeconfigCluster& cluster, Config& cfg) {
  const KubeconfigUser& u = entry.value;
  auto bad = [&](std::string_view what) {
    return Fail(ConfigError(fmt::format("{}: user \"{}\": {}", entry.file, name, what)));
  };
  if (!u.auth_provider.empty()) {
    return bad(fmt::format(
        "auth-provider \"{}\" is not supported; use a client-go credential plugin (exec) "
        "instead, e.g. kubelogin for OIDC or Azure",
        u.auth_provider));
  }
  std::vector<std::string> methods;
  if (!u.token.empty()) methods.push_back("token");
  if (!u.username.empty() || !u.password.empty()) methods.push_back("basicAuth");
  if (methods.size() > 1) {
    return bad(fmt::format("more than one authentication method found ({}); only one is allowed",
                           Join(methods)));
  }
  const Config::Impersonation& as = u.impersonate;
  if (as.user.empty() && (!as.uid.empty() || !as.groups.empty() || !as.extra.empty())) {
    return bad("as-uid, as-groups or as-user-extra without impersonating a user (as)");
  }
  bool has_cert = !u.client_certificate.empty() || !u.client_certificate_data.empty();
  bool has_key = !u.client_key.empty() || !u.client_key_data.empty();
  if (has_cert && !has_key) {
    return bad("client-key-data or client-key must be specified to use a client certificate");
  }
  if (has_key && !has_cert) {
    return bad("client-certificate-data or client-certificate must be specified with a key");
  }
  const std::pair<const std::string*, const char*> files[] = {
      {&u.client_certificate, "client-certificate"},
      {&u.client_key, "client-key"},
      {&u.token_file, "tokenFile"}};
  for (auto [path, what] : files) {
    if (!path->empty() && !Readable(*path)) {
      return bad(fmt::format("unable to read {} \"{}\"", what, *path));
    }
  }
  cfg.impersonate = u.impersonate;
  cfg.bearer_token = u.token;
  cfg.bearer_token_file = u.token_file;
  cfg.username = u.username;
  cfg.password = u.password;
  cfg.cert_data = u.client_certificate_data;
  if (cfg.cert_data.empty()) cfg.cert_file = u.client_certificate;
  cfg.key_data = u.client_key_data;
  if (cfg.key_data.empty()) cfg.key_file = u.client_key;
  if (u.exec) {
    auto exec = ExecConfigOf(*u.exec, name, entry.file);
    if (!exec) return Fail(exec.error());
    exec->cluster_config_json = cluster.exec_extension_json;
    cfg.exec_provider = std::move(*exec);
  }
  return {};
}

}  // namespace

std::vector<std::string> SplitPathList(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  std::string one;
  while (std::getline(in, one, ':')) {
    if (!one.empty()) out.push_back(one);
  }
  return out;
}

Result<Kubeconfig> ParseKubeconfigFile(const std::string& path) {
  Reader r(path);
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    return Fail(ConfigError(fmt::format("{}: cannot read kubeconfig", path)));
  } catch (const YAML::Exception& e) {
    return Fail(ConfigError(fmt::format("{}:{}:{}: invalid YAML: {}", path, e.mark.line + 1,
                                        e.mark.column + 1, e.msg)));
  }
  Kubeconfig kc;
  kc.files.push_back(path);
  if (!root || root.IsNull()) return kc;
  if (!root.IsMap()) return Fail(r.At(root, "a kubeconfig must be a mapping (kind: Config)"));
  auto current = r.String(root, "current-context");
  if (!current) return Fail(current.error());
  kc.current_context = std::move(*current);
  if (auto ok = ParseList(r, root, "clusters", "cluster", kc.clusters, ParseCluster); !ok) {
    return Fail(ok.error());
  }
  if (auto ok = ParseList(r, root, "users", "user", kc.users, ParseUser); !ok) {
    return Fail(ok.error());
  }
  if (auto ok = ParseList(r, root, "contexts", "context", kc.contexts, ParseContext); !ok) {
    return Fail(ok.error());
  }
  return kc;
}

void MergeKubeconfig(Kubeconfig& into, const Kubeconfig& later) {
  if (into.current_context.empty()) into.current_context = later.current_context;
  // map::insert leaves an existing key alone: the earlier file's whole entry wins, even
  // fields the later file sets and it does not.
  into.clusters.insert(later.clusters.begin(), later.clusters.end());
  into.users.insert(later.users.begin(), later.users.end());
  into.contexts.insert(later.contexts.begin(), later.contexts.end());
  into.files.insert(into.files.end(), later.files.begin(), later.files.end());
}

Result<Kubeconfig> LoadKubeconfigs(const std::vector<std::string>& paths, bool must_exist) {
  Kubeconfig merged;
  std::set<std::string> seen;
  std::vector<std::string> missing;
  for (const auto& path : paths) {
    if (!seen.insert(path).second) continue;
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      if (must_exist) {
        return Fail(ConfigError(fmt::format("kubeconfig file \"{}\" does not exist", path)));
      }
      missing.push_back(path);
      continue;
    }
    auto one = ParseKubeconfigFile(path);
    if (!one) return Fail(one.error());
    MergeKubeconfig(merged, *one);
  }
  if (merged.files.empty()) {
    return Fail(ConfigError(fmt::format("none of the kubeconfig files exist: {}", Join(missing))));
  }
  return merged;
}

Result<Config> ConfigForContext(const Kubeconfig& kc, const std::string& context) {
  std::string files = Join(kc.files);
  std::string name = context.empty() ? kc.current_context : context;
  if (name.empty()) {
    return Fail(ConfigError(fmt::format(
        "{}: no context chosen: current-context is not set and no context was given (contexts: "
        "{})",
        files, Names(kc.contexts))));
  }
  auto ctx = kc.contexts.find(name);
  if (ctx == kc.contexts.end()) {
    return Fail(ConfigError(fmt::format("{}: context \"{}\" not found (contexts: {})", files, name,
                                        Names(kc.contexts))));
  }
  const KubeconfigContext& c = ctx->second.value;
  if (c.cluster.empty()) {
    return Fail(
        ConfigError(fmt::format("{}: context \"{}\" names no cluster", ctx->second.file, name)));
  }
  auto cluster = kc.clusters.find(c.cluster);
  if (cluster == kc.clusters.end()) {
    return Fail(ConfigError(
        fmt::format("{}: cluster \"{}\" of context \"{}\" not found", files, c.cluster, name)));
  }
  Config cfg;
  cfg.namespace_ = c.namespace_.empty() ? "default" : c.namespace_;
  if (auto ok = ApplyCluster(cluster->second, c.cluster, cfg); !ok) return Fail(ok.error());
  // A context without a user talks to the cluster anonymously.
  if (!c.user.empty()) {
    auto user = kc.users.find(c.user);
    if (user == kc.users.end()) {
      return Fail(ConfigError(
          fmt::format("{}: user \"{}\" of context \"{}\" not found", files, c.user, name)));
    }
    if (auto ok = ApplyUser(user->second, c.user, cluster->second.value, cfg); !ok) {
      return Fail(ok.error());
    }
  }
  return cfg;
}

}  // namespace kube::rest::internal
