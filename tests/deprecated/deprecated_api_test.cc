// The deprecated snapshot of generated/sample (namespace `sample::deprecated`): every verb of the
// pre-context API, over the test API server (NewForConfig) and over the fake clientset
// (NewFromClientset), reaches the context-first client with empty options; Delete honours a
// DeleteOptions pointer and treats null as none. Built with -Wno-deprecated-declarations: calling
// the deprecated API is the point here.
#include <gtest/gtest.h>

#include <functional>
#include <type_traits>

#include "kube/deprecated.h"
#include "kube/testing/apiserver.h"
#include "sample/clientset/fake/clientset.h"
#include "sample/deprecated/clientset.h"
#include "sample/scheme.h"

namespace {

using sample::api::wardle::v1alpha1::Fischer;
using sample::api::wardle::v1beta1::Flunder;
namespace old = sample::deprecated::typed;

static_assert(std::is_empty_v<kube::deprecated::Client>);
static_assert(std::is_base_of_v<kube::deprecated::Client, old::wardle::v1beta1::FlunderInterface>);
static_assert(std::is_base_of_v<kube::deprecated::Client, old::wardle::v1alpha1::FischerInterface>);
// The marker adds nothing: a deprecated client is the context-first pointer it wraps.
static_assert(sizeof(old::wardle::v1beta1::FlunderInterface) == sizeof(void*));

kube::Scheme SampleScheme() {
  kube::Scheme scheme;
  sample::AddToScheme(scheme);
  return scheme;
}

Flunder MakeFlunder(std::string name, std::map<std::string, std::string> labels = {}) {
  Flunder f;
  f.metadata.name = std::move(name);
  f.metadata.labels = std::move(labels);
  f.spec.reference = "ref";
  return f;
}

// The same tests over both backends: what old code saw from a cluster it sees from a fake.
enum class Backend { kServer, kFake };

class DeprecatedApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kServer) {
      ASSERT_TRUE(server_.Start());
      kube::rest::Config cfg;
      cfg.host = server_.URL();
      cfg.qps = -1;
      auto cs = sample::deprecated::NewForConfig(cfg);
      ASSERT_TRUE(cs) << cs.error().ToString();
      cs_ = *cs;
    } else {
      fake_ = sample::clientset::fake::NewSimpleClientset();
      cs_ = sample::deprecated::NewFromClientset(fake_);
    }
  }

  std::unique_ptr<old::wardle::v1beta1::FlunderInterface> Flunders() {
    return cs_->WardleV1beta1().Flunders("default");
  }

  kube::testing::APIServer server_{SampleScheme()};
  std::shared_ptr<sample::clientset::fake::Clientset> fake_;
  std::shared_ptr<sample::deprecated::Interface> cs_;
};

TEST_P(DeprecatedApiTest, CreateGetUpdateUpdateStatusList) {
  auto flunders = Flunders();
  auto created = flunders->Create(MakeFlunder("alpha", {{"app", "a"}}));
  ASSERT_TRUE(created) << created.error().ToString();
  EXPECT_EQ(created->metadata.namespace_, "default");
  EXPECT_FALSE(created->metadata.resource_version.empty());
  EXPECT_TRUE(kube::IsAlreadyExists(flunders->Create(MakeFlunder("alpha")).error()));

  auto got = flunders->Get("alpha", kube::GetOptions{});
  ASSERT_TRUE(got) << got.error().ToString();
  EXPECT_EQ(*got->spec.reference, "ref");
  EXPECT_TRUE(kube::IsNotFound(flunders->Get("nope", kube::GetOptions{}).error()));

  got->spec.reference = "changed";
  auto updated = flunders->Update(*got);
  ASSERT_TRUE(updated) << updated.error().ToString();
  EXPECT_EQ(*updated->spec.reference, "changed");
  EXPECT_TRUE(kube::IsConflict(flunders->Update(*got).error()));  // stale resourceVersion

  updated->status.phase = "Ready";
  auto status = flunders->UpdateStatus(*updated);
  ASSERT_TRUE(status) << status.error().ToString();
  EXPECT_EQ(status->status.phase, "Ready");

  ASSERT_TRUE(flunders->Create(MakeFlunder("beta", {{"app", "b"}})));
  auto all = flunders->List(kube::ListOptions{});
  ASSERT_TRUE(all) << all.error().ToString();
  EXPECT_EQ(all->items.size(), 2u);
  auto only_b = flunders->List(kube::ListOptions{.label_selector = "app=b"});
  ASSERT_TRUE(only_b);
  ASSERT_EQ(only_b->items.size(), 1u);
  EXPECT_EQ(only_b->items[0].metadata.name, "beta");
}

TEST_P(DeprecatedApiTest, DeleteTakesOptionsByPointerAndNullMeansNone) {
  auto flunders = Flunders();
  auto created = flunders->Create(MakeFlunder("alpha"));
  ASSERT_TRUE(created) << created.error().ToString();

  // The pointed-to options reach the server: a precondition on another UID refuses the delete.
  kube::DeleteOptions wrong_uid{.preconditions =
                                    kube::Preconditions{.uid = "not-" + created->metadata.uid}};
  auto refused = flunders->Delete("alpha", &wrong_uid);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(kube::IsConflict(refused.error())) << refused.error().ToString();
  EXPECT_TRUE(flunders->Get("alpha", kube::GetOptions{}));

  kube::DeleteOptions right_uid{.preconditions = kube::Preconditions{.uid = created->metadata.uid}};
  EXPECT_TRUE(flunders->Delete("alpha", &right_uid));
  EXPECT_TRUE(kube::IsNotFound(flunders->Get("alpha", kube::GetOptions{}).error()));

  ASSERT_TRUE(flunders->Create(MakeFlunder("beta")));
  auto deleted = flunders->Delete("beta", nullptr);
  EXPECT_TRUE(deleted) << deleted.error().ToString();
  EXPECT_TRUE(kube::IsNotFound(flunders->Delete("beta", nullptr).error()));
}

TEST_P(DeprecatedApiTest, DeleteCollection) {
  auto flunders = Flunders();
  for (const char* name : {"a1", "a2", "b1"}) {
    ASSERT_TRUE(flunders->Create(MakeFlunder(name, {{"app", std::string(1, name[0])}})));
  }
  kube::DeleteOptions dry_run{.dry_run = {"All"}};
  ASSERT_TRUE(flunders->DeleteCollection(&dry_run, kube::ListOptions{.label_selector = "app=a"}));
  EXPECT_EQ(flunders->List(kube::ListOptions{})->items.size(), 3u);  // dry run: nothing gone

  auto deleted = flunders->DeleteCollection(nullptr, kube::ListOptions{.label_selector = "app=a"});
  ASSERT_TRUE(deleted) << deleted.error().ToString();
  auto left = flunders->List(kube::ListOptions{});
  ASSERT_TRUE(left);
  ASSERT_EQ(left->items.size(), 1u);
  EXPECT_EQ(left->items[0].metadata.name, "b1");
}

TEST_P(DeprecatedApiTest, PatchWithAndWithoutSubresource) {
  auto flunders = Flunders();
  ASSERT_TRUE(flunders->Create(MakeFlunder("alpha")));
  auto patched =
      flunders->Patch("alpha", kube::PatchType::kMergePatch, R"({"spec":{"reference":"p"}})");
  ASSERT_TRUE(patched) << patched.error().ToString();
  EXPECT_EQ(*patched->spec.reference, "p");

  auto status = flunders->Patch("alpha", kube::PatchType::kMergePatch,
                                R"({"status":{"phase":"Patched"}})", {"status"});
  ASSERT_TRUE(status) << status.error().ToString();
  EXPECT_EQ(status->status.phase, "Patched");
}

TEST_P(DeprecatedApiTest, WatchSeesChanges) {
  auto flunders = Flunders();
  auto watcher = flunders->Watch(kube::ListOptions{});
  ASSERT_TRUE(watcher) << watcher.error().ToString();
  ASSERT_TRUE(flunders->Create(MakeFlunder("alpha")));
  auto [ctx, cancel] = kube::WithTimeout(kube::Context::Background(), std::chrono::seconds(10));
  auto event = (*watcher)->Next(ctx);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->type, kube::WatchEventType::kAdded);
  EXPECT_EQ(event->object.metadata.name, "alpha");
  (*watcher)->Stop();
}

TEST_P(DeprecatedApiTest, ClusterScopedKindsTakeNoNamespace) {
  auto fischers = cs_->WardleV1alpha1().Fischers();
  Fischer f;
  f.metadata.name = "wide";
  ASSERT_TRUE(fischers->Create(f));
  auto got = fischers->Get("wide", kube::GetOptions{});
  ASSERT_TRUE(got) << got.error().ToString();
  EXPECT_TRUE(got->metadata.namespace_.empty());
  EXPECT_TRUE(fischers->Delete("wide", nullptr));
}

INSTANTIATE_TEST_SUITE_P(Backends, DeprecatedApiTest,
                         ::testing::Values(Backend::kServer, Backend::kFake), [](const auto& info) {
                           return info.param == Backend::kServer ? "TestServer" : "Fake";
                         });

// The fake records what the deprecated calls did: context-first calls with empty options.
TEST(DeprecatedOverFake, CallsAreRecordedAsTheContextFirstVerbs) {
  auto fake = sample::clientset::fake::NewSimpleClientset(MakeFlunder("alpha"));
  auto cs = sample::deprecated::NewFromClientset(fake);
  fake->PrependReactor("get", "flunders", [](const kube::testing::Action&) {
    return kube::testing::Reaction::Error(kube::Error::Forbidden("no"));
  });
  auto flunders = cs->WardleV1beta1().Flunders("default");
  auto got = flunders->Get("alpha", kube::GetOptions{});
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, 403);
  ASSERT_TRUE(flunders->Delete("alpha", nullptr));
  ASSERT_EQ(fake->Actions().size(), 2u);
  EXPECT_EQ(fake->Actions()[0].verb, "get");
  EXPECT_EQ(fake->Actions()[1].verb, "delete");
  EXPECT_EQ(fake->Actions()[1].name, "alpha");
  EXPECT_EQ(fake->Actions()[1].namespace_, "default");
}

}  // namespace
