// Generated informers and listers (generated/sample) against the test API server and over the
// fake clientset: sync, every change seen once and in order, late handlers, resync, faults
// (cut watches, 410 Gone, 500s, 429) converging to the server's state, the factory's options,
// ForResource, and every thread joined on Shutdown or when the context ends.
#include <dirent.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "kube/context.h"
#include "kube/testing/apiserver.h"
#include "sample/clientset/clientset.h"
#include "sample/clientset/fake/clientset.h"
#include "sample/informers/factory.h"
#include "sample/scheme.h"
#include "support/test_types.h"

namespace {

using namespace std::chrono_literals;
using kube::Context;
using sample::api::wardle::v1alpha1::Fischer;
using sample::api::wardle::v1beta1::Flunder;

// Polls `pred` for up to 10 s.
template <class Pred>
bool Eventually(Pred pred) {
  for (int i = 0; i < 1000; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return pred();
}

Flunder MakeFlunder(std::string name, std::map<std::string, std::string> labels = {}) {
  Flunder f;
  f.metadata.name = std::move(name);
  f.metadata.labels = std::move(labels);
  f.spec.reference = "r";
  return f;
}

kube::Scheme SampleScheme() {
  kube::Scheme s;
  sample::AddToScheme(s);
  return s;
}

// Records what handlers saw, per object, in order.
struct Recorder {
  std::mutex mu;
  std::vector<std::string> events;           // "add a", "update a 7", "delete a"
  std::map<std::string, std::string> state;  // name -> spec.reference, as handlers saw it

  kube::cache::EventHandler<Flunder> Handler() {
    return {.on_add =
                [this](const Flunder& f) {
                  std::lock_guard l(mu);
                  events.push_back("add " + f.metadata.name);
                  state[f.metadata.name] = f.spec.reference.value_or("");
                },
            .on_update =
                [this](const Flunder& old, const Flunder& f) {
                  std::lock_guard l(mu);
                  if (old.metadata.resource_version == f.metadata.resource_version) return;
                  events.push_back("update " + f.metadata.name);
                  state[f.metadata.name] = f.spec.reference.value_or("");
                },
            .on_delete =
                [this](const Flunder& f) {
                  std::lock_guard l(mu);
                  events.push_back("delete " + f.metadata.name);
                  state.erase(f.metadata.name);
                }};
  }
  size_t Count() {
    std::lock_guard l(mu);
    return events.size();
  }
  std::vector<std::string> Events() {
    std::lock_guard l(mu);
    return events;
  }
  std::map<std::string, std::string> State() {
    std::lock_guard l(mu);
    return state;
  }
};

class InformerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start());
    kube::rest::Config cfg;
    cfg.host = server_.URL();
    cfg.qps = -1;
    cs_ = sample::clientset::NewForConfig(cfg).value();
  }
  kube::testing::APIServer server_{SampleScheme(),
                                   kube::testing::APIServerOptions{.bookmark_interval = 50ms}};
  std::shared_ptr<sample::clientset::Clientset> cs_;
};

TEST_F(InformerTest, SyncsThenSeesEveryChangeOnceInOrder) {
  auto flunders = cs_->WardleV1beta1().Flunders("default");
  ASSERT_TRUE(flunders->Create(Context::TODO(), MakeFlunder("a"), {}));
  ASSERT_TRUE(flunders->Create(Context::TODO(), MakeFlunder("b"), {}));

  sample::informers::SharedInformerFactory factory(cs_, 0ms);
  auto& informer = factory.Wardle().V1beta1().Flunders();
  Recorder rec;
  informer.Informer().AddEventHandler(rec.Handler());
  auto [ctx, cancel] = kube::WithTimeout(Context::Background(), 20s);
  factory.Start(ctx);
  ASSERT_TRUE(factory.WaitForCacheSync(ctx));
  ASSERT_TRUE(Eventually([&] { return rec.Count() == 2; }));

  Flunder a = flunders->Get(Context::TODO(), "a", {}).value();
  a.spec.reference = "a2";
  ASSERT_TRUE(flunders->Update(Context::TODO(), a, {}));
  ASSERT_TRUE(flunders->Create(Context::TODO(), MakeFlunder("c"), {}));
  ASSERT_TRUE(flunders->Delete(Context::TODO(), "b", {}));
  ASSERT_TRUE(Eventually([&] { return rec.Count() == 5; }));
  std::vector<std::string> events = rec.Events();
  EXPECT_EQ(std::vector<std::string>(events.begin() + 2, events.end()),
            (std::vector<std::string>{"update a", "add c", "delete b"}));

  auto lister = informer.Lister();
  ASSERT_TRUE(Eventually([&] { return lister.Flunders("default").List().size() == 2; }));
  auto got = lister.Flunders("default").Get("a");
  ASSERT_TRUE(got);
  EXPECT_EQ(*(*got)->spec.reference, "a2");
  EXPECT_TRUE(kube::IsNotFound(lister.Flunders("default").Get("b").error()));
  // The lister hands out the cache's objects: the same pointer twice.
  EXPECT_EQ(lister.Flunders("default").Get("a")->get(), got->get());
  EXPECT_FALSE(informer.Informer().LastSyncResourceVersion().empty());
  factory.Shutdown();
}

TEST_F(InformerTest, LateHandlerGetsCurrentStateAsAdds) {
  auto flunders = cs_->WardleV1beta1().Flunders("default");
  ASSERT_TRUE(flunders->Create(Context::TODO(), MakeFlunder("a"), {}));
  sample::informers::SharedInformerFactory factory(cs_, 0ms);
  auto& informer = factory.Wardle().V1beta1().Flunders().Informer();
  auto [ctx, cancel] = kube::WithTimeout(Context::Background(), 20s);
  factory.Start(ctx);
  ASSERT_TRUE(factory.WaitForCacheSync(ctx));
  Recorder late;
  informer.AddEventHandler(late.Handler());
  ASSERT_TRUE(Eventually([&] { return late.Count() == 1; }));
  ASSERT_TRUE(flunders->Create(Context::TODO(), MakeFlunder("b"), {}));
  ASSERT_TRUE(Eventually([&] { return late.Count() == 2; }));
  EXPECT_EQ(late.Events(), (std::vector<std::string>{"add a", "add b"}));
}

TEST_F(InformerTest, ResyncRedeliversCachedObjects) {
  auto flunders = cs_->WardleV1beta1().Flunders("default");
  ASSERT_TRUE(flunders->Create(Context::TODO(), MakeFlunder("a"), {}));
  sample::informers::SharedInformerFactory factory(cs_, 50ms);
  std::atomic<int> resyncs{0};
  factory.Wardle().V1beta1().Flunders().Informer().AddEventHandler(
      {.on_update = [&](const Flunder& o, const Flunder& n) {
        if (&o == &n) ++resyncs;  // a resync passes the same cached object twice
      }});
  auto [ctx, cancel] = kube::WithTimeout(Context::Background(), 20s);
  factory.Start(ctx);
  ASSERT_TRUE(factory.WaitForCacheSync(ctx));
  EXPECT_TRUE(Eventually([&] { return resyncs >= 2; }));
}

TEST_F(InformerTest, ConvergesThroughFaults) {
  auto flunders = cs_->WardleV1beta1().Flunders("default");
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(flunders->Create(Context::TODO(), MakeFlunder("f" + std::to_string(i)), {}));
  }
  // Every watch is cut after 3 events; the first watches and lists meet 500s and a 429.
  server_.AddFault({.watch_only = true, .times = -1, .cut_watch_after_events = 3});
  server_.AddFault({.method = "GET",
                    .path_prefix = "/apis/wardle.example.com/v1beta1/flunders",
                    .times = 1,
                    .status = 500});
  server_.AddFault(
      {.method = "GET", .watch_only = true, .times = 1, .status = 429, .retry_after_seconds = 0});

  kube::cache::SharedInformerOptions options;
  sample::informers::SharedInformerFactory factory(cs_, 0ms);
  auto& informer = factory.Wardle().V1beta1().Flunders().Informer();
  Recorder rec;
  informer.AddEventHandler(rec.Handler());
  auto [ctx, cancel] = kube::WithTimeout(Context::Background(), 60s);
  factory.Start(ctx);
  ASSERT_TRUE(factory.WaitForCacheSync(ctx));

  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 20; ++i) {
      std::string name = "f" + std::to_string(i);
      if (i % 3 == 0) {
        Flunder f = flunders->Get(Context::TODO(), name, {}).value_or(MakeFlunder(name));
        f.spec.reference = "round" + std::to_string(round);
        if (f.metadata.resource_version.empty()) {
          ASSERT_TRUE(flunders->Create(Context::TODO(), f, {}));
        } else {
          ASSERT_TRUE(flunders->Update(Context::TODO(), f, {}));
        }
      } else if (i % 3 == 1 && round == 1) {
        ASSERT_TRUE(flunders->Delete(Context::TODO(), name, {}));
      }
    }
    if (round == 1) server_.Tracker().Compact();  // the next resume gets 410 Gone: relist
  }
  std::map<std::string, std::string> want;
  auto listed = flunders->List(Context::TODO(), {}).value();
  for (const auto& f : listed.items) {
    want[f.metadata.name] = f.spec.reference.value_or("");
  }
  EXPECT_TRUE(Eventually([&] { return rec.State() == want; }));
  EXPECT_EQ(rec.State(), want);
  EXPECT_TRUE(Eventually([&] { return informer.GetLister().List().size() == want.size(); }));
  server_.ClearFaults();
}

TEST_F(InformerTest, FactoryOptionsNamespaceTweakTransformAndForResource) {
  ASSERT_TRUE(cs_->WardleV1beta1().Flunders("default")->Create(
      Context::TODO(), MakeFlunder("a", {{"app", "web"}}), {}));
  ASSERT_TRUE(cs_->WardleV1beta1().Flunders("default")->Create(
      Context::TODO(), MakeFlunder("b", {{"app", "db"}}), {}));
  ASSERT_TRUE(cs_->WardleV1beta1().Flunders("other")->Create(
      Context::TODO(), MakeFlunder("c", {{"app", "web"}}), {}));
  Fischer fischer;
  fischer.metadata.name = "cluster";
  fischer.metadata.labels = {{"app", "web"}};  // the tweak's selector applies to every kind
  ASSERT_TRUE(cs_->WardleV1alpha1().Fischers()->Create(Context::TODO(), fischer, {}));

  sample::informers::SharedInformerFactory factory(
      cs_, 0ms,
      {.namespace_ = "default",
       .tweak_list_options = [](kube::ListOptions& o) { o.label_selector = "app=web"; },
       .transform = [](kube::ObjectMeta& m) { m.annotations["transformed"] = "yes"; }});
  auto lister = factory.Wardle().V1beta1().Flunders().Lister();
  auto fischers = factory.ForResource({"wardle.example.com", "v1alpha1", "fischers"});
  ASSERT_TRUE(fischers);
  EXPECT_FALSE(factory.ForResource({"wardle.example.com", "v1", "nothing"}));
  auto [ctx, cancel] = kube::WithTimeout(Context::Background(), 20s);
  factory.Start(ctx);
  ASSERT_TRUE(factory.WaitForCacheSync(ctx));
  auto all = lister.List();
  ASSERT_EQ(all.size(), 1u);  // only default's, only app=web
  EXPECT_EQ(all[0]->metadata.name, "a");
  EXPECT_EQ(all[0]->metadata.annotations.at("transformed"), "yes");
  EXPECT_EQ(fischers->store->Size(), 1u);  // cluster-scoped: the namespace does not apply
  EXPECT_TRUE(factory.Wardle().V1alpha1().Fischers().Lister().Get("cluster"));
}

TEST_F(InformerTest, ContextValuesReachRequests) {
  std::atomic<int> requests{0};
  kube::ClientTrace trace;
  trace.on_request_start = [&](std::string_view, std::string_view) { ++requests; };
  Context traced = kube::WithClientTrace(Context::Background(), trace);
  sample::informers::SharedInformerFactory factory(cs_, 0ms);
  auto& informer = factory.Wardle().V1beta1().Flunders().InformerWithContext(traced);
  auto [ctx, cancel] = kube::WithTimeout(Context::Background(), 20s);
  factory.Start(ctx);
  ASSERT_TRUE(informer.WaitForCacheSync(ctx));
  EXPECT_TRUE(Eventually([&] { return requests >= 2; }));  // the list and the watch
}

TEST_F(InformerTest, ShutdownAndCancelJoinEveryThread) {
  {
    // Warm up the server's worker pool and the client's connections, which outlive informers.
    sample::informers::SharedInformerFactory factory(cs_, 0ms);
    factory.Wardle().V1beta1().Flunders().Informer();
    factory.Wardle().V1alpha1().Fischers().Informer();
    auto [ctx, cancel] = kube::WithTimeout(Context::Background(), 20s);
    factory.Start(ctx);
    ASSERT_TRUE(factory.WaitForCacheSync(ctx));
  }
  int before = kube_test::ThreadCount();
  {
    sample::informers::SharedInformerFactory factory(cs_, 10ms);
    Recorder a, b;
    factory.Wardle().V1beta1().Flunders().Informer().AddEventHandler(a.Handler());
    factory.Wardle().V1beta1().Flunders().Informer().AddEventHandler(b.Handler());
    factory.Wardle().V1alpha1().Fischers().Informer();
    auto [ctx, cancel] = kube::WithTimeout(Context::Background(), 20s);
    factory.Start(ctx);
    ASSERT_TRUE(factory.WaitForCacheSync(ctx));
    EXPECT_GT(kube_test::ThreadCount(), before);
    factory.Shutdown();
    // The informers' threads are joined by now; the test server may take a moment to notice
    // that their watch connections closed.
    EXPECT_TRUE(Eventually([&] { return kube_test::ThreadCount() == before; }));
  }
  {
    sample::informers::SharedInformerFactory factory(cs_, 0ms);
    Recorder a;
    factory.Wardle().V1beta1().Flunders().Informer().AddEventHandler(a.Handler());
    auto [ctx, cancel] = kube::WithCancel(Context::Background());
    factory.Start(ctx);
    ASSERT_TRUE(factory.WaitForCacheSync(ctx));
    cancel();  // informers stop when their context ends
    factory.Shutdown();
  }
  EXPECT_TRUE(Eventually([&] { return kube_test::ThreadCount() == before; }));
  EXPECT_EQ(kube_test::ThreadCount(), before);
}

TEST(FakeInformer, StartWithAContextAlreadyDoneReturnsAndStops) {
  auto fake = sample::clientset::fake::NewSimpleClientset();
  sample::informers::SharedInformerFactory factory(fake, 0ms);
  factory.Wardle().V1beta1().Flunders().Informer();
  auto [ctx, cancel] = kube::WithCancel(Context::Background());
  cancel();
  factory.Start(ctx);
  EXPECT_FALSE(factory.WaitForCacheSync(ctx));
  factory.Shutdown();
}

TEST(FakeInformer, InformerOverTheFakeClientset) {
  Flunder fixture = MakeFlunder("a");
  fixture.metadata.namespace_ = "default";
  auto fake = sample::clientset::fake::NewSimpleClientset(fixture);
  sample::informers::SharedInformerFactory factory(fake, std::chrono::minutes(10));
  auto& flunders = factory.Wardle().V1beta1().Flunders();
  Recorder rec;
  flunders.Informer().AddEventHandler(rec.Handler());
  auto [ctx, cancel] = kube::WithTimeout(Context::Background(), 20s);
  factory.Start(ctx);
  ASSERT_TRUE(factory.WaitForCacheSync(ctx));
  ASSERT_TRUE(
      fake->WardleV1beta1().Flunders("default")->Create(Context::TODO(), MakeFlunder("b"), {}));
  ASSERT_TRUE(Eventually([&] { return rec.Count() == 2; }));
  EXPECT_EQ(rec.Events(), (std::vector<std::string>{"add a", "add b"}));
  auto got = flunders.Lister().Flunders("default").Get("b");
  ASSERT_TRUE(got);
  bool listed = false, watched = false;
  for (const auto& a : fake->Actions()) {
    listed |= a.verb == "list";
    watched |= a.verb == "watch";
  }
  EXPECT_TRUE(listed);
  EXPECT_TRUE(watched);
}

// A delete the watch missed, learnt of by the relist after a 410: the handler is told the
// final state is unknown (client-go's DeletedFinalStateUnknown), a plain on_delete still hears it.
TEST(FakeInformer, DeleteMissedByTheWatchIsAFinalStateUnknownTombstone) {
  Flunder a = MakeFlunder("a"), b = MakeFlunder("b");
  a.metadata.namespace_ = b.metadata.namespace_ = "default";
  auto fake = sample::clientset::fake::NewSimpleClientset(a, b);
  auto first_watch = std::make_shared<kube::testing::FakeWatch>();
  std::atomic<int> watches{0};
  fake->PrependWatchReactor("flunders", [&](const kube::testing::Action&) {
    return watches++ == 0 ? kube::testing::WatchReaction::Watch(first_watch)
                          : kube::testing::WatchReaction::Pass();
  });
  sample::informers::SharedInformerFactory factory(fake, 0ms);
  auto& informer = factory.Wardle().V1beta1().Flunders().Informer();
  std::mutex mu;
  std::vector<std::string> tombstones, deletes, plain_deletes;
  informer.AddEventHandler({.on_delete =
                                [&](const Flunder& f) {
                                  std::lock_guard l(mu);
                                  deletes.push_back(f.metadata.name);
                                },
                            .on_delete_final_state_unknown =
                                [&](const Flunder& f) {
                                  std::lock_guard l(mu);
                                  tombstones.push_back(f.metadata.name);
                                }});
  informer.AddEventHandler({.on_delete = [&](const Flunder& f) {
    std::lock_guard l(mu);
    plain_deletes.push_back(f.metadata.name);
  }});
  auto [ctx, cancel] = kube::WithTimeout(Context::Background(), 20s);
  factory.Start(ctx);
  ASSERT_TRUE(factory.WaitForCacheSync(ctx));
  ASSERT_TRUE(Eventually([&] { return watches.load() == 1; }));
  // Gone while the informer's watch (our hand-driven stream) says nothing; then the stream ends
  // with 410 Gone, and the relist finds b missing.
  ASSERT_TRUE(
      fake->Tracker().Delete({"wardle.example.com", "v1beta1", "flunders"}, "default", "b"));
  first_watch->Error(kube::Error::Expired("too old resource version"));
  ASSERT_TRUE(Eventually([&] {
    std::lock_guard l(mu);
    return !tombstones.empty() && !plain_deletes.empty();
  }));
  std::lock_guard l(mu);
  EXPECT_EQ(tombstones, std::vector<std::string>{"b"});
  EXPECT_TRUE(deletes.empty());
  EXPECT_EQ(plain_deletes, std::vector<std::string>{"b"});
  EXPECT_EQ(informer.GetLister().List().size(), 1u);
}

}  // namespace
