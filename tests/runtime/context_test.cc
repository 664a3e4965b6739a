#include "kube/context.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace kube {
namespace {

using namespace std::chrono_literals;

TEST(ContextTest, BackgroundIsNeverDone) {
  Context bg = Context::Background();
  EXPECT_FALSE(bg.Done());
  EXPECT_FALSE(bg.Err().has_value());
  EXPECT_FALSE(bg.Deadline().has_value());
  EXPECT_FALSE(Context::TODO().Done());
  EXPECT_FALSE(Context().Done());
}

TEST(ContextTest, CancelMarksDoneWithCanceled) {
  auto [ctx, cancel] = WithCancel(Context::Background());
  EXPECT_FALSE(ctx.Done());
  cancel();
  EXPECT_TRUE(ctx.Done());
  ASSERT_TRUE(ctx.Err().has_value());
  EXPECT_TRUE(IsCanceled(*ctx.Err()));
  cancel();  // idempotent
  EXPECT_TRUE(IsCanceled(*ctx.Err()));
}

TEST(ContextTest, CancelFuncIsCopyable) {
  auto [ctx, cancel] = WithCancel(Context::Background());
  CancelFunc copy = cancel;
  copy();
  EXPECT_TRUE(ctx.Done());
}

TEST(ContextTest, CancelPropagatesToChildrenNotParents) {
  auto [parent, cancel_parent] = WithCancel(Context::Background());
  auto [child, cancel_child] = WithCancel(parent);
  auto [grandchild, cancel_grandchild] = WithTimeout(child, 1h);
  Context valued = WithValue(grandchild, "k", 1);
  cancel_child();
  EXPECT_FALSE(parent.Done());
  EXPECT_TRUE(child.Done());
  EXPECT_TRUE(grandchild.Done());
  EXPECT_TRUE(valued.Done());
  EXPECT_TRUE(IsCanceled(*valued.Err()));
  cancel_parent();
  cancel_grandchild();
}

TEST(ContextTest, ChildOfCancelledParentStartsDone) {
  auto [parent, cancel] = WithCancel(Context::Background());
  cancel();
  auto [child, cancel_child] = WithCancel(parent);
  EXPECT_TRUE(child.Done());
  cancel_child();
}

TEST(ContextTest, TimeoutExpiresWithDeadlineExceeded) {
  auto [ctx, cancel] = WithTimeout(Context::Background(), 20ms);
  ASSERT_TRUE(ctx.Deadline().has_value());
  EXPECT_FALSE(ctx.Done());
  std::this_thread::sleep_for(40ms);
  EXPECT_TRUE(ctx.Done());
  EXPECT_TRUE(IsDeadlineExceeded(*ctx.Err()));
  cancel();
  EXPECT_TRUE(IsDeadlineExceeded(*ctx.Err())) << "a passed deadline stays the reason";
}

TEST(ContextTest, WithTimeoutAcceptsAnyDuration) {
  auto [a, ca] = WithTimeout(Context::Background(), std::chrono::seconds(5));
  auto [b, cb] = WithTimeout(Context::Background(), std::chrono::duration<double>(0.5));
  auto [c, cc] = WithTimeout(Context::Background(), std::chrono::microseconds(100));
  EXPECT_GT(*a.Deadline(), *b.Deadline());
  std::this_thread::sleep_for(2ms);
  EXPECT_TRUE(c.Done());
  ca();
  cb();
  cc();
}

TEST(ContextTest, ChildDeadlineIsTheEarlierOne) {
  auto [parent, cp] = WithTimeout(Context::Background(), 10ms);
  auto [child, cc] = WithTimeout(parent, 1h);
  EXPECT_EQ(*child.Deadline(), *parent.Deadline());
  std::this_thread::sleep_for(20ms);
  EXPECT_TRUE(child.Done());
  EXPECT_TRUE(IsDeadlineExceeded(*child.Err()));
  cp();
  cc();
}

TEST(ContextTest, WithDeadlineAcceptsSystemClock) {
  auto [ctx, cancel] = WithDeadline(Context::Background(), std::chrono::system_clock::now() + 10ms);
  std::this_thread::sleep_for(30ms);
  EXPECT_TRUE(ctx.Done());
  cancel();
}

TEST(ContextTest, WaitReturnsEarlyOnCancel) {
  auto [ctx, cancel] = WithCancel(Context::Background());
  std::thread canceller([cancel = cancel] {
    std::this_thread::sleep_for(20ms);
    cancel();
  });
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(ctx.Wait(10s));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  canceller.join();
}

TEST(ContextTest, WaitTimesOutWhenNotDone) {
  auto [ctx, cancel] = WithCancel(Context::Background());
  EXPECT_FALSE(ctx.Wait(5ms));
  EXPECT_FALSE(Context::Background().Wait(1ms));
  cancel();
}

TEST(ContextTest, WaitStopsAtDeadline) {
  auto [ctx, cancel] = WithTimeout(Context::Background(), 20ms);
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(ctx.Wait(10s));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  cancel();
}

TEST(ContextTest, ValuesAreInheritedAndShadowed) {
  Context a = WithValue(Context::Background(), "user", std::string("alice"));
  Context b = WithValue(a, "trace", 42);
  Context c = WithValue(b, "user", std::string("bob"));
  ASSERT_NE(b.ValueAs<std::string>("user"), nullptr);
  EXPECT_EQ(*b.ValueAs<std::string>("user"), "alice");
  EXPECT_EQ(*c.ValueAs<std::string>("user"), "bob");
  EXPECT_EQ(*c.ValueAs<int>("trace"), 42);
  EXPECT_EQ(a.Value("trace"), nullptr);
  EXPECT_EQ(c.ValueAs<int>("user"), nullptr) << "wrong type gives null";
}

TEST(ContextTest, OnCancelRunsOnceAndNotAfterReset) {
  auto [ctx, cancel] = WithCancel(Context::Background());
  int fired = 0, unregistered = 0;
  auto reg = ctx.OnCancel([&] { ++fired; });
  {
    auto gone = ctx.OnCancel([&] { ++unregistered; });
  }
  cancel();
  cancel();
  EXPECT_EQ(fired, 1);
  EXPECT_EQ(unregistered, 0);
  int late = 0;
  auto after = ctx.OnCancel([&] { ++late; });
  EXPECT_EQ(late, 1) << "registering on a done context runs at once";
}

TEST(ContextTest, ParentCancelFiresChildCallbacks) {
  auto [parent, cancel] = WithCancel(Context::Background());
  auto [child, cc] = WithTimeout(parent, 1h);
  std::atomic<int> fired{0};
  auto reg = child.OnCancel([&] { ++fired; });
  cancel();
  EXPECT_EQ(fired, 1);
  cc();
}

TEST(ContextTest, ResetWaitsForARunningCallback) {
  auto [ctx, cancel] = WithCancel(Context::Background());
  std::atomic<bool> running{false}, finished{false};
  auto reg = ctx.OnCancel([&] {
    running = true;
    std::this_thread::sleep_for(50ms);
    finished = true;
  });
  std::thread t([cancel = cancel] { cancel(); });
  while (!running) std::this_thread::yield();
  reg.Reset();
  EXPECT_TRUE(finished) << "Reset returned while the callback still ran";
  t.join();
}

TEST(ContextTest, ManyShortLivedChildrenDoNotAccumulate) {
  auto [parent, cancel] = WithCancel(Context::Background());
  for (int i = 0; i < 100000; ++i) {
    auto [child, cc] = WithCancel(parent);
    cc();
  }
  cancel();
  EXPECT_TRUE(parent.Done());
}

TEST(ContextTest, ConcurrentCancelAndDerive) {
  for (int round = 0; round < 50; ++round) {
    auto [root, cancel] = WithCancel(Context::Background());
    std::atomic<int> done_children{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, root = root] {
        for (int i = 0; i < 50; ++i) {
          auto [c, cc] = WithCancel(root);
          if (c.Wait(std::chrono::microseconds(10))) ++done_children;
          cc();
        }
      });
    }
    cancel();
    for (auto& t : threads) t.join();
    EXPECT_TRUE(root.Done());
  }
}

TEST(ContextTest, ClientTraceTravelsWithTheContext) {
  ClientTrace trace;
  int started = 0;
  trace.on_request_start = [&](std::string_view, std::string_view) { ++started; };
  Context ctx = WithClientTrace(Context::Background(), trace);
  auto [child, cancel] = WithCancel(ctx);
  const ClientTrace* got = GetClientTrace(child);
  ASSERT_NE(got, nullptr);
  got->on_request_start("GET", "/");
  EXPECT_EQ(started, 1);
  EXPECT_EQ(GetClientTrace(Context::Background()), nullptr);
  cancel();
}

}  // namespace
}  // namespace kube
