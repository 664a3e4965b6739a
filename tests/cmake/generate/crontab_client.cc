// Creates, reads back and lists a CronTab through the clientset generated at build time from
// crontab.yaml, against the in-process test API server.
#include <iostream>

#include "acme/clientset/clientset.h"
#include "acme/scheme.h"
#include "kube/context.h"
#include "kube/testing/apiserver.h"

int main() {
  kube::Scheme scheme;
  acme::AddToScheme(scheme);
  kube::testing::APIServer server(scheme);
  if (!server.Start()) return 1;
  kube::rest::Config cfg;
  cfg.host = server.URL();
  auto cs = acme::clientset::NewForConfig(cfg).value();

  auto ctx = kube::Context::Background();
  acme::api::stable::v1::CronTab tab;
  tab.metadata.name = "nightly";
  tab.spec.cron_spec = "0 3 * * *";
  tab.spec.replicas = 2;
  auto crontabs = cs->StableV1().CronTabs("default");
  if (auto created = crontabs->Create(ctx, tab, {}); !created) {
    std::cerr << "create: " << created.error().message << "\n";
    return 1;
  }
  auto got = crontabs->Get(ctx, "nightly", {});
  if (!got || got->spec.cron_spec != "0 3 * * *" || got->spec.replicas != 2) return 1;
  auto list = crontabs->List(ctx, {});
  if (!list || list->items.size() != 1) return 1;
  std::cout << "crontab ok: " << got->metadata.name << " " << got->spec.cron_spec << "\n";
  return 0;
}
