// Watches: a stream of typed change events, ended by the server, the context, or Stop().
//
//   auto w = flunders->Watch(ctx, {.resource_version = list.metadata.resource_version}).value();
//   while (auto ev = w->Next(ctx)) {
//     if (ev->type == kube::WatchEventType::kError) break;  // ev->status says why (e.g. 410)
//     handle(ev->type, ev->object);
//   }
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kube/context.h"
#include "kube/error.h"
#include "kube/meta.h"

namespace kube {

enum class WatchEventType { kAdded, kModified, kDeleted, kBookmark, kError };

// "ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR": the wire names.
std::string_view ToString(WatchEventType type);
std::optional<WatchEventType> ParseWatchEventType(std::string_view name);

template <class T>
struct WatchEvent {
  WatchEventType type = WatchEventType::kAdded;
  T object{};                      // empty for kError
  std::optional<Status> status{};  // set for kError
};

template <class T>
class Watcher {
 public:
  virtual ~Watcher() = default;
  // Blocks for the next event; nullopt when the stream has ended, was stopped, or `ctx` is
  // done. After nullopt every later call returns nullopt too.
  virtual std::optional<WatchEvent<T>> Next(const Context& ctx) = 0;
  // Ends the watch and wakes a blocked Next(); safe from any thread, any number of times.
  virtual void Stop() = 0;
};

// One line of a watch stream, split: the event type and the object's raw JSON.
struct RawWatchEvent {
  WatchEventType type = WatchEventType::kAdded;
  std::string object{};
};
// Parses `{"type":"ADDED","object":{...}}`. Decode errors say what was wrong.
Result<RawWatchEvent> ParseWatchEvent(std::string_view line);
// Encodes an event line (without the newline), for servers and fakes.
std::string EncodeWatchEvent(WatchEventType type, std::string_view object_json);

// Status from JSON (watch ERROR events, error bodies).
Result<void> DecodeJSON(std::string_view json, Status& out);
void EncodeJSON(const Status& in, std::string& out);

}  // namespace kube
