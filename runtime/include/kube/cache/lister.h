// kube::cache::Lister<T>: typed, read-only views of an informer's Store (client-go's
// generic listers). Objects come back as std::shared_ptr<const T>: the store's own objects,
// shared, never copied, and never to be modified.
//
//   kube::cache::Lister<Pod> pods(informer.GetStore(), "pods");
//   auto web = pods.List(kube::labels::Selector::Parse("app=web").value());
//   auto p = pods.ByNamespace("default").Get("web-0");   // NotFound error when absent
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kube/cache/store.h"
#include "kube/error.h"
#include "kube/labels.h"

namespace kube::cache {

template <class T>
using ObjectList = std::vector<std::shared_ptr<const T>>;

namespace internal {
template <class T>
ObjectList<T> Matching(const std::vector<Entry>& entries, const labels::Selector& selector) {
  ObjectList<T> out;
  out.reserve(entries.size());
  for (const auto& e : entries) {
    if (selector.Empty() || selector.Matches(e.meta->labels)) out.push_back(e.As<T>());
  }
  return out;
}
}  // namespace internal

// The objects of one namespace.
template <class T>
class NamespaceLister {
 public:
  NamespaceLister(std::shared_ptr<const Store> store, std::string resource, std::string ns)
      : store_(std::move(store)), resource_(std::move(resource)), ns_(std::move(ns)) {}

  ObjectList<T> List(const labels::Selector& selector = labels::Selector::Everything()) const {
    auto entries = store_->ByIndex(kNamespaceIndex, ns_);
    return entries ? internal::Matching<T>(*entries, selector) : ObjectList<T>{};
  }
  Result<std::shared_ptr<const T>> Get(std::string_view name) const {
    auto e = store_->GetByKey(MetaNamespaceKey(ns_, name));
    if (!e) return Fail(Error::NotFound(resource_, name));
    return e->template As<T>();
  }

 private:
  std::shared_ptr<const Store> store_;
  std::string resource_;
  std::string ns_;
};

// Every object of a kind, in all namespaces.
template <class T>
class Lister {
 public:
  // `resource` names the kind in NotFound errors ("flunders.wardle.example.com").
  Lister(std::shared_ptr<const Store> store, std::string resource)
      : store_(std::move(store)), resource_(std::move(resource)) {}

  ObjectList<T> List(const labels::Selector& selector = labels::Selector::Everything()) const {
    return internal::Matching<T>(store_->List(), selector);
  }
  NamespaceLister<T> ByNamespace(std::string_view ns) const {
    return NamespaceLister<T>(store_, resource_, std::string(ns));
  }
  // A cluster-scoped object by name (or any object by its "namespace/name" key).
  Result<std::shared_ptr<const T>> Get(std::string_view name) const {
    auto e = store_->GetByKey(std::string(name));
    if (!e) return Fail(Error::NotFound(resource_, name));
    return e->template As<T>();
  }
  // The objects an index function mapped to `value`.
  Result<ObjectList<T>> ByIndex(std::string_view index, std::string_view value) const {
    auto entries = store_->ByIndex(index, value);
    if (!entries) return Fail(std::move(entries.error()));
    return internal::Matching<T>(*entries, labels::Selector::Everything());
  }
  const std::shared_ptr<const Store>& store() const { return store_; }
  const std::string& resource() const { return resource_; }

 private:
  std::shared_ptr<const Store> store_;
  std::string resource_;
};

}  // namespace kube::cache
