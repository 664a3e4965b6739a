#include "rest/exec_credential.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>

#include "internal/base64.h"
#include "kube/meta.h"
#include "rest/process.h"

extern char** environ;

namespace kube::rest::internal {
namespace {

using json = nlohmann::json;

constexpr const char* kExecInfoEnv = "KUBERNETES_EXEC_INFO";
constexpr const char* kV1 = "client.authentication.k8s.io/v1";
constexpr const char* kV1beta1 = "client.authentication.k8s.io/v1beta1";
// client-go's text for a missing plugin, so users find the same help.
constexpr const char* kInstallHelp =
    "\n\nIt looks like you are trying to use a client-go credential plugin that is not "
    "installed.\n\nTo learn more about this feature, consult the documentation available at:\n"
    "      https://kubernetes.io/docs/reference/access-authn-authz/authentication/"
    "#client-go-credential-plugins";
// How long a caller waits for another thread's plugin run before checking its context again.
constexpr std::chrono::milliseconds kWaitSlice{20};

// This process's environment with `overrides` replacing or adding variables by name; the
// result has each name once, as Go's exec.Cmd makes it (getenv would pick the first).
std::vector<std::string> Environment(
    const std::vector<std::pair<std::string, std::string>>& overrides) {
  std::vector<std::string> env;
  std::map<std::string, size_t> index;
  auto set = [&](std::string name, std::string entry) {
    if (auto it = index.find(name); it != index.end()) {
      env[it->second] = std::move(entry);
    } else {
      index.emplace(std::move(name), env.size());
      env.push_back(std::move(entry));
    }
  };
  for (char** e = environ; e && *e; ++e) {
    std::string entry(*e);
    set(entry.substr(0, entry.find('=')), entry);
  }
  for (const auto& [name, value] : overrides) set(name, name + "=" + value);
  return env;
}

bool StdinIsTerminal() { return isatty(STDIN_FILENO) == 1; }

std::string_view ModeName(ExecConfig::InteractiveMode m) {
  switch (m) {
    case ExecConfig::InteractiveMode::kNever:
      return "Never";
    case ExecConfig::InteractiveMode::kIfAvailable:
      return "IfAvailable";
    case ExecConfig::InteractiveMode::kAlways:
      return "Always";
  }
  return "";
}

// A string member of an object, or an error naming it (never its value, which may be secret).
Result<std::string> StringField(const json& obj, const char* key, std::string_view where) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::string();
  if (!it->is_string()) {
    return Fail(CredentialsError(fmt::format("{}: {} is not a string", where, key)));
  }
  return it->get<std::string>();
}

}  // namespace

Result<std::shared_ptr<ExecCredentialProvider>> ExecCredentialProvider::New(
    ExecConfig exec, ExecClusterInfo cluster) {
  if (exec.command.empty()) {
    return Fail(Error::InvalidArgument("exec plugin: command must be specified"));
  }
  if (exec.api_version != kV1 && exec.api_version != kV1beta1) {
    return Fail(Error::InvalidArgument(
        fmt::format("exec plugin {}: invalid apiVersion \"{}\" (want {} or {})", exec.command,
                    exec.api_version, kV1, kV1beta1)));
  }
  return std::shared_ptr<ExecCredentialProvider>(
      new ExecCredentialProvider(std::move(exec), std::move(cluster)));
}

Result<std::shared_ptr<ExecCredentialProvider>> ExecCredentialProvider::Shared(
    const ExecConfig& exec, const ExecClusterInfo& cluster) {
  json key = {exec.api_version,
              exec.command,
              exec.args,
              exec.env,
              static_cast<int>(exec.interactive_mode),
              exec.install_hint,
              exec.provide_cluster_info,
              exec.cluster_config_json,
              cluster.server,
              cluster.tls_server_name,
              cluster.insecure_skip_tls_verify,
              cluster.ca_data,
              cluster.proxy_url,
              cluster.disable_compression};
  static std::mutex mu;
  // Never freed, as client-go's global cache: a provider lives as long as the process may
  // build clients for its configuration.
  static auto* cache = new std::map<std::string, std::shared_ptr<ExecCredentialProvider>>();
  std::lock_guard lock(mu);
  auto& slot = (*cache)[key.dump()];
  if (!slot) {
    auto made = New(exec, cluster);
    if (!made) {
      cache->erase(key.dump());
      return made;
    }
    slot = *made;
  }
  return slot;
}

int ExecCredentialProvider::runs() const {
  std::lock_guard lock(mu_);
  return runs_;
}

Result<Credentials> ExecCredentialProvider::Get(const Context& ctx) {
  std::unique_lock lock(mu_);
  while (true) {
    if (cached_ && (!cached_->expiry || Clock::now() < *cached_->expiry)) {
      return cached_->credentials;
    }
    if (!running_) break;
    if (auto err = ctx.Err()) return Fail(*err);
    cv_.wait_for(lock, kWaitSlice);
  }
  running_ = true;
  ++runs_;
  lock.unlock();
  auto answer = Run(ctx);
  lock.lock();
  running_ = false;
  if (answer) cached_ = *answer;
  lock.unlock();
  cv_.notify_all();
  if (!answer) return Fail(answer.error());
  return answer->credentials;
}

bool ExecCredentialProvider::Invalidate(const Credentials& used) {
  std::lock_guard lock(mu_);
  if (cached_ && cached_->credentials == used) cached_.reset();
  return true;
}

std::string ExecCredentialProvider::ExecInfo(bool interactive) const {
  json spec = {{"interactive", interactive}};
  if (exec_.provide_cluster_info) {
    json c = {{"server", cluster_.server}};
    if (!cluster_.tls_server_name.empty()) c["tls-server-name"] = cluster_.tls_server_name;
    if (cluster_.insecure_skip_tls_verify) c["insecure-skip-tls-verify"] = true;
    if (!cluster_.ca_data.empty()) {
      c["certificate-authority-data"] = kube::internal::Base64Encode(cluster_.ca_data);
    }
    if (!cluster_.proxy_url.empty()) c["proxy-url"] = cluster_.proxy_url;
    if (cluster_.disable_compression) c["disable-compression"] = true;
    if (!exec_.cluster_config_json.empty()) {
      c["config"] = json::parse(exec_.cluster_config_json, nullptr, /*allow_exceptions=*/false);
    }
    spec["cluster"] = std::move(c);
  }
  json info = {{"kind", "ExecCredential"}, {"apiVersion", exec_.api_version}, {"spec", spec}};
  return info.dump();
}

Result<ExecCredentialProvider::Answer> ExecCredentialProvider::Run(const Context& ctx) const {
  const std::string& cmd = exec_.command;
  bool interactive = false;
  switch (exec_.interactive_mode) {
    case ExecConfig::InteractiveMode::kNever:
      break;
    case ExecConfig::InteractiveMode::kIfAvailable:
      interactive = StdinIsTerminal();
      break;
    case ExecConfig::InteractiveMode::kAlways:
      if (!StdinIsTerminal()) {
        return Fail(CredentialsError(fmt::format(
            "getting credentials: exec plugin {} cannot support interactive mode \"{}\": "
            "standard input is not a terminal",
            cmd, ModeName(exec_.interactive_mode))));
      }
      interactive = true;
      break;
  }
  std::vector<std::string> argv{cmd};
  argv.insert(argv.end(), exec_.args.begin(), exec_.args.end());
  auto overrides = exec_.env;
  overrides.emplace_back(kExecInfoEnv, ExecInfo(interactive));
  auto ran = RunProcess(ctx, argv, Environment(overrides), interactive);
  if (!ran) return Fail(ran.error());
  if (ran->spawn_errno == ENOENT) {
    std::string msg =
        fmt::format("getting credentials: exec: executable {} not found{}", cmd, kInstallHelp);
    if (!exec_.install_hint.empty()) msg += "\n\n" + exec_.install_hint;
    return Fail(CredentialsError(msg));
  }
  if (ran->spawn_errno != 0) {
    return Fail(CredentialsError(
        fmt::format("getting credentials: exec: executable {} could not be run: {}", cmd,
                    std::strerror(ran->spawn_errno))));
  }
  if (ran->output_too_large) {
    return Fail(CredentialsError(
        fmt::format("getting credentials: exec: executable {} printed too much output", cmd)));
  }
  if (ran->signal != 0) {
    return Fail(CredentialsError(fmt::format(
        "getting credentials: exec: executable {} was killed by signal {}", cmd, ran->signal)));
  }
  if (ran->exit_code != 0) {
    return Fail(CredentialsError(fmt::format(
        "getting credentials: exec: executable {} failed with exit code {}", cmd, ran->exit_code)));
  }
  return Decode(ran->out);
}

Result<ExecCredentialProvider::Answer> ExecCredentialProvider::Decode(
    const std::string& out) const {
  std::string where = fmt::format("getting credentials: exec plugin {}", exec_.command);
  auto fail = [&](std::string_view what) {
    return Fail(CredentialsError(fmt::format("{}: {}", where, what)));
  };
  // The parser's message quotes the text around the error, which may be a token: not shown.
  json doc = json::parse(out, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return fail("decoding stdout: not a JSON ExecCredential object");
  }
  auto api_version = StringField(doc, "apiVersion", where);
  if (!api_version) return Fail(api_version.error());
  auto kind = StringField(doc, "kind", where);
  if (!kind) return Fail(kind.error());
  if (kind->empty() || api_version->empty()) {
    return fail("decoding stdout: apiVersion and kind must be set");
  }
  if (*kind != "ExecCredential") {
    return fail(fmt::format("decoding stdout: kind is \"{}\", not ExecCredential", *kind));
  }
  if (*api_version != exec_.api_version) {
    return fail(fmt::format("configured to use API version {}, plugin returned version {}",
                            exec_.api_version, *api_version));
  }
  auto status = doc.find("status");
  if (status == doc.end() || !status->is_object()) return fail("didn't return a status field");
  Answer answer;
  auto token = StringField(*status, "token", where);
  auto cert = StringField(*status, "clientCertificateData", where);
  auto key = StringField(*status, "clientKeyData", where);
  auto expiry = StringField(*status, "expirationTimestamp", where);
  for (auto* r : {&token, &cert, &key, &expiry}) {
    if (!*r) return Fail(r->error());
  }
  if (token->empty() && cert->empty() && key->empty()) {
    return fail("didn't return a token or cert/key pair");
  }
  if (cert->empty() != key->empty()) return fail("returned only certificate or key, not both");
  answer.credentials = {.token = *token, .client_cert_pem = *cert, .client_key_pem = *key};
  if (!expiry->empty()) {
    auto t = Time::Parse(*expiry);
    if (!t) return fail(fmt::format("invalid status.expirationTimestamp \"{}\"", *expiry));
    // Beyond what the clock can represent (year 2262) means "does not expire".
    if (t->value < std::chrono::floor<std::chrono::seconds>(Clock::time_point::max())) {
      answer.expiry = Clock::time_point(t->value);
    }
  }
  return answer;
}

}  // namespace kube::rest::internal
