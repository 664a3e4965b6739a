// kube::testing::Fake: the engine of generated fake clientsets (client-go's testing.Fake).
// Every call of a fake typed client becomes an Action that is recorded and offered to the
// reactor chain; the first reactor that handles it answers. The last reactor is the
// ObjectTracker, so an unstubbed fake behaves as the API server does (and as the test
// APIServer, which serves the same tracker).
//
//   auto fake = acme::clientset::fake::NewSimpleClientset(flunder);
//   fake->PrependReactor("create", "flunders", [](const kube::testing::Action& a) {
//     return kube::testing::Reaction::Error(kube::Error::Forbidden("no"));
//   });
//   ... code under test ...
//   EXPECT_EQ(fake->Actions()[0].verb, "create");
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kube/codec.h"
#include "kube/error.h"
#include "kube/group_version.h"
#include "kube/options.h"
#include "kube/scheme.h"
#include "kube/testing/object_tracker.h"

namespace kube::testing {

// One call made through a fake client. `verb` is client-go's: "get", "list", "watch",
// "create", "update", "delete", "delete-collection", "patch" (UpdateStatus is "update" with
// subresource "status"; GetScale is "get" with subresource "scale").
struct Action {
  std::string verb{};
  GroupVersionResource resource{};
  std::string subresource{};
  std::string namespace_{};
  std::string name{};        // get, update, delete, patch; "" for list, watch, create (see object)
  nlohmann::json object{};   // create and update: the object sent
  nlohmann::json options{};  // the options struct as its query parameters ({"limit": "10"})
  std::optional<PatchType> patch_type{};
  std::string patch{};  // patch: the patch document

  // client-go's Action.Matches: verb and resource, "*" matching any.
  bool Matches(std::string_view verb_pattern, std::string_view resource_pattern) const;
};

// A reactor's answer: handled with an object, handled with an error, or passed on.
class Reaction {
 public:
  // Not handled: the next reactor in the chain is asked.
  static Reaction Pass() { return Reaction(); }
  // Handled with this object as the result (encoded with kube::Encode when typed).
  static Reaction Object(nlohmann::json object);
  template <class T>
  requires requires(const T& t) { kube::Encode(t); }
  static Reaction Object(const T& object) {
    return Object(nlohmann::json::parse(kube::Encode(object)));
  }
  // Handled with this error.
  static Reaction Error(kube::Error error);
  // Handled with no object (delete, delete-collection).
  static Reaction Handled() { return Object(nlohmann::json()); }

  bool handled() const { return handled_; }
  const nlohmann::json& object() const { return object_; }
  const std::optional<kube::Error>& error() const { return error_; }

 private:
  bool handled_ = false;
  nlohmann::json object_{};
  std::optional<kube::Error> error_{};
};

using ReactionFunc = std::function<Reaction(const Action&)>;

// A stream of JSON watch events a test drives by hand (client-go's watch.FakeWatcher), or the
// tracker's own stream.
class JsonWatch {
 public:
  virtual ~JsonWatch() = default;
  // The next event; nullopt once stopped or when ctx is done.
  virtual std::optional<TrackedEvent> Next(const Context& ctx) = 0;
  virtual void Stop() = 0;
};

// A JsonWatch fed by the test: Add/Modify/Delete/Error/Stop from any thread.
class FakeWatch final : public JsonWatch {
 public:
  void Add(nlohmann::json obj) { Push({WatchEventType::kAdded, std::move(obj)}); }
  void Modify(nlohmann::json obj) { Push({WatchEventType::kModified, std::move(obj)}); }
  void Delete(nlohmann::json obj) { Push({WatchEventType::kDeleted, std::move(obj)}); }
  void Bookmark(nlohmann::json obj) { Push({WatchEventType::kBookmark, std::move(obj)}); }
  // An ERROR event carrying a Status (e.g. 410 Gone).
  void Error(const kube::Error& error);
  void Push(TrackedEvent event) { events_.Push(std::move(event)); }

  std::optional<TrackedEvent> Next(const Context& ctx) override { return events_.Next(ctx); }
  void Stop() override { events_.Stop(); }
  bool Stopped() const { return events_.Stopped(); }

 private:
  EventQueue events_;
};

// A watch reactor's answer: handled with a stream, handled with an error, or passed on.
class WatchReaction {
 public:
  static WatchReaction Pass() { return WatchReaction(); }
  static WatchReaction Watch(std::shared_ptr<JsonWatch> watch);
  static WatchReaction Error(kube::Error error);

  bool handled() const { return handled_; }
  const std::shared_ptr<JsonWatch>& watch() const { return watch_; }
  const std::optional<kube::Error>& error() const { return error_; }

 private:
  bool handled_ = false;
  std::shared_ptr<JsonWatch> watch_{};
  std::optional<kube::Error> error_{};
};

using WatchReactionFunc = std::function<WatchReaction(const Action&)>;

class Fake : public std::enable_shared_from_this<Fake> {
 public:
  // The tracker serves every kind of `scheme`.
  explicit Fake(Scheme scheme);
  virtual ~Fake();
  Fake(const Fake&) = delete;
  Fake& operator=(const Fake&) = delete;

  // Reactors for `verb` and `resource` ("*" for any). Prepended reactors run first; appended
  // ones run after those already present, including the tracker, which handles every call
  // it can, so they only see what it passes on.
  void PrependReactor(std::string verb, std::string resource, ReactionFunc fn);
  void AddReactor(std::string verb, std::string resource, ReactionFunc fn);
  void PrependWatchReactor(std::string resource, WatchReactionFunc fn);
  void AddWatchReactor(std::string resource, WatchReactionFunc fn);

  // Every action so far, oldest first.
  std::vector<Action> Actions() const;
  void ClearActions();
  ObjectTracker& Tracker() { return *tracker_; }

  // Records `action` and runs the reactor chain; what fake typed clients call.
  Result<nlohmann::json> Invoke(Action action);
  Result<std::shared_ptr<JsonWatch>> InvokeWatch(Action action);

  // This fake, shared when it is owned by a shared_ptr (as NewSimpleClientset makes it), so the
  // typed clients it hands out keep it alive; otherwise a non-owning pointer.
  std::shared_ptr<Fake> Self();

  // Adds a fixture object (apiVersion and kind say where); aborts with a message when the
  // object does not fit the scheme, as client-go's NewSimpleClientset panics.
  void AddFixture(nlohmann::json object);

 private:
  struct Reactor {
    std::string verb;
    std::string resource;
    ReactionFunc fn;
  };
  struct WatchReactor {
    std::string resource;
    WatchReactionFunc fn;
  };
  Reaction TrackerReaction(const Action& a);
  WatchReaction TrackerWatchReaction(const Action& a);

  std::shared_ptr<ObjectTracker> tracker_;
  mutable std::mutex mu_;
  std::vector<Action> actions_;
  std::vector<std::shared_ptr<const Reactor>> reactors_;
  std::vector<std::shared_ptr<const WatchReactor>> watch_reactors_;
};

// The query parameters of an options struct as a JSON object, for Action::options; a
// parameter given more than once (dryRun) becomes an array.
nlohmann::json OptionsJson(const QueryParams& query);
// The Scale an object with spec.replicas shows through its scale subresource.
nlohmann::json ScaleOf(const nlohmann::json& object);

}  // namespace kube::testing
