// The generated fake clientset (generated/sample, namespace `sample`): fixtures, every verb
// served by the object tracker, recorded actions, reactor order and wildcards, watch
// reactors, and the fake used from several threads.
#include <gtest/gtest.h>

#include <thread>

#include "kube/context.h"
#include "sample/clientset/fake/clientset.h"

namespace {

using kube::Context;
using kube::testing::Action;
using kube::testing::Reaction;
using sample::api::wardle::v1alpha1::Fischer;
using sample::api::wardle::v1beta1::Flunder;

Flunder MakeFlunder(std::string name, std::string ns = "default",
                    std::map<std::string, std::string> labels = {}) {
  Flunder f;
  f.metadata.name = std::move(name);
  f.metadata.namespace_ = std::move(ns);
  f.metadata.labels = std::move(labels);
  f.spec.reference = "ref";
  return f;
}

TEST(FakeClientset, ServesFixturesThroughTheInterface) {
  Fischer fischer;
  fischer.metadata.name = "cluster-wide";
  auto cs =
      sample::clientset::fake::NewSimpleClientset(MakeFlunder("a"), MakeFlunder("b"), fischer);
  std::shared_ptr<sample::clientset::Interface> iface = cs;  // what code under test takes

  auto got = iface->WardleV1beta1().Flunders("default")->Get(Context::TODO(), "a", {});
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->metadata.name, "a");
  EXPECT_EQ(*got->spec.reference, "ref");
  EXPECT_FALSE(got->metadata.resource_version.empty());
  EXPECT_FALSE(got->metadata.uid.empty());

  auto list = iface->WardleV1beta1().Flunders("default")->List(Context::TODO(), {});
  ASSERT_TRUE(list);
  ASSERT_EQ(list->items.size(), 2u);
  EXPECT_FALSE(list->metadata.resource_version.empty());

  auto other_ns = iface->WardleV1beta1().Flunders("other")->List(Context::TODO(), {});
  ASSERT_TRUE(other_ns);
  EXPECT_TRUE(other_ns->items.empty());

  auto f = iface->WardleV1alpha1().Fischers()->Get(Context::TODO(), "cluster-wide", {});
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_TRUE(f->metadata.namespace_.empty());
}

TEST(FakeClientset, VerbsBehaveAsTheServer) {
  auto cs = sample::clientset::fake::NewSimpleClientset();
  auto flunders = cs->WardleV1beta1().Flunders("default");
  Context ctx = Context::TODO();

  Flunder generated;
  generated.metadata.generate_name = "gen-";
  auto created = flunders->Create(ctx, generated, {});
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_TRUE(created->metadata.name.starts_with("gen-"));
  EXPECT_GT(created->metadata.name.size(), 4u);

  ASSERT_TRUE(flunders->Create(ctx, MakeFlunder("a"), {}));
  auto again = flunders->Create(ctx, MakeFlunder("a"), {});
  ASSERT_FALSE(again);
  EXPECT_TRUE(kube::IsAlreadyExists(again.error()));

  auto missing = flunders->Get(ctx, "nope", {});
  ASSERT_FALSE(missing);
  EXPECT_TRUE(kube::IsNotFound(missing.error()));

  // Update never changes status; UpdateStatus changes only status.
  Flunder a = flunders->Get(ctx, "a", {}).value();
  a.spec.reference = "changed";
  a.status.phase = "Ready";
  Flunder updated = flunders->Update(ctx, a, {}).value();
  EXPECT_EQ(*updated.spec.reference, "changed");
  EXPECT_FALSE(updated.status.phase.has_value());
  updated.status.phase = "Ready";
  updated.spec.reference = "ignored";
  Flunder status = flunders->UpdateStatus(ctx, updated, {}).value();
  EXPECT_EQ(*status.status.phase, "Ready");
  EXPECT_EQ(*status.spec.reference, "changed");

  // Optimistic concurrency: a stale resourceVersion conflicts.
  a.spec.reference = "stale";
  auto stale = flunders->Update(ctx, a, {});
  ASSERT_FALSE(stale);
  EXPECT_TRUE(kube::IsConflict(stale.error()));

  auto patched = flunders->Patch(ctx, "a", kube::PatchType::kMergePatch,
                                 R"({"metadata":{"labels":{"app":"web"}}})", {});
  ASSERT_TRUE(patched) << patched.error().message;
  EXPECT_EQ(patched->metadata.labels.at("app"), "web");

  auto by_label = flunders->List(ctx, {.label_selector = "app=web"});
  ASSERT_TRUE(by_label);
  ASSERT_EQ(by_label->items.size(), 1u);
  EXPECT_EQ(by_label->items[0].metadata.name, "a");

  ASSERT_TRUE(flunders->Delete(ctx, "a", {}));
  EXPECT_TRUE(kube::IsNotFound(flunders->Get(ctx, "a", {}).error()));
  ASSERT_TRUE(flunders->DeleteCollection(ctx, {}, {}));
  EXPECT_TRUE(flunders->List(ctx, {}).value().items.empty());
}

TEST(FakeClientset, RecordsActions) {
  auto cs = sample::clientset::fake::NewSimpleClientset(MakeFlunder("a"));
  auto flunders = cs->WardleV1beta1().Flunders("default");
  Context ctx = Context::TODO();
  ASSERT_TRUE(flunders->Get(ctx, "a", {}));
  ASSERT_TRUE(flunders->List(ctx, {.label_selector = "x=y", .limit = 5}));
  Flunder b = MakeFlunder("b");
  ASSERT_TRUE(flunders->Create(ctx, b, {.dry_run = {"All"}}));
  ASSERT_TRUE(flunders->Patch(ctx, "a", kube::PatchType::kJsonPatch,
                              R"([{"op":"add","path":"/spec/reference","value":"p"}])", {}));
  ASSERT_TRUE(flunders->Delete(ctx, "a", {.propagation_policy = "Foreground"}));

  std::vector<Action> actions = cs->Actions();
  ASSERT_EQ(actions.size(), 5u);
  EXPECT_EQ(actions[0].verb, "get");
  EXPECT_EQ(actions[0].name, "a");
  EXPECT_EQ(actions[0].namespace_, "default");
  EXPECT_EQ(actions[0].resource.group, "wardle.example.com");
  EXPECT_EQ(actions[0].resource.version, "v1beta1");
  EXPECT_EQ(actions[0].resource.resource, "flunders");
  EXPECT_EQ(actions[1].verb, "list");
  EXPECT_EQ(actions[1].options["labelSelector"], "x=y");
  EXPECT_EQ(actions[1].options["limit"], "5");
  EXPECT_EQ(actions[2].verb, "create");
  EXPECT_EQ(actions[2].object["metadata"]["name"], "b");
  EXPECT_EQ(actions[2].object["kind"], "Flunder");
  EXPECT_EQ(actions[2].options["dryRun"], "All");
  EXPECT_EQ(actions[3].verb, "patch");
  EXPECT_EQ(actions[3].patch_type, kube::PatchType::kJsonPatch);
  EXPECT_NE(actions[3].patch.find("/spec/reference"), std::string::npos);
  EXPECT_EQ(actions[4].verb, "delete");
  EXPECT_EQ(actions[4].options["propagationPolicy"], "Foreground");
  // The dry-run create stored nothing.
  EXPECT_TRUE(kube::IsNotFound(flunders->Get(ctx, "b", {}).error()));

  cs->ClearActions();
  EXPECT_TRUE(cs->Actions().empty());
}

TEST(FakeClientset, FirstReactorThatHandlesWins) {
  auto cs = sample::clientset::fake::NewSimpleClientset(MakeFlunder("a"));
  auto flunders = cs->WardleV1beta1().Flunders("default");
  std::vector<std::string> calls;
  cs->PrependReactor("get", "flunders", [&](const Action& a) {
    calls.push_back("passing " + a.name);
    return Reaction::Pass();
  });
  cs->PrependReactor("create", "flunders", [&](const Action&) {
    calls.push_back("forbid");
    return Reaction::Error(kube::Error::Forbidden("no"));
  });
  cs->PrependReactor("*", "*", [&](const Action& a) {
    calls.push_back("wildcard " + a.verb);
    return Reaction::Pass();
  });
  // Appended after the tracker: it handles gets itself, so this one is never asked.
  cs->AddReactor("get", "*", [&](const Action&) {
    calls.push_back("after tracker");
    return Reaction::Error(kube::Error::InternalError("unreachable"));
  });

  auto created = flunders->Create(Context::TODO(), MakeFlunder("b"), {});
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, 403);
  EXPECT_TRUE(kube::IsForbidden(created.error()));
  ASSERT_TRUE(flunders->Get(Context::TODO(), "a", {}));
  EXPECT_EQ(calls,
            (std::vector<std::string>{"wildcard create", "forbid", "wildcard get", "passing a"}));
  EXPECT_EQ(cs->Actions().size(), 2u);  // the failed create is recorded too
}

TEST(FakeClientset, ReactorAnswersWithATypedObject) {
  auto cs = sample::clientset::fake::NewSimpleClientset();
  Flunder canned = MakeFlunder("canned");
  canned.status.phase = "FromReactor";
  cs->PrependReactor("get", "flunders", [&](const Action& a) {
    if (a.name != "canned") return Reaction::Pass();
    return Reaction::Object(canned);
  });
  auto got = cs->WardleV1beta1().Flunders("default")->Get(Context::TODO(), "canned", {});
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(*got->status.phase, "FromReactor");
  EXPECT_TRUE(kube::IsNotFound(
      cs->WardleV1beta1().Flunders("default")->Get(Context::TODO(), "other", {}).error()));
}

TEST(FakeClientset, WatchSeesChangesFromTheTracker) {
  auto cs = sample::clientset::fake::NewSimpleClientset(MakeFlunder("a"));
  auto flunders = cs->WardleV1beta1().Flunders("default");
  auto list = flunders->List(Context::TODO(), {}).value();
  auto w = flunders->Watch(Context::TODO(), {.resource_version = list.metadata.resource_version});
  ASSERT_TRUE(w) << w.error().message;
  ASSERT_TRUE(flunders->Create(Context::TODO(), MakeFlunder("b"), {}));
  ASSERT_TRUE(flunders->Delete(Context::TODO(), "a", {}));
  auto [ctx, cancel] = kube::WithTimeout(Context::Background(), std::chrono::seconds(5));
  auto first = (*w)->Next(ctx);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->type, kube::WatchEventType::kAdded);
  EXPECT_EQ(first->object.metadata.name, "b");
  auto second = (*w)->Next(ctx);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->type, kube::WatchEventType::kDeleted);
  EXPECT_EQ(second->object.metadata.name, "a");
  (*w)->Stop();
  EXPECT_FALSE((*w)->Next(ctx));
  EXPECT_EQ(cs->Actions()[1].verb, "watch");  // after the list, before the create
}

TEST(FakeClientset, WatchReactorServesAHandDrivenStream) {
  auto cs = sample::clientset::fake::NewSimpleClientset();
  auto stream = std::make_shared<kube::testing::FakeWatch>();
  cs->PrependWatchReactor(
      "flunders", [&](const Action&) { return kube::testing::WatchReaction::Watch(stream); });
  auto w = cs->WardleV1beta1().Flunders("default")->Watch(Context::TODO(), {});
  ASSERT_TRUE(w);
  stream->Add(kube::testing::FixtureJson(MakeFlunder("x")));
  stream->Error(kube::Error::Expired("too old resource version"));
  auto [ctx, cancel] = kube::WithTimeout(Context::Background(), std::chrono::seconds(5));
  auto added = (*w)->Next(ctx);
  ASSERT_TRUE(added);
  EXPECT_EQ(added->object.metadata.name, "x");
  auto error = (*w)->Next(ctx);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->type, kube::WatchEventType::kError);
  ASSERT_TRUE(error->status);
  EXPECT_EQ(error->status->code, 410);
  cancel();
  EXPECT_FALSE((*w)->Next(ctx));  // a cancelled context ends the wait
}

TEST(FakeClientset, WatchReactorError) {
  auto cs = sample::clientset::fake::NewSimpleClientset();
  cs->PrependWatchReactor("*", [](const Action&) {
    return kube::testing::WatchReaction::Error(kube::Error::Forbidden("no watching"));
  });
  auto w = cs->WardleV1beta1().Flunders("default")->Watch(Context::TODO(), {});
  ASSERT_FALSE(w);
  EXPECT_TRUE(kube::IsForbidden(w.error()));
}

TEST(FakeClientset, SafeFromManyThreads) {
  auto cs = sample::clientset::fake::NewSimpleClientset();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto flunders = cs->WardleV1beta1().Flunders("default");
      for (int i = 0; i < 50; ++i) {
        std::string name = "f-" + std::to_string(t) + "-" + std::to_string(i);
        ASSERT_TRUE(flunders->Create(Context::TODO(), MakeFlunder(name), {}));
        ASSERT_TRUE(flunders->Get(Context::TODO(), name, {}));
      }
    });
  }
  threads.emplace_back([&] {
    for (int i = 0; i < 50; ++i)
      cs->PrependReactor("list", "*", [](const Action&) { return Reaction::Pass(); });
  });
  for (auto& t : threads) t.join();
  EXPECT_EQ(cs->WardleV1beta1().Flunders("default")->List(Context::TODO(), {}).value().items.size(),
            200u);
  EXPECT_EQ(cs->Actions().size(), 401u);
}

TEST(FakeClientset, TypedClientsKeepTheFakeAlive) {
  std::unique_ptr<sample::clientset::typed::wardle::v1beta1::FlunderInterface> flunders;
  {
    auto cs = sample::clientset::fake::NewSimpleClientset(MakeFlunder("a"));
    flunders = cs->WardleV1beta1().Flunders("default");
  }
  EXPECT_TRUE(flunders->Get(Context::TODO(), "a", {}));
}

}  // namespace
