#include "kube/controller_context.h"

#include <fmt/format.h>

#include <mutex>
#include <random>

namespace kube {
namespace {

constexpr std::string_view kControllerActionKey = "kube.controller-action";

std::string RandomHex(size_t bytes) {
  static std::mutex mu;
  static std::mt19937_64 rng{std::random_device{}()};
  std::string out;
  std::lock_guard lock(mu);
  while (out.size() < bytes * 2) {
    uint64_t v = rng();
    if (v == 0) continue;  // all-zero ids are invalid in W3C trace context
    out += fmt::format("{:016x}", v);
  }
  return out.substr(0, bytes * 2);
}

}  // namespace

std::string ControllerAction::TraceParent() const {
  return "00-" + trace_id + "-" + span_id + "-01";
}

void ControllerContext::End() {
  if (action_ && !action_->end) action_->end = std::chrono::system_clock::now();
}

ControllerContext StartControllerContext(const Context& parent, ObjectReference object,
                                         std::string_view action) {
  auto a = std::make_shared<ControllerAction>();
  a->action = std::string(action);
  a->object = std::move(object);
  if (const ControllerAction* outer = GetControllerAction(parent)) {
    a->trace_id = outer->trace_id;
    a->parent_span_id = outer->span_id;
  } else {
    a->trace_id = RandomHex(16);
  }
  a->span_id = RandomHex(8);
  a->start = std::chrono::system_clock::now();
  std::shared_ptr<const ControllerAction> shared = a;
  Context ctx = WithValue(parent, std::string(kControllerActionKey), shared);
  return ControllerContext(std::move(ctx), std::move(a));
}

const ControllerAction* GetControllerAction(const Context& ctx) {
  const auto* a = ctx.ValueAs<std::shared_ptr<const ControllerAction>>(kControllerActionKey);
  return a ? a->get() : nullptr;
}

}  // namespace kube
