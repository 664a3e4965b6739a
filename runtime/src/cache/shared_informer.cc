#include "kube/cache/shared_informer.h"

#include <deque>
#include <random>

namespace kube::cache {

// kDeleteFinalStateUnknown: a delete learnt of only by relisting.
enum class NotificationKind { kAdd, kUpdate, kDelete, kDeleteFinalStateUnknown };

struct InformerCore::Notification {
  NotificationKind kind;
  Entry old_entry;  // kUpdate
  Entry entry;
};

// One handler with its own queue and thread, so a slow handler delays no other (client-go's
// processorListener). Notifications are delivered in the order the informer saw the events.
class InformerCore::Listener {
 public:
  Listener(HandlerId id, Handler handler, Duration resync, InformerCore* core)
      : id_(id), handler_(std::move(handler)), resync_(resync), core_(core) {}
  ~Listener() { Join(); }

  HandlerId id() const { return id_; }
  void Push(Notification n) {
    {
      std::lock_guard lock(mu_);
      if (stopped_) return;
      queue_.push_back(std::move(n));
    }
    cv_.notify_one();
  }
  void StartThread() {
    std::lock_guard lock(mu_);
    if (thread_.joinable() || stopped_) return;
    thread_ = std::thread([this] { Run(); });
  }
  void Stop() {
    {
      std::lock_guard lock(mu_);
      stopped_ = true;
    }
    cv_.notify_all();
  }
  void Join() {
    Stop();
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
    if (thread_.joinable()) thread_.detach();  // removed from inside its own handler
  }

 private:
  void Run() {
    auto next_resync = std::chrono::steady_clock::now() + resync_;
    std::unique_lock lock(mu_);
    while (!stopped_) {
      if (!queue_.empty()) {
        Notification n = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        Deliver(n);
        lock.lock();
        continue;
      }
      if (resync_.count() <= 0) {
        cv_.wait(lock, [&] { return stopped_ || !queue_.empty(); });
        continue;
      }
      if (cv_.wait_until(lock, next_resync, [&] { return stopped_ || !queue_.empty(); })) continue;
      next_resync = std::chrono::steady_clock::now() + resync_;
      lock.unlock();
      core_->EnqueueResync(*this);
      lock.lock();
    }
  }
  void Deliver(const Notification& n) {
    switch (n.kind) {
      case NotificationKind::kAdd:
        if (handler_.on_add) handler_.on_add(n.entry);
        break;
      case NotificationKind::kUpdate:
        if (handler_.on_update) handler_.on_update(n.old_entry, n.entry);
        break;
      case NotificationKind::kDelete:
        if (handler_.on_delete) handler_.on_delete(n.entry);
        break;
      case NotificationKind::kDeleteFinalStateUnknown:
        if (handler_.on_delete_final_state_unknown) {
          handler_.on_delete_final_state_unknown(n.entry);
        } else if (handler_.on_delete) {
          handler_.on_delete(n.entry);
        }
        break;
    }
  }

  HandlerId id_;
  Handler handler_;
  Duration resync_;
  InformerCore* core_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Notification> queue_;
  bool stopped_ = false;
  std::thread thread_;
};

InformerCore::InformerCore(ListWatch lw, std::string resource, Duration resync,
                           InformerOptions options)
    : lw_(std::move(lw)),
      resource_(std::move(resource)),
      resync_(resync),
      options_(std::move(options)) {}

InformerCore::~InformerCore() { Shutdown(); }

HandlerId InformerCore::AddHandler(Handler handler, Duration resync) {
  std::lock_guard lock(mu_);
  auto listener = std::make_shared<Listener>(next_id_++, std::move(handler), resync, this);
  // A late handler first sees what is cached, as adds, before any later event.
  if (synced_) {
    for (auto& e : store_->List()) listener->Push({NotificationKind::kAdd, {}, std::move(e)});
  }
  if (started_ && !stopping_) listener->StartThread();
  listeners_.push_back(listener);
  return listener->id();
}

void InformerCore::RemoveHandler(HandlerId id) {
  std::shared_ptr<Listener> removed;
  {
    std::lock_guard lock(mu_);
    for (auto it = listeners_.begin(); it != listeners_.end(); ++it) {
      if ((*it)->id() == id) {
        removed = *it;
        listeners_.erase(it);
        break;
      }
    }
  }
  if (removed) removed->Join();
}

Result<void> InformerCore::AddIndexers(IndexFuncs indexers) {
  return store_->AddIndexers(std::move(indexers));
}

void InformerCore::Start(const Context& ctx) {
  {
    std::lock_guard lock(mu_);
    if (started_) return;
    started_ = true;
    std::tie(run_ctx_, cancel_run_) = WithCancel(ctx);
    std::tie(request_ctx_, cancel_requests_) = WithCancel(options_.request_context);
    for (auto& l : listeners_) l->StartThread();
    thread_ = std::thread([this] { Run(); });
  }
  // Outside mu_: with a context already done, OnCancel runs Stop() (which takes mu_) at once.
  on_cancel_ = run_ctx_.OnCancel([this] { Stop(); });
}

void InformerCore::Stop() {
  stopping_ = true;
  if (cancel_requests_) cancel_requests_();
  {
    std::lock_guard lock(watch_mu_);
    if (current_watch_) current_watch_->Stop();
  }
  std::vector<std::shared_ptr<Listener>> listeners;
  {
    std::lock_guard lock(mu_);
    listeners = listeners_;
  }
  for (auto& l : listeners) l->Stop();
  synced_cv_.notify_all();
}

void InformerCore::Shutdown() {
  {
    std::lock_guard lock(mu_);
    if (!started_) return;
  }
  if (cancel_run_) cancel_run_();
  on_cancel_.Reset();
  Stop();
  if (thread_.joinable()) thread_.join();
  std::vector<std::shared_ptr<Listener>> listeners;
  {
    std::lock_guard lock(mu_);
    listeners = listeners_;
  }
  for (auto& l : listeners) l->Join();
}

bool InformerCore::Started() const {
  std::lock_guard lock(mu_);
  return started_;
}

bool InformerCore::HasSynced() const {
  std::lock_guard lock(mu_);
  return synced_;
}

bool InformerCore::WaitForCacheSync(const Context& ctx) const {
  std::unique_lock lock(mu_);
  while (!synced_) {
    if (ctx.Done() || stopping_) return false;
    synced_cv_.wait_for(lock, std::chrono::milliseconds(5));
  }
  return true;
}

std::string InformerCore::LastSyncResourceVersion() const {
  std::lock_guard lock(mu_);
  return last_rv_;
}

void InformerCore::Distribute(const Notification& n) {
  for (auto& l : listeners_) l->Push(n);
}

void InformerCore::EnqueueResync(Listener& listener) {
  std::lock_guard lock(mu_);
  if (!synced_ || stopping_) return;
  for (auto& e : store_->List()) listener.Push({NotificationKind::kUpdate, e, e});
}

bool InformerCore::SleepBackoff(Duration& backoff) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  // Jittered (up to +100%) exponential back-off, as client-go's wait.Backoff with Jitter 1.0.
  std::uniform_real_distribution<double> jitter(1.0, 2.0);
  auto wait = std::chrono::duration_cast<Duration>(backoff * jitter(rng));
  backoff = std::min(backoff * 2, options_.backoff_max);
  return !run_ctx_.Wait(wait) && !stopping_;
}

void InformerCore::Run() {
  std::string rv;
  Duration backoff = options_.backoff_initial;
  while (!stopping_) {
    if (!ListAndReplace(rv)) {
      if (!SleepBackoff(backoff)) return;
      continue;
    }
    backoff = options_.backoff_initial;
    if (!WatchFrom(rv)) return;
  }
}

bool InformerCore::ListAndReplace(std::string& rv) {
  std::vector<Entry> items;
  ListOptions opts;
  opts.limit = options_.page_size;
  std::string list_rv;
  while (true) {
    auto page = lw_.list(request_ctx_, opts);
    if (!page) {
      // An expired continue token: list again in one request, as client-go falls back.
      if (IsGone(page.error()) && !opts.continue_.empty()) {
        items.clear();
        opts = ListOptions{};
        continue;
      }
      return false;
    }
    items.insert(items.end(), std::make_move_iterator(page->items.begin()),
                 std::make_move_iterator(page->items.end()));
    list_rv = page->resource_version;
    if (page->continue_.empty()) break;
    opts.continue_ = page->continue_;
  }
  std::lock_guard lock(mu_);
  if (stopping_) return false;
  std::vector<Entry> fresh = items;
  auto old = store_->Replace(std::move(items));
  for (auto& e : fresh) {
    auto it = old.find(MetaNamespaceKey(*e.meta));
    if (it == old.end()) {
      Distribute({NotificationKind::kAdd, {}, e});
      continue;
    }
    // Unchanged objects of a relist are not news; resync is what re-delivers them.
    if (it->second.meta->resource_version.empty() ||
        it->second.meta->resource_version != e.meta->resource_version) {
      Distribute({NotificationKind::kUpdate, it->second, e});
    }
    old.erase(it);
  }
  // Deleted while we were not watching: the last state we knew.
  for (auto& [key, e] : old) Distribute({NotificationKind::kDeleteFinalStateUnknown, {}, e});
  rv = list_rv;
  last_rv_ = list_rv;
  synced_ = true;
  synced_cv_.notify_all();
  return true;
}

void InformerCore::Apply(const EntryEvent& ev) {
  std::lock_guard lock(mu_);
  switch (ev.type) {
    case WatchEventType::kAdded:
    case WatchEventType::kModified: {
      auto old = store_->Upsert(ev.entry);
      if (old) {
        Distribute({NotificationKind::kUpdate, *old, ev.entry});
      } else {
        Distribute({NotificationKind::kAdd, {}, ev.entry});
      }
      break;
    }
    case WatchEventType::kDeleted: {
      auto old = store_->Delete(MetaNamespaceKey(*ev.entry.meta));
      if (old) Distribute({NotificationKind::kDelete, {}, ev.entry});
      break;
    }
    default:
      break;
  }
  if (!ev.entry.meta->resource_version.empty()) last_rv_ = ev.entry.meta->resource_version;
}

bool InformerCore::WatchFrom(std::string& rv) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  Duration backoff = options_.backoff_initial;
  int failures = 0;
  while (!stopping_) {
    ListOptions opts;
    opts.resource_version = rv;
    opts.allow_watch_bookmarks = true;
    std::uniform_int_distribution<int64_t> spread(0, options_.watch_timeout.count());
    opts.timeout_seconds = options_.watch_timeout.count() + spread(rng);
    auto started = std::chrono::steady_clock::now();
    auto w = lw_.watch(request_ctx_, opts);
    if (!w) {
      if (stopping_) return false;
      if (IsGone(w.error())) return true;
      // Transient (429, 5xx, a dropped connection): back off and watch again; relist when it
      // keeps failing, as the resourceVersion may be long gone by then.
      if (!SleepBackoff(backoff)) return false;
      if (++failures >= 3) return true;
      continue;
    }
    {
      std::lock_guard lock(watch_mu_);
      current_watch_ = w->get();
    }
    if (stopping_) (*w)->Stop();
    bool events = false;
    std::optional<Status> error;
    while (auto ev = (*w)->Next(request_ctx_)) {
      if (ev->type == WatchEventType::kError) {
        error = ev->status ? *ev->status : Status{};
        break;
      }
      Apply(*ev);
      if (!ev->entry.meta->resource_version.empty()) rv = ev->entry.meta->resource_version;
      events = true;
    }
    {
      std::lock_guard lock(watch_mu_);
      current_watch_ = nullptr;
    }
    w->reset();
    if (stopping_) return false;
    if (error) {
      if (error->code == 410 || error->reason == "Expired" || error->reason == "Gone") return true;
      if (!SleepBackoff(backoff)) return false;
      continue;
    }
    failures = 0;
    if (events) backoff = options_.backoff_initial;
    // A stream that ends at once, again and again, must not spin.
    if (!events && std::chrono::steady_clock::now() - started < std::chrono::seconds(1)) {
      if (!SleepBackoff(backoff)) return false;
    }
  }
  return false;
}

bool WaitForCacheSync(const Context& ctx, const std::vector<const InformerCore*>& informers) {
  for (const auto* i : informers) {
    if (!i->WaitForCacheSync(ctx)) return false;
  }
  return true;
}

}  // namespace kube::cache
