// kube::cache::Store and Lister<T>: keys, the namespace index, custom indexes, replace, and
// typed listing by label selector; objects are shared, never copied.
#include "kube/cache/store.h"

#include <gtest/gtest.h>

#include "kube/cache/lister.h"
#include "kube/meta.h"

namespace {

using kube::cache::Entry;
using kube::cache::Store;

struct Thing {
  kube::ObjectMeta metadata;
  std::string node;
};

Entry Make(std::string ns, std::string name, std::string node = "",
           std::map<std::string, std::string> labels = {}, std::string rv = "1") {
  auto t = std::make_shared<Thing>();
  t->metadata.namespace_ = std::move(ns);
  t->metadata.name = std::move(name);
  t->metadata.labels = std::move(labels);
  t->metadata.resource_version = std::move(rv);
  t->node = std::move(node);
  return Entry::Of(std::shared_ptr<const Thing>(std::move(t)));
}

TEST(Store, KeysAreNamespaceSlashNameOrName) {
  EXPECT_EQ(kube::cache::MetaNamespaceKey("default", "a"), "default/a");
  EXPECT_EQ(kube::cache::MetaNamespaceKey("", "node-1"), "node-1");
}

TEST(Store, UpsertDeleteAndNamespaceIndex) {
  Store store;
  EXPECT_FALSE(store.Upsert(Make("default", "a")));
  EXPECT_FALSE(store.Upsert(Make("default", "b")));
  EXPECT_FALSE(store.Upsert(Make("other", "a")));
  auto replaced = store.Upsert(Make("default", "a", "", {}, "2"));
  ASSERT_TRUE(replaced);
  EXPECT_EQ(replaced->meta->resource_version, "1");
  EXPECT_EQ(store.Size(), 3u);
  EXPECT_EQ(store.GetByKey("default/a")->meta->resource_version, "2");
  EXPECT_EQ(store.ByIndex(kube::cache::kNamespaceIndex, "default")->size(), 2u);
  EXPECT_EQ(store.ByIndex(kube::cache::kNamespaceIndex, "other")->size(), 1u);
  EXPECT_TRUE(store.ByIndex(kube::cache::kNamespaceIndex, "none")->empty());
  EXPECT_EQ(*store.IndexValues(kube::cache::kNamespaceIndex),
            (std::vector<std::string>{"default", "other"}));

  ASSERT_TRUE(store.Delete("other/a"));
  EXPECT_FALSE(store.Delete("other/a"));
  EXPECT_EQ(*store.IndexValues(kube::cache::kNamespaceIndex),
            (std::vector<std::string>{"default"}));
  EXPECT_FALSE(store.ByIndex("nope", "x"));
}

TEST(Store, CustomIndexFollowsUpdates) {
  Store store;
  store.Upsert(Make("default", "a", "node-1"));
  ASSERT_TRUE(store.AddIndexers(
      {{"node", [](const Entry& e) { return std::vector<std::string>{e.As<Thing>()->node}; }}}));
  EXPECT_FALSE(store.AddIndexers({{"node", [](const Entry&) {
                                     return std::vector<std::string>{};
                                   }}}));  // a name already present
  store.Upsert(Make("default", "b", "node-1"));
  EXPECT_EQ(store.ByIndex("node", "node-1")->size(), 2u);
  store.Upsert(Make("default", "a", "node-2"));  // moved: leaves node-1's bucket
  EXPECT_EQ(store.ByIndex("node", "node-1")->size(), 1u);
  EXPECT_EQ(store.ByIndex("node", "node-2")->size(), 1u);
}

TEST(Store, ReplaceReturnsWhatWasThere) {
  Store store;
  store.Upsert(Make("default", "a"));
  store.Upsert(Make("default", "b"));
  auto old = store.Replace({Make("default", "b", "", {}, "5"), Make("default", "c")});
  EXPECT_EQ(old.size(), 2u);
  EXPECT_TRUE(old.count("default/a"));
  EXPECT_EQ(store.ListKeys().size(), 2u);
  EXPECT_FALSE(store.GetByKey("default/a"));
  EXPECT_EQ(store.ByIndex(kube::cache::kNamespaceIndex, "default")->size(), 2u);
}

TEST(Lister, ListsByLabelAndGetsByNamespaceWithoutCopying) {
  auto store = std::make_shared<Store>();
  Entry a = Make("default", "a", "", {{"app", "web"}});
  store->Upsert(a);
  store->Upsert(Make("default", "b", "", {{"app", "db"}}));
  store->Upsert(Make("other", "c", "", {{"app", "web"}}));
  kube::cache::Lister<Thing> lister(store, "things.example.com");

  EXPECT_EQ(lister.List().size(), 3u);
  auto web = kube::labels::Selector::Parse("app=web").value();
  EXPECT_EQ(lister.List(web).size(), 2u);
  EXPECT_EQ(lister.ByNamespace("default").List(web).size(), 1u);
  auto got = lister.ByNamespace("default").Get("a");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->get(), a.As<Thing>().get());  // the store's own object
  auto missing = lister.ByNamespace("other").Get("a");
  ASSERT_FALSE(missing);
  EXPECT_TRUE(kube::IsNotFound(missing.error()));
  EXPECT_NE(missing.error().message.find("things.example.com"), std::string::npos);
  EXPECT_TRUE(lister.Get("default/b"));
  EXPECT_FALSE(lister.ByIndex("nope", "x"));
}

}  // namespace
