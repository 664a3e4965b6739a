// kube::testing::FakeTypedClient<T, TList>: every verb of one kind over a kube::testing::Fake,
// with the same methods as kube::TypedClient, so a generated fake typed client is the same
// thin wrapper as the real one. Each call becomes an Action run through the fake's reactors.
//
//   kube::testing::FakeTypedClient<Flunder, FlunderList> flunders(
//       fake->Self(), {"wardle.example.com", "v1beta1", "flunders"}, "default");
//   kube::Result<Flunder> f = flunders.Get(ctx, "alpha", {});
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "kube/codec.h"
#include "kube/options.h"
#include "kube/testing/fake.h"
#include "kube/watch.h"

namespace kube::testing {

// The object's JSON with its apiVersion and kind (a fixture for NewSimpleClientset, a request
// body), which objects taken from a List lack.
template <class T>
nlohmann::json FixtureJson(const T& obj) {
  nlohmann::json j = nlohmann::json::parse(Encode(obj));
  if constexpr (requires {
                  T::kApiVersion;
                  T::kKind;
                }) {
    if (!j.contains("apiVersion")) j["apiVersion"] = std::string(T::kApiVersion);
    if (!j.contains("kind")) j["kind"] = std::string(T::kKind);
  }
  return j;
}

// JSON events from a JsonWatch decoded into T (ERROR events carry their Status).
template <class T>
class DecodingWatcher final : public Watcher<T> {
 public:
  explicit DecodingWatcher(std::shared_ptr<JsonWatch> watch) : watch_(std::move(watch)) {}
  ~DecodingWatcher() override { watch_->Stop(); }

  std::optional<WatchEvent<T>> Next(const Context& ctx) override {
    while (auto ev = watch_->Next(ctx)) {
      WatchEvent<T> out;
      out.type = ev->type;
      if (ev->type == WatchEventType::kError) {
        Status status;
        if (DecodeJSON(ev->object.dump(), status)) out.status = std::move(status);
        return out;
      }
      auto obj = Decode<T>(ev->object.dump());
      if (!obj) {  // a reactor's stream with an object of another shape: report, do not crash
        out.type = WatchEventType::kError;
        out.status = Status{.status = "Failure",
                            .message = obj.error().message,
                            .reason = obj.error().reason,
                            .code = 500};
        return out;
      }
      out.object = std::move(*obj);
      return out;
    }
    return std::nullopt;
  }
  void Stop() override { watch_->Stop(); }

 private:
  std::shared_ptr<JsonWatch> watch_;
};

template <class T, class TList>
class FakeTypedClient {
 public:
  FakeTypedClient(std::shared_ptr<Fake> fake, GroupVersionResource gvr, std::string ns)
      : fake_(std::move(fake)), gvr_(std::move(gvr)), ns_(std::move(ns)) {}

  Result<T> Create(const Context&, const T& obj, const CreateOptions& opts) {
    return Typed<T>(fake_->Invoke(MakeAction("create", "", "", Object(obj), ToQuery(opts))));
  }
  Result<T> Update(const Context&, const T& obj, const UpdateOptions& opts) {
    return Typed<T>(
        fake_->Invoke(MakeAction("update", "", obj.metadata.name, Object(obj), ToQuery(opts))));
  }
  Result<T> UpdateStatus(const Context&, const T& obj, const UpdateOptions& opts) {
    return Typed<T>(fake_->Invoke(
        MakeAction("update", "status", obj.metadata.name, Object(obj), ToQuery(opts))));
  }
  Result<void> Delete(const Context&, std::string_view name, const DeleteOptions& opts) {
    Action a = MakeAction("delete", "", name, {}, {});
    a.options = opts;
    return Void(fake_->Invoke(std::move(a)));
  }
  Result<void> DeleteCollection(const Context&, const DeleteOptions& opts,
                                const ListOptions& list_opts) {
    Action a = MakeAction("delete-collection", "", "", {}, {});
    a.options = {{"deleteOptions", opts}, {"listOptions", OptionsJson(ToQuery(list_opts))}};
    return Void(fake_->Invoke(std::move(a)));
  }
  Result<T> Get(const Context&, std::string_view name, const GetOptions& opts) {
    return Typed<T>(fake_->Invoke(MakeAction("get", "", name, {}, ToQuery(opts))));
  }
  Result<TList> List(const Context&, const ListOptions& opts) {
    return Typed<TList>(fake_->Invoke(MakeAction("list", "", "", {}, ToQuery(opts))));
  }
  Result<std::unique_ptr<Watcher<T>>> Watch(const Context&, const ListOptions& opts) {
    ListOptions watch = opts;
    watch.watch = true;
    auto stream = fake_->InvokeWatch(MakeAction("watch", "", "", {}, ToQuery(watch)));
    if (!stream) return Fail(std::move(stream.error()));
    return std::unique_ptr<Watcher<T>>(std::make_unique<DecodingWatcher<T>>(std::move(*stream)));
  }
  Result<T> Patch(const Context&, std::string_view name, PatchType type, std::string_view data,
                  const PatchOptions& opts, const std::vector<std::string>& subresources = {}) {
    std::string sub;
    for (const auto& s : subresources) sub += (sub.empty() ? "" : "/") + s;
    Action a = MakeAction("patch", sub, name, {}, ToQuery(opts));
    a.patch_type = type;
    a.patch = std::string(data);
    return Typed<T>(fake_->Invoke(std::move(a)));
  }
  template <class S>
  Result<S> GetSubresource(const Context&, std::string_view name, std::string_view sub,
                           const GetOptions& opts) {
    return Typed<S>(fake_->Invoke(MakeAction("get", sub, name, {}, ToQuery(opts))));
  }
  template <class S>
  Result<S> UpdateSubresource(const Context&, std::string_view name, std::string_view sub,
                              const S& obj, const UpdateOptions& opts) {
    return Typed<S>(fake_->Invoke(
        MakeAction("update", sub, name, nlohmann::json::parse(Encode(obj)), ToQuery(opts))));
  }

 private:
  Action MakeAction(std::string_view verb, std::string_view sub, std::string_view name,
                    nlohmann::json object, const QueryParams& query) const {
    Action a;
    a.verb = std::string(verb);
    a.resource = gvr_;
    a.subresource = std::string(sub);
    a.namespace_ = ns_;
    a.name = std::string(name);
    a.object = std::move(object);
    a.options = OptionsJson(query);
    return a;
  }

  // A request body names its type, as client-go's encoder always writes it.
  static nlohmann::json Object(const T& obj) { return FixtureJson(obj); }

  template <class U>
  static Result<U> Typed(Result<nlohmann::json> got) {
    if (!got) return Fail(std::move(got.error()));
    return Decode<U>(got->dump());
  }
  static Result<void> Void(Result<nlohmann::json> got) {
    if (!got) return Fail(std::move(got.error()));
    return {};
  }

  std::shared_ptr<Fake> fake_;
  GroupVersionResource gvr_;
  std::string ns_;
};

}  // namespace kube::testing
