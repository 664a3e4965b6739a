// The test API server's transport: plain HTTP or HTTPS (optionally asking for client
// certificates), and the authentication a real API server does before anything else.
#pragma once

#include <httplib.h>

#include <memory>

#include "kube/error.h"
#include "kube/testing/apiserver.h"

namespace kube::testing {

// An httplib::Server, or with options.tls_cert_file an SSLServer with that certificate chain and
// key; with options.client_ca_file it asks for (and verifies against that CA) client
// certificates, without requiring one, as kube-apiserver's --client-ca-file does. The error
// names the file that could not be used.
Result<std::unique_ptr<httplib::Server>> NewHTTPServer(const APIServerOptions& options);

// Whether options ask for authentication at all (bearer tokens or a client CA).
bool AuthenticationRequired(const APIServerOptions& options);

// A request authenticates with a bearer token of options.bearer_tokens, or with a client
// certificate that verified against options.client_ca_file.
bool Authenticated(const APIServerOptions& options, const httplib::Request& req);

}  // namespace kube::testing
