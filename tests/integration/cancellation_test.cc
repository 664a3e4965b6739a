// Cancellation and deadlines end calls promptly wherever they wait (in flight, in the rate
// limiter, in retry back-off) and leave no thread behind.
#include <gtest/gtest.h>

#include <functional>
#include <future>
#include <thread>

#include "support/server_fixture.h"
#include "support/timing.h"

namespace kube_test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using kube::Context;

class CancellationTest : public ServerTest {
 protected:
  // Runs `call` with a context cancelled `after` it starts (and, when given, once `reached`
  // holds: a slow machine or a sanitizer may take longer than `after` to get there); returns
  // how long the call took to return once cancel() was called, and its result.
  template <class Call>
  std::pair<Clock::duration, kube::Result<ConfigMap>> CancelAfter(
      Clock::duration after, Call call, std::function<bool()> reached = {}) {
    auto [ctx, cancel] = kube::WithCancel(Context::Background());
    auto fut = std::async(std::launch::async, [&, ctx = ctx] { return call(ctx); });
    for (auto give_up = Clock::now() + 10s; reached && !reached() && Clock::now() < give_up;) {
      std::this_thread::sleep_for(5ms);
    }
    std::this_thread::sleep_for(after);
    auto cancelled_at = Clock::now();
    cancel();
    auto result = fut.get();
    return {Clock::now() - cancelled_at, std::move(result)};
  }
};

TEST_F(CancellationTest, CancelInFlightReturnsPromptly) {
  auto cms = ConfigMaps();
  ASSERT_TRUE(cms.Create(Context::Background(), MakeConfigMap("slow"), {}));
  server_.AddFault({.method = "GET", .times = -1, .latency = 5s});
  std::vector<Clock::duration> took;
  for (int i = 0; i < 5; ++i) {
    auto [elapsed, r] =
        CancelAfter(30ms, [&](const Context& ctx) { return cms.Get(ctx, "slow", {}); });
    ASSERT_FALSE(r);
    EXPECT_TRUE(kube::IsCanceled(r.error())) << r.error().ToString();
    took.push_back(elapsed);
  }
  EXPECT_LT(Median(took), kCancelBudget);
  server_.ClearFaults();
}

TEST_F(CancellationTest, CancelWhileRateLimitedReturnsPromptly) {
  config_.qps = 0.01f;
  config_.burst = 1;
  auto client = kube::rest::Client::New(config_).value();
  kube::TypedClient<ConfigMap, ConfigMapList> cms(client, kConfigMaps, "default");
  (void)cms.Get(Context::Background(), "x", {});  // spends the only token
  server_.ClearRequests();
  auto [elapsed, r] = CancelAfter(30ms, [&](const Context& ctx) { return cms.Get(ctx, "x", {}); });
  ASSERT_FALSE(r);
  EXPECT_TRUE(kube::IsCanceled(r.error()));
  EXPECT_LT(elapsed, kCancelBudget);
  EXPECT_EQ(server_.RequestCount(), 0) << "the cancelled call never reached the server";
}

TEST_F(CancellationTest, CancelWhileBackingOffReturnsPromptly) {
  server_.AddFault({.method = "GET", .times = -1, .status = 429, .retry_after_seconds = 30});
  auto cms = ConfigMaps();
  // Cancelled while it waits out the first answer's Retry-After.
  auto [elapsed, r] = CancelAfter(
      100ms, [&](const Context& ctx) { return cms.Get(ctx, "x", {}); },
      [&] { return server_.RequestCount() >= 1; });
  ASSERT_FALSE(r);
  EXPECT_TRUE(kube::IsCanceled(r.error()));
  EXPECT_LT(elapsed, kCancelBudget);
  EXPECT_EQ(server_.RequestCount(), 1) << "waiting out Retry-After, not hammering";
}

TEST_F(CancellationTest, DeadlinePassedMidCall) {
  server_.AddFault({.method = "GET", .times = -1, .latency = 5s});
  auto cms = ConfigMaps();
  auto [ctx, cancel] = kube::WithTimeout(Context::Background(), 100ms);
  auto start = Clock::now();
  auto r = cms.Get(ctx, "x", {});
  auto took = Clock::now() - start;
  ASSERT_FALSE(r);
  EXPECT_TRUE(kube::IsDeadlineExceeded(r.error())) << r.error().ToString();
  EXPECT_GE(took, 90ms);
  EXPECT_LT(took, 100ms + 10 * kCancelBudget);
  cancel();
}

TEST_F(CancellationTest, ConfigTimeoutBoundsTheCall) {
  server_.AddFault({.method = "GET", .times = -1, .latency = 5s});
  config_.timeout = 100ms;
  auto client = kube::rest::Client::New(config_).value();
  kube::TypedClient<ConfigMap, ConfigMapList> cms(client, kConfigMaps, "default");
  auto start = Clock::now();
  auto r = cms.Get(Context::Background(), "x", {});
  ASSERT_FALSE(r);
  EXPECT_TRUE(kube::IsDeadlineExceeded(r.error()));
  EXPECT_LT(Clock::now() - start, 1s);
}

TEST_F(CancellationTest, AlreadyCancelledContextSendsNothing) {
  auto [ctx, cancel] = kube::WithCancel(Context::Background());
  cancel();
  server_.ClearRequests();
  auto r = ConfigMaps().Get(ctx, "x", {});
  ASSERT_FALSE(r);
  EXPECT_TRUE(kube::IsCanceled(r.error()));
  EXPECT_EQ(server_.RequestCount(), 0);
}

TEST_F(CancellationTest, CancelledWatchEndsAndWatcherStops) {
  auto cms = ConfigMaps();
  auto [ctx, cancel] = kube::WithCancel(Context::Background());
  auto w = cms.Watch(ctx, {});
  ASSERT_TRUE(w) << w.error().ToString();
  auto fut = std::async(std::launch::async, [&] { return (*w)->Next(Context::Background()); });
  std::this_thread::sleep_for(30ms);
  auto cancelled_at = Clock::now();
  cancel();
  EXPECT_FALSE(fut.get().has_value());
  EXPECT_LT(Clock::now() - cancelled_at, kCancelBudget);
  EXPECT_FALSE((*w)->Next(Context::Background()).has_value()) << "stays ended";
}

TEST_F(CancellationTest, StopWakesABlockedNext) {
  auto w = ConfigMaps().Watch(Context::Background(), {});
  ASSERT_TRUE(w);
  auto fut = std::async(std::launch::async, [&] { return (*w)->Next(Context::Background()); });
  std::this_thread::sleep_for(30ms);
  auto stopped_at = Clock::now();
  (*w)->Stop();
  EXPECT_FALSE(fut.get().has_value());
  EXPECT_LT(Clock::now() - stopped_at, kCancelBudget);
  (*w)->Stop();  // again: harmless
}

TEST_F(CancellationTest, NextHonoursItsOwnContext) {
  auto w = ConfigMaps().Watch(Context::Background(), {});
  ASSERT_TRUE(w);
  auto [ctx, cancel] = kube::WithTimeout(Context::Background(), 50ms);
  auto start = Clock::now();
  EXPECT_FALSE((*w)->Next(ctx).has_value());
  EXPECT_LT(Clock::now() - start, 1s);
  cancel();
  // The watch itself goes on: a later event still arrives.
  ASSERT_TRUE(ConfigMaps().Create(Context::Background(), MakeConfigMap("after"), {}));
  auto [ctx2, cancel2] = kube::WithTimeout(Context::Background(), 5s);
  auto ev = (*w)->Next(ctx2);
  ASSERT_TRUE(ev.has_value());
  EXPECT_EQ(ev->object.metadata.name, "after");
  cancel2();
}

TEST_F(CancellationTest, NoThreadLeftBehind) {
  // Warm up: the server's pool and one client life cycle.
  {
    auto client = kube::rest::Client::New(config_).value();
    kube::TypedClient<ConfigMap, ConfigMapList> cms(client, kConfigMaps, "default");
    (void)cms.Get(Context::Background(), "x", {});
  }
  client_.reset();
  std::this_thread::sleep_for(50ms);
  const int baseline = ThreadCount();
  server_.AddFault({.method = "GET",
                    .path_prefix = "/api/v1/namespaces/default/configmaps/slow",
                    .times = -1,
                    .latency = 200ms});
  for (int round = 0; round < 3; ++round) {
    auto client = kube::rest::Client::New(config_).value();
    kube::TypedClient<ConfigMap, ConfigMapList> cms(client, kConfigMaps, "default");
    for (int i = 0; i < 50; ++i) {
      auto [ctx, cancel] = kube::WithTimeout(Context::Background(), 2ms);
      (void)cms.Get(ctx, "slow", {});
      cancel();
    }
    auto w = cms.Watch(Context::Background(), {});
    ASSERT_TRUE(w);
    (*w)->Stop();
  }
  for (int i = 0; i < 100 && ThreadCount() != baseline; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(ThreadCount(), baseline);
}

}  // namespace
}  // namespace kube_test
