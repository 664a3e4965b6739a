// kube::cache::ListWatch: how an informer lists and watches one kind, type-erased so the
// reflector and the informer machinery are compiled once for every kind.
// kube::cache::MakeListWatch adapts a typed client's List and Watch.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kube/cache/store.h"
#include "kube/context.h"
#include "kube/error.h"
#include "kube/options.h"
#include "kube/watch.h"

namespace kube::cache {

struct ListPage {
  std::vector<Entry> items{};
  std::string resource_version{};
  std::string continue_{};
};

struct EntryEvent {
  WatchEventType type = WatchEventType::kAdded;
  Entry entry{};                   // empty for kError
  std::optional<Status> status{};  // kError
};

class EntryWatcher {
 public:
  virtual ~EntryWatcher() = default;
  // nullopt when the stream ended, was stopped or ctx is done.
  virtual std::optional<EntryEvent> Next(const Context& ctx) = 0;
  virtual void Stop() = 0;
};

struct ListWatch {
  std::function<Result<ListPage>(const Context&, const ListOptions&)> list;
  std::function<Result<std::unique_ptr<EntryWatcher>>(const Context&, const ListOptions&)> watch;
};

// Changes applied to a list's options before every list and watch (client-go's
// TweakListOptionsFunc), e.g. a label selector.
using TweakListOptionsFunc = std::function<void(ListOptions&)>;

namespace internal {

template <class T>
class TypedEntryWatcher final : public EntryWatcher {
 public:
  TypedEntryWatcher(std::unique_ptr<Watcher<T>> w, std::function<void(T&)> transform)
      : w_(std::move(w)), transform_(std::move(transform)) {}
  std::optional<EntryEvent> Next(const Context& ctx) override {
    auto ev = w_->Next(ctx);
    if (!ev) return std::nullopt;
    EntryEvent out{.type = ev->type, .status = std::move(ev->status)};
    if (ev->type != WatchEventType::kError) {
      if (transform_ && ev->type != WatchEventType::kBookmark) transform_(ev->object);
      out.entry = Entry::Of(std::make_shared<const T>(std::move(ev->object)));
    }
    return out;
  }
  void Stop() override { w_->Stop(); }

 private:
  std::unique_ptr<Watcher<T>> w_;
  std::function<void(T&)> transform_;
};

}  // namespace internal

// A ListWatch over typed List and Watch calls (a typed client's, bound to a namespace).
// `transform`, when set, is applied to every object before it is cached (drop managedFields,
// say); it is read at each call, so it may be set after construction through the shared slot.
template <class T, class TList>
ListWatch MakeListWatch(
    std::function<Result<TList>(const Context&, const ListOptions&)> list,
    std::function<Result<std::unique_ptr<Watcher<T>>>(const Context&, const ListOptions&)> watch,
    TweakListOptionsFunc tweak = {},
    std::shared_ptr<const std::function<void(T&)>> transform = {}) {
  ListWatch lw;
  lw.list = [list = std::move(list), tweak, transform](
                const Context& ctx, const ListOptions& opts) -> Result<ListPage> {
    ListOptions o = opts;
    if (tweak) tweak(o);
    auto got = list(ctx, o);
    if (!got) return Fail(std::move(got.error()));
    ListPage page{.resource_version = std::move(got->metadata.resource_version),
                  .continue_ = std::move(got->metadata.continue_)};
    page.items.reserve(got->items.size());
    for (auto& item : got->items) {
      if (transform && *transform) (*transform)(item);
      page.items.push_back(Entry::Of(std::make_shared<const T>(std::move(item))));
    }
    return page;
  };
  lw.watch = [watch = std::move(watch), tweak, transform](
                 const Context& ctx,
                 const ListOptions& opts) -> Result<std::unique_ptr<EntryWatcher>> {
    ListOptions o = opts;
    if (tweak) tweak(o);
    auto w = watch(ctx, o);
    if (!w) return Fail(std::move(w.error()));
    std::function<void(T&)> fn = transform && *transform ? *transform : std::function<void(T&)>();
    return std::unique_ptr<EntryWatcher>(
        std::make_unique<internal::TypedEntryWatcher<T>>(std::move(*w), std::move(fn)));
  };
  return lw;
}

}  // namespace kube::cache
