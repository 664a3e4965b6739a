// kube::cache::SharedIndexInformer<T>: a reflector (list, then watch from the list's
// resourceVersion with bookmarks; relist on 410 Gone; jittered exponential back-off on errors;
// periodic watch timeouts; paged initial list) feeding a thread-safe indexed Store, and event
// handlers called in order on their own threads (client-go's sharedIndexInformer).
//
//   kube::cache::SharedIndexInformer<Pod> pods(kube::cache::MakeListWatch<Pod, PodList>(...),
//                                              "pods", std::chrono::minutes(10));
//   pods.AddEventHandler({.on_add = [](const Pod& p) { ... }});
//   pods.Start(ctx);                  // returns at once; runs until ctx ends or Shutdown()
//   pods.WaitForCacheSync(ctx);
//   auto lister = pods.Lister();
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kube/cache/list_watch.h"
#include "kube/cache/lister.h"
#include "kube/cache/store.h"
#include "kube/context.h"

namespace kube::cache {

using Duration = std::chrono::milliseconds;

// Handlers of one kind's events; each may be left empty. Objects are the cache's own,
// shared and read-only. A delete the informer only learnt of by relisting (the watch missed
// it) passes the last state the informer knew, which may be older than the object's final
// state: to on_delete_final_state_unknown when set (client-go's DeletedFinalStateUnknown
// tombstone, as its own callback), else to on_delete.
template <class T>
struct EventHandler {
  std::function<void(const T&)> on_add{};
  std::function<void(const T& old_obj, const T& new_obj)> on_update{};
  std::function<void(const T&)> on_delete{};
  std::function<void(const T& last_known)> on_delete_final_state_unknown{};
};

// How the reflector behaves; the defaults are client-go's.
struct InformerOptions {
  int64_t page_size = 500;  // initial list in pages of this many objects (0: one request)
  // Each watch asks the server to end it after a random time in [t, 2t), so connections
  // are renewed and load balancers rebalance.
  std::chrono::seconds watch_timeout{300};
  Duration backoff_initial{800};
  Duration backoff_max{30000};
  // The context whose values and trace hooks list and watch requests carry.
  Context request_context = Context::Background();
};

// Options whose requests carry `ctx`'s values and trace hooks.
inline InformerOptions RequestContextOptions(const Context& ctx) {
  InformerOptions o;
  o.request_context = ctx;
  return o;
}

// An opaque handle for RemoveEventHandler.
using HandlerId = uint64_t;

// The type-erased informer every SharedIndexInformer<T> wraps.
class InformerCore {
 public:
  struct Handler {
    std::function<void(const Entry&)> on_add;
    std::function<void(const Entry&, const Entry&)> on_update;
    std::function<void(const Entry&)> on_delete;
    std::function<void(const Entry&)> on_delete_final_state_unknown;
  };

  InformerCore(ListWatch lw, std::string resource, Duration resync, InformerOptions options);
  ~InformerCore();
  InformerCore(const InformerCore&) = delete;
  InformerCore& operator=(const InformerCore&) = delete;

  HandlerId AddHandler(Handler handler, Duration resync);
  void RemoveHandler(HandlerId id);
  Result<void> AddIndexers(IndexFuncs indexers);
  void Start(const Context& ctx);
  void Shutdown();
  bool HasSynced() const;
  bool WaitForCacheSync(const Context& ctx) const;
  bool Started() const;
  std::string LastSyncResourceVersion() const;
  const std::shared_ptr<Store>& store() const { return store_; }
  const std::string& resource() const { return resource_; }
  Duration resync() const { return resync_; }

 private:
  class Listener;
  struct Notification;
  void Run();
  // One list (all pages) applied to the store; returns false to stop.
  bool ListAndReplace(std::string& rv);
  // Watches from rv until the stream needs a relist (true) or the informer stops (false).
  bool WatchFrom(std::string& rv);
  void Apply(const EntryEvent& ev);
  void Distribute(const Notification& n);
  void EnqueueResync(Listener& listener);
  void Stop();
  bool SleepBackoff(Duration& backoff);

  ListWatch lw_;
  std::string resource_;
  Duration resync_;
  InformerOptions options_;
  std::shared_ptr<Store> store_ = std::make_shared<Store>();

  mutable std::mutex mu_;  // orders store updates with handler notifications
  mutable std::condition_variable synced_cv_;
  std::vector<std::shared_ptr<Listener>> listeners_;
  HandlerId next_id_ = 1;
  bool started_ = false;
  bool synced_ = false;
  std::string last_rv_;

  Context run_ctx_;
  CancelFunc cancel_run_;
  Context request_ctx_;
  CancelFunc cancel_requests_;
  Context::Registration on_cancel_;
  std::mutex watch_mu_;
  EntryWatcher* current_watch_ = nullptr;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

// Waits until every informer has synced; false if ctx ended first.
bool WaitForCacheSync(const Context& ctx, const std::vector<const InformerCore*>& informers);

template <class T>
class SharedIndexInformer {
 public:
  // `resource` names the kind in errors ("pods", "flunders.wardle.example.com"); `resync` 0
  // means never. Build `lw` with MakeListWatch(..., TransformSlot()) to allow SetTransform.
  SharedIndexInformer(ListWatch lw, std::string resource, Duration resync,
                      InformerOptions options = {},
                      std::shared_ptr<std::function<void(T&)>> transform_slot = nullptr)
      : core_(std::make_shared<InformerCore>(std::move(lw), std::move(resource), resync,
                                             std::move(options))),
        transform_(std::move(transform_slot)) {}

  // Handlers added after Start first get an add for every object already cached.
  HandlerId AddEventHandler(EventHandler<T> h) {
    return AddEventHandlerWithResyncPeriod(std::move(h), core_->resync());
  }
  HandlerId AddEventHandlerWithResyncPeriod(EventHandler<T> h, Duration resync) {
    InformerCore::Handler erased;
    if (h.on_add) {
      erased.on_add = [f = std::move(h.on_add)](const Entry& e) { f(*e.As<T>()); };
    }
    if (h.on_update) {
      erased.on_update = [f = std::move(h.on_update)](const Entry& o, const Entry& n) {
        f(*o.As<T>(), *n.As<T>());
      };
    }
    if (h.on_delete) {
      erased.on_delete = [f = std::move(h.on_delete)](const Entry& e) { f(*e.As<T>()); };
    }
    if (h.on_delete_final_state_unknown) {
      erased.on_delete_final_state_unknown =
          [f = std::move(h.on_delete_final_state_unknown)](const Entry& e) { f(*e.As<T>()); };
    }
    return core_->AddHandler(std::move(erased), resync);
  }
  void RemoveEventHandler(HandlerId id) { core_->RemoveHandler(id); }

  // Extra indexes for ByIndex, from typed index functions.
  Result<void> AddIndexers(
      std::map<std::string, std::function<std::vector<std::string>(const T&)>> fns) {
    IndexFuncs erased;
    for (auto& [name, fn] : fns) {
      erased.emplace(name, [fn = std::move(fn)](const Entry& e) { return fn(*e.As<T>()); });
    }
    return core_->AddIndexers(std::move(erased));
  }
  // Applied to every object before it is cached (e.g. clearing metadata.managedFields).
  // Only before Start; InvalidArgument after, or when the informer was built without a slot.
  Result<void> SetTransform(std::function<void(T&)> fn) {
    if (core_->Started()) {
      return Fail(Error::InvalidArgument("SetTransform after the informer has started"));
    }
    if (!transform_) return Fail(Error::InvalidArgument("this informer takes no transform"));
    *transform_ = std::move(fn);
    return {};
  }

  // Runs until ctx ends or Shutdown(); returns at once. A second Start does nothing.
  void Start(const Context& ctx) { core_->Start(ctx); }
  // Start, then block until ctx ends.
  void Run(const Context& ctx) {
    core_->Start(ctx);
    ctx.Wait(std::chrono::hours(24 * 365 * 100));
    core_->Shutdown();
  }
  // Stops and joins every thread of this informer.
  void Shutdown() { core_->Shutdown(); }
  bool HasSynced() const { return core_->HasSynced(); }
  bool WaitForCacheSync(const Context& ctx) const { return core_->WaitForCacheSync(ctx); }
  std::string LastSyncResourceVersion() const { return core_->LastSyncResourceVersion(); }

  Lister<T> GetLister() const { return Lister<T>(core_->store(), core_->resource()); }
  const std::shared_ptr<Store>& GetStore() const { return core_->store(); }
  const InformerCore& core() const { return *core_; }
  InformerCore& core() { return *core_; }

 private:
  std::shared_ptr<InformerCore> core_;
  std::shared_ptr<std::function<void(T&)>> transform_;
};

}  // namespace kube::cache
