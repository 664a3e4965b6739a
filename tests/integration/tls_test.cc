// HTTPS against a server whose CA, server and client certificates are made at test time with
// openssl: a kubeconfig's CA verifies the server and a wrong one is refused, client
// certificates authenticate (from the kubeconfig or an exec plugin), tls-server-name checks
// the name the certificate carries, and an exec plugin's token is what the server requires.
// Also proxy-url, against a plain HTTP proxy, and kube::testing::APIServer's own HTTPS and
// authentication.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "internal/base64.h"
#include "kube/rest/client.h"
#include "kube/testing/apiserver.h"
#include "runtime/rest_test_support.h"

namespace kube_test {
namespace {

using kube::Context;
using kube::rest::Client;
using kube::rest::Config;
using kube::rest::Request;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::string B64File(const std::string& path) { return kube::internal::Base64Encode(ReadAll(path)); }

// A server on 127.0.0.1 answering GET /version, recording each request's Authorization and
// Host headers, and answering 401 unless the request carries `required_token`.
class TestServer {
 public:
  explicit TestServer(std::unique_ptr<httplib::Server> server, std::string required_token = "")
      : server_(std::move(server)), required_token_(std::move(required_token)) {
    server_->Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
      {
        std::lock_guard lock(mu_);
        authorization_.push_back(req.get_header_value("Authorization"));
        hosts_.push_back(req.get_header_value("Host"));
        paths_.push_back(req.path);
        headers_.push_back(req.headers);
      }
      if (!required_token_.empty() &&
          req.get_header_value("Authorization") != "Bearer " + required_token_) {
        res.status = 401;
        res.set_content(
            R"({"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Unauthorized","code":401})",
            "application/json");
        return;
      }
      res.set_content(R"({"major":"1","minor":"36"})", "application/json");
    });
    port_ = server_->bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~TestServer() {
    server_->stop();
    thread_.join();
  }
  int port() const { return port_; }
  std::vector<std::string> authorization() {
    std::lock_guard lock(mu_);
    return authorization_;
  }
  std::vector<std::string> hosts() {
    std::lock_guard lock(mu_);
    return hosts_;
  }
  std::vector<std::string> paths() {
    std::lock_guard lock(mu_);
    return paths_;
  }
  // Every value of header `name` (any case) of request `i`.
  std::vector<std::string> header(size_t i, const std::string& name) {
    std::lock_guard lock(mu_);
    std::vector<std::string> values;
    auto [begin, end] = headers_.at(i).equal_range(name);
    for (auto it = begin; it != end; ++it) values.push_back(it->second);
    return values;
  }

 private:
  std::unique_ptr<httplib::Server> server_;
  std::string required_token_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::string> authorization_, hosts_, paths_;
  std::vector<httplib::Headers> headers_;
};

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pki_ = new TempDir();
    auto run = [](const std::string& cmd) {
      std::string full = "cd '" + pki_->path() + "' && " + cmd + " >/dev/null 2>&1";
      ASSERT_EQ(std::system(full.c_str()), 0) << full;
    };
    const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    for (const char* ca : {"ca", "other-ca"}) {
      run("openssl req -x509 " + ec + " -keyout " + ca + ".key -out " + ca +
          ".crt -days 2 -subj /CN=" + ca +
          " -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign");
    }
    struct Leaf {
      const char* name;
      const char* ext;
      const char* ca = "ca";
    };
    int serial = 1;
    for (Leaf leaf :
         {Leaf{"server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"},
          Leaf{"named", "subjectAltName=DNS:api.internal.test\nextendedKeyUsage=serverAuth\n"},
          Leaf{"client", "extendedKeyUsage=clientAuth\n"},
          Leaf{"stranger", "extendedKeyUsage=clientAuth\n", "other-ca"}}) {
      std::string n = leaf.name, ca = leaf.ca;
      pki_->Write(n + ".ext", leaf.ext);
      run("openssl req " + ec + " -keyout " + n + ".key -out " + n + ".csr -subj /O=devs/CN=" + n +
          " && openssl x509 -req -in " + n + ".csr -CA " + ca + ".crt -CAkey " + ca +
          ".key -set_serial " + std::to_string(serial++) + " -days 2 -out " + n + ".crt -extfile " +
          n + ".ext");
    }
  }
  static void TearDownTestSuite() {
    delete pki_;
    pki_ = nullptr;
  }
  static std::string Pki(const std::string& name) { return *pki_ / name; }

  // An HTTPS server with the certificate `name`; with `require_client_cert`, only clients with
  // a certificate of the test CA get through the handshake.
  std::unique_ptr<TestServer> Https(const std::string& name, bool require_client_cert = false,
                                    std::string required_token = "") {
    auto server =
        std::make_unique<httplib::SSLServer>(Pki(name + ".crt").c_str(), Pki(name + ".key").c_str(),
                                             require_client_cert ? Pki("ca.crt").c_str() : nullptr);
    EXPECT_TRUE(server->is_valid());
    return std::make_unique<TestServer>(std::move(server), std::move(required_token));
  }

  // A kubeconfig naming `cluster` and `user` (YAML flow mappings).
  std::string Kubeconfig(const std::string& cluster, const std::string& user = "{}") {
    return dir_.Write("config",
                      "apiVersion: v1\nkind: Config\ncurrent-context: c\n"
                      "clusters: [{name: c, cluster: " +
                          cluster + "}]\n" + "users: [{name: u, user: " + user + "}]\n" +
                          "contexts: [{name: c, context: {cluster: c, user: u}}]\n");
  }
  std::string Cluster(int port, const std::string& more) {
    return "{server: \"https://127.0.0.1:" + std::to_string(port) + "\", " + more + "}";
  }

  kube::Result<kube::rest::Response> Version(const std::string& kubeconfig) {
    auto cfg = Config::FromKubeconfig(kubeconfig);
    if (!cfg) return kube::Fail(cfg.error());
    cfg->max_retries = 0;  // a refused handshake is final here, not worth ten back-offs
    auto client = Client::New(*cfg);
    if (!client) return kube::Fail(client.error());
    return (*client)->Do(Context::Background(), Request("GET").AbsPath("/version"));
  }

  static TempDir* pki_;
  TempDir dir_;
};

TempDir* TlsTest::pki_ = nullptr;

TEST_F(TlsTest, CertificateAuthorityDataVerifiesTheServer) {
  auto server = Https("server");
  auto cfg =
      Kubeconfig(Cluster(server->port(), "certificate-authority-data: " + B64File(Pki("ca.crt"))),
                 "{token: s3cret-token}");
  auto resp = Version(cfg);
  ASSERT_TRUE(resp) << resp.error().ToString();
  EXPECT_EQ(resp->code, 200);
  EXPECT_THAT(server->authorization(), ElementsAre("Bearer s3cret-token"));
}

TEST_F(TlsTest, CertificateAuthorityFile) {
  auto server = Https("server");
  auto resp = Version(
      Kubeconfig(Cluster(server->port(), "certificate-authority: '" + Pki("ca.crt") + "'")));
  ASSERT_TRUE(resp) << resp.error().ToString();
}

TEST_F(TlsTest, WrongCertificateAuthorityIsRejected) {
  auto server = Https("server");
  for (std::string ca : {"certificate-authority-data: " + B64File(Pki("other-ca.crt")),
                         std::string("tls-server-name: ''")}) {  // the second: system roots
    auto resp = Version(Kubeconfig(Cluster(server->port(), ca), "{token: s3cret-token}"));
    ASSERT_FALSE(resp) << ca;
    EXPECT_TRUE(kube::IsTransport(resp.error()));
    EXPECT_THAT(resp.error().message, HasSubstr("certificate"));
    EXPECT_THAT(resp.error().ToString(), Not(HasSubstr("s3cret")));
  }
  EXPECT_TRUE(server->authorization().empty()) << "no request got through";
}

TEST_F(TlsTest, InsecureSkipTlsVerify) {
  auto server = Https("server");
  auto resp = Version(Kubeconfig(Cluster(server->port(), "insecure-skip-tls-verify: true")));
  ASSERT_TRUE(resp) << resp.error().ToString();
}

TEST_F(TlsTest, ClientCertificateFromDataOrFiles) {
  auto server = Https("server", /*require_client_cert=*/true);
  std::string cluster =
      Cluster(server->port(), "certificate-authority-data: " + B64File(Pki("ca.crt")));
  auto data =
      Version(Kubeconfig(cluster, "{client-certificate-data: " + B64File(Pki("client.crt")) +
                                      ", client-key-data: " + B64File(Pki("client.key")) + "}"));
  ASSERT_TRUE(data) << data.error().ToString();
  auto files = Version(Kubeconfig(cluster, "{client-certificate: '" + Pki("client.crt") +
                                               "', client-key: '" + Pki("client.key") + "'}"));
  ASSERT_TRUE(files) << files.error().ToString();
  auto none = Version(Kubeconfig(cluster));
  ASSERT_FALSE(none) << "the server requires a client certificate";
  EXPECT_TRUE(kube::IsTransport(none.error()));
  // A certificate the server's CA did not sign is refused too.
  auto wrong = Version(Kubeconfig(cluster, "{client-certificate: '" + Pki("named.crt") +
                                               "', client-key: '" + Pki("named.key") + "'}"));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(server->authorization().size(), 2u);
}

TEST_F(TlsTest, TlsServerNameChecksTheNameTheCertificateCarries) {
  auto server = Https("named");  // valid for api.internal.test only
  std::string ca = "certificate-authority-data: " + B64File(Pki("ca.crt"));
  auto by_address = Version(Kubeconfig(Cluster(server->port(), ca)));
  ASSERT_FALSE(by_address) << "the certificate does not name 127.0.0.1";
  EXPECT_TRUE(kube::IsTransport(by_address.error()));
  auto by_name =
      Version(Kubeconfig(Cluster(server->port(), ca + ", tls-server-name: api.internal.test")));
  ASSERT_TRUE(by_name) << by_name.error().ToString();
  EXPECT_THAT(server->hosts(), ElementsAre("127.0.0.1:" + std::to_string(server->port())))
      << "the Host header names the configured server, as Go's ServerName leaves it";
}

TEST_F(TlsTest, ExecPluginTokenIsWhatTheServerRequires) {
  auto server = Https("server", false, "exec-token-42");
  dir_.Script(
      "plugin",
      R"(printf '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"exec-token-42","expirationTimestamp":"2999-01-01T00:00:00Z"}}')"
      "\n");
  std::string cluster =
      Cluster(server->port(), "certificate-authority-data: " + B64File(Pki("ca.crt")));
  auto resp = Version(Kubeconfig(
      cluster, "{exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: ./plugin}}"));
  ASSERT_TRUE(resp) << resp.error().ToString();
  EXPECT_THAT(server->authorization(), ElementsAre("Bearer exec-token-42"));
  auto anonymous = Version(Kubeconfig(cluster));
  ASSERT_FALSE(anonymous);
  EXPECT_TRUE(kube::IsUnauthorized(anonymous.error()));
}

TEST_F(TlsTest, ExecPluginClientCertificate) {
  auto server = Https("server", /*require_client_cert=*/true);
  nlohmann::json cred = {{"kind", "ExecCredential"},
                         {"apiVersion", "client.authentication.k8s.io/v1"},
                         {"status",
                          {{"clientCertificateData", ReadAll(Pki("client.crt"))},
                           {"clientKeyData", ReadAll(Pki("client.key"))}}}};
  dir_.Write("credential.json", cred.dump());
  dir_.Script("plugin", "cat '" + dir_ / "credential.json" + "'\n");
  auto resp = Version(Kubeconfig(
      Cluster(server->port(), "certificate-authority-data: " + B64File(Pki("ca.crt"))),
      "{exec: {apiVersion: client.authentication.k8s.io/v1, command: ./plugin, interactiveMode: "
      "Never}}"));
  ASSERT_TRUE(resp) << resp.error().ToString();
  EXPECT_THAT(server->authorization(), ElementsAre(""));
}

// kube::testing::APIServer over HTTPS, authenticating requests as kube-apiserver does: client
// certificates of its client CA or bearer tokens of its list; anything else is 401.
class TestAPIServerTlsTest : public TlsTest {
 protected:
  kube::testing::APIServerOptions Options() {
    kube::testing::APIServerOptions options;
    options.tls_cert_file = Pki("server.crt");
    options.tls_private_key_file = Pki("server.key");
    options.client_ca_file = Pki("ca.crt");
    options.bearer_tokens = {"team-token", "ci-token"};
    return options;
  }
  std::string Cluster(const kube::testing::APIServer& server) {
    return "{server: \"" + server.URL() + "\", certificate-authority: '" + Pki("ca.crt") + "'}";
  }
  std::string CertificateUser(const std::string& name) {
    return "{client-certificate: '" + Pki(name + ".crt") + "', client-key: '" + Pki(name + ".key") +
           "'}";
  }
  kube::Scheme scheme_;
};

TEST_F(TestAPIServerTlsTest, ClientCertificatesAndTokensAuthenticate) {
  kube::testing::APIServer server(scheme_, Options());
  ASSERT_TRUE(server.Start());
  EXPECT_THAT(server.URL(), ::testing::StartsWith("https://127.0.0.1:"));
  auto by_certificate = Version(Kubeconfig(Cluster(server), CertificateUser("client")));
  ASSERT_TRUE(by_certificate) << by_certificate.error().ToString();
  EXPECT_EQ(by_certificate->code, 200);
  for (const char* token : {"team-token", "ci-token"}) {
    auto by_token = Version(Kubeconfig(Cluster(server), std::string("{token: ") + token + "}"));
    ASSERT_TRUE(by_token) << token << ": " << by_token.error().ToString();
  }
  // Unauthenticated requests reach the server (the client certificate is asked for, not
  // required) and are refused there, whatever they present.
  for (std::string user :
       {std::string("{}"), std::string("{token: wrong-token}"), CertificateUser("stranger")}) {
    auto refused = Version(Kubeconfig(Cluster(server), user));
    ASSERT_FALSE(refused) << user;
    EXPECT_TRUE(kube::IsUnauthorized(refused.error())) << refused.error().ToString();
    EXPECT_THAT(refused.error().ToString(), Not(HasSubstr("wrong-token")));
  }
  EXPECT_EQ(server.RequestCount(), 6);
}

TEST_F(TestAPIServerTlsTest, HealthChecksNeedNoCredentials) {
  kube::testing::APIServer server(scheme_, Options());
  ASSERT_TRUE(server.Start());
  auto cfg = Config::FromKubeconfig(Kubeconfig(Cluster(server)));
  ASSERT_TRUE(cfg) << cfg.error().message;
  auto client = Client::New(*cfg).value();
  for (const char* path : {"/healthz", "/livez", "/readyz"}) {
    auto resp = client->Do(Context::Background(), Request("GET").AbsPath(path));
    ASSERT_TRUE(resp) << path << ": " << resp.error().ToString();
    EXPECT_EQ(resp->body, "ok");
  }
  auto api = client->Do(Context::Background(), Request("GET").AbsPath("/api"));
  ASSERT_FALSE(api);
  EXPECT_TRUE(kube::IsUnauthorized(api.error()));
}

TEST_F(TestAPIServerTlsTest, TokensAloneOverPlainHttp) {
  kube::testing::APIServerOptions options;
  options.bearer_tokens = {"team-token"};
  kube::testing::APIServer server(scheme_, options);
  ASSERT_TRUE(server.Start());
  EXPECT_THAT(server.URL(), ::testing::StartsWith("http://127.0.0.1:"));
  std::string cluster = "{server: \"" + server.URL() + "\"}";
  ASSERT_TRUE(Version(Kubeconfig(cluster, "{token: team-token}")));
  auto anonymous = Version(Kubeconfig(cluster));
  ASSERT_FALSE(anonymous);
  EXPECT_TRUE(kube::IsUnauthorized(anonymous.error()));
}

TEST_F(TestAPIServerTlsTest, UnusableCertificateFilesAreClearErrors) {
  auto start = [&](kube::testing::APIServerOptions options) {
    kube::testing::APIServer server(scheme_, std::move(options));
    return server.Start();
  };
  auto options = Options();
  options.tls_cert_file = dir_ / "missing.crt";
  auto missing = start(options);
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().message, HasSubstr("missing.crt"));

  options = Options();
  options.tls_private_key_file = Pki("client.key");  // not the certificate's key
  auto mismatched = start(options);
  ASSERT_FALSE(mismatched);
  EXPECT_THAT(mismatched.error().message, HasSubstr("client.key"));
  EXPECT_THAT(mismatched.error().message, Not(HasSubstr("PRIVATE KEY")));

  options = Options();
  options.client_ca_file = dir_.Write("ca.pem", "not a certificate\n");
  auto bad_ca = start(options);
  ASSERT_FALSE(bad_ca);
  EXPECT_THAT(bad_ca.error().message, HasSubstr("ca.pem"));

  options = Options();
  options.tls_private_key_file.clear();
  auto half = start(options);
  ASSERT_FALSE(half);
  EXPECT_THAT(half.error().message, HasSubstr("tls_private_key_file"));
}

TEST(ProxyTest, ProxyUrlCarriesEveryRequest) {
  TestServer proxy(std::make_unique<httplib::Server>());
  TempDir dir;
  // Nothing listens on port 1: only the proxy can answer.
  auto path = dir.Write("config",
                        "current-context: c\nclusters: [{name: c, cluster: {server: "
                        "\"http://127.0.0.1:1\", proxy-url: \"http://127.0.0.1:" +
                            std::to_string(proxy.port()) +
                            "\"}}]\ncontexts: [{name: c, context: {cluster: c}}]\n");
  ScopedEnv no_proxy("NO_PROXY", std::string("127.0.0.1,localhost"));
  auto cfg = Config::FromKubeconfig(path);
  ASSERT_TRUE(cfg) << cfg.error().message;
  cfg->max_retries = 0;
  auto resp =
      Client::New(*cfg).value()->Do(Context::Background(), Request("GET").AbsPath("/version"));
  ASSERT_TRUE(resp) << resp.error().ToString();
  EXPECT_THAT(proxy.paths(), ElementsAre("http://127.0.0.1:1/version"));
}

// Impersonate-* headers as client-go sends them: one per group and per extra value, extra keys
// percent-encoded where header names cannot hold them.
TEST(ImpersonationTest, HeadersFromTheKubeconfig) {
  TestServer server(std::make_unique<httplib::Server>());
  TempDir dir;
  auto path = dir.Write(
      "config", "current-context: c\nclusters: [{name: c, cluster: {server: \"http://127.0.0.1:" +
                    std::to_string(server.port()) +
                    "\"}}]\nusers: [{name: u, user: {token: admin, as: jane, as-uid: u-1, "
                    "as-groups: [dev, qa], as-user-extra: {\"acme.com/scopes\": [db, ui]}}}]\n"
                    "contexts: [{name: c, context: {cluster: c, user: u}}]\n");
  auto cfg = Config::FromKubeconfig(path);
  ASSERT_TRUE(cfg) << cfg.error().message;
  auto resp =
      Client::New(*cfg).value()->Do(Context::Background(), Request("GET").AbsPath("/version"));
  ASSERT_TRUE(resp) << resp.error().ToString();
  EXPECT_THAT(server.header(0, "Authorization"), ElementsAre("Bearer admin"));
  EXPECT_THAT(server.header(0, "Impersonate-User"), ElementsAre("jane"));
  EXPECT_THAT(server.header(0, "Impersonate-Uid"), ElementsAre("u-1"));
  EXPECT_THAT(server.header(0, "Impersonate-Group"), ElementsAre("dev", "qa"));
  EXPECT_THAT(server.header(0, "Impersonate-Extra-acme.com%2Fscopes"), ElementsAre("db", "ui"));
}

TEST(CompressionTest, DisableCompressionStopsAskingForGzip) {
  TestServer server(std::make_unique<httplib::Server>());
  TempDir dir;
  for (const char* disable : {"false", "true"}) {
    auto path =
        dir.Write("config",
                  "current-context: c\nclusters: [{name: c, cluster: {server: "
                  "\"http://127.0.0.1:" +
                      std::to_string(server.port()) + "\", disable-compression: " + disable +
                      "}}]\ncontexts: [{name: c, context: {cluster: c}}]\n");
    auto cfg = Config::FromKubeconfig(path);
    ASSERT_TRUE(cfg) << cfg.error().message;
    ASSERT_TRUE(
        Client::New(*cfg).value()->Do(Context::Background(), Request("GET").AbsPath("/version")));
  }
  EXPECT_THAT(server.header(0, "Accept-Encoding"), ElementsAre("gzip"));
  EXPECT_THAT(server.header(1, "Accept-Encoding"), ElementsAre());
}

}  // namespace
}  // namespace kube_test
