#include "kube/rest/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace kube::rest {
namespace {

namespace fs = std::filesystem;

class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

fs::path WriteTemp(const std::string& name, const std::string& text) {
  fs::path dir = fs::temp_directory_path() / ("kube-config-test-" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::path p = dir / name;
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
  return p;
}

TEST(ConfigTest, DefaultsAreSafe) {
  Config c;
  EXPECT_FALSE(c.insecure_skip_tls_verify);
  EXPECT_EQ(c.timeout.count(), 0);
  EXPECT_EQ(c.qps, 5);
  EXPECT_EQ(c.burst, 10);
}

TEST(ConfigTest, FromEnvironmentOrder) {
  ScopedEnv no_kubeconfig("KUBECONFIG", nullptr);
  ScopedEnv no_home("HOME", "/nonexistent-home");  // no ~/.kube/config
  ScopedEnv no_service("KUBERNETES_SERVICE_HOST", nullptr);
  {
    ScopedEnv master("KUBERNETES_MASTER", "http://127.0.0.1:9999");
    EXPECT_EQ(Config::FromEnvironment()->host, "http://127.0.0.1:9999");
  }
  ScopedEnv no_master("KUBERNETES_MASTER", nullptr);
  EXPECT_EQ(Config::FromEnvironment()->host, "http://localhost:8080");
  {
    ScopedEnv host("KUBERNETES_SERVICE_HOST", "10.0.0.1");
    ScopedEnv port("KUBERNETES_SERVICE_PORT", "443");
    auto c = Config::FromEnvironment();
    ASSERT_FALSE(c) << "no service account token outside a pod";
    EXPECT_NE(c.error().message.find("token"), std::string::npos);
  }
}

TEST(ConfigTest, KubeconfigCurrentContextAndData) {
  auto path = WriteTemp("config", R"(apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: dev-cluster
  cluster:
    server: https://10.1.2.3:6443
    certificate-authority-data: aGVsbG8=
- name: prod-cluster
  cluster:
    server: https://prod:6443
    insecure-skip-tls-verify: true
users:
- name: dev-user
  user:
    token: abc123
- name: prod-user
  user:
    client-certificate: certs/client.crt
    client-key: certs/client.key
contexts:
- name: dev
  context: {cluster: dev-cluster, user: dev-user, namespace: team}
- name: prod
  context: {cluster: prod-cluster, user: prod-user}
)");
  // Files a kubeconfig names must be readable (kubectl checks the selected user's).
  WriteTemp("certs/client.crt", "cert");
  WriteTemp("certs/client.key", "key");
  auto dev = Config::FromKubeconfig(path.string());
  ASSERT_TRUE(dev) << dev.error().message;
  EXPECT_EQ(dev->host, "https://10.1.2.3:6443");
  EXPECT_EQ(dev->ca_data, "hello");
  EXPECT_EQ(dev->bearer_token, "abc123");
  auto prod = Config::FromKubeconfig(path.string(), "prod");
  ASSERT_TRUE(prod) << prod.error().message;
  EXPECT_TRUE(prod->insecure_skip_tls_verify);
  EXPECT_EQ(prod->cert_file, (path.parent_path() / "certs/client.crt").string());
  ScopedEnv env("KUBECONFIG", path.c_str());
  EXPECT_EQ(Config::FromEnvironment()->host, "https://10.1.2.3:6443");
}

TEST(ConfigTest, KubeconfigErrorsSayWhere) {
  auto missing_ctx = WriteTemp("noctx", "apiVersion: v1\nkind: Config\ncontexts: []\n");
  auto r = Config::FromKubeconfig(missing_ctx.string(), "nope");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("context \"nope\" not found"), std::string::npos);
  auto bad_yaml = WriteTemp("bad", "clusters: [\n  - {name: x\n");
  auto r2 = Config::FromKubeconfig(bad_yaml.string());
  ASSERT_FALSE(r2);
  EXPECT_NE(r2.error().message.find(bad_yaml.string() + ":"), std::string::npos)
      << r2.error().message;
  auto r3 = Config::FromKubeconfig("/nonexistent/kubeconfig");
  ASSERT_FALSE(r3);
}

}  // namespace
}  // namespace kube::rest
