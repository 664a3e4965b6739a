#include "kube/rest/rate_limiter.h"

#include <algorithm>

namespace kube::rest {

TokenBucket::TokenBucket(double qps, int burst)
    : qps_(qps), burst_(std::max(1, burst)), tokens_(burst_), last_(Context::Clock::now()) {}

void TokenBucket::Refill(Context::Clock::time_point now) {
  std::chrono::duration<double> elapsed = now - last_;
  last_ = now;
  tokens_ = std::min(burst_, tokens_ + elapsed.count() * qps_);
}

bool TokenBucket::TryAccept() {
  if (qps_ <= 0) return true;
  std::lock_guard lock(mu_);
  Refill(Context::Clock::now());
  if (tokens_ < 1) return false;
  tokens_ -= 1;
  return true;
}

Result<void> TokenBucket::Wait(const Context& ctx) {
  if (qps_ <= 0) return {};
  std::chrono::duration<double> wait{0};
  {
    std::lock_guard lock(mu_);
    Refill(Context::Clock::now());
    // Reserve now (tokens may go negative): later callers queue behind us, in order.
    tokens_ -= 1;
    if (tokens_ < 0) wait = std::chrono::duration<double>(-tokens_ / qps_);
  }
  if (wait.count() > 0) {
    if (ctx.Wait(std::chrono::duration_cast<Context::Clock::duration>(wait))) {
      std::lock_guard lock(mu_);
      tokens_ += 1;  // not used: hand it back
      return Fail(*ctx.Err());
    }
  } else if (auto err = ctx.Err()) {
    std::lock_guard lock(mu_);
    tokens_ += 1;
    return Fail(*err);
  }
  return {};
}

}  // namespace kube::rest
