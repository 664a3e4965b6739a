// Strategic merge patch against the cases of the Kubernetes documentation ("Update API Objects
// in Place Using kubectl patch"), the semantics apimachinery's strategicpatch tests pin down,
// and the patches kubectl itself sends (set image, edit, client-side apply).
#include "kube/testing/strategic_merge_patch.h"

#include <gtest/gtest.h>

#include "kube/testing/object_tracker.h"

namespace kube::testing {
namespace {

using nlohmann::json;

// The rules the generated scheme registers for apps/v1 Deployment (a subset).
std::map<std::string, FieldMerge> DeploymentRules() {
  return {
      {"spec.strategy", {"retainKeys", "", "", {}}},
      {"spec.template.spec.containers", {"merge", "name", "map", {"name"}}},
      {"spec.template.spec.containers.ports",
       {"merge", "containerPort", "map", {"containerPort", "protocol"}}},
      {"spec.template.spec.containers.env", {"merge", "name", "map", {"name"}}},
      {"spec.template.spec.containers.args", {"", "", "atomic", {}}},
      {"spec.template.spec.volumes", {"merge,retainKeys", "name", "map", {"name"}}},
      {"spec.template.spec.tolerations", {"", "", "atomic", {}}},
      {"spec.template.spec.nodeSelector", {"replace", "", "", {}}},
      {"mergingList", {"merge", "name", "", {}}},
      {"mergingIntList", {"merge", "", "", {}}},
      {"nonMergingList", {"", "", "", {}}},
  };
}

json Patch(const json& original, const json& patch) {
  auto r = StrategicMergePatch(original, patch, DeploymentRules());
  EXPECT_TRUE(r) << r.error().message;
  return r ? *r : json();
}

Error PatchError(const json& original, const json& patch) {
  auto r = StrategicMergePatch(original, patch, DeploymentRules());
  EXPECT_FALSE(r) << "patched to " << r->dump();
  return r ? Error() : r.error();
}

json Containers(json list) {
  return {{"spec", {{"template", {{"spec", {{"containers", list}}}}}}}};
}

// ---- The documentation's cases ----

TEST(StrategicMergePatchTest, DocsContainersMergeByName) {
  json live = Containers({{{"name", "patch-demo-ctr"}, {"image", "nginx"}}});
  json out = Patch(live, Containers({{{"name", "patch-demo-ctr-2"}, {"image", "redis"}}}));
  // As the documentation shows it: the patch's container first, then the server's.
  EXPECT_EQ(out, Containers({{{"name", "patch-demo-ctr-2"}, {"image", "redis"}},
                             {{"name", "patch-demo-ctr"}, {"image", "nginx"}}}));
}

TEST(StrategicMergePatchTest, DocsListWithoutMergeStrategyIsReplaced) {
  json live = {
      {"spec",
       {{"template",
         {{"spec",
           {{"tolerations",
             {{{"effect", "NoSchedule"}, {"key", "dedicated"}, {"value", "test-team"}}}}}}}}}}};
  json patch = {{"spec",
                 {{"template",
                   {{"spec",
                     {{"tolerations",
                       {{{"effect", "NoSchedule"}, {"key", "disktype"}, {"value", "ssd"}}}}}}}}}}};
  EXPECT_EQ(Patch(live, patch), patch);
}

TEST(StrategicMergePatchTest, DocsRetainKeysClearsOtherMembers) {
  json live = {{"spec",
                {{"strategy",
                  {{"type", "RollingUpdate"},
                   {"rollingUpdate", {{"maxSurge", "25%"}, {"maxUnavailable", "25%"}}}}}}}};
  json out =
      Patch(live, {{"spec", {{"strategy", {{"$retainKeys", {"type"}}, {"type", "Recreate"}}}}}});
  EXPECT_EQ(out, (json{{"spec", {{"strategy", {{"type", "Recreate"}}}}}}));
  // Without the directive the same patch merges, as the docs' first attempt shows.
  json merged = Patch(live, {{"spec", {{"strategy", {{"type", "Recreate"}}}}}});
  EXPECT_TRUE(merged["spec"]["strategy"].contains("rollingUpdate"));
}

TEST(StrategicMergePatchTest, RetainKeysRefusesAMemberItDoesNotList) {
  json live = {{"spec", {{"strategy", {{"type", "RollingUpdate"}}}}}};
  Error e = PatchError(
      live,
      {{"spec", {{"strategy", {{"$retainKeys", {"type"}}, {"rollingUpdate", json::object()}}}}}});
  EXPECT_TRUE(IsBadRequest(e));
  EXPECT_NE(e.message.find("$retainKeys"), std::string::npos);
}

// ---- Maps ----

TEST(StrategicMergePatchTest, MapsMergeAndNullDeletes) {
  json live = {{"metadata", {{"labels", {{"a", "1"}, {"b", "2"}}}}}, {"data", {{"k", "v"}}}};
  json out = Patch(live, {{"metadata", {{"labels", {{"a", nullptr}, {"c", "3"}}}}}});
  EXPECT_EQ(out["metadata"]["labels"], (json{{"b", "2"}, {"c", "3"}}));
  EXPECT_EQ(out["data"], live["data"]);
  // A null for a member the object lacks is dropped, never stored.
  EXPECT_FALSE(Patch(live, {{"spec", {{"x", nullptr}}}})["spec"].contains("x"));
}

TEST(StrategicMergePatchTest, ReplaceDirectiveInMap) {
  json live = {{"data", {{"a", "1"}, {"b", "2"}}}};
  json out = Patch(live, {{"data", {{"$patch", "replace"}, {"c", "3"}}}});
  EXPECT_EQ(out, (json{{"data", {{"c", "3"}}}}));
}

TEST(StrategicMergePatchTest, DeleteDirectiveInMap) {
  json live = {{"data", {{"a", "1"}}}, {"other", 1}};
  EXPECT_EQ(Patch(live, {{"data", {{"$patch", "delete"}}}}),
            (json{{"data", json::object()}, {"other", 1}}));
  // Deleting what is not there leaves nothing behind.
  EXPECT_EQ(Patch({{"other", 1}}, {{"data", {{"$patch", "delete"}}}}), (json{{"other", 1}}));
  EXPECT_EQ(Patch(live, {{"$patch", "delete"}}), json::object());
}

TEST(StrategicMergePatchTest, MapWithReplaceStrategyIsReplaced) {
  json live = {{"spec", {{"template", {{"spec", {{"nodeSelector", {{"a", "1"}}}}}}}}}};
  json patch = {{"spec", {{"template", {{"spec", {{"nodeSelector", {{"b", "2"}}}}}}}}}};
  EXPECT_EQ(Patch(live, patch), patch);
}

TEST(StrategicMergePatchTest, UnknownDirectivesAreRefused) {
  EXPECT_TRUE(IsBadRequest(PatchError({{"a", {{"b", 1}}}}, {{"a", {{"$patch", "explode"}}}})));
  EXPECT_TRUE(IsBadRequest(PatchError({{"a", 1}}, {{"$unknown", 1}})));
  EXPECT_TRUE(IsBadRequest(PatchError({}, json::array())));
}

// ---- Lists of maps merged by key ----

TEST(StrategicMergePatchTest, ElementsMergeByKeyKeepingTheirOtherFields) {
  json live = {
      {"mergingList",
       {{{"name", "1"}, {"value", "a"}, {"other", "x"}}, {{"name", "2"}, {"value", "b"}}}}};
  json out = Patch(live, {{"mergingList", {{{"name", "1"}, {"value", "c"}}}}});
  EXPECT_EQ(out["mergingList"], (json{{{"name", "1"}, {"value", "c"}, {"other", "x"}},
                                      {{"name", "2"}, {"value", "b"}}}));
}

TEST(StrategicMergePatchTest, NestedListsMergeByTheirOwnKeys) {
  json live =
      Containers({{{"name", "web"},
                   {"image", "nginx"},
                   {"ports", {{{"containerPort", 80}, {"name", "http"}}}},
                   {"env", {{{"name", "A"}, {"value", "1"}}, {{"name", "B"}, {"value", "2"}}}}}});
  json out = Patch(live, Containers({{{"name", "web"},
                                      {"ports", {{{"containerPort", 443}}}},
                                      {"env", {{{"name", "B"}, {"value", "3"}}}}}}));
  const json& c = out["spec"]["template"]["spec"]["containers"][0];
  EXPECT_EQ(c["image"], "nginx");
  EXPECT_EQ(c["ports"],
            (json{{{"containerPort", 443}}, {{"containerPort", 80}, {"name", "http"}}}));
  EXPECT_EQ(c["env"], (json{{{"name", "A"}, {"value", "1"}}, {{"name", "B"}, {"value", "3"}}}));
}

TEST(StrategicMergePatchTest, DeleteDirectiveRemovesTheElement) {
  json live = Containers({{{"name", "a"}, {"image", "x"}}, {{"name", "b"}, {"image", "y"}}});
  json out = Patch(live, Containers({{{"name", "a"}, {"$patch", "delete"}}}));
  EXPECT_EQ(out, Containers({{{"name", "b"}, {"image", "y"}}}));
  Error e = PatchError(live, Containers({{{"$patch", "delete"}}}));
  EXPECT_TRUE(IsBadRequest(e));
  EXPECT_NE(e.message.find("does not contain declared merge key: name"), std::string::npos);
}

TEST(StrategicMergePatchTest, ReplaceDirectiveInListReplacesIt) {
  json live = {{"mergingList", {{{"name", "1"}}, {{"name", "2"}}}}};
  json out =
      Patch(live, {{"mergingList", {{{"name", "3"}, {"value", "c"}}, {{"$patch", "replace"}}}}});
  EXPECT_EQ(out, (json{{"mergingList", {{{"name", "3"}, {"value", "c"}}}}}));
  EXPECT_TRUE(IsBadRequest(PatchError(live, {{"mergingList", {{{"$patch", "merge"}}}}})));
}

TEST(StrategicMergePatchTest, ElementWithoutMergeKeyIsRefused) {
  EXPECT_TRUE(IsBadRequest(
      PatchError({{"mergingList", {{{"name", "1"}}}}}, {{"mergingList", {{{"value", "1"}}}}})));
}

TEST(StrategicMergePatchTest, NewElementsFollowThePatchOrder) {
  json live = {{"mergingList", {{{"name", "1"}}, {{"name", "2"}}}}};
  json out = Patch(live, {{"mergingList", {{{"name", "3"}}, {{"name", "1"}, {"v", 1}}}}});
  // apimachinery: the patch's items in its order, the server-only ones interleaved by the
  // server's order.
  EXPECT_EQ(out["mergingList"],
            (json{{{"name", "3"}}, {{"name", "1"}, {"v", 1}}, {{"name", "2"}}}));
}

// ---- $setElementOrder ----

TEST(StrategicMergePatchTest, SetElementOrderReorders) {
  json live = {{"mergingList", {{{"name", "1"}}, {{"name", "2"}}, {{"name", "3"}}}}};
  json out = Patch(
      live, {{"$setElementOrder/mergingList", {{{"name", "3"}}, {{"name", "2"}}, {{"name", "1"}}}},
             {"mergingList", {{{"name", "2"}, {"v", 1}}}}});
  EXPECT_EQ(out,
            (json{{"mergingList", {{{"name", "3"}}, {{"name", "2"}, {"v", 1}}, {{"name", "1"}}}}}));
}

TEST(StrategicMergePatchTest, SetElementOrderKeepsServerOnlyItemsInPlace) {
  json live = {{"mergingList", {{{"name", "1"}}, {{"name", "2"}}, {{"name", "3"}}}}};
  json out = Patch(live, {{"$setElementOrder/mergingList", {{{"name", "3"}}, {{"name", "1"}}}}});
  EXPECT_EQ(out["mergingList"], (json{{{"name", "2"}}, {{"name", "3"}}, {{"name", "1"}}}));
}

TEST(StrategicMergePatchTest, SetElementOrderOfScalars) {
  json live = {{"mergingIntList", {1, 2, 3}}};
  json out =
      Patch(live, {{"$setElementOrder/mergingIntList", {3, 1, 2, 4}}, {"mergingIntList", {4}}});
  EXPECT_EQ(out, (json{{"mergingIntList", {3, 1, 2, 4}}}));
}

// ---- Lists of scalars ----

TEST(StrategicMergePatchTest, ScalarListsWithMergeStrategyAreSets) {
  json live = {{"mergingIntList", {1, 2}}, {"nonMergingList", {1, 2}}};
  json out = Patch(live, {{"mergingIntList", {2, 3}}, {"nonMergingList", {3}}});
  // Server-only 1 keeps its place ahead of the patch's 2, which it preceded.
  EXPECT_EQ(out["mergingIntList"], (json{1, 2, 3}));
  EXPECT_EQ(out["nonMergingList"], (json{3}));
}

TEST(StrategicMergePatchTest, DeleteFromPrimitiveList) {
  json live = {{"metadata", {{"finalizers", {"a", "b", "c", "a"}}}}};
  json out = Patch(live, {{"metadata", {{"$deleteFromPrimitiveList/finalizers", {"a", "c"}}}}});
  EXPECT_EQ(out, (json{{"metadata", {{"finalizers", {"b"}}}}}));
  // Finalizers merge as a set (duplicates dropped) although no schema registered metadata's
  // rules; a new item the server cannot place goes first, as apimachinery orders it.
  out = Patch(live, {{"metadata", {{"finalizers", {"d"}}}}});
  EXPECT_EQ(out["metadata"]["finalizers"], (json{"d", "a", "b", "c"}));
}

TEST(StrategicMergePatchTest, OwnerReferencesMergeByUid) {
  json live = {
      {"metadata",
       {{"ownerReferences", {{{"uid", "1"}, {"name", "a"}}, {{"uid", "2"}, {"name", "b"}}}}}}};
  json out =
      Patch(live, {{"metadata", {{"ownerReferences", {{{"uid", "1"}, {"$patch", "delete"}}}}}}});
  EXPECT_EQ(out["metadata"]["ownerReferences"], (json{{{"uid", "2"}, {"name", "b"}}}));
}

// ---- No directive is ever stored ----

TEST(StrategicMergePatchTest, DirectivesVanishWhereTheObjectHadNothing) {
  json out = Patch(json::object(),
                   Containers({{{"name", "a"}, {"env", {{{"name", "X"}, {"$patch", "delete"}}}}},
                               {{"name", "b"}, {"$patch", "delete"}}}));
  EXPECT_EQ(out, Containers({{{"name", "a"}, {"env", json::array()}}}));
  json spec = {{"spec",
                {{"template",
                  {{"spec",
                    {{"$setElementOrder/containers", {{{"name", "a"}}}},
                     {"containers", {{{"name", "a"}, {"image", "x"}}}},
                     {"tolerations", {{{"key", "k"}, {"$patch", "replace"}}}}}}}}}}};
  out = Patch(json::object(), spec);
  EXPECT_EQ(out.dump().find('$'), std::string::npos) << out.dump();
}

// ---- What kubectl sends ----

TEST(StrategicMergePatchTest, KubectlSetImageKeepsPorts) {
  json live = Containers({{{"name", "nginx"},
                           {"image", "nginx:1.27"},
                           {"ports", {{{"containerPort", 80}, {"protocol", "TCP"}}}}},
                          {{"name", "sidecar"}, {"image", "busybox"}}});
  // kubectl set image deploy/web nginx=nginx:1.28
  json patch = {{"spec",
                 {{"template",
                   {{"spec",
                     {{"$setElementOrder/containers", {{{"name", "nginx"}}, {{"name", "sidecar"}}}},
                      {"containers", {{{"image", "nginx:1.28"}, {"name", "nginx"}}}}}}}}}}};
  json out = Patch(live, patch);
  json want = live;
  want["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.28";
  EXPECT_EQ(out, want);
}

TEST(StrategicMergePatchTest, KubectlClientSideApplyRemovesWhatTheConfigDropped) {
  // Three-way patch of `kubectl apply` after a container and an env var left the file.
  json live =
      Containers({{{"name", "a"},
                   {"image", "x"},
                   {"env", {{{"name", "E1"}, {"value", "1"}}, {{"name", "E2"}, {"value", "2"}}}}},
                  {{"name", "b"}, {"image", "y"}}});
  live["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"] = "{old}";
  json patch = {
      {"metadata",
       {{"annotations", {{"kubectl.kubernetes.io/last-applied-configuration", "{new}"}}}}},
      {"spec",
       {{"template",
         {{"spec",
           {{"$setElementOrder/containers", {{{"name", "a"}}}},
            {"containers",
             {{{"name", "a"},
               {"$setElementOrder/env", {{{"name", "E1"}}}},
               {"env", {{{"name", "E2"}, {"$patch", "delete"}}}}},
              {{"name", "b"}, {"$patch", "delete"}}}}}}}}}}};
  json out = Patch(live, patch);
  json want =
      Containers({{{"name", "a"}, {"image", "x"}, {"env", {{{"name", "E1"}, {"value", "1"}}}}}});
  want["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"] = "{new}";
  EXPECT_EQ(out, want);
}

// ---- Through the tracker, so the fake clientset and the server get it ----

TEST(StrategicMergePatchTest, TrackerAppliesItByTheKindsRules) {
  Scheme scheme;
  scheme.Add({.gvk = {"apps", "v1", "Deployment"},
              .plural = "deployments",
              .merge_fields = DeploymentRules()});
  ObjectTracker tracker(scheme);
  GroupVersionResource gvr{"apps", "v1", "deployments"};
  json d = Containers(
      {{{"name", "nginx"}, {"image", "nginx:1.27"}, {"ports", {{{"containerPort", 80}}}}}});
  d["metadata"]["name"] = "web";
  ASSERT_TRUE(tracker.Create(gvr, "default", d));
  auto patched = tracker.Patch(
      gvr, "default", "web", PatchType::kStrategicMergePatch,
      R"({"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],)"
      R"("containers":[{"image":"nginx:1.28","name":"nginx"}]}}}})");
  ASSERT_TRUE(patched) << patched.error().message;
  const json& c = (*patched)["spec"]["template"]["spec"]["containers"];
  EXPECT_EQ(
      c,
      (json{{{"name", "nginx"}, {"image", "nginx:1.28"}, {"ports", {{{"containerPort", 80}}}}}}));
  EXPECT_EQ((*patched)["metadata"]["generation"], 2);
  auto bad = tracker.Patch(gvr, "default", "web", PatchType::kStrategicMergePatch,
                           R"({"spec":{"$patch":"nonsense"}})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, 400);
}

}  // namespace
}  // namespace kube::testing
