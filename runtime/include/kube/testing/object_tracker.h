// kube::testing::ObjectTracker: an in-memory object store with the API server's semantics, over
// JSON objects. The test APIServer serves it over HTTP and the fake clientsets call it
// directly, so both behave the same: resourceVersion, uid, generation and creationTimestamp
// bookkeeping, generateName, optimistic concurrency, the status subresource, label and field
// selectors, limit/continue, preconditions, finalizers, JSON merge, JSON, strategic merge and
// apply patches, the scale subresource, and watch fan-out from any resourceVersion still in
// the kept history (410 Gone before it).
//
//   kube::testing::ObjectTracker tracker(scheme);
//   auto created = tracker.Create({"", "v1", "configmaps"}, "default",
//   R"({"metadata":{"name":"a"}})"_json); auto w = tracker.Watch({"", "v1", "configmaps"},
//   "default", {.resource_version = "0"});
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kube/context.h"
#include "kube/error.h"
#include "kube/fields.h"
#include "kube/group_version.h"
#include "kube/labels.h"
#include "kube/options.h"
#include "kube/scheme.h"
#include "kube/watch.h"

namespace kube::testing {

using nlohmann::json;

struct TrackedEvent {
  WatchEventType type;
  json object;
};

// Watch events in order, waited for under a context: a watcher of the tracker, and the
// FakeWatch a test drives by hand.
class EventQueue {
 public:
  // Queues `ev`, unless stopped.
  void Push(TrackedEvent ev);
  // The next event; nullopt once stopped, or when `ctx` is done or `until` passes first.
  std::optional<TrackedEvent> Next(const Context& ctx,
                                   std::optional<Context::Clock::time_point> until = {});
  // Events ready now, without waiting (at most `max`).
  std::vector<TrackedEvent> Drain(size_t max);
  // Drops what is queued and wakes every waiter; later pushes are ignored.
  void Stop();
  bool Stopped() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<TrackedEvent> queue_;
  bool stopped_ = false;
};

// One watcher's view of the tracker: events in order, filtered by namespace and selectors.
class WatchSubscription : private EventQueue {
 public:
  using EventQueue::Drain;
  using EventQueue::Next;
  using EventQueue::Stop;
  using EventQueue::Stopped;

 private:
  friend class ObjectTracker;
  struct Filter {
    GroupVersionResource gvr;
    std::string ns;
    labels::Selector labels;
    fields::Selector fields;
    std::vector<FieldLabel> field_labels;  // how the kind's own labels get their values
  };
  explicit WatchSubscription(Filter f) : filter_(std::move(f)) {}

  Filter filter_;
};

class ObjectTracker {
 public:
  // `history` is how many change events are kept for watches that resume from an older
  // resourceVersion; older ones get 410 Gone.
  explicit ObjectTracker(Scheme scheme, size_t history = 10000);
  ~ObjectTracker();

  Result<json> Create(const GroupVersionResource& gvr, std::string_view ns, json obj,
                      const CreateOptions& opts = {});
  // The name is the object's; `subresource` "status" updates only the status.
  Result<json> Update(const GroupVersionResource& gvr, std::string_view ns, json obj,
                      const UpdateOptions& opts = {}, std::string_view subresource = {});
  Result<json> Get(const GroupVersionResource& gvr, std::string_view ns, std::string_view name,
                   const GetOptions& opts = {}) const;
  // A `<Kind>List` object with metadata.resourceVersion and, when `limit` cut it, `continue`.
  Result<json> List(const GroupVersionResource& gvr, std::string_view ns,
                    const ListOptions& opts = {}) const;
  // Returns the deleted object (or, with finalizers, the object now marked for deletion).
  Result<json> Delete(const GroupVersionResource& gvr, std::string_view ns, std::string_view name,
                      const DeleteOptions& opts = {});
  // Returns the list of what was deleted.
  Result<json> DeleteCollection(const GroupVersionResource& gvr, std::string_view ns,
                                const DeleteOptions& opts, const ListOptions& list_opts);
  // JSON merge patches, JSON patches (RFC 6902), strategic merge patches by the kind's merge
  // rules (strategic_merge_patch.h), and apply patches, YAML or JSON, which need
  // opts.field_manager and create the object when missing (apply_patch.h). With `subresource`
  // "scale" the patch is to the object's autoscaling/v1 Scale, and the Scale is returned.
  Result<json> Patch(const GroupVersionResource& gvr, std::string_view ns, std::string_view name,
                     PatchType type, std::string_view patch, const PatchOptions& opts = {},
                     std::string_view subresource = {});
  // Events after opts.resource_version; with "" or "0" (or send_initial_events), ADDED events
  // for the current objects first. Gone (410, reason Expired) if that version is compacted.
  Result<std::shared_ptr<WatchSubscription>> Watch(const GroupVersionResource& gvr,
                                                   std::string_view ns, const ListOptions& opts);

  // Adds a fixture object as if created (apiVersion/kind say where it goes).
  Result<json> Add(json obj);
  // The current (latest) resourceVersion.
  int64_t ResourceVersion() const;
  // Forgets the watch history: any watch or continue from an older version gets 410 Gone.
  void Compact();
  const Scheme& scheme() const { return scheme_; }

 private:
  // Helpers ending in Locked expect mu_ to be held.
  Result<const KindInfo*> Kind(const GroupVersionResource& gvr) const;
  Result<json> CreateLocked(const KindInfo& kind, std::string_view ns, json obj,
                            const std::vector<std::string>& dry_run, bool keep_status = false);
  Result<json> ReplaceLocked(const KindInfo& kind, std::string_view ns, json obj,
                             std::string_view subresource, const std::vector<std::string>& dry_run);
  Result<json> DeleteLocked(const KindInfo& kind, std::string_view ns, std::string_view name,
                            const DeleteOptions& opts);
  void RecordLocked(const GroupVersionResource& gvr, WatchEventType type, const json& obj,
                    const json* old_obj);
  static void Deliver(WatchSubscription& sub, const GroupVersionResource& gvr, WatchEventType type,
                      const json& obj, const json* old_obj, int64_t rv);

  Scheme scheme_;
  size_t history_limit_;
  mutable std::mutex mu_;
  int64_t rv_ = 0;
  int64_t compacted_rv_ = 0;  // watches must start at or after this
  // resource -> "namespace/name" -> object (ordered, as the API server lists by key)
  std::map<GroupVersionResource, std::map<std::string, json>> objects_;
  struct HistoryEntry {
    int64_t rv;
    GroupVersionResource gvr;
    WatchEventType type;
    json object;
    json old_object;  // for selector transitions
  };
  std::deque<HistoryEntry> history_;
  std::vector<std::weak_ptr<WatchSubscription>> watchers_;
};

// The object's value at a dotted field path ("metadata.name", "status.phase"), as a field
// selector compares it; nullopt when absent.
std::optional<std::string> FieldValue(const json& obj, std::string_view path);

}  // namespace kube::testing
