#include "kube/cache/informer_factory.h"

namespace kube::cache {

InformerFactory::InformerFactory(Duration default_resync, SharedInformerOptions options)
    : default_resync_(default_resync), options_(std::move(options)) {}

InformerFactory::~InformerFactory() { Shutdown(); }

void InformerFactory::Register(const GroupVersionResource& gvr, std::function<void()> instantiate) {
  std::lock_guard lock(mu_);
  registry_[gvr] = std::move(instantiate);
}

Result<GenericInformer> InformerFactory::ForResource(const GroupVersionResource& gvr) {
  std::function<void()> instantiate;
  {
    std::lock_guard lock(mu_);
    auto it = registry_.find(gvr);
    if (it == registry_.end()) {
      return Fail(Error::NotFound("resource", gvr.GroupResource() + "/" + gvr.version));
    }
    instantiate = it->second;
  }
  instantiate();
  std::lock_guard lock(mu_);
  const Slot& slot = informers_.at(gvr);
  return GenericInformer{slot.core, slot.core->store(), gvr};
}

void InformerFactory::Start(const Context& ctx) {
  std::lock_guard lock(mu_);
  for (auto& [gvr, slot] : informers_) {
    if (slot.core->Started()) continue;
    slot.core->Start(ctx);
  }
}

bool InformerFactory::WaitForCacheSync(const Context& ctx) {
  std::vector<const InformerCore*> started;
  {
    std::lock_guard lock(mu_);
    for (auto& [gvr, slot] : informers_) {
      if (slot.core->Started()) started.push_back(slot.core);
    }
  }
  return cache::WaitForCacheSync(ctx, started);
}

void InformerFactory::Shutdown() {
  std::vector<InformerCore*> cores;
  {
    std::lock_guard lock(mu_);
    for (auto& [gvr, slot] : informers_) cores.push_back(slot.core);
  }
  for (auto* c : cores) c->Shutdown();
}

Duration InformerFactory::ResyncFor(const GroupVersionResource& gvr) const {
  auto it = options_.custom_resync.find(gvr.GroupResource());
  return it != options_.custom_resync.end() ? it->second : default_resync_;
}

InformerOptions InformerFactory::InformerOptionsFor(const Context* ctx) const {
  InformerOptions o;
  o.request_context = ctx ? *ctx : options_.request_context;
  return o;
}

}  // namespace kube::cache
