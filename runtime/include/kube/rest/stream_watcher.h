// kube::rest::StreamWatcher<T>: a Watcher over a streaming HTTP response of newline-delimited
// watch events, decoding each object with kube::Decode<T>. A line that does not decode ends
// the watch with a kError event saying why, as client-go's StreamWatcher does.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>

#include "kube/codec.h"
#include "kube/rest/body_stream.h"
#include "kube/watch.h"

namespace kube::rest {

template <class T>
class StreamWatcher : public Watcher<T> {
 public:
  explicit StreamWatcher(std::unique_ptr<BodyStream> stream) : stream_(std::move(stream)) {}
  ~StreamWatcher() override { Stop(); }

  std::optional<WatchEvent<T>> Next(const Context& ctx) override {
    std::lock_guard lock(next_mu_);  // one reader at a time; Stop() does not take it
    while (!ended_) {
      auto line = stream_->ReadLine(ctx);
      if (!line) return std::nullopt;  // ctx done: the watch itself goes on
      if (!*line) {
        ended_ = true;
        break;
      }
      if ((*line)->empty()) continue;
      auto raw = ParseWatchEvent(**line);
      if (!raw) return EndWithError(raw.error());
      WatchEvent<T> ev;
      ev.type = raw->type;
      if (raw->type == WatchEventType::kError) {
        Status status;
        if (auto ok = DecodeJSON(raw->object, status); !ok) return EndWithError(ok.error());
        ev.status = std::move(status);
        return ev;
      }
      auto obj = Decode<T>(raw->object);
      if (!obj) return EndWithError(obj.error());
      ev.object = std::move(*obj);
      return ev;
    }
    return std::nullopt;
  }

  void Stop() override { stream_->Close(); }

 private:
  std::optional<WatchEvent<T>> EndWithError(const Error& err) {
    ended_ = true;
    stream_->Close();
    WatchEvent<T> ev;
    ev.type = WatchEventType::kError;
    Status s;
    s.status = "Failure";
    s.reason = err.reason;
    s.message = "unable to decode an event from the watch stream: " + err.message;
    s.code = 500;
    ev.status = std::move(s);
    return ev;
  }

  std::unique_ptr<BodyStream> stream_;
  std::mutex next_mu_;
  bool ended_ = false;
};

}  // namespace kube::rest
