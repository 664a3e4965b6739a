// TypedClient over real HTTP against the test API server: every verb and error reason.
#include <gtest/gtest.h>

#include <thread>

#include "support/server_fixture.h"

namespace kube_test {
namespace {

using kube::Context;

class TypedClientTest : public ServerTest {};

TEST_F(TypedClientTest, CreateGetUpdateDelete) {
  auto cms = ConfigMaps();
  auto created = cms.Create(Context::Background(), MakeConfigMap("a", {{"app", "web"}}), {});
  ASSERT_TRUE(created) << created.error().ToString();
  EXPECT_EQ(created->metadata.namespace_, "default");
  EXPECT_FALSE(created->metadata.uid.empty());
  EXPECT_FALSE(created->metadata.resource_version.empty());

  auto got = cms.Get(Context::Background(), "a", {});
  ASSERT_TRUE(got);
  EXPECT_EQ(got->data.at("key"), "value");

  got->data["key"] = "changed";
  auto updated = cms.Update(Context::Background(), *got, {});
  ASSERT_TRUE(updated) << updated.error().ToString();
  EXPECT_EQ(updated->data.at("key"), "changed");
  EXPECT_NE(updated->metadata.resource_version, got->metadata.resource_version);

  auto stale = cms.Update(Context::Background(), *got, {});  // got's version is old now
  ASSERT_FALSE(stale);
  EXPECT_TRUE(kube::IsConflict(stale.error()));
  EXPECT_EQ(stale.error().code, 409);

  ASSERT_TRUE(cms.Delete(Context::Background(), "a", {}));
  auto missing = cms.Get(Context::Background(), "a", {});
  ASSERT_FALSE(missing);
  EXPECT_TRUE(kube::IsNotFound(missing.error()));
  EXPECT_TRUE(kube::IsNotFound(cms.Delete(Context::Background(), "a", {}).error()));
}

TEST_F(TypedClientTest, ErrorReasonsSurviveTheWire) {
  auto cms = ConfigMaps();
  ASSERT_TRUE(cms.Create(Context::Background(), MakeConfigMap("dup"), {}));
  auto dup = cms.Create(Context::Background(), MakeConfigMap("dup"), {});
  EXPECT_TRUE(kube::IsAlreadyExists(dup.error()));
  auto invalid = cms.Create(Context::Background(), MakeConfigMap("Not Valid"), {});
  ASSERT_FALSE(invalid);
  EXPECT_TRUE(kube::IsInvalid(invalid.error()));
  EXPECT_EQ(invalid.error().details.causes.at(0).field, "metadata.name");
  server_.AddFault({.method = "GET", .status = 403});
  EXPECT_TRUE(kube::IsForbidden(cms.Get(Context::Background(), "dup", {}).error()));
  server_.AddFault({.method = "GET", .status = 401});
  EXPECT_TRUE(kube::IsUnauthorized(cms.Get(Context::Background(), "dup", {}).error()));
  auto empty_name = cms.Get(Context::Background(), "", {});
  ASSERT_FALSE(empty_name);
  EXPECT_EQ(empty_name.error().code, 0) << "rejected before any request";
  auto traversal = cms.Get(Context::Background(), "../../../api/v1/secrets", {});
  ASSERT_FALSE(traversal);
  EXPECT_TRUE(kube::IsInvalid(traversal.error()));
}

TEST_F(TypedClientTest, ListWithSelectorsAndPagination) {
  auto cms = ConfigMaps();
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(cms.Create(
        Context::Background(),
        MakeConfigMap("cm" + std::to_string(i), {{"parity", i % 2 ? "odd" : "even"}}), {}));
  }
  ASSERT_TRUE(ConfigMaps("other").Create(Context::Background(), MakeConfigMap("x"), {}));
  auto even = cms.List(Context::Background(), {.label_selector = "parity=even"});
  ASSERT_TRUE(even);
  EXPECT_EQ(even->items.size(), 3u);
  auto named = cms.List(Context::Background(), {.field_selector = "metadata.name=cm3"});
  ASSERT_EQ(named->items.size(), 1u);
  auto everywhere = ConfigMaps("").List(Context::Background(), {});
  EXPECT_EQ(everywhere->items.size(), 6u);
  auto page1 = cms.List(Context::Background(), {.limit = 2});
  ASSERT_TRUE(page1);
  EXPECT_EQ(page1->items.size(), 2u);
  ASSERT_FALSE(page1->metadata.continue_.empty());
  auto page2 =
      cms.List(Context::Background(), {.limit = 2, .continue_ = page1->metadata.continue_});
  EXPECT_EQ(page2->items.size(), 2u);
  EXPECT_NE(page2->items[0].metadata.name, page1->items[0].metadata.name);
  auto bad = cms.List(Context::Background(), {.label_selector = "in in in"});
  EXPECT_TRUE(kube::IsBadRequest(bad.error()));
}

TEST_F(TypedClientTest, StatusSubresourceAndPatches) {
  auto widgets = Widgets();
  Widget w;
  w.metadata.name = "w";
  w.spec.size = 1;
  w.status.phase = "Ignored";
  auto created = widgets.Create(Context::Background(), w, {});
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status.phase, "");
  created->status.phase = "Ready";
  auto st = widgets.UpdateStatus(Context::Background(), *created, {});
  ASSERT_TRUE(st) << st.error().ToString();
  EXPECT_EQ(st->status.phase, "Ready");
  auto merged = widgets.Patch(Context::Background(), "w", kube::PatchType::kMergePatch,
                              R"({"spec":{"color":"blue"}})", {});
  ASSERT_TRUE(merged);
  EXPECT_EQ(merged->spec.color, "blue");
  EXPECT_EQ(merged->status.phase, "Ready");
  auto jp = widgets.Patch(Context::Background(), "w", kube::PatchType::kJsonPatch,
                          R"([{"op":"replace","path":"/spec/size","value":7}])", {});
  ASSERT_TRUE(jp);
  EXPECT_EQ(jp->spec.size, 7);
  auto status_patch =
      widgets.Patch(Context::Background(), "w", kube::PatchType::kMergePatch,
                    R"({"status":{"phase":"Done"},"spec":{"size":0}})", {}, {"status"});
  ASSERT_TRUE(status_patch);
  EXPECT_EQ(status_patch->status.phase, "Done");
  EXPECT_EQ(status_patch->spec.size, 7);
}

TEST_F(TypedClientTest, DeleteCollectionAndPreconditions) {
  auto cms = ConfigMaps();
  auto a = cms.Create(Context::Background(), MakeConfigMap("a", {{"del", "yes"}}), {});
  ASSERT_TRUE(cms.Create(Context::Background(), MakeConfigMap("b", {{"del", "yes"}}), {}));
  ASSERT_TRUE(cms.Create(Context::Background(), MakeConfigMap("c"), {}));
  kube::DeleteOptions wrong;
  wrong.preconditions = kube::Preconditions{.uid = "not-it"};
  EXPECT_TRUE(kube::IsConflict(cms.Delete(Context::Background(), "a", wrong).error()));
  ASSERT_TRUE(cms.DeleteCollection(Context::Background(), {}, {.label_selector = "del=yes"}));
  auto left = cms.List(Context::Background(), {});
  ASSERT_EQ(left->items.size(), 1u);
  EXPECT_EQ(left->items[0].metadata.name, "c");
}

TEST_F(TypedClientTest, ScaleSubresourceRaw) {
  auto widgets = Widgets();
  Widget w;
  w.metadata.name = "s";
  ASSERT_TRUE(widgets.Create(Context::Background(), w, {}));
  auto raw = widgets.resource().Get(Context::Background(), "s", {}, "scale");
  ASSERT_TRUE(raw);
  EXPECT_NE(raw->find("\"kind\":\"Scale\""), std::string::npos);
}

TEST_F(TypedClientTest, SafeFromManyThreads) {
  auto cms = ConfigMaps();
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        std::string name = "t" + std::to_string(t) + "-" + std::to_string(i);
        if (cms.Create(Context::Background(), MakeConfigMap(name), {}) &&
            cms.Get(Context::Background(), name, {})) {
          ++ok;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok, 160);
  EXPECT_EQ(cms.List(Context::Background(), {})->items.size(), 160u);
}

TEST_F(TypedClientTest, ConnectionsAreReused) {
  auto cms = ConfigMaps();
  ASSERT_TRUE(cms.Create(Context::Background(), MakeConfigMap("r"), {}));
  kube::ClientTrace trace;
  int reused = 0, fresh = 0;
  trace.on_got_connection = [&](const kube::ConnectionInfo& c) { c.reused ? ++reused : ++fresh; };
  Context traced = kube::WithClientTrace(Context::Background(), trace);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(cms.Get(traced, "r", {}));
  EXPECT_EQ(reused + fresh, 10);
  EXPECT_GE(reused, 9) << "one keep-alive connection serves sequential calls";
}

TEST_F(TypedClientTest, ClientTraceHooksFire) {
  auto cms = ConfigMaps();
  kube::ClientTrace trace;
  std::vector<std::string> seen;
  trace.on_request_start = [&](std::string_view method, std::string_view url) {
    seen.push_back("start " + std::string(method) + " " + std::string(url));
  };
  trace.on_got_connection = [&](const kube::ConnectionInfo& c) {
    seen.push_back("conn " + c.remote_address);
  };
  trace.on_first_byte = [&](auto) { seen.push_back("first-byte"); };
  trace.on_done = [&](int code, const kube::Error* err) {
    seen.push_back("done " + std::to_string(code) + (err ? " err" : ""));
  };
  auto missing = cms.Get(kube::WithClientTrace(Context::Background(), trace), "nope", {});
  ASSERT_FALSE(missing);
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0], "start GET /api/v1/namespaces/default/configmaps/nope");
  EXPECT_TRUE(seen[1].starts_with("conn 127.0.0.1:"));
  EXPECT_EQ(seen[2], "first-byte");
  EXPECT_EQ(seen[3], "done 404");
}

TEST_F(TypedClientTest, BearerTokenAndUserAgentAreSent) {
  config_.bearer_token = "s3cret";
  config_.user_agent = "my-controller/1.0";
  auto client = kube::rest::Client::New(config_).value();
  kube::TypedClient<ConfigMap, ConfigMapList> cms(client, kConfigMaps, "default");
  server_.ClearRequests();
  (void)cms.Get(Context::Background(), "x", {});
  auto reqs = server_.Requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].headers["authorization"], "Bearer s3cret");
  EXPECT_EQ(reqs[0].headers["user-agent"], "my-controller/1.0");
}

TEST_F(TypedClientTest, BadServerResponsesAreErrorsNotCrashes) {
  auto cms = ConfigMaps();
  ASSERT_TRUE(cms.Create(Context::Background(), MakeConfigMap("j"), {}));
  // A 200 whose body is not the object: decode error, no crash.
  kube::TypedClient<Widget, WidgetList> wrong(client_, kConfigMaps, "default");
  auto as_widget = wrong.Get(Context::Background(), "j", {});
  EXPECT_TRUE(as_widget) << "unknown fields are ignored";
  server_.AddFault({.method = "GET", .status = 500});
  config_.max_retries = 0;
  auto client = kube::rest::Client::New(config_).value();
  kube::TypedClient<ConfigMap, ConfigMapList> no_retry(client, kConfigMaps, "default");
  auto r = no_retry.Get(Context::Background(), "j", {});
  ASSERT_FALSE(r);
  EXPECT_TRUE(kube::IsInternalError(r.error()));
}

TEST_F(TypedClientTest, UnreachableServerIsATransportError) {
  kube::rest::Config cfg;
  cfg.host = "http://127.0.0.1:1";  // nothing listens on port 1
  cfg.max_retries = 0;
  auto client = kube::rest::Client::New(cfg).value();
  kube::TypedClient<ConfigMap, ConfigMapList> cms(client, kConfigMaps, "default");
  auto r = cms.Get(Context::Background(), "x", {});
  ASSERT_FALSE(r);
  EXPECT_TRUE(kube::IsTransport(r.error()));
  EXPECT_NE(r.error().message.find("127.0.0.1:1"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace kube_test
