// Config::FromKubeconfig on the kubeconfigs real clusters hand out (EKS, GKE, AKS, kind) and
// kubectl writes, kubectl's merge of several files, and errors that say where and why without
// quoting secrets.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "internal/base64.h"
#include "kube/rest/config.h"
#include "runtime/rest_test_support.h"

namespace kube::rest {
namespace {

using kube_test::ScopedEnv;
using kube_test::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pair;
using Mode = ExecConfig::InteractiveMode;

constexpr const char* kCAPem = "-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n";
constexpr const char* kCertPem = "-----BEGIN CERTIFICATE-----\nme\n-----END CERTIFICATE-----\n";
constexpr const char* kKeyPem = "-----BEGIN EC PRIVATE KEY-----\nk\n-----END EC PRIVATE KEY-----\n";

std::string B64(const std::string& s) { return kube::internal::Base64Encode(s); }

class KubeconfigTest : public ::testing::Test {
 protected:
  TempDir dir_;
};

TEST_F(KubeconfigTest, EksExecPluginV1beta1) {
  auto path = dir_.Write("eks", R"(apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: )" + B64(kCAPem) +
                                    R"(
    server: https://ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com
  name: arn:aws:eks:us-west-2:111122223333:cluster/prod
contexts:
- context:
    cluster: arn:aws:eks:us-west-2:111122223333:cluster/prod
    user: arn:aws:eks:us-west-2:111122223333:cluster/prod
  name: arn:aws:eks:us-west-2:111122223333:cluster/prod
current-context: arn:aws:eks:us-west-2:111122223333:cluster/prod
kind: Config
preferences: {}
users:
- name: arn:aws:eks:us-west-2:111122223333:cluster/prod
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args:
      - --region
      - us-west-2
      - eks
      - get-token
      - --cluster-name
      - prod
      - --output
      - json
      command: aws
      env:
      - name: AWS_PROFILE
        value: prod-admin
)");
  auto cfg = Config::FromKubeconfig(path);
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_EQ(cfg->host, "https://ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com");
  EXPECT_EQ(cfg->ca_data, kCAPem);
  EXPECT_EQ(cfg->namespace_, "default");
  EXPECT_TRUE(cfg->bearer_token.empty());
  ASSERT_TRUE(cfg->exec_provider);
  const ExecConfig& exec = *cfg->exec_provider;
  EXPECT_EQ(exec.api_version, "client.authentication.k8s.io/v1beta1");
  EXPECT_EQ(exec.command, "aws") << "a bare name is looked up in PATH, not resolved";
  EXPECT_THAT(exec.args, ElementsAre("--region", "us-west-2", "eks", "get-token", "--cluster-name",
                                     "prod", "--output", "json"));
  EXPECT_THAT(exec.env, ElementsAre(Pair("AWS_PROFILE", "prod-admin")));
  EXPECT_EQ(exec.interactive_mode, Mode::kIfAvailable) << "client-go's v1beta1 default";
  EXPECT_FALSE(exec.provide_cluster_info);
}

TEST_F(KubeconfigTest, GkeAuthPluginWithInstallHintAndClusterInfo) {
  auto path = dir_.Write("gke", R"(apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: )" + B64(kCAPem) +
                                    R"(
    server: https://34.123.45.67
    extensions:
    - name: client.authentication.k8s.io/exec
      extension:
        audience: "https://container.googleapis.com"
        retries: 3
        verbose: false
  name: gke_my-project_us-central1_prod
contexts:
- context:
    cluster: gke_my-project_us-central1_prod
    namespace: payments
    user: gke_my-project_us-central1_prod
  name: gke_my-project_us-central1_prod
current-context: gke_my-project_us-central1_prod
users:
- name: gke_my-project_us-central1_prod
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: gke-gcloud-auth-plugin
      installHint: Install gke-gcloud-auth-plugin for use with kubectl by following
        https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin
      provideClusterInfo: true
)");
  auto cfg = Config::FromKubeconfig(path);
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_EQ(cfg->host, "https://34.123.45.67");
  EXPECT_EQ(cfg->namespace_, "payments");
  ASSERT_TRUE(cfg->exec_provider);
  EXPECT_EQ(cfg->exec_provider->command, "gke-gcloud-auth-plugin");
  EXPECT_TRUE(cfg->exec_provider->args.empty());
  EXPECT_TRUE(cfg->exec_provider->provide_cluster_info);
  EXPECT_THAT(cfg->exec_provider->install_hint,
              HasSubstr("by following https://cloud.google.com/kubernetes-engine/"));
  EXPECT_EQ(nlohmann::json::parse(cfg->exec_provider->cluster_config_json),
            nlohmann::json::parse(
                R"({"audience":"https://container.googleapis.com","retries":3,"verbose":false})"));
}

TEST_F(KubeconfigTest, AksKubelogin) {
  auto path = dir_.Write("aks", R"(apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: )" + B64(kCAPem) +
                                    R"(
    server: https://aks-dns-5d2f3a1b.hcp.westeurope.azmk8s.io:443
  name: aks
contexts:
- context:
    cluster: aks
    user: clusterUser_rg_aks
  name: aks
current-context: aks
kind: Config
preferences: {}
users:
- name: clusterUser_rg_aks
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args:
      - get-token
      - --login
      - azurecli
      - --server-id
      - 6dae42f8-4368-4678-94ff-3960e28e3630
      command: kubelogin
      env: null
      installHint: |2

        kubelogin is not installed which is required to connect to AAD enabled cluster.

        To learn more, please go to https://aka.ms/aks/kubelogin
      interactiveMode: IfAvailable
      provideClusterInfo: false
)");
  auto cfg = Config::FromKubeconfig(path);
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_EQ(cfg->host, "https://aks-dns-5d2f3a1b.hcp.westeurope.azmk8s.io:443");
  ASSERT_TRUE(cfg->exec_provider);
  EXPECT_EQ(cfg->exec_provider->command, "kubelogin");
  EXPECT_THAT(cfg->exec_provider->args,
              ElementsAre("get-token", "--login", "azurecli", "--server-id",
                          "6dae42f8-4368-4678-94ff-3960e28e3630"));
  EXPECT_TRUE(cfg->exec_provider->env.empty());
  EXPECT_THAT(cfg->exec_provider->install_hint, HasSubstr("kubelogin is not installed"));
}

TEST_F(KubeconfigTest, KindClientCertificateData) {
  auto path = dir_.Write("kind", R"(apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: )" + B64(kCAPem) +
                                     R"(
    server: https://127.0.0.1:40123
  name: kind-kind
contexts:
- context:
    cluster: kind-kind
    user: kind-kind
  name: kind-kind
current-context: kind-kind
kind: Config
preferences: {}
users:
- name: kind-kind
  user:
    client-certificate-data: )" + B64(kCertPem) +
                                     R"(
    client-key-data: )" + B64(kKeyPem) +
                                     R"(
)");
  auto cfg = Config::FromKubeconfig(path);
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_EQ(cfg->host, "https://127.0.0.1:40123");
  EXPECT_EQ(cfg->ca_data, kCAPem);
  EXPECT_EQ(cfg->cert_data, kCertPem);
  EXPECT_EQ(cfg->key_data, kKeyPem);
  EXPECT_FALSE(cfg->exec_provider);
}

TEST_F(KubeconfigTest, ClusterTlsOptionsTokenAndFilesRelativeToTheKubeconfig) {
  dir_.Write("certs/ca.crt", kCAPem);
  dir_.Write("certs/me.crt", kCertPem);
  dir_.Write("certs/me.key", kKeyPem);
  dir_.Write("token", "t0k3n\n");
  dir_.Script("bin/plugin", "exit 0\n");
  auto path = dir_.Write("conf/config", R"(apiVersion: v1
kind: Config
current-context: files
clusters:
- name: c
  cluster:
    server: https://10.0.0.1:6443
    certificate-authority: ../certs/ca.crt
    tls-server-name: api.internal
    proxy-url: socks5://127.0.0.1:1080
    disable-compression: true
- name: insecure
  cluster: {server: "https://10.0.0.2", insecure-skip-tls-verify: true}
users:
- name: files
  user: {client-certificate: ../certs/me.crt, client-key: ../certs/me.key}
- name: tokenfile
  user: {tokenFile: ../token}
- name: basic
  user: {username: admin, password: pw}
- name: exec
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: ../bin/plugin,
           interactiveMode: Never}
contexts:
- {name: files, context: {cluster: c, user: files}}
- {name: tokenfile, context: {cluster: insecure, user: tokenfile}}
- {name: basic, context: {cluster: insecure, user: basic}}
- {name: exec, context: {cluster: insecure, user: exec}}
- {name: anonymous, context: {cluster: insecure}}
)");
  auto files = Config::FromKubeconfig(path);
  ASSERT_TRUE(files) << files.error().message;
  EXPECT_EQ(files->ca_file, dir_ / "certs/ca.crt");
  EXPECT_EQ(files->cert_file, dir_ / "certs/me.crt");
  EXPECT_EQ(files->key_file, dir_ / "certs/me.key");
  EXPECT_EQ(files->tls_server_name, "api.internal");
  EXPECT_EQ(files->proxy_url, "socks5://127.0.0.1:1080");
  EXPECT_TRUE(files->disable_compression);
  EXPECT_FALSE(files->insecure_skip_tls_verify);

  auto token = Config::FromKubeconfig(path, "tokenfile");
  ASSERT_TRUE(token) << token.error().message;
  EXPECT_TRUE(token->insecure_skip_tls_verify);
  EXPECT_EQ(token->bearer_token_file, dir_ / "token");

  auto basic = Config::FromKubeconfig(path, "basic");
  ASSERT_TRUE(basic);
  EXPECT_EQ(basic->username, "admin");
  EXPECT_EQ(basic->password, "pw");

  auto exec = Config::FromKubeconfig(path, "exec");
  ASSERT_TRUE(exec) << exec.error().message;
  ASSERT_TRUE(exec->exec_provider);
  EXPECT_EQ(exec->exec_provider->command, dir_ / "bin/plugin")
      << "a relative command with a '/' is relative to the kubeconfig";
  EXPECT_EQ(exec->exec_provider->interactive_mode, Mode::kNever);

  auto anonymous = Config::FromKubeconfig(path, "anonymous");
  ASSERT_TRUE(anonymous) << anonymous.error().message;
  EXPECT_TRUE(anonymous->bearer_token.empty());
  EXPECT_FALSE(anonymous->exec_provider);
}

// kubectl's rule: for every cluster, user and context name, the first file that has it wins
// with its whole entry; current-context comes from the first file that sets one.
TEST_F(KubeconfigTest, SeveralFilesMergeAsKubectlMergesThem) {
  dir_.Write("a/ca.crt", kCAPem);
  dir_.Write("b/ca.crt", "other");
  auto a = dir_.Write("a/config", R"(kind: Config
clusters:
- name: shared
  cluster: {server: "https://a.example:6443", certificate-authority: ca.crt}
users:
- name: me
  user: {token: from-a}
contexts:
- name: a
  context: {cluster: shared, user: me, namespace: from-a}
)");
  auto b = dir_.Write("b/config", R"(kind: Config
current-context: b
clusters:
- name: shared
  cluster: {server: "https://b.example:6443", insecure-skip-tls-verify: true}
- name: only-b
  cluster: {server: "https://only-b.example", certificate-authority: ca.crt}
users:
- name: me
  user: {token: from-b, username: ignored}
contexts:
- name: a
  context: {cluster: only-b, user: me}
- name: b
  context: {cluster: only-b, user: me}
)");
  auto c = dir_.Write("c/config", "current-context: a\n");
  std::string list = a + ":" + dir_ / "missing" + ":" + b + ":" + c + ":" + a;
  auto merged = Config::FromKubeconfig(list);
  ASSERT_TRUE(merged) << merged.error().message;
  // current-context "b" (from b: a sets none, c comes later), cluster only-b from b, whose
  // relative CA is b's.
  EXPECT_EQ(merged->host, "https://only-b.example");
  EXPECT_EQ(merged->ca_file, dir_ / "b/ca.crt");
  EXPECT_EQ(merged->bearer_token, "from-a") << "user \"me\" is a's entry, whole";
  EXPECT_TRUE(merged->username.empty()) << "fields of b's \"me\" are not mixed in";

  auto ctx_a = Config::FromKubeconfig(list, "a");
  ASSERT_TRUE(ctx_a) << ctx_a.error().message;
  EXPECT_EQ(ctx_a->host, "https://a.example:6443");
  EXPECT_FALSE(ctx_a->insecure_skip_tls_verify);
  EXPECT_EQ(ctx_a->ca_file, dir_ / "a/ca.crt");
  EXPECT_EQ(ctx_a->namespace_, "from-a");

  // The same through KUBECONFIG.
  ScopedEnv env("KUBECONFIG", list);
  auto from_env = Config::FromEnvironment();
  ASSERT_TRUE(from_env) << from_env.error().message;
  EXPECT_EQ(from_env->host, "https://only-b.example");
}

TEST_F(KubeconfigTest, MissingFiles) {
  auto single = Config::FromKubeconfig(dir_ / "nope");
  ASSERT_FALSE(single);
  EXPECT_THAT(single.error().message, HasSubstr(dir_ / "nope"));
  EXPECT_THAT(single.error().message, HasSubstr("does not exist"));
  auto none = Config::FromKubeconfig(dir_ / "x" + ":" + dir_ / "y");
  ASSERT_FALSE(none);
  EXPECT_THAT(none.error().message, HasSubstr("none of the kubeconfig files exist"));
  EXPECT_THAT(none.error().message, HasSubstr(dir_ / "y"));
}

// Error text for `yaml`, which must fail to load.
std::string LoadError(const TempDir& dir, const std::string& yaml, const std::string& ctx = "") {
  auto path = dir.Write("config", yaml);
  auto cfg = Config::FromKubeconfig(path, ctx);
  EXPECT_FALSE(cfg) << yaml;
  return cfg ? std::string() : cfg.error().message;
}

TEST_F(KubeconfigTest, ErrorsSayFileLineAndColumn) {
  std::string file = dir_ / "config";
  EXPECT_THAT(LoadError(dir_, "clusters:\n- name: x\n  cluster: {server: [\n"),
              HasSubstr(file + ":4:1: invalid YAML"));
  EXPECT_THAT(LoadError(dir_,
                        "clusters:\n- name: c\n  cluster:\n    server: https://x\n"
                        "    insecure-skip-tls-verify: maybe\n"),
              HasSubstr(file + ":5:31: \"insecure-skip-tls-verify\" must be true or false"));
  EXPECT_THAT(LoadError(dir_, "clusters: {}\n"),
              HasSubstr(file + ":1:11: \"clusters\" must be a list"));
  EXPECT_THAT(LoadError(dir_, "users:\n- name: u\n  user: {token: a}\n- name: u\n  user: {}\n"),
              HasSubstr(file + ":4:3: duplicate name \"u\" in \"users\""));
  EXPECT_THAT(LoadError(dir_, "users:\n- name: u\n  user:\n    exec:\n      args: oops\n"),
              HasSubstr(file + ":5:13: \"args\" must be a list"));
  EXPECT_THAT(LoadError(dir_, "- just\n- a list\n"),
              HasSubstr(file + ":1:1: a kubeconfig must be a mapping"));
}

TEST_F(KubeconfigTest, SecretsNeverAppearInErrors) {
  std::string secret = "c2VjcmV0LXRva2Vu!!";  // not base64
  std::string msg =
      LoadError(dir_, "users:\n- name: u\n  user:\n    client-key-data: " + secret + "\n");
  EXPECT_THAT(msg, HasSubstr(":4:22: \"client-key-data\" is not valid base64"));
  EXPECT_THAT(msg, Not(HasSubstr(secret)));
  msg = LoadError(dir_, "users:\n- name: u\n  user:\n    token: [s3cr3t]\n");
  EXPECT_THAT(msg, HasSubstr(":4:12: \"token\" must be a string"));
  EXPECT_THAT(msg, Not(HasSubstr("s3cr3t")));
  msg = LoadError(dir_, R"(current-context: x
clusters: [{name: c, cluster: {server: "https://h"}}]
users: [{name: u, user: {token: s3cr3t, password: hunter2}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
)");
  EXPECT_THAT(
      msg, HasSubstr("user \"u\": more than one authentication method found (token, basicAuth)"));
  EXPECT_THAT(msg, Not(HasSubstr("s3cr3t")));
  EXPECT_THAT(msg, Not(HasSubstr("hunter2")));
}

TEST_F(KubeconfigTest, ContextClusterAndUserErrors) {
  const std::string base = R"(clusters:
- {name: c, cluster: {server: "https://h"}}
- {name: noserver, cluster: {insecure-skip-tls-verify: true}}
- {name: badproxy, cluster: {server: "https://h", proxy-url: "ftp://p"}}
- {name: badca, cluster: {server: "https://h", certificate-authority: missing-ca.crt}}
users:
- {name: certonly, user: {client-certificate-data: )" +
                           B64(kCertPem) + R"(}}
- {name: oidc, user: {auth-provider: {name: oidc, config: {client-id: x}}}}
- {name: v1nomode, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: p}}}
- {name: badversion, user: {exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: p}}}
- {name: badmode, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: p, interactiveMode: Sometimes}}}
- {name: nocmd, user: {exec: {apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never}}}
- {name: missingtoken, user: {tokenFile: /nonexistent/token}}
contexts:
- {name: ok, context: {cluster: c}}
- {name: nocluster, context: {cluster: gone}}
- {name: nouser, context: {cluster: c, user: gone}}
- {name: noserver, context: {cluster: noserver}}
- {name: badproxy, context: {cluster: badproxy}}
- {name: badca, context: {cluster: badca}}
- {name: certonly, context: {cluster: c, user: certonly}}
- {name: oidc, context: {cluster: c, user: oidc}}
- {name: v1nomode, context: {cluster: c, user: v1nomode}}
- {name: badversion, context: {cluster: c, user: badversion}}
- {name: badmode, context: {cluster: c, user: badmode}}
- {name: nocmd, context: {cluster: c, user: nocmd}}
- {name: missingtoken, context: {cluster: c, user: missingtoken}}
)";
  EXPECT_THAT(LoadError(dir_, base), HasSubstr("no context chosen"));
  EXPECT_THAT(LoadError(dir_, base, "prod"),
              HasSubstr("context \"prod\" not found (contexts: \"badca\", \"badmode\""));
  EXPECT_THAT(LoadError(dir_, base, "nocluster"),
              HasSubstr("cluster \"gone\" of context \"nocluster\" not found"));
  EXPECT_THAT(LoadError(dir_, base, "nouser"),
              HasSubstr("user \"gone\" of context \"nouser\" not found"));
  EXPECT_THAT(LoadError(dir_, base, "noserver"),
              HasSubstr("cluster \"noserver\": no server found"));
  EXPECT_THAT(LoadError(dir_, base, "badproxy"),
              HasSubstr("invalid proxy-url \"ftp://p\": the scheme must be http, https or socks5"));
  EXPECT_THAT(LoadError(dir_, base, "badca"),
              HasSubstr("unable to read certificate-authority \"" + dir_ / "missing-ca.crt\""));
  EXPECT_THAT(LoadError(dir_, base, "certonly"),
              HasSubstr("client-key-data or client-key must be specified"));
  EXPECT_THAT(LoadError(dir_, base, "oidc"), HasSubstr("auth-provider \"oidc\" is not supported"));
  EXPECT_THAT(LoadError(dir_, base, "v1nomode"),
              HasSubstr("exec: interactiveMode must be specified"));
  EXPECT_THAT(LoadError(dir_, base, "badversion"),
              HasSubstr("apiVersion \"client.authentication.k8s.io/v1alpha1\" is not supported"));
  EXPECT_THAT(LoadError(dir_, base, "badmode"), HasSubstr("invalid interactiveMode \"Sometimes\""));
  EXPECT_THAT(LoadError(dir_, base, "nocmd"), HasSubstr("exec: command must be specified"));
  EXPECT_THAT(LoadError(dir_, base, "missingtoken"),
              HasSubstr("unable to read tokenFile \"/nonexistent/token\""));
  auto path = dir_.Write("config", base);
  EXPECT_TRUE(Config::FromKubeconfig(path, "ok")) << "errors elsewhere do not matter";
}

TEST_F(KubeconfigTest, Impersonation) {
  auto path = dir_.Write("config", R"(current-context: x
clusters: [{name: c, cluster: {server: "https://h"}}]
users:
- name: admin
  user:
    token: t
    as: jane
    as-uid: "1234"
    as-groups: [developers, qa]
    as-user-extra: {scopes: [view, "db:read"]}
- name: groups-only
  user: {token: t, as-groups: [developers]}
contexts:
- {name: x, context: {cluster: c, user: admin}}
- {name: bad, context: {cluster: c, user: groups-only}}
)");
  auto cfg = Config::FromKubeconfig(path);
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_EQ(cfg->impersonate.user, "jane");
  EXPECT_EQ(cfg->impersonate.uid, "1234");
  EXPECT_THAT(cfg->impersonate.groups, ElementsAre("developers", "qa"));
  EXPECT_THAT(cfg->impersonate.extra, ElementsAre(Pair("scopes", ElementsAre("view", "db:read"))));
  auto bad = Config::FromKubeconfig(path, "bad");
  ASSERT_FALSE(bad);
  EXPECT_THAT(bad.error().message, HasSubstr("without impersonating a user"));
}

TEST_F(KubeconfigTest, EmptyFileIsAnEmptyKubeconfig) {
  auto empty = dir_.Write("empty", "");
  auto full = dir_.Write("full", R"(current-context: x
clusters: [{name: c, cluster: {server: "https://h"}}]
contexts: [{name: x, context: {cluster: c}}]
)");
  auto cfg = Config::FromKubeconfig(empty + ":" + full);
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_EQ(cfg->host, "https://h");
}

// The file `kubectl config` writes loads, with everything it was told.
TEST_F(KubeconfigTest, WrittenByKubectlConfig) {
  if (access("/usr/bin/kubectl", X_OK) != 0) GTEST_SKIP() << "no kubectl";
  dir_.Write("ca.crt", kCAPem);
  std::string kubeconfig = dir_ / "kubectl-config";
  auto kubectl = [&](const std::string& args) {
    std::string cmd =
        "KUBECONFIG='" + kubeconfig + "' /usr/bin/kubectl config " + args + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  };
  kubectl("set-cluster dev --server=https://127.0.0.1:6443 --certificate-authority='" +
          dir_ / "ca.crt" + "' --embed-certs=true --tls-server-name=api.dev");
  kubectl(
      "set-cluster far --server=https://10.9.8.7 --insecure-skip-tls-verify=true "
      "--proxy-url=http://127.0.0.1:3128");
  kubectl("set-credentials alice --token=al1ce");
  kubectl(
      "set-credentials bot --exec-command=/opt/bin/get-token "
      "--exec-api-version=client.authentication.k8s.io/v1 --exec-arg=--audience "
      "--exec-arg=k8s --exec-env=REGION=eu --exec-interactive-mode=Never");
  kubectl("set-context dev --cluster=dev --user=alice --namespace=team-a");
  kubectl("set-context far --cluster=far --user=bot");
  kubectl("use-context dev");

  auto dev = Config::FromKubeconfig(kubeconfig);
  ASSERT_TRUE(dev) << dev.error().message;
  EXPECT_EQ(dev->host, "https://127.0.0.1:6443");
  EXPECT_EQ(dev->ca_data, kCAPem);
  EXPECT_EQ(dev->tls_server_name, "api.dev");
  EXPECT_EQ(dev->bearer_token, "al1ce");
  EXPECT_EQ(dev->namespace_, "team-a");

  auto far = Config::FromKubeconfig(kubeconfig, "far");
  ASSERT_TRUE(far) << far.error().message;
  EXPECT_TRUE(far->insecure_skip_tls_verify);
  EXPECT_EQ(far->proxy_url, "http://127.0.0.1:3128");
  ASSERT_TRUE(far->exec_provider);
  EXPECT_EQ(far->exec_provider->command, "/opt/bin/get-token");
  EXPECT_THAT(far->exec_provider->args, ElementsAre("--audience", "k8s"));
  EXPECT_THAT(far->exec_provider->env, ElementsAre(Pair("REGION", "eu")));
  EXPECT_EQ(far->exec_provider->interactive_mode, Mode::kNever);
}

TEST_F(KubeconfigTest, FromEnvironmentReadsHomeKubeConfig) {
  ScopedEnv no_kubeconfig("KUBECONFIG", std::nullopt);
  ScopedEnv no_service("KUBERNETES_SERVICE_HOST", std::nullopt);
  ScopedEnv no_master("KUBERNETES_MASTER", std::nullopt);
  ScopedEnv home("HOME", dir_.path());
  EXPECT_EQ(Config::FromEnvironment()->host, "http://localhost:8080");
  dir_.Write(".kube/config", R"(current-context: x
clusters: [{name: c, cluster: {server: "https://from-home"}}]
contexts: [{name: x, context: {cluster: c}}]
)");
  auto cfg = Config::FromEnvironment();
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_EQ(cfg->host, "https://from-home");
  // KUBECONFIG replaces ~/.kube/config; when none of its files exists, the fallbacks apply.
  ScopedEnv kubeconfig("KUBECONFIG", dir_ / "absent");
  ScopedEnv master("KUBERNETES_MASTER", std::string("http://127.0.0.1:9999"));
  EXPECT_EQ(Config::FromEnvironment()->host, "http://127.0.0.1:9999");
}

}  // namespace
}  // namespace kube::rest
