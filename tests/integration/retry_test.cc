// Retries: 429 and retryable 5xx are retried with back-off that honours Retry-After; other
// errors and non-idempotent 5xx are not.
#include <gtest/gtest.h>

#include "support/server_fixture.h"

namespace kube_test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using kube::Context;

class RetryTest : public ServerTest {};

TEST_F(RetryTest, HonoursRetryAfter) {
  auto cms = ConfigMaps();
  ASSERT_TRUE(cms.Create(Context::Background(), MakeConfigMap("r"), {}));
  server_.AddFault({.method = "GET", .times = 1, .status = 429, .retry_after_seconds = 1});
  kube::ClientTrace trace;
  std::vector<std::chrono::milliseconds> delays;
  trace.on_retry = [&](int, std::chrono::milliseconds d) { delays.push_back(d); };
  server_.ClearRequests();
  auto start = Clock::now();
  auto r = cms.Get(kube::WithClientTrace(Context::Background(), trace), "r", {});
  auto took = Clock::now() - start;
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(server_.RequestCount(), 2);
  ASSERT_EQ(delays.size(), 1u);
  EXPECT_EQ(delays[0], 1s);
  EXPECT_GE(took, 1s);
  EXPECT_LT(took, 3s);
}

TEST_F(RetryTest, RetriesServiceUnavailableWithBackoff) {
  auto cms = ConfigMaps();
  ASSERT_TRUE(cms.Create(Context::Background(), MakeConfigMap("r"), {}));
  server_.AddFault({.method = "GET", .times = 3, .status = 503});
  server_.ClearRequests();
  auto r = cms.Get(Context::Background(), "r", {});
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(server_.RequestCount(), 4);
}

TEST_F(RetryTest, GivesUpAfterMaxRetries) {
  config_.max_retries = 2;
  auto client = kube::rest::Client::New(config_).value();
  kube::TypedClient<ConfigMap, ConfigMapList> cms(client, kConfigMaps, "default");
  server_.AddFault({.method = "GET", .times = -1, .status = 503});
  server_.ClearRequests();
  auto r = cms.Get(Context::Background(), "r", {});
  ASSERT_FALSE(r);
  EXPECT_TRUE(kube::IsServiceUnavailable(r.error()));
  EXPECT_EQ(server_.RequestCount(), 3);
}

TEST_F(RetryTest, DoesNotRetryClientErrorsOrNonIdempotent5xx) {
  auto cms = ConfigMaps();
  server_.ClearRequests();
  EXPECT_TRUE(kube::IsNotFound(cms.Get(Context::Background(), "missing", {}).error()));
  EXPECT_EQ(server_.RequestCount(), 1);
  server_.AddFault({.method = "POST", .times = 1, .status = 500});
  server_.ClearRequests();
  auto r = cms.Create(Context::Background(), MakeConfigMap("once"), {});
  ASSERT_FALSE(r);
  EXPECT_TRUE(kube::IsInternalError(r.error()));
  EXPECT_EQ(server_.RequestCount(), 1) << "a POST may have been applied: never repeated on 500";
}

TEST_F(RetryTest, TooManyRequestsIsRetriedEvenForPost) {
  auto cms = ConfigMaps();
  server_.AddFault({.method = "POST", .times = 1, .status = 429, .retry_after_seconds = 0});
  server_.ClearRequests();
  ASSERT_TRUE(cms.Create(Context::Background(), MakeConfigMap("throttled"), {}));
  EXPECT_EQ(server_.RequestCount(), 2);
}

TEST_F(RetryTest, DroppedConnectionOfAGetIsRetried) {
  auto cms = ConfigMaps();
  ASSERT_TRUE(cms.Create(Context::Background(), MakeConfigMap("d"), {}));
  server_.AddFault({.method = "GET", .times = 1, .drop_connection = true});
  auto r = cms.Get(Context::Background(), "d", {});
  ASSERT_TRUE(r) << r.error().ToString();
}

TEST_F(RetryTest, DeadlineCutsTheBackoffShort) {
  server_.AddFault({.method = "GET", .times = -1, .status = 429, .retry_after_seconds = 10});
  auto [ctx, cancel] = kube::WithTimeout(Context::Background(), 200ms);
  auto start = Clock::now();
  auto r = ConfigMaps().Get(ctx, "x", {});
  ASSERT_FALSE(r);
  EXPECT_TRUE(kube::IsDeadlineExceeded(r.error()));
  EXPECT_LT(Clock::now() - start, 1s);
  cancel();
}

}  // namespace
}  // namespace kube_test
