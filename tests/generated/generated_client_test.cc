// The generated clientset (generated/, namespace `sample`) against the test API server: every
// verb of the wardle and core kinds, selectors, conflicts, subresources, patches, watch, and
// cancellation.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "kube/context.h"
#include "kube/testing/apiserver.h"
#include "sample/clientset/clientset.h"
#include "sample/scheme.h"
#include "support/timing.h"

namespace {

using namespace std::chrono_literals;
using kube::Context;
using sample::api::wardle::v1beta1::Flunder;
using sample::api::wardle::v1beta1::FlunderSpec;

kube::Scheme SampleScheme() {
  kube::Scheme scheme;
  sample::AddToScheme(scheme);
  return scheme;
}

class GeneratedClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start());
    kube::rest::Config cfg;
    cfg.host = server_.URL();
    cfg.qps = -1;
    cs_ = sample::clientset::NewForConfig(cfg).value();
  }

  static Flunder MakeFlunder(std::string name, std::map<std::string, std::string> labels = {}) {
    Flunder f;
    f.metadata.name = std::move(name);
    f.metadata.labels = std::move(labels);
    f.spec.reference = "other";
    f.spec.reference_type = std::string(FlunderSpec::kReferenceTypeFischer);
    return f;
  }

  kube::testing::APIServer server_{SampleScheme()};
  std::shared_ptr<sample::clientset::Clientset> cs_;
};

TEST_F(GeneratedClientTest, SchemeRegistersEveryKind) {
  kube::Scheme s = SampleScheme();
  const kube::KindInfo* flunders = s.ByResource({"wardle.example.com", "v1beta1", "flunders"});
  ASSERT_NE(flunders, nullptr);
  EXPECT_TRUE(flunders->namespaced);
  EXPECT_TRUE(flunders->HasSubresource("status"));
  const kube::KindInfo* fischers = s.ByResource({"wardle.example.com", "v1alpha1", "fischers"});
  ASSERT_NE(fischers, nullptr);
  EXPECT_FALSE(fischers->namespaced);
}

TEST_F(GeneratedClientTest, CrudAndConflict) {
  auto flunders = cs_->WardleV1beta1().Flunders("default");
  auto created =
      flunders->Create(Context::Background(), MakeFlunder("alpha"), kube::CreateOptions{});
  ASSERT_TRUE(created) << created.error().ToString();
  EXPECT_EQ(created->kind, "Flunder");
  EXPECT_EQ(created->api_version, "wardle.example.com/v1beta1");
  EXPECT_EQ(created->spec.reference_type, "Fischer");
  EXPECT_FALSE(created->metadata.uid.empty());

  auto got = flunders->Get(Context::Background(), "alpha", kube::GetOptions{});
  ASSERT_TRUE(got);
  Flunder stale = *got;
  got->spec.reference = "changed";
  auto updated = flunders->Update(Context::Background(), *got, kube::UpdateOptions{});
  ASSERT_TRUE(updated) << updated.error().ToString();
  EXPECT_EQ(updated->spec.reference, "changed");
  stale.spec.reference = "lost";
  auto conflict = flunders->Update(Context::Background(), stale, kube::UpdateOptions{});
  ASSERT_FALSE(conflict);
  EXPECT_TRUE(kube::IsConflict(conflict.error()));

  ASSERT_TRUE(flunders->Delete(Context::Background(), "alpha", kube::DeleteOptions{}));
  auto missing = flunders->Get(Context::Background(), "alpha", kube::GetOptions{});
  ASSERT_FALSE(missing);
  EXPECT_TRUE(kube::IsNotFound(missing.error()));
}

TEST_F(GeneratedClientTest, ListWithLabelAndFieldSelectors) {
  auto flunders = cs_->WardleV1beta1().Flunders("default");
  ASSERT_TRUE(flunders->Create(Context::Background(), MakeFlunder("a", {{"tier", "web"}}), {}));
  ASSERT_TRUE(flunders->Create(Context::Background(), MakeFlunder("b", {{"tier", "db"}}), {}));
  ASSERT_TRUE(flunders->Create(Context::Background(), MakeFlunder("c", {{"tier", "web"}}), {}));
  auto web = flunders->List(Context::Background(), {.label_selector = "tier=web"});
  ASSERT_TRUE(web);
  ASSERT_EQ(web->items.size(), 2u);
  EXPECT_EQ(web->items[0].metadata.name, "a");
  EXPECT_EQ(web->kind, "FlunderList");
  auto b = flunders->List(Context::Background(), {.field_selector = "metadata.name=b"});
  ASSERT_EQ(b->items.size(), 1u);
  EXPECT_EQ(b->items[0].metadata.labels.at("tier"), "db");
  EXPECT_FALSE(b->metadata.resource_version.empty());
}

TEST_F(GeneratedClientTest, UpdateStatusAndPatches) {
  auto flunders = cs_->WardleV1beta1().Flunders("default");
  auto f = flunders->Create(Context::Background(), MakeFlunder("s"), {});
  ASSERT_TRUE(f);
  f->status.phase = "Ready";
  f->status.conditions.push_back({"Ready", "True", 1, kube::Time::Now(), "Done", "all good"});
  auto st = flunders->UpdateStatus(Context::Background(), *f, {});
  ASSERT_TRUE(st) << st.error().ToString();
  EXPECT_EQ(st->status.phase, "Ready");
  ASSERT_EQ(st->status.conditions.size(), 1u);
  EXPECT_EQ(st->status.conditions[0].reason, "Done");
  auto merged = flunders->Patch(Context::Background(), "s", kube::PatchType::kMergePatch,
                                R"({"spec":{"reference":"merged"}})", {});
  ASSERT_TRUE(merged);
  EXPECT_EQ(merged->spec.reference, "merged");
  EXPECT_EQ(merged->status.phase, "Ready");
  auto json_patched =
      flunders->Patch(Context::Background(), "s", kube::PatchType::kJsonPatch,
                      R"([{"op":"replace","path":"/spec/reference","value":"jp"}])", {});
  ASSERT_TRUE(json_patched);
  EXPECT_EQ(json_patched->spec.reference, "jp");
}

TEST_F(GeneratedClientTest, DeleteCollection) {
  auto flunders = cs_->WardleV1beta1().Flunders("default");
  for (auto n : {"x1", "x2", "keep"}) {
    ASSERT_TRUE(
        flunders->Create(Context::Background(),
                         MakeFlunder(n, {{"gone", std::string(n) == "keep" ? "no" : "yes"}}), {}));
  }
  ASSERT_TRUE(
      flunders->DeleteCollection(Context::Background(), {}, {.label_selector = "gone=yes"}));
  auto left = flunders->List(Context::Background(), {});
  ASSERT_EQ(left->items.size(), 1u);
  EXPECT_EQ(left->items[0].metadata.name, "keep");
}

TEST_F(GeneratedClientTest, WatchSeesChanges) {
  auto flunders = cs_->WardleV1beta1().Flunders("default");
  auto list = flunders->List(Context::Background(), {});
  auto w =
      flunders->Watch(Context::Background(), {.resource_version = list->metadata.resource_version});
  ASSERT_TRUE(w) << w.error().ToString();
  ASSERT_TRUE(flunders->Create(Context::Background(), MakeFlunder("watched"), {}));
  ASSERT_TRUE(flunders->Delete(Context::Background(), "watched", {}));
  auto [ctx, cancel] = kube::WithTimeout(Context::Background(), 5s);
  auto added = (*w)->Next(ctx);
  auto deleted = (*w)->Next(ctx);
  ASSERT_TRUE(added && deleted);
  EXPECT_EQ(added->type, kube::WatchEventType::kAdded);
  EXPECT_EQ(added->object.spec.reference_type, "Fischer");
  EXPECT_EQ(deleted->type, kube::WatchEventType::kDeleted);
  cancel();
}

TEST_F(GeneratedClientTest, ClusterScopedKindTakesNoNamespace) {
  auto fischers = cs_->WardleV1alpha1().Fischers();
  sample::api::wardle::v1alpha1::Fischer f;
  f.metadata.name = "nemo";
  f.disallowed_flunders = {"alpha", "beta"};
  auto created = fischers->Create(Context::Background(), f, {});
  ASSERT_TRUE(created) << created.error().ToString();
  EXPECT_TRUE(created->metadata.namespace_.empty());
  auto got = fischers->Get(Context::Background(), "nemo", {});
  ASSERT_TRUE(got);
  EXPECT_EQ(got->disallowed_flunders, (std::vector<std::string>{"alpha", "beta"}));
  auto reqs = server_.Requests();
  EXPECT_EQ(reqs.back().path, "/apis/wardle.example.com/v1alpha1/fischers/nemo");
}

TEST_F(GeneratedClientTest, UnknownFieldsSurviveAnUpdate) {
  // A newer server knows a field this client's schema does not.
  ASSERT_TRUE(server_.Tracker().Create(
      {"wardle.example.com", "v1beta1", "flunders"}, "default",
      kube::testing::json{{"metadata", {{"name", "future"}}},
                          {"spec", {{"reference", "r"}, {"addedLater", {{"x", 1}}}}},
                          {"topLevelNew", "kept"}}));
  auto flunders = cs_->WardleV1beta1().Flunders("default");
  auto got = flunders->Get(Context::Background(), "future", {});
  ASSERT_TRUE(got);
  EXPECT_EQ(got->spec.unknown_fields.at("addedLater"), R"({"x":1})");
  got->spec.reference = "r2";
  ASSERT_TRUE(flunders->Update(Context::Background(), *got, {}));
  auto raw =
      server_.Tracker().Get({"wardle.example.com", "v1beta1", "flunders"}, "default", "future");
  ASSERT_TRUE(raw);
  EXPECT_EQ((*raw)["spec"]["addedLater"]["x"], 1);
  EXPECT_EQ((*raw)["topLevelNew"], "kept");
  EXPECT_EQ((*raw)["spec"]["reference"], "r2");
}

TEST_F(GeneratedClientTest, CancelledMidCall) {
  server_.AddFault({.method = "GET", .times = -1, .latency = 5s});
  auto flunders = cs_->WardleV1beta1().Flunders("default");
  auto [ctx, cancel] = kube::WithCancel(Context::Background());
  auto fut = std::async(std::launch::async, [&, c = ctx] { return flunders->Get(c, "x", {}); });
  std::this_thread::sleep_for(50ms);
  auto cancelled_at = std::chrono::steady_clock::now();
  cancel();
  auto r = fut.get();
  ASSERT_FALSE(r);
  EXPECT_TRUE(kube::IsCanceled(r.error()));
  EXPECT_LT(std::chrono::steady_clock::now() - cancelled_at, 10 * kube_test::kCancelBudget);
}

TEST_F(GeneratedClientTest, DeadlinePassesMidCall) {
  server_.AddFault({.method = "GET", .times = -1, .latency = 5s});
  auto [ctx, cancel] = kube::WithTimeout(Context::Background(), 100ms);
  auto r = cs_->WardleV1beta1().Flunders("default")->List(ctx, {});
  ASSERT_FALSE(r);
  EXPECT_TRUE(kube::IsDeadlineExceeded(r.error()));
  cancel();
}

}  // namespace
