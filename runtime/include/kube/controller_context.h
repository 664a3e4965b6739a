// kube::StartControllerContext: a context that carries what a controller is doing and to which
// object (the wrapping pattern of the controller context-propagation proposal). Every request
// made with it sends a W3C `traceparent` header naming one span per action, and the client
// trace's on_controller_action hook receives the action, so a log or a tracer can tie API calls
// back to the reconcile step that made them. End() closes the span (the destructor does too).
//
//   auto action = kube::StartControllerContext(ctx, replica_set, "replicaset.CreatePod");
//   pods->Create(action.context(), pod, {});   // traceparent: 00-<trace>-<span>-01
//   action.End();
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kube/context.h"
#include "kube/meta.h"

namespace kube {

// One controller action on one object: what the trace hook receives.
struct ControllerAction {
  std::string action{};      // "replicaset.CreatePod"
  ObjectReference object{};  // the object acted for (GetReference)
  std::string trace_id{};    // 32 hex digits, shared with a parent action when nested
  std::string span_id{};     // 16 hex digits, this action's own
  std::string parent_span_id{};
  std::chrono::system_clock::time_point start{};
  std::optional<std::chrono::system_clock::time_point> end{};

  // "00-<trace_id>-<span_id>-01", the header every request of the action carries.
  std::string TraceParent() const;
};

class ControllerContext {
 public:
  ControllerContext(Context ctx, std::shared_ptr<ControllerAction> action)
      : ctx_(std::move(ctx)), action_(std::move(action)) {}
  ControllerContext(ControllerContext&&) = default;
  ControllerContext& operator=(ControllerContext&&) = default;
  ~ControllerContext() { End(); }

  const Context& context() const { return ctx_; }
  operator const Context&() const { return ctx_; }  // NOLINT(google-explicit-constructor)
  const ControllerAction& action() const { return *action_; }
  // Closes the span (records its end); later calls do nothing.
  void End();

 private:
  Context ctx_;
  std::shared_ptr<ControllerAction> action_;
};

ControllerContext StartControllerContext(const Context& parent, ObjectReference object,
                                         std::string_view action);
template <class T>
requires requires(const T& t) { t.metadata; }
ControllerContext StartControllerContext(const Context& parent, const T& obj,
                                         std::string_view action) {
  return StartControllerContext(parent, GetReference(obj), action);
}

// The action `ctx` carries, if any (the innermost one).
const ControllerAction* GetControllerAction(const Context& ctx);

}  // namespace kube
