#include "kube/rest/rate_limiter.h"

#include <gtest/gtest.h>

#include <thread>

namespace kube::rest {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(TokenBucketTest, BurstPassesAtOnceThenPacesAtQps) {
  TokenBucket bucket(/*qps=*/50, /*burst=*/5);
  auto start = Clock::now();
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(bucket.Wait(Context::Background()));
  EXPECT_LT(Clock::now() - start, 15ms);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(bucket.Wait(Context::Background()));
  auto elapsed = Clock::now() - start;
  EXPECT_GE(elapsed, 80ms) << "5 tokens at 50/s take ~100 ms";
  EXPECT_LT(elapsed, 1s);
}

TEST(TokenBucketTest, CancelWhileWaitingReturnsPromptly) {
  TokenBucket bucket(/*qps=*/0.1, /*burst=*/1);
  ASSERT_TRUE(bucket.Wait(Context::Background()));
  auto [ctx, cancel] = WithCancel(Context::Background());
  std::thread t([cancel = cancel] {
    std::this_thread::sleep_for(20ms);
    cancel();
  });
  auto start = Clock::now();
  auto r = bucket.Wait(ctx);
  auto took = Clock::now() - start;
  t.join();
  ASSERT_FALSE(r);
  EXPECT_TRUE(IsCanceled(r.error()));
  EXPECT_LT(took, 20ms + 10ms);
}

TEST(TokenBucketTest, DeadlineEndsTheWait) {
  TokenBucket bucket(/*qps=*/0.1, /*burst=*/1);
  ASSERT_TRUE(bucket.TryAccept());
  EXPECT_FALSE(bucket.TryAccept());
  auto [ctx, cancel] = WithTimeout(Context::Background(), 30ms);
  auto r = bucket.Wait(ctx);
  ASSERT_FALSE(r);
  EXPECT_TRUE(IsDeadlineExceeded(r.error()));
  cancel();
}

TEST(TokenBucketTest, NonPositiveQpsIsUnlimited) {
  TokenBucket bucket(-1, 1);
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(bucket.TryAccept());
}

}  // namespace
}  // namespace kube::rest
