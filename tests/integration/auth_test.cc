// Authentication end to end against the test API server (which records every request's
// headers): a kubeconfig's exec plugin or token file supplies the Authorization header of
// every request, a 401 makes the client fetch fresh credentials and retry once.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "kube/rest/client.h"
#include "kube/testing/apiserver.h"
#include "kube/typed_client.h"
#include "runtime/rest_test_support.h"
#include "support/test_types.h"

namespace kube_test {
namespace {

using kube::Context;
using kube::rest::Client;
using kube::rest::Config;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server_.Start()); }
  void TearDown() override { server_.Stop(); }

  // A kubeconfig for the test server whose user is `user` (YAML flow mapping).
  std::string Kubeconfig(const std::string& user) {
    return dir_.Write("config",
                      "apiVersion: v1\nkind: Config\ncurrent-context: test\n"
                      "clusters: [{name: test, cluster: {server: \"" +
                          server_.URL() + "\"}}]\n" + "users: [{name: me, user: " + user + "}]\n" +
                          "contexts: [{name: test, context: {cluster: test, user: me}}]\n");
  }
  // A v1 plugin whose token counts its runs: tok-1, tok-2, ...
  std::string CountingPlugin() {
    return dir_.Script(
        "plugin",
        "echo run >> '" + dir_ / "runs" + "'\nn=$(wc -l < '" + dir_ / "runs" + "')\n" +
            R"(printf '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"tok-%s"}}' "$n")"
            "\n");
  }
  std::string ExecUser(const std::string& command) {
    return "{exec: {apiVersion: client.authentication.k8s.io/v1, command: \"" + command +
           "\", interactiveMode: Never}}";
  }
  kube::TypedClient<ConfigMap, ConfigMapList> ConfigMaps(const Config& base) {
    Config cfg = base;
    cfg.qps = -1;
    return {Client::New(cfg).value(), kConfigMaps, "default"};
  }
  std::vector<std::string> AuthorizationHeaders() {
    std::vector<std::string> out;
    for (const auto& r : server_.Requests()) {
      auto it = r.headers.find("authorization");
      out.push_back(it == r.headers.end() ? "" : it->second);
    }
    return out;
  }

  kube::testing::APIServer server_{TestScheme()};
  TempDir dir_;
  Context ctx_ = Context::Background();
};

TEST_F(AuthTest, ExecPluginTokenIsSentAndCached) {
  auto cfg = Config::FromKubeconfig(Kubeconfig(ExecUser(CountingPlugin())));
  ASSERT_TRUE(cfg) << cfg.error().message;
  auto cms = ConfigMaps(*cfg);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(cms.List(ctx_, {}));
  // A second client from the same configuration shares the plugin's answer.
  ASSERT_TRUE(ConfigMaps(*cfg).List(ctx_, {}));
  EXPECT_THAT(AuthorizationHeaders(),
              ElementsAre("Bearer tok-1", "Bearer tok-1", "Bearer tok-1", "Bearer tok-1"));
}

TEST_F(AuthTest, UnauthorizedRunsThePluginAgainAndRetriesOnce) {
  auto cfg = Config::FromKubeconfig(Kubeconfig(ExecUser(CountingPlugin())));
  ASSERT_TRUE(cfg) << cfg.error().message;
  auto cms = ConfigMaps(*cfg);
  ASSERT_TRUE(cms.List(ctx_, {}));
  server_.AddFault({.method = "GET", .times = 1, .status = 401});
  auto list = cms.List(ctx_, {});
  ASSERT_TRUE(list) << list.error().ToString();
  EXPECT_THAT(AuthorizationHeaders(), ElementsAre("Bearer tok-1", "Bearer tok-1", "Bearer tok-2"));

  // Refused again with fresh credentials: the 401 is the answer, after one retry.
  server_.ClearRequests();
  server_.AddFault({.method = "GET", .times = -1, .status = 401});
  auto refused = cms.List(ctx_, {});
  ASSERT_FALSE(refused);
  EXPECT_TRUE(kube::IsUnauthorized(refused.error()));
  EXPECT_THAT(AuthorizationHeaders(), ElementsAre("Bearer tok-2", "Bearer tok-3"));
}

TEST_F(AuthTest, UnauthorizedWatchIsRetriedWithFreshCredentials) {
  auto cfg = Config::FromKubeconfig(Kubeconfig(ExecUser(CountingPlugin())));
  ASSERT_TRUE(cfg) << cfg.error().message;
  auto cms = ConfigMaps(*cfg);
  server_.AddFault({.method = "GET", .watch_only = true, .times = 1, .status = 401});
  auto watch = cms.Watch(ctx_, {});
  ASSERT_TRUE(watch) << watch.error().ToString();
  (*watch)->Stop();
  EXPECT_THAT(AuthorizationHeaders(), ElementsAre("Bearer tok-1", "Bearer tok-2"));
}

TEST_F(AuthTest, StaticTokenIsNotRetried) {
  auto cfg = Config::FromKubeconfig(Kubeconfig("{token: fixed}"));
  ASSERT_TRUE(cfg) << cfg.error().message;
  server_.AddFault({.method = "GET", .times = 1, .status = 401});
  auto list = ConfigMaps(*cfg).List(ctx_, {});
  ASSERT_FALSE(list);
  EXPECT_TRUE(kube::IsUnauthorized(list.error()));
  EXPECT_THAT(AuthorizationHeaders(), ElementsAre("Bearer fixed"));
}

TEST_F(AuthTest, TokenFileRotationNeedsNoNewClient) {
  dir_.Write("token", "rotating-1\n");
  auto cfg = Config::FromKubeconfig(Kubeconfig("{tokenFile: token}"));
  ASSERT_TRUE(cfg) << cfg.error().message;
  auto cms = ConfigMaps(*cfg);
  ASSERT_TRUE(cms.List(ctx_, {}));
  dir_.Write("token", "rotating-2\n");
  ASSERT_TRUE(cms.List(ctx_, {}));
  EXPECT_THAT(AuthorizationHeaders(), ElementsAre("Bearer rotating-1", "Bearer rotating-2"));
}

TEST_F(AuthTest, FailingPluginFailsTheCallNamingItWithoutAnyRequest) {
  dir_.Script("plugin", "echo 'token: s3cret' ; echo 'aws: credentials expired' >&2; exit 255\n");
  auto cfg = Config::FromKubeconfig(Kubeconfig(ExecUser(dir_ / "plugin")));
  ASSERT_TRUE(cfg) << cfg.error().message;
  auto list = ConfigMaps(*cfg).List(ctx_, {});
  ASSERT_FALSE(list);
  EXPECT_TRUE(kube::rest::IsCredentialsError(list.error()));
  EXPECT_THAT(list.error().message,
              HasSubstr("executable " + dir_ / "plugin" + " failed with exit code 255"));
  EXPECT_THAT(list.error().ToString(), Not(HasSubstr("s3cret")));
  EXPECT_EQ(server_.RequestCount(), 0);
}

TEST_F(AuthTest, MissingPluginIsNamed) {
  auto cfg = Config::FromKubeconfig(Kubeconfig(
      "{exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: gke-gcloud-auth-plugin-"
      "absent, installHint: \"gcloud components install gke-gcloud-auth-plugin\"}}"));
  ASSERT_TRUE(cfg) << cfg.error().message;
  auto list = ConfigMaps(*cfg).List(ctx_, {});
  ASSERT_FALSE(list);
  EXPECT_THAT(list.error().message,
              HasSubstr("exec: executable gke-gcloud-auth-plugin-absent not found"));
  EXPECT_THAT(list.error().message, HasSubstr("gcloud components install gke-gcloud-auth-plugin"));
}

TEST_F(AuthTest, TokenWinsOverExecAndBasicAuthIsSent) {
  auto both = Config::FromKubeconfig(
      Kubeconfig("{token: tkn, exec: {apiVersion: client.authentication.k8s.io/v1, "
                 "command: /nonexistent, interactiveMode: Never}}"));
  ASSERT_TRUE(both) << both.error().message;
  ASSERT_TRUE(ConfigMaps(*both).List(ctx_, {}));
  auto basic = Config::FromKubeconfig(Kubeconfig("{username: admin, password: pw}"));
  ASSERT_TRUE(basic) << basic.error().message;
  ASSERT_TRUE(ConfigMaps(*basic).List(ctx_, {}));
  EXPECT_THAT(AuthorizationHeaders(), ElementsAre("Bearer tkn", "Basic YWRtaW46cHc="));
}

// The context's namespace is what callers use for namespaced clients.
TEST_F(AuthTest, ContextNamespace) {
  auto path = dir_.Write("ns", "current-context: c\nclusters: [{name: t, cluster: {server: \"" +
                                   server_.URL() +
                                   "\"}}]\ncontexts: [{name: c, context: {cluster: t, namespace: "
                                   "team-a}}]\n");
  auto cfg = Config::FromKubeconfig(path);
  ASSERT_TRUE(cfg) << cfg.error().message;
  kube::TypedClient<ConfigMap, ConfigMapList> cms(Client::New(*cfg).value(), kConfigMaps,
                                                  cfg->namespace_);
  ASSERT_TRUE(cms.List(ctx_, {}));
  EXPECT_EQ(server_.Requests().back().path, "/api/v1/namespaces/team-a/configmaps");
}

}  // namespace
}  // namespace kube_test
