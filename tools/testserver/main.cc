// kube-testserver: serves the kinds of schema files (native schemas, OpenAPI v2/v3 documents,
// CRD manifests: whatever kube-clientgen reads) over HTTP on 127.0.0.1 with Kubernetes
// semantics, for kubectl, demos and tests in other languages.
//
//   kube-testserver --schemas schemas/ --port 0     # prints the URL, serves until SIGINT/SIGTERM
//   kube-testserver --schemas swagger.json crds/certificates.yaml --port 8080
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "kube/testing/apiserver.h"
#include "model/openapi_definitions.h"
#include "model/scheme_kinds.h"
#include "schema/loader.h"

namespace {

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

void Usage(std::ostream& out) {
  out << "usage: kube-testserver --schemas DIR|FILE... [--port N] [--host ADDR]\n"
         "                       [--bookmark-interval-ms N] [--fault-latency PATH_PREFIX=MS]...\n"
         "                       [--tls-cert-file PEM --tls-private-key-file PEM]\n"
         "                       [--client-ca-file PEM] [--token-auth-file CSV]\n"
         "Serves every kind the schema files describe (native schemas, OpenAPI v2/v3 documents,\n"
         "CRD manifests; directories are searched for *.json, *.yaml, *.yml) on ADDR:N\n"
         "(127.0.0.1; port 0 picks a free one). Prints the URL on the first line of stdout.\n"
         "--fault-latency delays every request whose path starts with PATH_PREFIX by MS.\n"
         "The TLS and authentication flags are kube-apiserver's: HTTPS with that certificate;\n"
         "client certificates of that CA, or bearer tokens of the CSV file (token,user,uid,...\n"
         "per line), authenticate requests, and with either flag the others get 401.\n";
}

// The tokens of a kube-apiserver --token-auth-file: CSV lines "token,user,uid[,groups]".
kube::Result<std::vector<std::string>> ReadTokenAuthFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return kube::Fail(kube::Error::InvalidArgument("cannot read " + path));
  std::vector<std::string> tokens;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    auto comma = line.find(',');
    if (comma == 0 || comma == std::string::npos) {
      // The line is not echoed: it holds a credential.
      return kube::Fail(kube::Error::InvalidArgument(path + ":" + std::to_string(number) +
                                                     ": expected token,user,uid"));
    }
    tokens.push_back(line.substr(0, comma));
  }
  if (tokens.empty()) return kube::Fail(kube::Error::InvalidArgument(path + ": no tokens"));
  return tokens;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> dirs;
  kube::testing::APIServerOptions options;
  std::vector<kube::testing::Fault> faults;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "kube-testserver: " << arg << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--schemas") {
      dirs.push_back(value());
      while (i + 1 < argc && argv[i + 1][0] != '-') dirs.push_back(argv[++i]);
    } else if (arg == "--port") {
      options.port = std::atoi(value().c_str());
    } else if (arg == "--host") {
      options.host = value();
    } else if (arg == "--bookmark-interval-ms") {
      options.bookmark_interval = std::chrono::milliseconds(std::atoi(value().c_str()));
    } else if (arg == "--fault-latency") {
      std::string spec = value();
      auto eq = spec.rfind('=');
      if (eq == std::string::npos) {
        std::cerr << "kube-testserver: --fault-latency takes PATH_PREFIX=MS\n";
        return 2;
      }
      faults.push_back({.path_prefix = spec.substr(0, eq),
                        .times = -1,
                        .latency = std::chrono::milliseconds(std::atoi(spec.c_str() + eq + 1))});
    } else if (arg == "--tls-cert-file") {
      options.tls_cert_file = value();
    } else if (arg == "--tls-private-key-file") {
      options.tls_private_key_file = value();
    } else if (arg == "--client-ca-file") {
      options.client_ca_file = value();
    } else if (arg == "--token-auth-file") {
      std::string file = value();
      auto tokens = ReadTokenAuthFile(file);
      if (!tokens) {
        std::cerr << "kube-testserver: " << tokens.error().message << "\n";
        return 2;
      }
      options.bearer_tokens = std::move(*tokens);
    } else if (arg == "--help" || arg == "-h") {
      Usage(std::cout);
      return 0;
    } else {
      std::cerr << "kube-testserver: unknown argument \"" << arg << "\"\n";
      Usage(std::cerr);
      return 2;
    }
  }
  if (dirs.empty()) {
    Usage(std::cerr);
    return 2;
  }
  kube::gen::model::Model model;
  kube::gen::LoadReport report;
  if (auto ok = kube::gen::LoadSchemas(dirs, kube::gen::InputFormat::kAuto, {}, model, &report);
      !ok) {
    std::cerr << "kube-testserver: " << ok.error().message << "\n";
    return 1;
  }
  for (const auto& skipped : report.skipped) {
    std::cerr << "kube-testserver: note: " << kube::gen::Describe(skipped) << "\n";
  }
  kube::Scheme scheme;
  for (auto& info : kube::gen::SchemeKinds(model)) scheme.Add(std::move(info));
  // The schemas themselves, for /openapi/v2 and /openapi/v3 (kubectl apply, explain).
  scheme.AddOpenAPIDefinitions(kube::gen::BuildOpenAPIDefinitions(model).definitions.dump());
  kube::testing::APIServer server(scheme, options);
  if (auto ok = server.Start(); !ok) {
    std::cerr << "kube-testserver: " << ok.error().message << "\n";
    return 1;
  }
  for (auto& f : faults) server.AddFault(std::move(f));
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  std::cout << server.URL() << std::endl;
  std::cerr << "kube-testserver: serving " << scheme.Kinds().size() << " kinds on " << server.URL()
            << "\n";
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  server.Stop();
  return 0;
}
