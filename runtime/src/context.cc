#include "kube/context.h"

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace kube {
namespace internal {

struct ContextState : std::enable_shared_from_this<ContextState> {
  // Background and TODO never end: nothing registers with them.
  bool can_end = true;
  std::shared_ptr<ContextState> parent;
  std::optional<Context::Clock::time_point> deadline;
  std::string key;
  std::any value;
  bool has_value = false;

  std::mutex mu;
  std::condition_variable cv;
  std::optional<Error> cancel_error;  // set once, on explicit cancellation
  std::vector<std::weak_ptr<ContextState>> children;
  size_t prune_at = 8;
  std::map<uint64_t, std::function<void()>> callbacks;
  uint64_t next_id = 1;
  bool running_callbacks = false;
  std::thread::id callback_thread;

  void Cancel(const Error& err) {
    std::map<uint64_t, std::function<void()>> to_run;
    std::vector<std::weak_ptr<ContextState>> to_cancel;
    {
      std::lock_guard lock(mu);
      if (cancel_error) return;
      cancel_error = err;
      to_run.swap(callbacks);
      to_cancel.swap(children);
      running_callbacks = !to_run.empty();
      callback_thread = std::this_thread::get_id();
    }
    cv.notify_all();
    for (auto& [id, fn] : to_run) fn();
    if (!to_run.empty()) {
      std::lock_guard lock(mu);
      running_callbacks = false;
    }
    cv.notify_all();
    for (auto& weak : to_cancel) {
      if (auto child = weak.lock()) child->Cancel(err);
    }
  }

  // Links `child` so that cancelling this context cancels it; cancels it at once if this one
  // already is.
  void AddChild(const std::shared_ptr<ContextState>& child) {
    std::optional<Error> already;
    {
      std::lock_guard lock(mu);
      if (cancel_error) {
        already = cancel_error;
      } else {
        if (children.size() >= prune_at) {
          std::erase_if(children, [](const auto& w) { return w.expired(); });
          prune_at = std::max<size_t>(8, children.size() * 2);
        }
        children.push_back(child);
      }
    }
    if (already) child->Cancel(*already);
  }

  bool PastDeadline() const { return deadline && Context::Clock::now() >= *deadline; }
};

}  // namespace internal

using internal::ContextState;

namespace {

std::shared_ptr<ContextState> NeverEnding() {
  auto s = std::make_shared<ContextState>();
  s->can_end = false;
  return s;
}

std::shared_ptr<ContextState> NewChild(const std::shared_ptr<ContextState>& parent) {
  auto child = std::make_shared<ContextState>();
  child->parent = parent;
  child->deadline = parent->deadline;
  child->can_end = true;
  if (parent->can_end) parent->AddChild(child);
  return child;
}

constexpr std::string_view kClientTraceKey = "kube.client-trace";

}  // namespace

Context::Context() : Context(Background()) {}

Context Context::Background() {
  static const auto* background = new std::shared_ptr<ContextState>(NeverEnding());
  return Context(*background);
}

Context Context::TODO() {
  static const auto* todo = new std::shared_ptr<ContextState>(NeverEnding());
  return Context(*todo);
}

bool Context::Done() const { return Err().has_value(); }

std::optional<Error> Context::Err() const {
  if (!state_->can_end) return std::nullopt;
  {
    std::lock_guard lock(state_->mu);
    if (state_->cancel_error) return state_->cancel_error;
  }
  if (state_->PastDeadline()) return Error::DeadlineExceeded();
  return std::nullopt;
}

std::optional<Context::Clock::time_point> Context::Deadline() const { return state_->deadline; }

bool Context::WaitFor(Clock::duration d) const {
  auto until = Clock::now() + std::max(d, Clock::duration::zero());
  if (state_->deadline) until = std::min(until, *state_->deadline);
  std::unique_lock lock(state_->mu);
  if (!state_->can_end) {
    // Nothing can wake a never-ending context early: sleep without holding the shared lock.
    lock.unlock();
    std::this_thread::sleep_until(until);
    return false;
  }
  state_->cv.wait_until(lock, until, [&] { return state_->cancel_error.has_value(); });
  lock.unlock();
  return Done();
}

const std::any* Context::Value(std::string_view key) const {
  for (const ContextState* s = state_.get(); s != nullptr; s = s->parent.get()) {
    if (s->has_value && s->key == key) return &s->value;
  }
  return nullptr;
}

Context::Registration Context::OnCancel(std::function<void()> fn) const {
  Registration reg;
  if (!state_->can_end) return reg;
  {
    std::lock_guard lock(state_->mu);
    if (!state_->cancel_error) {
      reg.state_ = state_;
      reg.id_ = state_->next_id++;
      state_->callbacks.emplace(reg.id_, std::move(fn));
      return reg;
    }
  }
  fn();
  return reg;
}

Context::Registration& Context::Registration::operator=(Registration&& other) noexcept {
  if (this != &other) {
    Reset();
    state_ = std::move(other.state_);
    id_ = std::exchange(other.id_, 0);
  }
  return *this;
}

void Context::Registration::Reset() {
  if (!state_) return;
  std::unique_lock lock(state_->mu);
  if (state_->callbacks.erase(id_) == 0 && state_->running_callbacks &&
      state_->callback_thread != std::this_thread::get_id()) {
    // Cancel() took our callback and may be running it now: wait until it has returned.
    state_->cv.wait(lock, [&] { return !state_->running_callbacks; });
  }
  lock.unlock();
  state_.reset();
  id_ = 0;
}

std::pair<Context, CancelFunc> WithCancel(const Context& parent) {
  auto child = NewChild(parent.state_);
  std::weak_ptr<ContextState> weak = child;
  CancelFunc cancel = [weak] {
    // A deadline that already passed stays the reason, as in Go.
    if (auto s = weak.lock())
      s->Cancel(s->PastDeadline() ? Error::DeadlineExceeded() : Error::Canceled());
  };
  return {Context(std::move(child)), std::move(cancel)};
}

std::pair<Context, CancelFunc> WithDeadlineSteady(const Context& parent,
                                                  Context::Clock::time_point deadline) {
  auto [ctx, cancel] = WithCancel(parent);
  auto& d = ctx.state_->deadline;
  d = d ? std::min(*d, deadline) : deadline;
  return {std::move(ctx), std::move(cancel)};
}

Context WithValue(const Context& parent, std::string key, std::any value) {
  auto child = NewChild(parent.state_);
  child->can_end = parent.state_->can_end;
  child->key = std::move(key);
  child->value = std::move(value);
  child->has_value = true;
  return Context(std::move(child));
}

Context WithClientTrace(const Context& parent, ClientTrace trace) {
  return WithValue(parent, std::string(kClientTraceKey), std::move(trace));
}

const ClientTrace* GetClientTrace(const Context& ctx) {
  return ctx.ValueAs<ClientTrace>(kClientTraceKey);
}

}  // namespace kube
