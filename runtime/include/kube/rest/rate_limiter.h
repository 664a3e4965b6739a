// A token bucket (client-go's flowcontrol.NewTokenBucketRateLimiter): `burst` requests at
// once, then `qps` per second. Waiting honours the context: a cancelled or expired context
// returns at once with its error and gives the reserved token back.
//
//   kube::rest::TokenBucket limiter(/*qps=*/5, /*burst=*/10);
//   if (auto ok = limiter.Wait(ctx); !ok) return kube::Fail(ok.error());
#pragma once

#include <chrono>
#include <mutex>

#include "kube/context.h"
#include "kube/error.h"

namespace kube::rest {

class TokenBucket {
 public:
  // qps <= 0 means unlimited.
  TokenBucket(double qps, int burst);

  Result<void> Wait(const Context& ctx);
  // Takes a token if one is available now.
  bool TryAccept();

 private:
  void Refill(Context::Clock::time_point now);

  double qps_;
  double burst_;
  std::mutex mu_;
  double tokens_;
  Context::Clock::time_point last_;
};

}  // namespace kube::rest
