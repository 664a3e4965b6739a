// kube::TypedClient<T, TList>: every verb of one kind, typed, context-first (client-go's
// gentype.ClientWithList). Generated typed clients are thin wrappers that forward to it. T
// needs a `metadata` (kube::ObjectMeta) and DecodeJSON/EncodeJSON (kube/codec.h); TList needs
// DecodeJSON.
//
//   kube::TypedClient<Flunder, FlunderList> flunders(rest, {"wardle.example.com", "v1beta1",
//                                                          "flunders"}, "default");
//   kube::Result<Flunder> f = flunders.Get(ctx, "alpha", {});
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kube/codec.h"
#include "kube/resource_client.h"
#include "kube/rest/stream_watcher.h"
#include "kube/watch.h"

namespace kube {

template <class T, class TList>
class TypedClient {
 public:
  TypedClient(std::shared_ptr<rest::Client> client, GroupVersionResource gvr, std::string ns)
      : resource_(std::move(client), std::move(gvr), std::move(ns)) {}

  Result<T> Create(const Context& ctx, const T& obj, const CreateOptions& opts) {
    return Decoded<T>(resource_.Create(ctx, EncodeObject(obj), opts));
  }
  Result<T> Update(const Context& ctx, const T& obj, const UpdateOptions& opts) {
    return Decoded<T>(resource_.Update(ctx, obj.metadata.name, EncodeObject(obj), opts));
  }
  Result<T> UpdateStatus(const Context& ctx, const T& obj, const UpdateOptions& opts) {
    return Decoded<T>(resource_.Update(ctx, obj.metadata.name, EncodeObject(obj), opts, "status"));
  }
  Result<void> Delete(const Context& ctx, std::string_view name, const DeleteOptions& opts) {
    return resource_.Delete(ctx, name, opts);
  }
  Result<void> DeleteCollection(const Context& ctx, const DeleteOptions& opts,
                                const ListOptions& list_opts) {
    return resource_.DeleteCollection(ctx, opts, list_opts);
  }
  Result<T> Get(const Context& ctx, std::string_view name, const GetOptions& opts) {
    return Decoded<T>(resource_.Get(ctx, name, opts));
  }
  Result<TList> List(const Context& ctx, const ListOptions& opts) {
    return Decoded<TList>(resource_.List(ctx, opts));
  }
  Result<std::unique_ptr<Watcher<T>>> Watch(const Context& ctx, const ListOptions& opts) {
    auto stream = resource_.Watch(ctx, opts);
    if (!stream) return Fail(std::move(stream.error()));
    return std::unique_ptr<Watcher<T>>(
        std::make_unique<rest::StreamWatcher<T>>(std::move(*stream)));
  }
  Result<T> Patch(const Context& ctx, std::string_view name, PatchType type, std::string_view data,
                  const PatchOptions& opts, const std::vector<std::string>& subresources = {}) {
    return Decoded<T>(resource_.Patch(ctx, name, type, data, opts, subresources));
  }
  // GET and PUT of a subresource with its own type (e.g. kube::Scale for "scale").
  template <class S>
  Result<S> GetSubresource(const Context& ctx, std::string_view name, std::string_view sub,
                           const GetOptions& opts) {
    return Decoded<S>(resource_.Get(ctx, name, opts, sub));
  }
  template <class S>
  Result<S> UpdateSubresource(const Context& ctx, std::string_view name, std::string_view sub,
                              const S& obj, const UpdateOptions& opts) {
    return Decoded<S>(resource_.Update(ctx, name, Encode(obj), opts, sub));
  }

  ResourceClient& resource() { return resource_; }

 private:
  // The object's JSON with apiVersion and kind: objects taken from a List arrive without them
  // (and decode -> encode keeps them absent), but a request body names its type, as client-go's
  // encoder always writes it.
  static std::string EncodeObject(const T& obj) {
    std::string body = Encode(obj);
    if constexpr (requires {
                    T::kApiVersion;
                    T::kKind;
                  }) {
      std::string head;
      if (obj.api_version.empty()) head += "\"apiVersion\":\"" + std::string(T::kApiVersion) + "\"";
      if (obj.kind.empty()) {
        head += (head.empty() ? "\"kind\":\"" : ",\"kind\":\"") + std::string(T::kKind) + "\"";
      }
      if (!head.empty() && body.size() >= 2) {
        body.insert(1, body.size() == 2 ? head : head + ",");
      }
    }
    return body;
  }

  template <class U>
  static Result<U> Decoded(Result<std::string> body) {
    if (!body) return Fail(std::move(body.error()));
    return Decode<U>(*body);
  }

  ResourceClient resource_;
};

}  // namespace kube
