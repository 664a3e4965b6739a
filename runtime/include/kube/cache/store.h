// kube::cache::Store: the thread-safe indexed store behind informers and listers (client-go's
// ThreadSafeStore + Indexer). It holds each object once, immutable and shared: listers and
// event handlers get the same std::shared_ptr<const T>, never a copy. The store itself is
// type-erased (objects of any kind, seen through their ObjectMeta), so informers of many
// kinds share one compiled implementation; kube::cache::Lister<T> is the typed view.
//
//   auto store = std::make_shared<kube::cache::Store>();
//   store->Add(kube::cache::Entry::Of(std::make_shared<const Pod>(pod)));
//   auto in_ns = store->ByIndex(kube::cache::kNamespaceIndex, "default");
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kube/error.h"
#include "kube/meta.h"

namespace kube::cache {

// One cached object: the object (immutable, shared) and its metadata inside it.
struct Entry {
  std::shared_ptr<const void> object{};
  const ObjectMeta* meta = nullptr;

  template <class T>
  static Entry Of(std::shared_ptr<const T> obj) {
    const ObjectMeta* meta = &obj->metadata;
    return {std::move(obj), meta};
  }
  template <class T>
  std::shared_ptr<const T> As() const {
    return std::static_pointer_cast<const T>(object);
  }
  explicit operator bool() const { return object != nullptr; }
};

// "namespace/name", or "name" for cluster-scoped objects (client-go's MetaNamespaceKeyFunc).
std::string MetaNamespaceKey(const ObjectMeta& meta);
std::string MetaNamespaceKey(std::string_view ns, std::string_view name);

// An index function: the index values of one object (e.g. its namespace, a label, a node).
using IndexFunc = std::function<std::vector<std::string>(const Entry&)>;
using IndexFuncs = std::map<std::string, IndexFunc>;

// The index every informer store has: objects by namespace.
inline constexpr std::string_view kNamespaceIndex = "namespace";
std::vector<std::string> NamespaceIndexFunc(const Entry& e);

class Store {
 public:
  // Starts with the namespace index.
  Store();

  // Adds or replaces by key; returns the entry it replaced, if any.
  std::optional<Entry> Upsert(Entry entry);
  // Removes by key; returns the entry removed, if any.
  std::optional<Entry> Delete(const std::string& key);
  // Replaces the whole content (a relist); returns what was there before, by key.
  std::unordered_map<std::string, Entry> Replace(std::vector<Entry> entries);

  std::optional<Entry> GetByKey(const std::string& key) const;
  std::vector<Entry> List() const;
  std::vector<std::string> ListKeys() const;
  size_t Size() const;
  // The entries whose index `index` contains `value`; InvalidArgument for an unknown index.
  Result<std::vector<Entry>> ByIndex(std::string_view index, std::string_view value) const;
  // The values `index` currently holds.
  Result<std::vector<std::string>> IndexValues(std::string_view index) const;
  // Adds index functions; existing objects are indexed at once. A name already present is
  // an error (client-go refuses it too).
  Result<void> AddIndexers(IndexFuncs indexers);

 private:
  void IndexLocked(const std::string& key, const Entry& entry);
  void UnindexLocked(const std::string& key, const Entry& entry);

  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> items_;
  IndexFuncs index_funcs_;
  // index name -> index value -> keys
  std::map<std::string, std::unordered_map<std::string, std::set<std::string>>, std::less<>>
      indices_;
};

}  // namespace kube::cache
