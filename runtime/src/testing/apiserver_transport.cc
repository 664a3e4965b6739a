#include "apiserver_transport.h"

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <string>

namespace kube::testing {
namespace {

std::string OpenSSLError() {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown OpenSSL error";
  char buf[256];
  ERR_error_string_n(code, buf, sizeof buf);
  return buf;
}

// Loads the server's certificate chain and key, and the client CA. The verify callback accepts
// any client certificate during the handshake: like kube-apiserver, a certificate that does
// not verify makes the request unauthenticated (401), it does not break the connection.
bool SetUpContext(SSL_CTX& ctx, const APIServerOptions& options, std::string& error) {
  SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
  if (SSL_CTX_use_certificate_chain_file(&ctx, options.tls_cert_file.c_str()) != 1) {
    error =
        fmt::format("cannot use the TLS certificate {}: {}", options.tls_cert_file, OpenSSLError());
    return false;
  }
  // The key's contents never reach the message, only its path.
  if (SSL_CTX_use_PrivateKey_file(&ctx, options.tls_private_key_file.c_str(), SSL_FILETYPE_PEM) !=
          1 ||
      SSL_CTX_check_private_key(&ctx) != 1) {
    error = fmt::format("cannot use the TLS private key {} with the certificate {}: {}",
                        options.tls_private_key_file, options.tls_cert_file, OpenSSLError());
    return false;
  }
  if (options.client_ca_file.empty()) return true;
  STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(options.client_ca_file.c_str());
  if (names == nullptr ||
      SSL_CTX_load_verify_locations(&ctx, options.client_ca_file.c_str(), nullptr) != 1) {
    if (names != nullptr) sk_X509_NAME_pop_free(names, X509_NAME_free);
    error = fmt::format("cannot use the client CA {}: {}", options.client_ca_file, OpenSSLError());
    return false;
  }
  SSL_CTX_set_client_CA_list(&ctx, names);
  SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER, [](int, X509_STORE_CTX*) { return 1; });
  return true;
}

}  // namespace

Result<std::unique_ptr<httplib::Server>> NewHTTPServer(const APIServerOptions& options) {
  if (options.tls_cert_file.empty() != options.tls_private_key_file.empty()) {
    return Fail(Error::InvalidArgument(
        "the test API server needs both tls_cert_file and tls_private_key_file for HTTPS"));
  }
  if (options.tls_cert_file.empty()) {
    if (!options.client_ca_file.empty()) {
      return Fail(Error::InvalidArgument(
          "client_ca_file needs HTTPS (tls_cert_file and tls_private_key_file)"));
    }
    return std::make_unique<httplib::Server>();
  }
  std::string error;
  auto server = std::make_unique<httplib::SSLServer>(
      [&](SSL_CTX& ctx) { return SetUpContext(ctx, options, error); });
  if (!server->is_valid()) {
    return Fail(Error::InvalidArgument(error.empty() ? "cannot set up TLS" : error));
  }
  return std::unique_ptr<httplib::Server>(std::move(server));
}

bool AuthenticationRequired(const APIServerOptions& options) {
  return !options.bearer_tokens.empty() || !options.client_ca_file.empty();
}

bool Authenticated(const APIServerOptions& options, const httplib::Request& req) {
  std::string authorization = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.starts_with(kBearer)) {
    std::string_view token = std::string_view(authorization).substr(kBearer.size());
    if (std::find(options.bearer_tokens.begin(), options.bearer_tokens.end(), token) !=
        options.bearer_tokens.end()) {
      return true;
    }
  }
  if (options.client_ca_file.empty() || req.ssl == nullptr) return false;
  return SSL_get0_peer_certificate(req.ssl) != nullptr &&
         SSL_get_verify_result(req.ssl) == X509_V_OK;
}

}  // namespace kube::testing
