#include "kube/cache/store.h"

#include <algorithm>

namespace kube::cache {

std::string MetaNamespaceKey(std::string_view ns, std::string_view name) {
  if (ns.empty()) return std::string(name);
  std::string key;
  key.reserve(ns.size() + 1 + name.size());
  key.append(ns).append("/").append(name);
  return key;
}

std::string MetaNamespaceKey(const ObjectMeta& meta) {
  return MetaNamespaceKey(meta.namespace_, meta.name);
}

std::vector<std::string> NamespaceIndexFunc(const Entry& e) { return {e.meta->namespace_}; }

Store::Store() { index_funcs_.emplace(std::string(kNamespaceIndex), NamespaceIndexFunc); }

void Store::IndexLocked(const std::string& key, const Entry& entry) {
  for (const auto& [name, fn] : index_funcs_) {
    auto& index = indices_[name];
    for (auto& value : fn(entry)) index[std::move(value)].insert(key);
  }
}

void Store::UnindexLocked(const std::string& key, const Entry& entry) {
  for (const auto& [name, fn] : index_funcs_) {
    auto& index = indices_[name];
    for (const auto& value : fn(entry)) {
      auto it = index.find(value);
      if (it == index.end()) continue;
      it->second.erase(key);
      if (it->second.empty()) index.erase(it);
    }
  }
}

std::optional<Entry> Store::Upsert(Entry entry) {
  std::string key = MetaNamespaceKey(*entry.meta);
  std::lock_guard lock(mu_);
  std::optional<Entry> old;
  auto it = items_.find(key);
  if (it != items_.end()) {
    old = it->second;
    UnindexLocked(key, it->second);
    it->second = entry;
  } else {
    items_.emplace(key, entry);
  }
  IndexLocked(key, entry);
  return old;
}

std::optional<Entry> Store::Delete(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = items_.find(key);
  if (it == items_.end()) return std::nullopt;
  Entry old = std::move(it->second);
  items_.erase(it);
  UnindexLocked(key, old);
  return old;
}

std::unordered_map<std::string, Entry> Store::Replace(std::vector<Entry> entries) {
  std::unordered_map<std::string, Entry> fresh;
  fresh.reserve(entries.size());
  for (auto& e : entries) fresh.insert_or_assign(MetaNamespaceKey(*e.meta), std::move(e));
  std::lock_guard lock(mu_);
  std::swap(items_, fresh);
  indices_.clear();
  for (const auto& [key, entry] : items_) IndexLocked(key, entry);
  return fresh;  // what was there before
}

std::optional<Entry> Store::GetByKey(const std::string& key) const {
  std::lock_guard lock(mu_);
  auto it = items_.find(key);
  if (it == items_.end()) return std::nullopt;
  return it->second;
}

std::vector<Entry> Store::List() const {
  std::lock_guard lock(mu_);
  std::vector<Entry> out;
  out.reserve(items_.size());
  for (const auto& [key, entry] : items_) out.push_back(entry);
  return out;
}

std::vector<std::string> Store::ListKeys() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  out.reserve(items_.size());
  for (const auto& [key, entry] : items_) out.push_back(key);
  return out;
}

size_t Store::Size() const {
  std::lock_guard lock(mu_);
  return items_.size();
}

Result<std::vector<Entry>> Store::ByIndex(std::string_view index, std::string_view value) const {
  std::lock_guard lock(mu_);
  if (!index_funcs_.count(std::string(index))) {
    return Fail(Error::InvalidArgument("index \"" + std::string(index) + "\" does not exist"));
  }
  std::vector<Entry> out;
  auto idx = indices_.find(index);
  if (idx == indices_.end()) return out;
  auto keys = idx->second.find(std::string(value));
  if (keys == idx->second.end()) return out;
  out.reserve(keys->second.size());
  for (const auto& key : keys->second) out.push_back(items_.at(key));
  return out;
}

Result<std::vector<std::string>> Store::IndexValues(std::string_view index) const {
  std::lock_guard lock(mu_);
  if (!index_funcs_.count(std::string(index))) {
    return Fail(Error::InvalidArgument("index \"" + std::string(index) + "\" does not exist"));
  }
  std::vector<std::string> out;
  auto idx = indices_.find(index);
  if (idx == indices_.end()) return out;
  for (const auto& [value, keys] : idx->second) out.push_back(value);
  std::sort(out.begin(), out.end());
  return out;
}

Result<void> Store::AddIndexers(IndexFuncs indexers) {
  std::lock_guard lock(mu_);
  for (const auto& [name, fn] : indexers) {
    if (index_funcs_.count(name)) {
      return Fail(Error::InvalidArgument("indexer \"" + name + "\" already exists"));
    }
  }
  for (auto& [name, fn] : indexers) {
    auto& index = indices_[name];
    for (const auto& [key, entry] : items_) {
      for (auto& value : fn(entry)) index[std::move(value)].insert(key);
    }
    index_funcs_.emplace(name, std::move(fn));
  }
  return {};
}

}  // namespace kube::cache
