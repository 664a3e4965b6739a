// The test API server over real HTTP: discovery, status codes and bodies shaped like the
// kube-apiserver's, watch streaming, and fault injection.
#include "kube/testing/apiserver.h"

#include <gtest/gtest.h>

#include "kube/rest/client.h"
#include "support/test_types.h"

namespace kube::testing {
namespace {

using namespace std::chrono_literals;

class APIServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start());
    rest::Config cfg;
    cfg.host = server_.URL();
    cfg.qps = -1;
    cfg.max_retries = 0;
    client_ = rest::Client::New(cfg).value();
  }

  Result<rest::Response> Call(std::string method, std::string path, std::string body = "",
                              std::string content_type = "application/json") {
    rest::Request req(std::move(method));
    req.AbsPath(std::move(path));
    if (!body.empty()) req.Body(std::move(body), std::move(content_type));
    return client_->Do(Context::Background(), req);
  }

  APIServer server_{kube_test::TestScheme(), APIServerOptions{.bookmark_interval = 50ms}};
  std::shared_ptr<rest::Client> client_;
};

TEST_F(APIServerTest, ListensOnLoopbackEphemeralPort) {
  EXPECT_TRUE(server_.URL().starts_with("http://127.0.0.1:"));
  EXPECT_GT(server_.Port(), 0);
}

TEST_F(APIServerTest, DiscoveryDescribesTheScheme) {
  auto api = Call("GET", "/api");
  ASSERT_TRUE(api);
  EXPECT_EQ(json::parse(api->body)["versions"], json({"v1"}));
  auto groups = json::parse(Call("GET", "/apis")->body);
  ASSERT_EQ(groups["groups"].size(), 1u);
  EXPECT_EQ(groups["groups"][0]["name"], "example.com");
  EXPECT_EQ(groups["groups"][0]["preferredVersion"]["groupVersion"], "example.com/v1");
  auto res = json::parse(Call("GET", "/apis/example.com/v1")->body);
  EXPECT_EQ(res["kind"], "APIResourceList");
  std::vector<std::string> names;
  for (auto& r : res["resources"]) names.push_back(r["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"widgets", "widgets/status", "widgets/scale"}));
  EXPECT_TRUE(IsNotFound(Call("GET", "/apis/nope.io/v1").error()));
  EXPECT_TRUE(json::parse(Call("GET", "/version")->body).contains("gitVersion"));
}

TEST_F(APIServerTest, CrudWithStatusCodes) {
  auto created = Call("POST", "/api/v1/namespaces/default/configmaps",
                      R"({"metadata":{"name":"a"},"data":{"k":"v"}})");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->code, 201);
  auto dup = Call("POST", "/api/v1/namespaces/default/configmaps", R"({"metadata":{"name":"a"}})");
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, 409);
  EXPECT_TRUE(IsAlreadyExists(dup.error()));
  EXPECT_EQ(dup.error().details.name, "a");
  auto got = Call("GET", "/api/v1/namespaces/default/configmaps/a");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->code, 200);
  auto mismatch =
      Call("PUT", "/api/v1/namespaces/default/configmaps/a", R"({"metadata":{"name":"b"}})");
  EXPECT_TRUE(IsBadRequest(mismatch.error()));
  auto invalid = Call("POST", "/api/v1/namespaces/default/configmaps", R"({"metadata":{}})");
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().code, 422);
  auto del = Call("DELETE", "/api/v1/namespaces/default/configmaps/a");
  ASSERT_TRUE(del);
  EXPECT_TRUE(IsNotFound(Call("GET", "/api/v1/namespaces/default/configmaps/a").error()));
  EXPECT_TRUE(IsNotFound(Call("GET", "/api/v1/namespaces/default/nothings").error()));
  EXPECT_TRUE(IsBadRequest(Call("POST", "/api/v1/namespaces/default/configmaps", "{nope").error()));
}

TEST_F(APIServerTest, PatchContentTypes) {
  ASSERT_TRUE(
      Call("POST", "/api/v1/namespaces/default/configmaps", R"({"metadata":{"name":"p"}})"));
  auto merged = Call("PATCH", "/api/v1/namespaces/default/configmaps/p", R"({"data":{"x":"1"}})",
                     "application/merge-patch+json");
  ASSERT_TRUE(merged);
  EXPECT_EQ(json::parse(merged->body)["data"]["x"], "1");
  auto wrong = Call("PATCH", "/api/v1/namespaces/default/configmaps/p", "{}", "text/plain");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, 415);
}

TEST_F(APIServerTest, ScaleSubresource) {
  ASSERT_TRUE(Call(
      "POST", "/apis/example.com/v1/namespaces/default/widgets",
      R"({"metadata":{"name":"w"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"w"}}}})"));
  auto scale = Call("GET", "/apis/example.com/v1/namespaces/default/widgets/w/scale");
  ASSERT_TRUE(scale);
  json s = json::parse(scale->body);
  EXPECT_EQ(s["kind"], "Scale");
  EXPECT_EQ(s["spec"]["replicas"], 2);
  EXPECT_EQ(s["status"]["selector"], "app=w");
  auto put = Call("PUT", "/apis/example.com/v1/namespaces/default/widgets/w/scale",
                  R"({"spec":{"replicas":5}})");
  ASSERT_TRUE(put);
  EXPECT_EQ(json::parse(put->body)["spec"]["replicas"], 5);
  auto w = json::parse(Call("GET", "/apis/example.com/v1/namespaces/default/widgets/w")->body);
  EXPECT_EQ(w["spec"]["replicas"], 5);
}

TEST_F(APIServerTest, ScaleSubresourcePatch) {
  ASSERT_TRUE(Call("POST", "/apis/example.com/v1/namespaces/default/widgets",
                   R"({"metadata":{"name":"w"},"spec":{"replicas":1}})"));
  const std::string scale = "/apis/example.com/v1/namespaces/default/widgets/w/scale";
  // kubectl scale sends a merge patch to the Scale.
  auto merged = Call("PATCH", scale, R"({"spec":{"replicas":3}})", "application/merge-patch+json");
  ASSERT_TRUE(merged) << merged.error().message;
  EXPECT_EQ(json::parse(merged->body)["kind"], "Scale");
  EXPECT_EQ(json::parse(merged->body)["spec"]["replicas"], 3);
  auto strategic =
      Call("PATCH", scale, R"({"spec":{"replicas":4}})", "application/strategic-merge-patch+json");
  ASSERT_TRUE(strategic) << strategic.error().message;
  auto json_patch = Call("PATCH", scale, R"([{"op":"replace","path":"/spec/replicas","value":5}])",
                         "application/json-patch+json");
  ASSERT_TRUE(json_patch) << json_patch.error().message;
  auto w = json::parse(Call("GET", "/apis/example.com/v1/namespaces/default/widgets/w")->body);
  EXPECT_EQ(w["spec"]["replicas"], 5);
  auto bad =
      Call("PATCH", scale, R"({"spec":{"replicas":"many"}})", "application/merge-patch+json");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, 422);
}

TEST_F(APIServerTest, ApplyPatchNeedsAFieldManager) {
  const std::string path = "/api/v1/namespaces/default/configmaps/applied";
  auto refused = Call("PATCH", path, "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n",
                      "application/apply-patch+yaml");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, 400);
  EXPECT_EQ(refused.error().message, "fieldManager is required for apply requests");
  auto created =
      Call("PATCH", path + "?fieldManager=test", "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n",
           "application/apply-patch+yaml");
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(json::parse(created->body)["data"]["a"], "b");
}

TEST_F(APIServerTest, ClusterScopedPaths) {
  ASSERT_TRUE(Call("POST", "/api/v1/namespaces", R"({"metadata":{"name":"team-a"}})"));
  auto ns = Call("GET", "/api/v1/namespaces/team-a");
  ASSERT_TRUE(ns);
  EXPECT_EQ(json::parse(ns->body)["kind"], "Namespace");
  EXPECT_TRUE(Call("GET", "/api/v1/namespaces/team-a/status"));
}

TEST_F(APIServerTest, FaultStatusWithRetryAfter) {
  server_.AddFault({.method = "GET", .times = 1, .status = 429, .retry_after_seconds = 7});
  auto r = Call("GET", "/api/v1/namespaces/default/configmaps");
  ASSERT_FALSE(r);
  EXPECT_TRUE(IsTooManyRequests(r.error()));
  EXPECT_EQ(r.error().details.retry_after_seconds, 7);
  EXPECT_TRUE(Call("GET", "/api/v1/namespaces/default/configmaps")) << "times=1 is used up";
}

TEST_F(APIServerTest, FaultDroppedConnectionIsATransportError) {
  server_.AddFault({.path_prefix = "/api/v1", .times = 1, .drop_connection = true});
  auto r = Call("GET", "/api/v1/namespaces/default/configmaps");
  ASSERT_FALSE(r);
  EXPECT_TRUE(IsTransport(r.error())) << r.error().ToString();
}

TEST_F(APIServerTest, FaultLatencyDelays) {
  int id = server_.AddFault({.times = -1, .latency = 100ms});
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(Call("GET", "/version"));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 100ms);
  server_.RemoveFault(id);
  start = std::chrono::steady_clock::now();
  ASSERT_TRUE(Call("GET", "/version"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 100ms);
}

TEST_F(APIServerTest, RecordsRequests) {
  server_.ClearRequests();
  ASSERT_TRUE(Call("GET", "/api/v1/namespaces/default/configmaps"));
  auto reqs = server_.Requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].method, "GET");
  EXPECT_EQ(reqs[0].path, "/api/v1/namespaces/default/configmaps");
  EXPECT_TRUE(reqs[0].headers["user-agent"].starts_with("kube-clientgen/"));
  EXPECT_EQ(server_.RequestCount(), 1);
}

TEST_F(APIServerTest, WatchStreamsEventsAndBookmarks) {
  rest::Request req("GET");
  req.AbsPath("/api/v1/namespaces/default/configmaps")
      .Param("watch", "true")
      .Param("allowWatchBookmarks", "true")
      .Param("resourceVersion", "0");
  auto stream = client_->Stream(Context::Background(), req);
  ASSERT_TRUE(stream) << stream.error().ToString();
  ASSERT_TRUE(server_.Tracker().Create(kube_test::kConfigMaps, "default",
                                       json{{"metadata", {{"name", "w1"}}}}));
  auto [ctx, cancel] = WithTimeout(Context::Background(), 5s);
  bool saw_added = false, saw_bookmark = false;
  while (!(saw_added && saw_bookmark)) {
    auto line = (*stream)->ReadLine(ctx);
    ASSERT_TRUE(line && *line);
    auto ev = ParseWatchEvent(**line);
    ASSERT_TRUE(ev);
    saw_added |= ev->type == WatchEventType::kAdded;
    saw_bookmark |= ev->type == WatchEventType::kBookmark;
  }
  cancel();
}

TEST_F(APIServerTest, WatchTooOldIsAnErrorEvent) {
  ASSERT_TRUE(server_.Tracker().Create(kube_test::kConfigMaps, "default",
                                       json{{"metadata", {{"name", "a"}}}}));
  ASSERT_TRUE(server_.Tracker().Create(kube_test::kConfigMaps, "default",
                                       json{{"metadata", {{"name", "b"}}}}));
  server_.Tracker().Compact();
  rest::Request req("GET");
  req.AbsPath("/api/v1/namespaces/default/configmaps")
      .Param("watch", "true")
      .Param("resourceVersion", "1");
  auto stream = client_->Stream(Context::Background(), req);
  ASSERT_TRUE(stream);
  auto line = (*stream)->ReadLine(Context::Background());
  ASSERT_TRUE(line && *line);
  auto ev = ParseWatchEvent(**line);
  ASSERT_TRUE(ev);
  EXPECT_EQ(ev->type, WatchEventType::kError);
  Status s;
  ASSERT_TRUE(DecodeJSON(ev->object, s));
  EXPECT_EQ(s.code, 410);
  EXPECT_TRUE(IsGone(s.ToError()));
}

TEST_F(APIServerTest, WatchTimeoutSecondsEndsTheStream) {
  rest::Request req("GET");
  req.AbsPath("/api/v1/namespaces/default/configmaps")
      .Param("watch", "true")
      .Param("timeoutSeconds", "1");
  auto stream = client_->Stream(Context::Background(), req);
  ASSERT_TRUE(stream);
  auto start = std::chrono::steady_clock::now();
  auto line = (*stream)->ReadLine(Context::Background());
  ASSERT_TRUE(line);
  EXPECT_FALSE(line->has_value());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

TEST_F(APIServerTest, StopEndsOpenWatchesPromptly) {
  rest::Request req("GET");
  req.AbsPath("/api/v1/namespaces/default/configmaps").Param("watch", "true");
  auto stream = client_->Stream(Context::Background(), req);
  ASSERT_TRUE(stream);
  while (server_.ActiveWatches() == 0) std::this_thread::sleep_for(1ms);
  auto start = std::chrono::steady_clock::now();
  stream->reset();
  client_.reset();
  server_.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

}  // namespace
}  // namespace kube::testing
