// Creates and reads back a ConfigMap through the runtime against the in-process server.
#include <iostream>

#include "kube/resource_client.h"
#include "kube/testing/apiserver.h"

int main() {
  kube::Scheme scheme;
  scheme.Add({.gvk = {"", "v1", "ConfigMap"}, .plural = "configmaps"});
  kube::testing::APIServer server(scheme);
  if (!server.Start()) return 1;
  kube::rest::Config cfg;
  cfg.host = server.URL();
  auto client = kube::rest::Client::New(cfg).value();
  kube::ResourceClient cms(client, {"", "v1", "configmaps"}, "default");
  auto ctx = kube::Context::Background();
  if (!cms.Create(ctx, R"({"metadata":{"name":"downstream"}})", {})) return 1;
  auto got = cms.Get(ctx, "downstream", {});
  if (!got) return 1;
  std::cout << "downstream ok: " << *got << "\n";
  return 0;
}
