// kube::Context: cancellation, deadlines and request-scoped values for every client call, the
// C++ form of Go's context.Context (KEP 1601). A Context is a cheap, copyable, thread-safe
// handle; derived contexts are cancelled when their parent is.
//
//   auto [ctx, cancel] = kube::WithTimeout(kube::Context::Background(), std::chrono::seconds(5));
//   auto got = flunders->Get(ctx, "alpha", {});   // aborted within ~10 ms of cancel()
//   cancel();                                      // idempotent; always call it to free resources
//
// Deadlines are evaluated lazily: Done() becomes true once the deadline has passed and every
// wait in the runtime (ctx.Wait, the rate limiter, retry back-off, the transport) is bounded by
// it, so no timer thread is needed. OnCancel callbacks fire on explicit cancellation (of this
// context or an ancestor), not when a deadline passes; waiters use Deadline() for that.
#pragma once

#include <any>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "kube/client_trace.h"
#include "kube/error.h"

namespace kube {

using CancelFunc = std::function<void()>;

namespace internal {
struct ContextState;
}

class Context {
 public:
  using Clock = std::chrono::steady_clock;

  // A context that is never cancelled and has no deadline or values.
  static Context Background();
  // Like Background, marking code not yet plumbed with a real context (migration output).
  static Context TODO();

  // Default-constructed is Background().
  Context();

  // True once cancelled or past the deadline.
  bool Done() const;
  // nullopt while not done; else a Canceled or DeadlineExceeded error.
  std::optional<Error> Err() const;
  // The earliest deadline of this context and its ancestors.
  std::optional<Clock::time_point> Deadline() const;
  // Blocks until the context is done or `d` has passed; returns Done().
  template <class Rep, class Period>
  bool Wait(std::chrono::duration<Rep, Period> d) const {
    return WaitFor(std::chrono::duration_cast<Clock::duration>(d));
  }
  // The value stored under `key` by WithValue in this context or an ancestor, or null.
  const std::any* Value(std::string_view key) const;
  template <class T>
  const T* ValueAs(std::string_view key) const {
    const std::any* v = Value(key);
    return v ? std::any_cast<T>(v) : nullptr;
  }

  // Runs `fn` once when the context is cancelled (at once, on this thread, if it already is).
  // Destroying the registration unregisters it and, if `fn` is running on another thread,
  // waits for it to return, so `fn` may safely capture what the registration's owner owns.
  class Registration {
   public:
    Registration() = default;
    Registration(Registration&& other) noexcept { *this = std::move(other); }
    Registration& operator=(Registration&& other) noexcept;
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;
    ~Registration() { Reset(); }
    void Reset();

   private:
    friend class Context;
    std::shared_ptr<internal::ContextState> state_;
    uint64_t id_ = 0;
  };
  [[nodiscard]] Registration OnCancel(std::function<void()> fn) const;

 private:
  friend std::pair<Context, CancelFunc> WithCancel(const Context& parent);
  friend std::pair<Context, CancelFunc> WithDeadlineSteady(const Context&, Clock::time_point);
  friend Context WithValue(const Context& parent, std::string key, std::any value);
  explicit Context(std::shared_ptr<internal::ContextState> s) : state_(std::move(s)) {}
  bool WaitFor(Clock::duration d) const;

  std::shared_ptr<internal::ContextState> state_;
};

// A child that is cancelled by `cancel()` or when the parent is.
std::pair<Context, CancelFunc> WithCancel(const Context& parent);
// A child that is done at `deadline` (or earlier, with its parent).
std::pair<Context, CancelFunc> WithDeadlineSteady(const Context& parent,
                                                  Context::Clock::time_point deadline);

template <class Clock, class Duration>
std::pair<Context, CancelFunc> WithDeadline(const Context& parent,
                                            std::chrono::time_point<Clock, Duration> deadline) {
  if constexpr (std::is_same_v<Clock, Context::Clock>) {
    return WithDeadlineSteady(parent,
                              std::chrono::time_point_cast<Context::Clock::duration>(deadline));
  } else {
    auto left = deadline - Clock::now();
    return WithDeadlineSteady(
        parent, Context::Clock::now() + std::chrono::duration_cast<Context::Clock::duration>(left));
  }
}

template <class Rep, class Period>
std::pair<Context, CancelFunc> WithTimeout(const Context& parent,
                                           std::chrono::duration<Rep, Period> timeout) {
  return WithDeadlineSteady(
      parent,
      Context::Clock::now() + std::chrono::duration_cast<Context::Clock::duration>(timeout));
}

// A child carrying `value` under `key`; it is cancelled with its parent.
Context WithValue(const Context& parent, std::string key, std::any value);

// Attaches request hooks (see client_trace.h) to every request made with the returned context.
Context WithClientTrace(const Context& parent, ClientTrace trace);
// The hooks attached to `ctx`, or null.
const ClientTrace* GetClientTrace(const Context& ctx);

}  // namespace kube
