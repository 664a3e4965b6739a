// kube::cache::InformerFactory: the type-erased engine of a generated SharedInformerFactory
// (client-go's sharedInformerFactory): one shared informer per resource, created on first
// request, started together, waited on together, shut down together.
//
//   kube::cache::InformerFactory factory(std::chrono::minutes(10), {.namespace_ = "default"});
//   auto& pods = factory.InformerFor<Pod>({"", "v1", "pods"}, [&](kube::cache::Duration resync) {
//     return NewPodInformer(client, "default", resync, {});
//   });
//   factory.Start(ctx);
//   factory.WaitForCacheSync(ctx);
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "kube/cache/list_watch.h"
#include "kube/cache/shared_informer.h"
#include "kube/group_version.h"

namespace kube::cache {

template <class T>
using Indexers = std::map<std::string, std::function<std::vector<std::string>(const T&)>>;

struct SharedInformerOptions {
  std::string namespace_{};                   // only this namespace; empty: all
  TweakListOptionsFunc tweak_list_options{};  // e.g. a label selector for every informer
  // Applied to every object's metadata before it is cached (e.g. clear managed_fields);
  // an informer's own SetTransform replaces it.
  std::function<void(ObjectMeta&)> transform{};
  // Resync periods per resource ("flunders.wardle.example.com"), else the factory's.
  std::map<std::string, Duration> custom_resync{};
  // The context whose values and trace hooks list and watch requests carry.
  Context request_context = Context::Background();
};

// An informer found by resource rather than by type.
struct GenericInformer {
  const InformerCore* informer = nullptr;
  std::shared_ptr<const Store> store{};
  GroupVersionResource resource{};
};

class InformerFactory {
 public:
  InformerFactory(Duration default_resync, SharedInformerOptions options);
  ~InformerFactory();
  InformerFactory(const InformerFactory&) = delete;
  InformerFactory& operator=(const InformerFactory&) = delete;

  // The informer of `gvr`, made by `make(resync)` on first use. `request_context` (when set)
  // is the one its requests carry, if this call creates it.
  template <class T>
  SharedIndexInformer<T>& InformerFor(
      const GroupVersionResource& gvr,
      const std::function<std::shared_ptr<SharedIndexInformer<T>>(Duration resync)>& make) {
    std::lock_guard lock(mu_);
    auto it = informers_.find(gvr);
    if (it == informers_.end()) {
      std::shared_ptr<SharedIndexInformer<T>> made = make(ResyncFor(gvr));
      InformerCore* core = &made->core();
      it = informers_.emplace(gvr, Slot{std::move(made), core}).first;
    }
    return *static_cast<SharedIndexInformer<T>*>(it->second.typed.get());
  }

  // Makes ForResource(gvr) able to create the informer of gvr.
  void Register(const GroupVersionResource& gvr, std::function<void()> instantiate);
  Result<GenericInformer> ForResource(const GroupVersionResource& gvr);

  // Starts every informer created so far that is not running; returns at once. Informers
  // stop when ctx ends. Call again after requesting more informers.
  void Start(const Context& ctx);
  // True once every started informer has synced; false if ctx ended first.
  bool WaitForCacheSync(const Context& ctx);
  // Stops every informer and joins every thread they started.
  void Shutdown();

  const SharedInformerOptions& options() const { return options_; }
  Duration ResyncFor(const GroupVersionResource& gvr) const;
  // InformerOptions for a new informer: the factory's request context, or `ctx` if given.
  InformerOptions InformerOptionsFor(const Context* ctx) const;

 private:
  struct Slot {
    std::shared_ptr<void> typed;
    InformerCore* core;
  };
  Duration default_resync_;
  SharedInformerOptions options_;
  mutable std::mutex mu_;
  std::map<GroupVersionResource, Slot> informers_;
  std::map<GroupVersionResource, std::function<void()>> registry_;
};

namespace internal {
// The list and item types of a typed client interface, from its List method.
template <class TypedInterface>
using ListOf = typename decltype(std::declval<TypedInterface&>().List(
    std::declval<const Context&>(), std::declval<const ListOptions&>()))::value_type;
template <class TypedInterface>
using ItemOf = typename decltype(std::declval<ListOf<TypedInterface>&>().items)::value_type;
}  // namespace internal

// A shared informer over a typed client's List and Watch (what generated
// New<Kind>Informer functions return). `keep_alive` (the clientset) outlives the informer.
template <class TypedInterface, class T = internal::ItemOf<TypedInterface>,
          class TList = internal::ListOf<TypedInterface>>
std::shared_ptr<SharedIndexInformer<T>> NewInformer(
    std::shared_ptr<const void> keep_alive, std::unique_ptr<TypedInterface> typed,
    std::string resource, Duration resync, Indexers<T> indexers, TweakListOptionsFunc tweak = {},
    InformerOptions options = {}, std::function<void(T&)> transform = {}) {
  std::shared_ptr<TypedInterface> client = std::move(typed);
  auto slot = std::make_shared<std::function<void(T&)>>(std::move(transform));
  auto lw = MakeListWatch<T, TList>(
      [keep_alive, client](const Context& ctx, const ListOptions& o) {
        return client->List(ctx, o);
      },
      [keep_alive, client](const Context& ctx, const ListOptions& o) {
        return client->Watch(ctx, o);
      },
      std::move(tweak), slot);
  auto informer = std::make_shared<SharedIndexInformer<T>>(std::move(lw), std::move(resource),
                                                           resync, std::move(options), slot);
  if (!indexers.empty()) (void)informer->AddIndexers(std::move(indexers));
  return informer;
}

// The factory's shared informer of `gvr` (what generated <Kind>Informer::Informer() returns):
// made on first use with the factory's namespace, tweak, transform and resync, the typed
// client coming from `typed_for(namespace)`. `ctx`, when given, is what its requests carry.
template <class TypedFor,
          class TypedInterface =
              typename std::invoke_result_t<TypedFor, const std::string&>::element_type,
          class T = internal::ItemOf<TypedInterface>>
SharedIndexInformer<T>& FactoryInformer(InformerFactory& factory, const GroupVersionResource& gvr,
                                        std::shared_ptr<const void> keep_alive, TypedFor typed_for,
                                        const Context* ctx) {
  return factory.InformerFor<T>(gvr, [&](Duration resync) {
    const SharedInformerOptions& o = factory.options();
    std::function<void(T&)> transform;
    if (o.transform) transform = [meta = o.transform](T& obj) { meta(obj.metadata); };
    return NewInformer(std::move(keep_alive), typed_for(o.namespace_), gvr.GroupResource(), resync,
                       Indexers<T>{}, o.tweak_list_options, factory.InformerOptionsFor(ctx),
                       std::move(transform));
  });
}

}  // namespace kube::cache
