// Server-side apply without field ownership: YAML and JSON bodies, merging by list-map keys,
// and what the tracker requires of an apply request (fieldManager, matching kind and name).
#include "kube/testing/apply_patch.h"

#include <gtest/gtest.h>

#include "kube/testing/object_tracker.h"

namespace kube::testing {
namespace {

using nlohmann::json;

std::map<std::string, FieldMerge> Rules() {
  return {
      {"spec.template.spec.containers", {"merge", "name", "map", {"name"}}},
      {"spec.template.spec.containers.ports",
       {"merge", "containerPort", "map", {"containerPort", "protocol"}}},
      {"spec.template.spec.containers.args", {"", "", "atomic", {}}},
      {"spec.finalizers", {"", "", "set", {}}},
      {"spec.legacy", {"merge", "id", "", {}}},
  };
}

json Merge(const json& live, const json& applied) {
  auto r = MergeApplied(live, applied, Rules());
  EXPECT_TRUE(r) << r.error().message;
  return r ? *r : json();
}

TEST(ApplyPatchTest, ParsesYamlWithTypedScalars) {
  auto p = ParseApplyPatch(
      "apiVersion: apps/v1\n"
      "kind: Deployment\n"
      "metadata:\n"
      "  name: web\n"
      "  labels: {version: \"1\", enabled: 'true'}\n"
      "spec:\n"
      "  replicas: 3\n"
      "  paused: false\n"
      "  ratio: 0.5\n"
      "  nothing: ~\n"
      "  args: [--a, \"--b\"]\n");
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ((*p)["metadata"]["labels"], (json{{"version", "1"}, {"enabled", "true"}}));
  EXPECT_EQ((*p)["spec"]["replicas"], 3);
  EXPECT_EQ((*p)["spec"]["paused"], false);
  EXPECT_EQ((*p)["spec"]["ratio"], 0.5);
  EXPECT_TRUE((*p)["spec"]["nothing"].is_null());
  EXPECT_EQ((*p)["spec"]["args"], (json{"--a", "--b"}));
}

TEST(ApplyPatchTest, ParsesJsonAndRefusesWhatIsNotAnObject) {
  auto p = ParseApplyPatch(R"({"kind":"ConfigMap","data":{"a":"1"}})");
  ASSERT_TRUE(p);
  EXPECT_EQ((*p)["data"]["a"], "1");
  EXPECT_TRUE(IsBadRequest(ParseApplyPatch("- a\n- b\n").error()));
  EXPECT_TRUE(IsBadRequest(ParseApplyPatch("a: [unclosed\n").error()));
}

TEST(ApplyPatchTest, MapListsMergeByAllTheirKeys) {
  json live = {{"spec",
                {{"template",
                  {{"spec",
                    {{"containers",
                      {{{"name", "web"},
                        {"image", "nginx:1"},
                        {"ports",
                         {{{"containerPort", 80}, {"protocol", "TCP"}},
                          {{"containerPort", 53}, {"protocol", "UDP"}}}}},
                       {{"name", "sidecar"}, {"image", "busybox"}}}}}}}}}}};
  json applied = {{"spec",
                   {{"template",
                     {{"spec",
                       {{"containers",
                         {{{"name", "web"},
                           {"image", "nginx:2"},
                           {"ports", {{{"containerPort", 53}, {"protocol", "TCP"}}}}}}}}}}}}}};
  json out = Merge(live, applied);
  const json& cs = out["spec"]["template"]["spec"]["containers"];
  ASSERT_EQ(cs.size(), 2u) << "a container the configuration does not name stays";
  EXPECT_EQ(cs[0]["image"], "nginx:2");
  EXPECT_EQ(cs[0]["ports"].size(), 3u) << "ports are told apart by port and protocol";
  EXPECT_EQ(cs[1]["name"], "sidecar");
}

TEST(ApplyPatchTest, SetsUniteAtomicListsAreReplacedNullsRemove) {
  json live = {{"spec",
                {{"finalizers", {"a", "b"}},
                 {"legacy", {{{"id", 1}, {"v", "x"}}}},
                 {"plain", {1, 2}},
                 {"gone", "soon"},
                 {"template", {{"spec", {{"containers", {{{"name", "c"}, {"args", {"-x"}}}}}}}}}}}};
  json applied = {
      {"spec",
       {{"finalizers", {"b", "c"}},
        {"legacy", {{{"id", 1}, {"w", "y"}}, {{"id", 2}}}},
        {"plain", {3}},
        {"gone", nullptr},
        {"template", {{"spec", {{"containers", {{{"name", "c"}, {"args", {"-y"}}}}}}}}}}}};
  json out = Merge(live, applied);
  EXPECT_EQ(out["spec"]["finalizers"], (json{"a", "b", "c"}));
  EXPECT_EQ(out["spec"]["legacy"], (json{{{"id", 1}, {"v", "x"}, {"w", "y"}}, {{"id", 2}}}))
      << "a list with a merge strategy and no list type merges by its merge key";
  EXPECT_EQ(out["spec"]["plain"], (json{3}));
  EXPECT_FALSE(out["spec"].contains("gone"));
  EXPECT_EQ(out["spec"]["template"]["spec"]["containers"][0]["args"], (json{"-y"}));
}

class ApplyThroughTrackerTest : public ::testing::Test {
 protected:
  ApplyThroughTrackerTest() {
    Scheme scheme;
    scheme.Add({.gvk = {"apps", "v1", "Deployment"},
                .plural = "deployments",
                .subresources = {"status", "scale"},
                .merge_fields = Rules()});
    tracker_ = std::make_unique<ObjectTracker>(scheme);
  }
  Result<json> Apply(std::string_view name, std::string_view body, std::string manager = "test") {
    return tracker_->Patch(gvr_, "default", name, PatchType::kApplyPatch, body,
                           {.field_manager = std::move(manager)});
  }
  std::unique_ptr<ObjectTracker> tracker_;
  GroupVersionResource gvr_{"apps", "v1", "deployments"};
};

TEST_F(ApplyThroughTrackerTest, CreatesThenMerges) {
  auto created = Apply("web",
                       "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                       "spec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n"
                       "      - name: web\n        image: nginx:1\n");
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ((*created)["metadata"]["resourceVersion"], "1");
  auto again =
      Apply("web", R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},)"
                   R"("spec":{"template":{"spec":{"containers":[{"name":"side","image":"b"}]}}}})");
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ((*again)["spec"]["replicas"], 1);
  EXPECT_EQ((*again)["spec"]["template"]["spec"]["containers"].size(), 2u);
  EXPECT_EQ((*again)["metadata"]["generation"], 2);
  // Applying the same configuration again changes nothing.
  auto same = Apply("web", R"({"apiVersion":"apps/v1","kind":"Deployment","spec":{"replicas":1}})");
  ASSERT_TRUE(same);
  EXPECT_EQ((*same)["metadata"]["resourceVersion"], (*again)["metadata"]["resourceVersion"]);
}

TEST_F(ApplyThroughTrackerTest, RefusesWhatTheServerRefuses) {
  auto no_manager = Apply("web", R"({"apiVersion":"apps/v1","kind":"Deployment"})", "");
  ASSERT_FALSE(no_manager);
  EXPECT_TRUE(IsBadRequest(no_manager.error()));
  EXPECT_EQ(no_manager.error().message, "fieldManager is required for apply requests");
  EXPECT_TRUE(IsBadRequest(Apply("web", R"({"apiVersion":"v1","kind":"ConfigMap"})").error()));
  EXPECT_TRUE(IsBadRequest(
      Apply("web", R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"}})")
          .error()));
}

TEST_F(ApplyThroughTrackerTest, ScaleSubresourcePatches) {
  ASSERT_TRUE(
      Apply("web", R"({"apiVersion":"apps/v1","kind":"Deployment","spec":{"replicas":1}})"));
  auto scale = tracker_->Patch(gvr_, "default", "web", PatchType::kMergePatch,
                               R"({"spec":{"replicas":4}})", {}, "scale");
  ASSERT_TRUE(scale) << scale.error().message;
  EXPECT_EQ((*scale)["kind"], "Scale");
  EXPECT_EQ((*scale)["spec"]["replicas"], 4);
  EXPECT_EQ((*tracker_->Get(gvr_, "default", "web"))["spec"]["replicas"], 4);
  auto json_patch =
      tracker_->Patch(gvr_, "default", "web", PatchType::kJsonPatch,
                      R"([{"op":"replace","path":"/spec/replicas","value":2}])", {}, "scale");
  ASSERT_TRUE(json_patch) << json_patch.error().message;
  EXPECT_EQ((*json_patch)["spec"]["replicas"], 2);
  auto negative = tracker_->Patch(gvr_, "default", "web", PatchType::kStrategicMergePatch,
                                  R"({"spec":{"replicas":-1}})", {}, "scale");
  ASSERT_FALSE(negative);
  EXPECT_TRUE(IsInvalid(negative.error()));
  auto stale =
      tracker_->Patch(gvr_, "default", "web", PatchType::kMergePatch,
                      R"({"metadata":{"resourceVersion":"1"},"spec":{"replicas":9}})", {}, "scale");
  EXPECT_TRUE(IsConflict(stale.error()));
}

}  // namespace
}  // namespace kube::testing
