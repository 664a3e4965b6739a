// Credential plugins, run for real: small shell scripts written into a temporary directory
// play aws / gke-gcloud-auth-plugin / kubelogin.
#include "rest/exec_credential.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "runtime/rest_test_support.h"

namespace kube::rest::internal {
namespace {

using kube_test::ReadAll;
using kube_test::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;
using json = nlohmann::json;
using Mode = ExecConfig::InteractiveMode;

constexpr const char* kV1 = "client.authentication.k8s.io/v1";
constexpr const char* kV1beta1 = "client.authentication.k8s.io/v1beta1";

class ExecCredentialTest : public ::testing::Test {
 protected:
  // A plugin that counts its runs in `runs`, records its arguments and KUBERNETES_EXEC_INFO,
  // and prints `status` (a JSON object) as an ExecCredential of `version`.
  std::string Plugin(const std::string& status, const std::string& version = kV1,
                     const std::string& extra = "") {
    return dir_.Script("plugin", "echo run >> '" + dir_ / "runs" + "'\n" +
                                     "printf '%s\\n' \"$@\" > '" + dir_ / "args" + "'\n" +
                                     "printf '%s' \"$KUBERNETES_EXEC_INFO\" > '" + dir_ / "info" +
                                     "'\n" + extra + "cat <<'EOF'\n" +
                                     R"({"kind":"ExecCredential","apiVersion":")" + version +
                                     R"(","status":)" + status + "}\nEOF\n");
  }
  std::shared_ptr<ExecCredentialProvider> Provider(ExecConfig exec, ExecClusterInfo cluster = {}) {
    if (exec.api_version.empty()) exec.api_version = kV1;
    if (exec.command.empty()) exec.command = dir_ / "plugin";
    return ExecCredentialProvider::New(std::move(exec), std::move(cluster)).value();
  }
  int Runs() {
    std::string runs = ReadAll(dir_ / "runs");
    return static_cast<int>(std::count(runs.begin(), runs.end(), '\n'));
  }

  TempDir dir_;
  Context ctx_ = Context::Background();
};

TEST_F(ExecCredentialTest, RunsWithArgsEnvAndExecInfo) {
  Plugin(R"({"token":"tok-1"})", kV1, "printf '%s' \"$REGION/$HOME\" > '" + dir_ / "env" + "'\n");
  auto p = Provider({.args = {"eks", "get-token", "--cluster-name", "prod"},
                     .env = {{"REGION", "eu-west-1"}, {"HOME", "/overridden"}},
                     .interactive_mode = Mode::kNever});
  auto creds = p->Get(ctx_);
  ASSERT_TRUE(creds) << creds.error().message;
  EXPECT_EQ(creds->token, "tok-1");
  EXPECT_TRUE(creds->client_cert_pem.empty());
  EXPECT_EQ(ReadAll(dir_ / "args"), "eks\nget-token\n--cluster-name\nprod\n");
  EXPECT_EQ(ReadAll(dir_ / "env"), "eu-west-1//overridden") << "env overrides inherited ones";
  EXPECT_EQ(json::parse(ReadAll(dir_ / "info")),
            json::parse(R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1",
                            "spec":{"interactive":false}})"));
}

TEST_F(ExecCredentialTest, V1beta1AndClusterInfo) {
  Plugin(R"({"token":"tok"})", kV1beta1);
  auto p = Provider({.api_version = kV1beta1,
                     .interactive_mode = Mode::kNever,
                     .provide_cluster_info = true,
                     .cluster_config_json = R"({"audience":"k8s"})"},
                    {.server = "https://10.0.0.1:6443",
                     .tls_server_name = "api.internal",
                     .ca_data = "CA PEM",
                     .proxy_url = "http://proxy:3128"});
  ASSERT_TRUE(p->Get(ctx_));
  EXPECT_EQ(json::parse(ReadAll(dir_ / "info")), json::parse(R"({
    "kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1",
    "spec":{"interactive":false,"cluster":{
      "server":"https://10.0.0.1:6443","tls-server-name":"api.internal",
      "certificate-authority-data":"Q0EgUEVN","proxy-url":"http://proxy:3128",
      "config":{"audience":"k8s"}}}})"));
}

TEST_F(ExecCredentialTest, IfAvailableIsInteractiveOnlyOnATerminal) {
  Plugin(R"({"token":"tok"})");
  auto p = Provider({.interactive_mode = Mode::kIfAvailable});
  ASSERT_TRUE(p->Get(ctx_));
  EXPECT_EQ(json::parse(ReadAll(dir_ / "info"))["spec"]["interactive"].get<bool>(),
            isatty(STDIN_FILENO) == 1);
}

TEST_F(ExecCredentialTest, AlwaysNeedsATerminal) {
  if (isatty(STDIN_FILENO)) GTEST_SKIP() << "stdin is a terminal here";
  Plugin(R"({"token":"tok"})");
  auto creds = Provider({.interactive_mode = Mode::kAlways})->Get(ctx_);
  ASSERT_FALSE(creds);
  EXPECT_THAT(creds.error().message, HasSubstr("standard input is not a terminal"));
  EXPECT_EQ(Runs(), 0);
}

TEST_F(ExecCredentialTest, CachedUntilExpirationTimestamp) {
  Plugin(R"({"token":"tok","expirationTimestamp":"2999-01-01T00:00:00Z"})");
  auto p = Provider({.interactive_mode = Mode::kNever});
  for (int i = 0; i < 3; ++i) ASSERT_EQ(p->Get(ctx_)->token, "tok");
  EXPECT_EQ(Runs(), 1);
  Plugin(R"({"token":"old","expirationTimestamp":"2020-01-01T00:00:00Z"})");
  auto expired = Provider({.interactive_mode = Mode::kNever});
  for (int i = 0; i < 3; ++i) ASSERT_EQ(expired->Get(ctx_)->token, "old");
  EXPECT_EQ(Runs(), 4) << "an expired token makes every request run the plugin";
}

TEST_F(ExecCredentialTest, WithoutExpiryCachedUntilInvalidated) {
  // The token changes on every run: tok-1, tok-2, ...
  dir_.Script(
      "plugin",
      "echo run >> '" + dir_ / "runs" + "'\n" + "n=$(wc -l < '" + dir_ / "runs" + "')\n" +
          R"(printf '{"kind":"ExecCredential","apiVersion":"%s","status":{"token":"tok-%s"}}' )" +
          kV1 + " \"$n\"\n");
  auto p = Provider({.interactive_mode = Mode::kNever});
  auto first = p->Get(ctx_).value();
  EXPECT_EQ(first.token, "tok-1");
  EXPECT_EQ(p->Get(ctx_)->token, "tok-1");
  EXPECT_TRUE(p->Invalidate(first));
  auto second = p->Get(ctx_).value();
  EXPECT_EQ(second.token, "tok-2");
  // A 401 for a request sent with the old token does not throw the new one away.
  EXPECT_TRUE(p->Invalidate(first));
  EXPECT_EQ(p->Get(ctx_)->token, "tok-2");
  EXPECT_EQ(p->runs(), 2);
}

TEST_F(ExecCredentialTest, ClientCertificateAndKey) {
  Plugin(R"({"clientCertificateData":"CERT PEM","clientKeyData":"KEY PEM"})");
  auto creds = Provider({.interactive_mode = Mode::kNever})->Get(ctx_);
  ASSERT_TRUE(creds) << creds.error().message;
  EXPECT_EQ(creds->client_cert_pem, "CERT PEM");
  EXPECT_EQ(creds->client_key_pem, "KEY PEM");
  EXPECT_TRUE(creds->token.empty());
}

TEST_F(ExecCredentialTest, MissingCommandIsNamedWithTheInstallHint) {
  auto creds = Provider({.command = "kube-clientgen-no-such-plugin",
                         .interactive_mode = Mode::kNever,
                         .install_hint = "Install it with: apt install no-such-plugin"})
                   ->Get(ctx_);
  ASSERT_FALSE(creds);
  EXPECT_TRUE(IsCredentialsError(creds.error()));
  EXPECT_THAT(creds.error().message,
              HasSubstr("exec: executable kube-clientgen-no-such-plugin not found"));
  EXPECT_THAT(creds.error().message, HasSubstr("client-go-credential-plugins"));
  EXPECT_THAT(creds.error().message, HasSubstr("Install it with: apt install no-such-plugin"));
  auto path =
      Provider({.command = dir_ / "bin/absent", .interactive_mode = Mode::kNever})->Get(ctx_);
  ASSERT_FALSE(path);
  EXPECT_THAT(path.error().message, HasSubstr("executable " + dir_ / "bin/absent" + " not found"));
}

TEST_F(ExecCredentialTest, FailingCommandIsNamedAndItsOutputNotShown) {
  dir_.Script("plugin", "echo '{\"status\":{\"token\":\"half-written-s3cret\"}}'\nexit 3\n");
  auto p = Provider({.interactive_mode = Mode::kNever});
  auto creds = p->Get(ctx_);
  ASSERT_FALSE(creds);
  EXPECT_TRUE(IsCredentialsError(creds.error()));
  EXPECT_THAT(creds.error().message,
              HasSubstr("exec: executable " + dir_ / "plugin" + " failed with exit code 3"));
  EXPECT_THAT(creds.error().message, Not(HasSubstr("s3cret")));
  EXPECT_FALSE(p->Get(ctx_)) << "a failure is not cached as success";
  EXPECT_EQ(p->runs(), 2);
}

TEST_F(ExecCredentialTest, BadAnswersAreNamedNeverQuoted) {
  struct Case {
    std::string out;
    std::string error;
  };
  const Case cases[] = {
      {"tok3n-s3cret not json", "decoding stdout: not a JSON ExecCredential object"},
      {R"({"kind":"ExecCredential","status":{"token":"s3cret"}})",
       "decoding stdout: apiVersion and kind must be set"},
      {R"({"kind":"Secret","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"s3cret"}})",
       "decoding stdout: kind is \"Secret\", not ExecCredential"},
      {R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"s3cret"}})",
       "configured to use API version client.authentication.k8s.io/v1, plugin returned version "
       "client.authentication.k8s.io/v1beta1"},
      {R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1"})",
       "didn't return a status field"},
      {R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{}})",
       "didn't return a token or cert/key pair"},
      {R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"clientCertificateData":"s3cret"}})",
       "returned only certificate or key, not both"},
      {R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":["s3cret"]}})",
       "token is not a string"},
      {R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"s3cret","expirationTimestamp":"tomorrow"}})",
       "invalid status.expirationTimestamp \"tomorrow\""},
  };
  for (const auto& c : cases) {
    dir_.Script("plugin", "cat <<'EOF'\n" + c.out + "\nEOF\n");
    auto creds = Provider({.interactive_mode = Mode::kNever})->Get(ctx_);
    ASSERT_FALSE(creds) << c.out;
    EXPECT_THAT(creds.error().message,
                HasSubstr("exec plugin " + dir_ / "plugin" + ": " + c.error));
    EXPECT_THAT(creds.error().message, Not(HasSubstr("s3cret")));
  }
}

TEST_F(ExecCredentialTest, UnknownApiVersionIsRejectedUpFront) {
  auto p = ExecCredentialProvider::New(
      {.api_version = "client.authentication.k8s.io/v1alpha1", .command = "aws"}, {});
  ASSERT_FALSE(p);
  EXPECT_THAT(p.error().message, HasSubstr("exec plugin aws: invalid apiVersion"));
}

TEST_F(ExecCredentialTest, ConcurrentRequestsRunThePluginOnce) {
  Plugin(R"({"token":"tok"})", kV1, "sleep 0.3\n");
  auto p = Provider({.interactive_mode = Mode::kNever});
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      if (auto c = p->Get(Context::Background()); c && c->token == "tok") ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 8);
  EXPECT_EQ(Runs(), 1);
}

TEST_F(ExecCredentialTest, ContextEndKillsAHangingPlugin) {
  dir_.Script("plugin", "exec sleep 30\n");
  auto p = Provider({.interactive_mode = Mode::kNever});
  auto [ctx, cancel] = WithTimeout(Context::Background(), std::chrono::milliseconds(150));
  auto start = std::chrono::steady_clock::now();
  auto creds = p->Get(ctx);
  auto took = std::chrono::steady_clock::now() - start;
  cancel();
  ASSERT_FALSE(creds);
  EXPECT_TRUE(IsDeadlineExceeded(creds.error()));
  EXPECT_LT(took, std::chrono::seconds(5));
}

TEST_F(ExecCredentialTest, EqualConfigurationsShareOneProvider) {
  ExecConfig exec{.api_version = kV1, .command = "aws", .args = {"a"}};
  ExecClusterInfo cluster{.server = "https://a"};
  auto a = ExecCredentialProvider::Shared(exec, cluster).value();
  auto b = ExecCredentialProvider::Shared(exec, cluster).value();
  EXPECT_EQ(a, b);
  exec.args = {"b"};
  EXPECT_NE(ExecCredentialProvider::Shared(exec, cluster).value(), a);
  cluster.server = "https://b";
  EXPECT_NE(
      ExecCredentialProvider::Shared({.api_version = kV1, .command = "aws", .args = {"a"}}, cluster)
          .value(),
      a);
}

}  // namespace
}  // namespace kube::rest::internal
