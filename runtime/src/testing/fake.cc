#include "kube/testing/fake.h"

#include <cstdio>
#include <cstdlib>

#include "kube/labels.h"
#include "kube/testing/scale_subresource.h"

namespace kube::testing {
namespace {

using nlohmann::json;

bool MatchesPattern(std::string_view pattern, std::string_view value) {
  return pattern == "*" || pattern == value;
}

std::vector<std::string> DryRun(const json& options) {
  auto it = options.find("dryRun");
  if (it == options.end()) return {};
  if (it->is_array()) return it->get<std::vector<std::string>>();
  return {it->get<std::string>()};
}

std::string StringOption(const json& options, const char* key) {
  auto it = options.find(key);
  return it != options.end() && it->is_string() ? it->get<std::string>() : std::string();
}

QueryParams QueryOf(const json& options) {
  QueryParams q;
  for (const auto& [k, v] : options.items()) {
    if (v.is_array()) {
      for (const auto& e : v) q.emplace_back(k, e.get<std::string>());
    } else if (v.is_string()) {
      q.emplace_back(k, v.get<std::string>());
    }
  }
  return q;
}

DeleteOptions DeleteOptionsOf(const json& options) {
  DeleteOptions o;
  if (options.is_object()) from_json(options, o);
  return o;
}

// The tracker as a stream of events for a fake client's Watch.
class TrackerWatch final : public JsonWatch {
 public:
  explicit TrackerWatch(std::shared_ptr<WatchSubscription> sub) : sub_(std::move(sub)) {}
  ~TrackerWatch() override { sub_->Stop(); }
  std::optional<TrackedEvent> Next(const Context& ctx) override { return sub_->Next(ctx); }
  void Stop() override { sub_->Stop(); }

 private:
  std::shared_ptr<WatchSubscription> sub_;
};

}  // namespace

bool Action::Matches(std::string_view verb_pattern, std::string_view resource_pattern) const {
  return MatchesPattern(verb_pattern, verb) && MatchesPattern(resource_pattern, resource.resource);
}

Reaction Reaction::Object(json object) {
  Reaction r;
  r.handled_ = true;
  r.object_ = std::move(object);
  return r;
}

Reaction Reaction::Error(kube::Error error) {
  Reaction r;
  r.handled_ = true;
  r.error_ = std::move(error);
  return r;
}

WatchReaction WatchReaction::Watch(std::shared_ptr<JsonWatch> watch) {
  WatchReaction r;
  r.handled_ = true;
  r.watch_ = std::move(watch);
  return r;
}

WatchReaction WatchReaction::Error(kube::Error error) {
  WatchReaction r;
  r.handled_ = true;
  r.error_ = std::move(error);
  return r;
}

void FakeWatch::Error(const kube::Error& error) {
  json status = {{"apiVersion", "v1"},        {"kind", "Status"},       {"status", "Failure"},
                 {"code", error.code},        {"reason", error.reason}, {"message", error.message},
                 {"metadata", json::object()}};
  Push({WatchEventType::kError, std::move(status)});
}

Fake::Fake(Scheme scheme) : tracker_(std::make_shared<ObjectTracker>(std::move(scheme))) {
  // The tracker answers whatever no earlier reactor handled, as client-go's ObjectReaction.
  reactors_.push_back(std::make_shared<const Reactor>(
      Reactor{"*", "*", [this](const Action& a) { return TrackerReaction(a); }}));
  watch_reactors_.push_back(std::make_shared<const WatchReactor>(
      WatchReactor{"*", [this](const Action& a) { return TrackerWatchReaction(a); }}));
}

Fake::~Fake() = default;

void Fake::PrependReactor(std::string verb, std::string resource, ReactionFunc fn) {
  std::lock_guard lock(mu_);
  reactors_.insert(reactors_.begin(), std::make_shared<const Reactor>(Reactor{
                                          std::move(verb), std::move(resource), std::move(fn)}));
}

void Fake::AddReactor(std::string verb, std::string resource, ReactionFunc fn) {
  std::lock_guard lock(mu_);
  reactors_.push_back(std::make_shared<const Reactor>(
      Reactor{std::move(verb), std::move(resource), std::move(fn)}));
}

void Fake::PrependWatchReactor(std::string resource, WatchReactionFunc fn) {
  std::lock_guard lock(mu_);
  watch_reactors_.insert(watch_reactors_.begin(), std::make_shared<const WatchReactor>(WatchReactor{
                                                      std::move(resource), std::move(fn)}));
}

void Fake::AddWatchReactor(std::string resource, WatchReactionFunc fn) {
  std::lock_guard lock(mu_);
  watch_reactors_.push_back(
      std::make_shared<const WatchReactor>(WatchReactor{std::move(resource), std::move(fn)}));
}

std::vector<Action> Fake::Actions() const {
  std::lock_guard lock(mu_);
  return actions_;
}

void Fake::ClearActions() {
  std::lock_guard lock(mu_);
  actions_.clear();
}

std::shared_ptr<Fake> Fake::Self() {
  if (auto owned = weak_from_this().lock()) return owned;
  return std::shared_ptr<Fake>(std::shared_ptr<Fake>(), this);
}

Result<json> Fake::Invoke(Action action) {
  std::vector<std::shared_ptr<const Reactor>> chain;
  {
    std::lock_guard lock(mu_);
    actions_.push_back(action);
    chain = reactors_;  // reactors may call back into the fake
  }
  for (const auto& r : chain) {
    if (!action.Matches(r->verb, r->resource)) continue;
    Reaction reaction = r->fn(action);
    if (!reaction.handled()) continue;
    if (reaction.error()) return Fail(*reaction.error());
    return reaction.object();
  }
  return Fail(Error::InternalError("no reactor handled " + action.verb + " " +
                                   action.resource.GroupResource()));
}

Result<std::shared_ptr<JsonWatch>> Fake::InvokeWatch(Action action) {
  std::vector<std::shared_ptr<const WatchReactor>> chain;
  {
    std::lock_guard lock(mu_);
    actions_.push_back(action);
    chain = watch_reactors_;
  }
  for (const auto& r : chain) {
    if (!MatchesPattern(r->resource, action.resource.resource)) continue;
    WatchReaction reaction = r->fn(action);
    if (!reaction.handled()) continue;
    if (reaction.error()) return Fail(*reaction.error());
    return reaction.watch();
  }
  return Fail(Error::InternalError("no watch reactor handled " + action.resource.GroupResource()));
}

void Fake::AddFixture(json object) {
  auto added = tracker_->Add(object);
  if (!added) {
    std::fprintf(stderr, "kube::testing::Fake: cannot add fixture %s: %s\n",
                 object.dump().substr(0, 200).c_str(), added.error().message.c_str());
    std::abort();
  }
}

Reaction Fake::TrackerReaction(const Action& a) {
  ObjectTracker& t = *tracker_;
  const auto& gvr = a.resource;
  auto answer = [](Result<json> r) {
    return r ? Reaction::Object(std::move(*r)) : Reaction::Error(std::move(r.error()));
  };
  if (a.verb == "get") {
    GetOptions opts{.resource_version = StringOption(a.options, "resourceVersion")};
    auto got = t.Get(gvr, a.namespace_, a.name, opts);
    if (got && a.subresource == "scale") return Reaction::Object(ScaleOf(*got));
    return answer(std::move(got));
  }
  if (a.verb == "list")
    return answer(t.List(gvr, a.namespace_, ListOptionsFromQuery(QueryOf(a.options))));
  if (a.verb == "create") {
    CreateOptions opts{.dry_run = DryRun(a.options),
                       .field_manager = StringOption(a.options, "fieldManager")};
    return answer(t.Create(gvr, a.namespace_, a.object, opts));
  }
  if (a.verb == "update") {
    UpdateOptions opts{.dry_run = DryRun(a.options),
                       .field_manager = StringOption(a.options, "fieldManager")};
    if (a.subresource == "scale") {
      auto current = t.Get(gvr, a.namespace_, a.name);
      if (!current) return Reaction::Error(std::move(current.error()));
      auto next = WithScale(std::move(*current), a.object, a.name);
      if (!next) return Reaction::Error(std::move(next.error()));
      auto updated = t.Update(gvr, a.namespace_, std::move(*next), opts);
      if (!updated) return Reaction::Error(std::move(updated.error()));
      return Reaction::Object(ScaleOf(*updated));
    }
    return answer(t.Update(gvr, a.namespace_, a.object, opts, a.subresource));
  }
  if (a.verb == "delete")
    return answer(t.Delete(gvr, a.namespace_, a.name, DeleteOptionsOf(a.options)));
  if (a.verb == "delete-collection") {
    return answer(t.DeleteCollection(
        gvr, a.namespace_, DeleteOptionsOf(a.options.value("deleteOptions", json())),
        ListOptionsFromQuery(QueryOf(a.options.value("listOptions", json::object())))));
  }
  if (a.verb == "patch" && a.patch_type) {
    PatchOptions opts{.dry_run = DryRun(a.options),
                      .field_manager = StringOption(a.options, "fieldManager")};
    if (auto force = a.options.find("force"); force != a.options.end()) {
      opts.force = force->get<std::string>() == "true";
    }
    return answer(t.Patch(gvr, a.namespace_, a.name, *a.patch_type, a.patch, opts, a.subresource));
  }
  return Reaction::Pass();
}

WatchReaction Fake::TrackerWatchReaction(const Action& a) {
  auto sub = tracker_->Watch(a.resource, a.namespace_, ListOptionsFromQuery(QueryOf(a.options)));
  if (!sub) return WatchReaction::Error(std::move(sub.error()));
  return WatchReaction::Watch(std::make_shared<TrackerWatch>(std::move(*sub)));
}

json OptionsJson(const QueryParams& query) {
  json out = json::object();
  for (const auto& [k, v] : query) {
    auto it = out.find(k);
    if (it == out.end()) {
      out[k] = v;
    } else {
      if (!it->is_array()) *it = json::array({*it});
      it->push_back(v);
    }
  }
  return out;
}

json ScaleOf(const json& obj) {
  const json& meta = obj.at("metadata");
  json scale_meta = json::object();
  for (const char* k : {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
    if (meta.contains(k)) scale_meta[k] = meta[k];
  }
  json status = {{"replicas", obj.value("/status/replicas"_json_pointer, 0)}};
  auto spec = obj.find("spec");
  if (spec != obj.end() && spec->contains("selector") && (*spec)["selector"].is_object()) {
    LabelSelector ls;
    from_json((*spec)["selector"], ls);
    if (auto parsed = labels::Selector::FromLabelSelector(ls)) {
      status["selector"] = parsed->ToString();
    }
  } else if (auto s = obj.value("/status/selector"_json_pointer, json()); s.is_string()) {
    status["selector"] = s;
  }
  return {{"apiVersion", "autoscaling/v1"},
          {"kind", "Scale"},
          {"metadata", scale_meta},
          {"spec", {{"replicas", obj.value("/spec/replicas"_json_pointer, 0)}}},
          {"status", status}};
}

}  // namespace kube::testing
