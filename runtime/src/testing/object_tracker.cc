#include "kube/testing/object_tracker.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <random>

#include "internal/base64.h"
#include "kube/testing/apply_patch.h"
#include "kube/testing/fake.h"  // ScaleOf
#include "kube/testing/scale_subresource.h"
#include "kube/testing/strategic_merge_patch.h"

namespace kube::testing {
namespace {

std::string Key(std::string_view ns, std::string_view name) {
  return fmt::format("{}/{}", ns, name);
}

std::string RandomSuffix(size_t n) {
  // The alphabet the API server uses for generateName: no vowels, no confusable characters.
  static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<size_t> pick(0, sizeof(kAlphabet) - 2);
  std::string out;
  for (size_t i = 0; i < n; ++i) out += kAlphabet[pick(rng)];
  return out;
}

std::string NewUid() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  uint64_t a = rng(), b = rng();
  a = (a & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
  b = (b & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // RFC 4122 variant
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xFFFF, a & 0xFFFF,
                     b >> 48, b & 0xFFFFFFFFFFFFULL);
}

bool IsDnsSubdomain(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(s.front()) || !alnum(s.back())) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return alnum(c) || c == '-' || c == '.'; });
}

std::string StringAt(const json& obj, const char* section, const char* key) {
  auto s = obj.find(section);
  if (s == obj.end() || !s->is_object()) return {};
  auto k = s->find(key);
  return k != s->end() && k->is_string() ? k->get<std::string>() : std::string();
}

labels::Set LabelsOf(const json& obj) {
  labels::Set out;
  auto m = obj.find("metadata");
  if (m == obj.end() || !m->is_object()) return out;
  auto l = m->find("labels");
  if (l == m->end() || !l->is_object()) return out;
  for (auto it = l->begin(); it != l->end(); ++it) {
    if (it->is_string()) out[it.key()] = it->get<std::string>();
  }
  return out;
}

// The value the server gives a field label on `obj`: metadata.* as they are, the kind's own
// labels by their rule (another member, a fallback, "false" or "0" when unset).
std::string LabelValue(const json& obj, std::string_view label,
                       const std::vector<FieldLabel>& rules) {
  const FieldLabel* rule = FindFieldLabel(rules, label);
  if (rule == nullptr) return FieldValue(obj, label).value_or("");
  for (const auto& path : rule->paths) {
    auto v = FieldValue(obj, path);
    if (v && !v->empty()) return *v;
  }
  return rule->absent;
}

bool Matches(const json& obj, const labels::Selector& ls, const fields::Selector& fs,
             const std::vector<FieldLabel>& rules) {
  if (!ls.Empty() && !ls.Matches(LabelsOf(obj))) return false;
  if (!fs.Empty() && !fs.Matches([&](std::string_view f) -> std::optional<std::string> {
        return LabelValue(obj, f, rules);
      })) {
    return false;
  }
  return true;
}

// The selectors of a list or watch; a field label the kind does not support is refused as the
// API server refuses it, so a query that works here works against a cluster too.
Result<std::pair<labels::Selector, fields::Selector>> Selectors(const KindInfo& kind,
                                                                const ListOptions& opts) {
  auto ls = labels::Selector::Parse(opts.label_selector);
  if (!ls) return Fail(Error::BadRequest(ls.error().message));
  auto fs = fields::Selector::Parse(opts.field_selector);
  if (!fs) return Fail(Error::BadRequest(fs.error().message));
  for (const auto& r : fs->Requirements()) {
    if (!kind.SupportsFieldLabel(r.field)) {
      return Fail(Error::BadRequest(kind.FieldLabelError(r.field)));
    }
  }
  return std::make_pair(std::move(*ls), std::move(*fs));
}

bool DryRun(const std::vector<std::string>& dry_run) {
  return std::find(dry_run.begin(), dry_run.end(), "All") != dry_run.end();
}

// Everything but metadata and status: what a change of bumps metadata.generation.
json SpecPart(const json& obj) {
  json out = obj;
  out.erase("metadata");
  out.erase("status");
  return out;
}

json WithoutVersion(json obj) {
  if (auto m = obj.find("metadata"); m != obj.end() && m->is_object()) {
    m->erase("resourceVersion");
    m->erase("managedFields");
  }
  return obj;
}

std::optional<int64_t> ParseVersion(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

Error TooOld(int64_t asked, int64_t oldest) {
  Error e = Error::Expired(fmt::format("too old resource version: {} ({})", asked, oldest));
  return e;
}

}  // namespace

std::optional<std::string> FieldValue(const json& obj, std::string_view path) {
  const json* cur = &obj;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string part(path.substr(start, dot == std::string_view::npos ? path.npos : dot - start));
    if (!cur->is_object()) return std::nullopt;
    auto it = cur->find(part);
    if (it == cur->end()) return std::nullopt;
    cur = &*it;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (cur->is_string()) return cur->get<std::string>();
  if (cur->is_null()) return std::nullopt;
  return cur->dump();  // numbers and booleans compare by their JSON spelling
}

// ---- EventQueue ----

void EventQueue::Push(TrackedEvent ev) {
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    queue_.push_back(std::move(ev));
  }
  cv_.notify_all();
}

std::optional<TrackedEvent> EventQueue::Next(const Context& ctx,
                                             std::optional<Context::Clock::time_point> until) {
  auto wake = ctx.OnCancel([this] {
    std::lock_guard lock(mu_);
    cv_.notify_all();
  });
  if (auto d = ctx.Deadline()) until = until ? std::min(*until, *d) : *d;
  std::unique_lock lock(mu_);
  while (true) {
    if (stopped_) return std::nullopt;
    if (!queue_.empty()) {
      TrackedEvent ev = std::move(queue_.front());
      queue_.pop_front();
      return ev;
    }
    if (ctx.Done()) return std::nullopt;
    if (until) {
      if (cv_.wait_until(lock, *until) == std::cv_status::timeout && queue_.empty()) {
        return std::nullopt;
      }
    } else {
      cv_.wait(lock);
    }
  }
}

std::vector<TrackedEvent> EventQueue::Drain(size_t max) {
  std::vector<TrackedEvent> out;
  std::lock_guard lock(mu_);
  while (!queue_.empty() && out.size() < max) {
    out.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  return out;
}

void EventQueue::Stop() {
  {
    std::lock_guard lock(mu_);
    stopped_ = true;
    queue_.clear();
  }
  cv_.notify_all();
}

bool EventQueue::Stopped() const {
  std::lock_guard lock(mu_);
  return stopped_;
}

// ---- ObjectTracker ----

ObjectTracker::ObjectTracker(Scheme scheme, size_t history)
    : scheme_(std::move(scheme)), history_limit_(std::max<size_t>(1, history)) {}

ObjectTracker::~ObjectTracker() {
  for (auto& w : watchers_) {
    if (auto s = w.lock()) s->Stop();
  }
}

int64_t ObjectTracker::ResourceVersion() const {
  std::lock_guard lock(mu_);
  return rv_;
}

void ObjectTracker::Compact() {
  std::lock_guard lock(mu_);
  history_.clear();
  compacted_rv_ = rv_;
}

Result<const KindInfo*> ObjectTracker::Kind(const GroupVersionResource& gvr) const {
  const KindInfo* info = scheme_.ByResource(gvr);
  if (!info) {
    Error e = Error::NotFound(gvr.GroupResource(), "");
    e.message =
        fmt::format("the server could not find the requested resource ({})", gvr.GroupResource());
    return Fail(std::move(e));
  }
  return info;
}

// Hands one change to a watcher as the watch cache would: filtered by resource, namespace and
// selectors; an update that moves an object into the selection is ADDED, out of it DELETED.
void ObjectTracker::Deliver(WatchSubscription& sub, const GroupVersionResource& gvr,
                            WatchEventType type, const json& obj, const json* old_obj, int64_t rv) {
  const auto& f = sub.filter_;
  if (f.gvr != gvr) return;
  if (!f.ns.empty() && f.ns != StringAt(obj, "metadata", "namespace")) return;
  bool now = Matches(obj, f.labels, f.fields, f.field_labels);
  bool before = old_obj && Matches(*old_obj, f.labels, f.fields, f.field_labels);
  if (type != WatchEventType::kModified || (now && before)) {
    if (now) sub.Push({type, obj});
  } else if (now) {
    sub.Push({WatchEventType::kAdded, obj});
  } else if (before) {
    json gone = *old_obj;
    gone["metadata"]["resourceVersion"] = std::to_string(rv);
    sub.Push({WatchEventType::kDeleted, std::move(gone)});
  }
}

void ObjectTracker::RecordLocked(const GroupVersionResource& gvr, WatchEventType type,
                                 const json& obj, const json* old_obj) {
  history_.push_back({rv_, gvr, type, obj, old_obj ? *old_obj : json()});
  while (history_.size() > history_limit_) {
    compacted_rv_ = history_.front().rv;
    history_.pop_front();
  }
  std::erase_if(watchers_, [&](const std::weak_ptr<WatchSubscription>& weak) {
    auto sub = weak.lock();
    if (!sub || sub->Stopped()) return true;
    Deliver(*sub, gvr, type, obj, old_obj, rv_);
    return false;
  });
}

Result<json> ObjectTracker::Create(const GroupVersionResource& gvr, std::string_view ns, json obj,
                                   const CreateOptions& opts) {
  auto kind = Kind(gvr);
  if (!kind) return Fail(kind.error());
  std::lock_guard lock(mu_);
  return CreateLocked(**kind, ns, std::move(obj), opts.dry_run);
}

Result<json> ObjectTracker::CreateLocked(const KindInfo& kind, std::string_view ns, json obj,
                                         const std::vector<std::string>& dry_run,
                                         bool keep_status) {
  if (!obj.is_object()) return Fail(Error::BadRequest("the request body must be a JSON object"));
  const std::string api_version = kind.gvk.ApiVersion();
  if (!obj.contains("apiVersion")) obj["apiVersion"] = api_version;
  if (!obj.contains("kind")) obj["kind"] = kind.gvk.kind;
  if (obj["kind"] != kind.gvk.kind || obj["apiVersion"] != api_version) {
    return Fail(Error::BadRequest(fmt::format(
        "the API version in the data ({}) does not match the expected API version ({}) or the "
        "kind ({}) does not match {}",
        obj["apiVersion"].dump(), api_version, obj["kind"].dump(), kind.gvk.kind)));
  }
  json& meta = obj["metadata"];
  if (meta.is_null()) meta = json::object();
  if (!meta.is_object()) return Fail(Error::BadRequest("metadata must be an object"));
  std::string obj_ns = StringAt(obj, "metadata", "namespace");
  if (kind.namespaced) {
    if (ns.empty()) ns = obj_ns;
    if (ns.empty()) return Fail(Error::BadRequest("a namespace is required for " + kind.plural));
    if (!obj_ns.empty() && obj_ns != ns) {
      return Fail(Error::BadRequest(
          "the namespace of the provided object does not match the namespace sent on the request"));
    }
    meta["namespace"] = std::string(ns);
  } else {
    meta.erase("namespace");
    ns = "";
  }
  std::string name = StringAt(obj, "metadata", "name");
  if (name.empty()) {
    std::string generate = StringAt(obj, "metadata", "generateName");
    if (generate.empty()) {
      return Fail(Error::Invalid(
          kind.gvk.kind, "",
          {{"FieldValueRequired", "name or generateName is required", "metadata.name"}}));
    }
    name = generate + RandomSuffix(5);
    meta["name"] = name;
  }
  if (!IsDnsSubdomain(name)) {
    return Fail(Error::Invalid(
        kind.gvk.kind, name,
        {{"FieldValueInvalid",
          fmt::format("Invalid value: \"{}\": a lowercase RFC 1123 subdomain must consist of lower "
                      "case alphanumeric characters, '-' or '.', and must start and end with an "
                      "alphanumeric character",
                      name),
          "metadata.name"}}));
  }
  auto& bucket = objects_[kind.Resource()];
  std::string key = Key(ns, name);
  if (bucket.count(key)) return Fail(Error::AlreadyExists(kind.Resource().GroupResource(), name));
  if (!StringAt(obj, "metadata", "resourceVersion").empty()) {
    return Fail(Error::BadRequest("resourceVersion should not be set on objects to be created"));
  }
  if (!keep_status && kind.HasSubresource("status")) obj.erase("status");  // controllers set it
  meta["uid"] = NewUid();
  meta["creationTimestamp"] = Time::Now().ToString();
  meta["generation"] = 1;
  if (DryRun(dry_run)) return obj;
  ++rv_;
  meta["resourceVersion"] = std::to_string(rv_);
  bucket[key] = obj;
  RecordLocked(kind.Resource(), WatchEventType::kAdded, obj, nullptr);
  return obj;
}

Result<json> ObjectTracker::Update(const GroupVersionResource& gvr, std::string_view ns, json obj,
                                   const UpdateOptions& opts, std::string_view subresource) {
  auto kind = Kind(gvr);
  if (!kind) return Fail(kind.error());
  std::lock_guard lock(mu_);
  return ReplaceLocked(**kind, ns, std::move(obj), subresource, opts.dry_run);
}

Result<json> ObjectTracker::ReplaceLocked(const KindInfo& kind, std::string_view ns, json obj,
                                          std::string_view subresource,
                                          const std::vector<std::string>& dry_run) {
  if (!obj.is_object()) return Fail(Error::BadRequest("the request body must be a JSON object"));
  if (!subresource.empty() && !kind.HasSubresource(subresource)) {
    return Fail(
        Error::NotFound(kind.Resource().GroupResource() + "/" + std::string(subresource), ""));
  }
  if (!kind.namespaced) ns = "";
  std::string name = StringAt(obj, "metadata", "name");
  if (name.empty()) {
    return Fail(Error::Invalid(kind.gvk.kind, "",
                               {{"FieldValueRequired", "name is required", "metadata.name"}}));
  }
  auto& bucket = objects_[kind.Resource()];
  auto it = bucket.find(Key(ns, name));
  if (it == bucket.end()) return Fail(Error::NotFound(kind.Resource().GroupResource(), name));
  const json& stored = it->second;
  std::string want_rv = StringAt(obj, "metadata", "resourceVersion");
  if (!want_rv.empty() && want_rv != StringAt(stored, "metadata", "resourceVersion")) {
    return Fail(Error::Conflict(kind.Resource().GroupResource(), name,
                                "the object has been modified; please apply your changes to the "
                                "latest version and try again"));
  }
  json next;
  if (subresource == "status") {
    next = stored;
    if (obj.contains("status")) {
      next["status"] = obj["status"];
    } else {
      next.erase("status");
    }
  } else {
    next = std::move(obj);
    next["apiVersion"] = kind.gvk.ApiVersion();
    next["kind"] = kind.gvk.kind;
    if (kind.HasSubresource("status")) {
      if (stored.contains("status")) {
        next["status"] = stored["status"];
      } else {
        next.erase("status");
      }
    }
    // What the server owns survives any update.
    json& meta = next["metadata"];
    for (const char* k : {"uid", "creationTimestamp", "deletionTimestamp", "namespace"}) {
      if (stored["metadata"].contains(k)) {
        meta[k] = stored["metadata"][k];
      } else {
        meta.erase(k);
      }
    }
    int64_t generation = stored["metadata"].value("generation", int64_t{1});
    if (SpecPart(next) != SpecPart(stored)) ++generation;
    meta["generation"] = generation;
  }
  next["metadata"]["resourceVersion"] = stored["metadata"]["resourceVersion"];
  if (WithoutVersion(next) == WithoutVersion(stored)) return stored;  // no-op: no new version
  if (DryRun(dry_run)) return next;
  json old = stored;
  bool finalized = next["metadata"].contains("deletionTimestamp") &&
                   next["metadata"].value("finalizers", json::array()).empty();
  ++rv_;
  next["metadata"]["resourceVersion"] = std::to_string(rv_);
  if (finalized) {
    bucket.erase(it);  // the last finalizer is gone: deletion completes
    RecordLocked(kind.Resource(), WatchEventType::kDeleted, next, &old);
    return next;
  }
  it->second = next;
  RecordLocked(kind.Resource(), WatchEventType::kModified, next, &old);
  return next;
}

Result<json> ObjectTracker::Get(const GroupVersionResource& gvr, std::string_view ns,
                                std::string_view name, const GetOptions&) const {
  auto kind = Kind(gvr);
  if (!kind) return Fail(kind.error());
  if (!(*kind)->namespaced) ns = "";
  std::lock_guard lock(mu_);
  auto b = objects_.find(gvr);
  if (b != objects_.end()) {
    if (auto it = b->second.find(Key(ns, name)); it != b->second.end()) return it->second;
  }
  return Fail(Error::NotFound(gvr.GroupResource(), name));
}

Result<json> ObjectTracker::List(const GroupVersionResource& gvr, std::string_view ns,
                                 const ListOptions& opts) const {
  auto kind = Kind(gvr);
  if (!kind) return Fail(kind.error());
  auto sel = Selectors(**kind, opts);
  if (!sel) return Fail(sel.error());
  if (!(*kind)->namespaced) ns = "";
  std::lock_guard lock(mu_);
  int64_t list_rv = rv_;
  std::string start_after;
  if (!opts.continue_.empty()) {
    auto raw = internal::Base64Decode(opts.continue_);
    json token = raw ? json::parse(*raw, nullptr, false) : json();
    if (!token.is_object() || !token.contains("rv") || !token.contains("start")) {
      return Fail(Error::BadRequest("invalid continue token"));
    }
    list_rv = token["rv"].get<int64_t>();
    start_after = token["start"].get<std::string>();
    if (list_rv < compacted_rv_) {
      Error e = Error::Expired(
          "The provided continue parameter is too old to display a consistent list result. You "
          "can start a new list without the continue parameter.");
      return Fail(std::move(e));
    }
  }
  json items = json::array();
  std::string last_key;
  bool more = false;
  int64_t remaining = 0;
  if (auto b = objects_.find(gvr); b != objects_.end()) {
    const std::string prefix = ns.empty() ? std::string() : std::string(ns) + "/";
    auto it =
        start_after.empty() ? b->second.lower_bound(prefix) : b->second.upper_bound(start_after);
    for (; it != b->second.end(); ++it) {
      if (!prefix.empty() && !it->first.starts_with(prefix)) break;
      if (!Matches(it->second, sel->first, sel->second, (*kind)->field_labels)) continue;
      if (opts.limit > 0 && static_cast<int64_t>(items.size()) >= opts.limit) {
        more = true;
        ++remaining;
        continue;
      }
      items.push_back(it->second);
      last_key = it->first;
    }
  }
  json meta = {{"resourceVersion", std::to_string(list_rv)}};
  if (more) {
    json token = {{"rv", list_rv}, {"start", last_key}};
    meta["continue"] = internal::Base64Encode(token.dump());
    meta["remainingItemCount"] = remaining;
  }
  return json{{"apiVersion", (*kind)->gvk.ApiVersion()},
              {"kind", (*kind)->ListKind()},
              {"metadata", std::move(meta)},
              {"items", std::move(items)}};
}

Result<json> ObjectTracker::Delete(const GroupVersionResource& gvr, std::string_view ns,
                                   std::string_view name, const DeleteOptions& opts) {
  auto kind = Kind(gvr);
  if (!kind) return Fail(kind.error());
  std::lock_guard lock(mu_);
  return DeleteLocked(**kind, ns, name, opts);
}

Result<json> ObjectTracker::DeleteLocked(const KindInfo& kind, std::string_view ns,
                                         std::string_view name, const DeleteOptions& opts) {
  if (!kind.namespaced) ns = "";
  auto& bucket = objects_[kind.Resource()];
  auto it = bucket.find(Key(ns, name));
  if (it == bucket.end()) return Fail(Error::NotFound(kind.Resource().GroupResource(), name));
  json obj = it->second;
  if (opts.preconditions) {
    const auto& p = *opts.preconditions;
    std::string uid = StringAt(obj, "metadata", "uid");
    std::string rv = StringAt(obj, "metadata", "resourceVersion");
    if (p.uid && *p.uid != uid) {
      return Fail(Error::Conflict(kind.Resource().GroupResource(), name,
                                  fmt::format("Precondition failed: UID in precondition: {}, UID "
                                              "in object meta: {}",
                                              *p.uid, uid)));
    }
    if (p.resource_version && *p.resource_version != rv) {
      return Fail(
          Error::Conflict(kind.Resource().GroupResource(), name,
                          fmt::format("Precondition failed: ResourceVersion in "
                                      "precondition: {}, ResourceVersion in object meta: {}",
                                      *p.resource_version, rv)));
    }
  }
  if (DryRun(opts.dry_run)) return obj;
  json old = obj;
  ++rv_;
  obj["metadata"]["resourceVersion"] = std::to_string(rv_);
  if (!obj["metadata"].value("finalizers", json::array()).empty()) {
    // Finalizers hold the object: mark it, and delete it when the last one is removed.
    if (!obj["metadata"].contains("deletionTimestamp")) {
      obj["metadata"]["deletionTimestamp"] = Time::Now().ToString();
      obj["metadata"]["deletionGracePeriodSeconds"] = opts.grace_period_seconds.value_or(0);
    }
    it->second = obj;
    RecordLocked(kind.Resource(), WatchEventType::kModified, obj, &old);
    return obj;
  }
  bucket.erase(it);
  RecordLocked(kind.Resource(), WatchEventType::kDeleted, obj, &old);
  return obj;
}

Result<json> ObjectTracker::DeleteCollection(const GroupVersionResource& gvr, std::string_view ns,
                                             const DeleteOptions& opts,
                                             const ListOptions& list_opts) {
  ListOptions all = list_opts;
  all.limit = 0;
  all.continue_.clear();
  auto kind = Kind(gvr);
  if (!kind) return Fail(kind.error());
  auto listed = List(gvr, ns, all);
  if (!listed) return listed;
  std::lock_guard lock(mu_);
  json deleted = json::array();
  for (const auto& item : (*listed)["items"]) {
    auto d = DeleteLocked(**kind, StringAt(item, "metadata", "namespace"),
                          StringAt(item, "metadata", "name"), opts);
    if (d)
      deleted.push_back(std::move(*d));
    else if (!IsNotFound(d.error()))
      return Fail(d.error());  // raced with another delete: fine
  }
  (*listed)["items"] = std::move(deleted);
  (*listed)["metadata"]["resourceVersion"] = std::to_string(rv_);
  return listed;
}

namespace {

// `target` with the patch `p` (already parsed) applied by `type`'s rules.
Result<json> Patched(const KindInfo& kind, const json& target, PatchType type, const json& p,
                     std::string_view name) {
  switch (type) {
    case PatchType::kJsonPatch:
      if (!p.is_array()) {
        return Fail(Error::BadRequest("a JSON patch must be an array of operations"));
      }
      try {
        return target.patch(p);
      } catch (const json::exception& e) {
        return Fail(Error::Invalid(
            kind.gvk.kind, name,
            {{"FieldValueInvalid", fmt::format("the JSON patch failed: {}", e.what()), ""}}));
      }
    case PatchType::kMergePatch: {
      if (!p.is_object()) return Fail(Error::BadRequest("a merge patch must be a JSON object"));
      json out = target;
      out.merge_patch(p);
      return out;
    }
    case PatchType::kStrategicMergePatch:
      return StrategicMergePatch(target, p, kind.merge_fields);
    case PatchType::kApplyPatch:
      return MergeApplied(target, p, kind.merge_fields);
  }
  return Fail(Error::UnsupportedMediaType("unknown patch type"));
}

// What the API server checks of an apply configuration before merging it.
Result<void> CheckApplied(const KindInfo& kind, const json& applied, std::string_view name) {
  const std::string api_version = kind.gvk.ApiVersion();
  if (applied.value("apiVersion", api_version) != api_version ||
      applied.value("kind", kind.gvk.kind) != kind.gvk.kind) {
    return Fail(Error::BadRequest(fmt::format(
        "the API version in the data ({}) does not match the expected API version ({}) or the "
        "kind ({}) does not match {}",
        applied.value("apiVersion", ""), api_version, applied.value("kind", ""), kind.gvk.kind)));
  }
  std::string applied_name = StringAt(applied, "metadata", "name");
  if (!applied_name.empty() && applied_name != name) {
    return Fail(Error::BadRequest(
        fmt::format("the name of the object ({}) does not match the name on the URL ({})",
                    applied_name, name)));
  }
  return {};
}

}  // namespace

Result<json> ObjectTracker::Patch(const GroupVersionResource& gvr, std::string_view ns,
                                  std::string_view name, PatchType type, std::string_view patch,
                                  const PatchOptions& opts, std::string_view subresource) {
  auto kind = Kind(gvr);
  if (!kind) return Fail(kind.error());
  const KindInfo& k = **kind;
  json p;
  if (type == PatchType::kApplyPatch) {
    if (opts.field_manager.empty()) {
      return Fail(Error::BadRequest("fieldManager is required for apply requests"));
    }
    auto parsed = ParseApplyPatch(patch);
    if (!parsed) return Fail(parsed.error());
    if (auto ok = CheckApplied(k, *parsed, name); !ok) return Fail(ok.error());
    p = std::move(*parsed);
  } else {
    p = json::parse(patch, nullptr, false);
    if (p.is_discarded()) return Fail(Error::BadRequest("the patch is not valid JSON"));
  }
  if (!subresource.empty() && !k.HasSubresource(subresource)) {
    return Fail(Error::NotFound(gvr.GroupResource() + "/" + std::string(subresource), name));
  }
  if (!k.namespaced) ns = "";
  std::lock_guard lock(mu_);
  auto& bucket = objects_[k.Resource()];
  auto it = bucket.find(Key(ns, name));
  if (it == bucket.end()) {
    if (type == PatchType::kApplyPatch && subresource.empty()) {
      auto created = MergeApplied(json::object(), p, k.merge_fields);
      if (!created) return Fail(created.error());
      (*created)["metadata"]["name"] = std::string(name);
      return CreateLocked(k, ns, std::move(*created), opts.dry_run);
    }
    return Fail(Error::NotFound(gvr.GroupResource(), name));
  }
  if (subresource == "scale") {
    // The patch is to the Scale, whose spec.replicas is written back to the object.
    auto scale = Patched(k, ScaleOf(it->second), type, p, name);
    if (!scale) return Fail(scale.error());
    auto next = WithScale(it->second, *scale, name);
    if (!next) return Fail(next.error());
    auto updated = ReplaceLocked(k, ns, std::move(*next), "", opts.dry_run);
    if (!updated) return Fail(updated.error());
    return ScaleOf(*updated);
  }
  auto patched = Patched(k, it->second, type, p, name);
  if (!patched) return Fail(patched.error());
  if (!patched->is_object()) {
    return Fail(Error::BadRequest("the patched object is not a JSON object"));
  }
  if (std::string(name) != StringAt(*patched, "metadata", "name")) {
    return Fail(Error::Invalid(
        k.gvk.kind, name,
        {{"FieldValueInvalid", "metadata.name cannot be changed by a patch", "metadata.name"}}));
  }
  return ReplaceLocked(k, ns, std::move(*patched), subresource, opts.dry_run);
}

Result<std::shared_ptr<WatchSubscription>> ObjectTracker::Watch(const GroupVersionResource& gvr,
                                                                std::string_view ns,
                                                                const ListOptions& opts) {
  auto kind = Kind(gvr);
  if (!kind) return Fail(kind.error());
  auto sel = Selectors(**kind, opts);
  if (!sel) return Fail(sel.error());
  if (!(*kind)->namespaced) ns = "";
  auto sub = std::shared_ptr<WatchSubscription>(
      new WatchSubscription({gvr, std::string(ns), std::move(sel->first), std::move(sel->second),
                             (*kind)->field_labels}));
  const auto& f = sub->filter_;
  std::lock_guard lock(mu_);
  const std::string& rv = opts.resource_version;
  bool initial = rv.empty() || rv == "0" || opts.send_initial_events.value_or(false);
  if (initial) {
    if (auto b = objects_.find(gvr); b != objects_.end()) {
      for (const auto& [key, obj] : b->second) {
        if (!f.ns.empty() && !key.starts_with(f.ns + "/")) continue;
        if (Matches(obj, f.labels, f.fields, f.field_labels)) {
          sub->Push({WatchEventType::kAdded, obj});
        }
      }
    }
    if (opts.send_initial_events.value_or(false) && opts.allow_watch_bookmarks) {
      json mark = {{"apiVersion", (*kind)->gvk.ApiVersion()},
                   {"kind", (*kind)->gvk.kind},
                   {"metadata",
                    {{"resourceVersion", std::to_string(rv_)},
                     {"annotations", {{"k8s.io/initial-events-end", "true"}}}}}};
      sub->Push({WatchEventType::kBookmark, std::move(mark)});
    }
  } else {
    auto from = ParseVersion(rv);
    if (!from) return Fail(Error::BadRequest(fmt::format("invalid resourceVersion \"{}\"", rv)));
    if (*from < compacted_rv_) return Fail(TooOld(*from, compacted_rv_ + 1));
    for (const auto& h : history_) {
      if (h.rv <= *from) continue;
      Deliver(*sub, h.gvr, h.type, h.object, h.old_object.is_null() ? nullptr : &h.old_object,
              h.rv);
    }
  }
  watchers_.push_back(sub);
  return sub;
}

Result<json> ObjectTracker::Add(json obj) {
  if (!obj.is_object()) return Fail(Error::BadRequest("an object must be a JSON object"));
  auto gv = GroupVersion::Parse(obj.value("apiVersion", ""));
  const KindInfo* info = scheme_.ByKind({gv.group, gv.version, obj.value("kind", "")});
  if (!info) {
    return Fail(Error::BadRequest(fmt::format("no kind \"{}\" is registered for version \"{}\"",
                                              obj.value("kind", ""), obj.value("apiVersion", ""))));
  }
  std::string ns = StringAt(obj, "metadata", "namespace");
  if (info->namespaced && ns.empty()) ns = "default";
  std::lock_guard lock(mu_);
  if (obj["metadata"].is_object()) obj["metadata"].erase("resourceVersion");
  return CreateLocked(*info, ns, std::move(obj), {}, /*keep_status=*/true);
}

}  // namespace kube::testing
