#include "kube/meta.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "kube/codec.h"
#include "kube/options.h"
#include "support/test_types.h"

namespace kube {
namespace {

using nlohmann::json;

TEST(TimeTest, ParsesAndFormatsRfc3339) {
  auto t = Time::Parse("2024-02-29T23:59:58Z");
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->ToString(), "2024-02-29T23:59:58Z");
  auto offset = Time::Parse("2024-03-01T01:59:58+02:00");
  ASSERT_TRUE(offset);
  EXPECT_EQ(*offset, *t);
  auto frac = MicroTime::Parse("2024-02-29T23:59:58.123456Z");
  ASSERT_TRUE(frac);
  EXPECT_EQ(frac->ToString(), "2024-02-29T23:59:58.123456Z");
}

TEST(TimeTest, RejectsMalformedTimesWithAReason) {
  for (const char* bad : {"", "2024-02-30T00:00:00Z", "2024-01-01 00:00", "2024-01-01T00:00:00",
                          "2024-01-01T00:00:00Zjunk", "2024-01-01T25:00:00Z"}) {
    auto t = Time::Parse(bad);
    ASSERT_FALSE(t) << bad;
    EXPECT_TRUE(IsDecode(t.error()));
    EXPECT_NE(t.error().message.find("RFC 3339"), std::string::npos);
  }
}

TEST(TimeTest, ZeroEncodesAsNull) {
  json j = Time{};
  EXPECT_TRUE(j.is_null());
  Time back = json(nullptr).get<Time>();
  EXPECT_TRUE(back.IsZero());
}

TEST(IntOrStringTest, RoundTripsBothForms) {
  json i = IntOrString(8080);
  json s = IntOrString("http");
  EXPECT_EQ(i, json(8080));
  EXPECT_EQ(s, json("http"));
  EXPECT_TRUE(i.get<IntOrString>().IsInt());
  EXPECT_EQ(s.get<IntOrString>().str_val, "http");
  EXPECT_EQ(IntOrString("25%").ToString(), "25%");
}

TEST(ObjectMetaTest, RoundTripsEveryField) {
  json in = json::parse(R"({
    "name": "alpha", "generateName": "al-", "namespace": "default", "selfLink": "/x",
    "uid": "0d6f", "resourceVersion": "42", "generation": 3,
    "creationTimestamp": "2024-01-02T03:04:05Z", "deletionTimestamp": "2024-01-02T03:05:05Z",
    "deletionGracePeriodSeconds": 30, "labels": {"app": "web"}, "annotations": {"a": "b"},
    "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "rs",
                         "uid": "u1", "controller": true, "blockOwnerDeletion": true}],
    "finalizers": ["example.com/cleanup"],
    "managedFields": [{"manager": "kubectl", "operation": "Update", "apiVersion": "v1",
                       "time": "2024-01-02T03:04:05Z", "fieldsType": "FieldsV1",
                       "fieldsV1": {"f:data": {".": {}}}}]
  })");
  ObjectMeta m = in.get<ObjectMeta>();
  EXPECT_EQ(m.namespace_, "default");
  EXPECT_EQ(m.generation, 3);
  ASSERT_EQ(m.owner_references.size(), 1u);
  EXPECT_EQ(m.owner_references[0].controller, true);
  EXPECT_EQ(m.deletion_grace_period_seconds, 30);
  EXPECT_EQ(json(m), in);
}

TEST(ObjectMetaTest, EmptyFieldsAreOmitted) {
  EXPECT_EQ(json(ObjectMeta{}), json::object());
  EXPECT_EQ(json(ListMeta{}), json::object());
}

// Go writes a zero creationTimestamp as null: it is written back as it came, an absent one stays
// absent, and == does not tell them apart (Go's DeepEqual sees the same zero Time).
TEST(ObjectMetaTest, NullCreationTimestampIsWrittenBackAsItCame) {
  const json in = json::parse(R"({"name":"t","creationTimestamp":null})");
  ObjectMeta m = in.get<ObjectMeta>();
  EXPECT_TRUE(m.creation_timestamp.IsZero());
  EXPECT_EQ(json(m), in);
  EXPECT_EQ(m, ObjectMeta{.name = "t"});
  EXPECT_EQ(json(ObjectMeta{.name = "t"}), json::parse(R"({"name":"t"})"));
  m.creation_timestamp = Time::Parse("2024-01-02T03:04:05Z").value();
  EXPECT_EQ(json(m)["creationTimestamp"], "2024-01-02T03:04:05Z");
}

TEST(UnknownFieldsTest, KeepsMembersAndPresenceThatEqualityIgnores) {
  UnknownFields none;
  EXPECT_TRUE(none.empty());
  EXPECT_FALSE(none.kept_present());
  UnknownFields present;
  present.KeepPresent();
  EXPECT_TRUE(present.empty());
  EXPECT_TRUE(present.kept_present());
  EXPECT_EQ(present, none);  // Go's DeepEqual sees two empty structs
  UnknownFields copy = present;
  EXPECT_TRUE(copy.kept_present());
  copy["addedByANewerServer"] = R"({"x":1})";
  EXPECT_EQ(copy.at("addedByANewerServer"), R"({"x":1})");
  EXPECT_NE(copy, present);
  EXPECT_THROW((void)none.at("missing"), std::out_of_range);
}

TEST(GetReferenceTest, UsesObjectOrTypeKind) {
  kube_test::ConfigMap cm = kube_test::MakeConfigMap("settings");
  cm.metadata.namespace_ = "ns";
  cm.metadata.uid = "u";
  cm.api_version.clear();
  cm.kind.clear();
  ObjectReference ref = GetReference(cm);
  EXPECT_EQ(ref.kind, "ConfigMap");
  EXPECT_EQ(ref.api_version, "v1");
  EXPECT_EQ(ref.name, "settings");
  EXPECT_EQ(ref.namespace_, "ns");
  EXPECT_EQ(ref.uid, "u");
}

TEST(OptionsTest, EncodesEveryListParameter) {
  ListOptions o;
  o.label_selector = "app=web";
  o.field_selector = "metadata.name=a";
  o.watch = true;
  o.allow_watch_bookmarks = true;
  o.resource_version = "10";
  o.resource_version_match = "NotOlderThan";
  o.timeout_seconds = 30;
  o.limit = 500;
  o.continue_ = "tok";
  o.send_initial_events = true;
  QueryParams q = ToQuery(o);
  EXPECT_EQ(q.size(), 10u);
  ListOptions back = ListOptionsFromQuery(q);
  EXPECT_EQ(back.label_selector, o.label_selector);
  EXPECT_EQ(back.timeout_seconds, 30);
  EXPECT_EQ(back.limit, 500);
  EXPECT_EQ(back.continue_, "tok");
  EXPECT_EQ(back.send_initial_events, true);
  EXPECT_TRUE(ToQuery(ListOptions{}).empty());
}

TEST(OptionsTest, DeleteOptionsBodyMatchesClientGo) {
  DeleteOptions d;
  d.grace_period_seconds = 0;
  d.propagation_policy = "Foreground";
  d.preconditions = Preconditions{.uid = "u", .resource_version = std::nullopt};
  d.dry_run = {"All"};
  json j = d;
  EXPECT_EQ(j["gracePeriodSeconds"], 0);
  EXPECT_EQ(j["propagationPolicy"], "Foreground");
  EXPECT_EQ(j["preconditions"], json({{"uid", "u"}}));
  EXPECT_EQ(j["dryRun"], json({"All"}));
  EXPECT_EQ(j.get<DeleteOptions>().preconditions->uid, "u");
}

TEST(OptionsTest, PatchContentTypes) {
  EXPECT_EQ(ContentType(PatchType::kJsonPatch), "application/json-patch+json");
  EXPECT_EQ(ContentType(PatchType::kMergePatch), "application/merge-patch+json");
  EXPECT_EQ(ContentType(PatchType::kStrategicMergePatch), "application/strategic-merge-patch+json");
  EXPECT_EQ(ContentType(PatchType::kApplyPatch), "application/apply-patch+yaml");
}

TEST(CodecTest, DecodeErrorsNameTheOffset) {
  auto bad = Decode<kube_test::ConfigMap>(R"({"metadata": {"name": )");
  ASSERT_FALSE(bad);
  EXPECT_TRUE(IsDecode(bad.error()));
  EXPECT_NE(bad.error().message.find("offset"), std::string::npos);
  auto wrong_type = Decode<kube_test::ConfigMap>(R"({"metadata": {"name": 5}})");
  ASSERT_FALSE(wrong_type);
  EXPECT_TRUE(IsDecode(wrong_type.error()));
}

// managedFields is read without counting its entries first (their fieldsV1 are most of an
// object's tokens); the vector still holds no more room than its entries need.
TEST(CodecTest, ManagedFieldsDecodeInOrderAndHoldNoSpareRoom) {
  const json in = json::parse(R"({"metadata": {"name": "cm", "managedFields": [
    {"manager": "a", "operation": "Update", "apiVersion": "v1", "fieldsType": "FieldsV1",
     "fieldsV1": {"f:data": {".": {}, "f:k": {}}}},
    {"manager": "b", "operation": "Apply", "apiVersion": "v1", "fieldsType": "FieldsV1",
     "fieldsV1": {"f:metadata": {"f:labels": {"f:app": {}}}}},
    {"manager": "c", "operation": "Update", "apiVersion": "v1", "subresource": "status"}]}})");
  auto decoded = Decode<kube_test::ConfigMap>(in.dump());
  ASSERT_TRUE(decoded) << decoded.error().message;
  const std::vector<ManagedFieldsEntry>& entries = decoded->metadata.managed_fields;
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries.capacity(), 3u);
  EXPECT_EQ(entries[1].manager, "b");
  EXPECT_EQ(entries[2].subresource, "status");
  EXPECT_EQ(json::parse(Encode(*decoded))["metadata"], in["metadata"]);
  EXPECT_FALSE(Decode<kube_test::ConfigMap>(R"({"metadata": {"managedFields": {}}})"));
  auto null_fields = Decode<kube_test::ConfigMap>(R"({"metadata": {"managedFields": null}})");
  ASSERT_TRUE(null_fields);
  EXPECT_TRUE(null_fields->metadata.managed_fields.empty());
}

TEST(SchemeTest, PluralsFollowKubernetesRules) {
  EXPECT_EQ(PluralResourceName("Flunder"), "flunders");
  EXPECT_EQ(PluralResourceName("NetworkPolicy"), "networkpolicies");
  EXPECT_EQ(PluralResourceName("Ingress"), "ingresses");
  EXPECT_EQ(PluralResourceName("Endpoints"), "endpoints");
  EXPECT_EQ(PluralResourceName("Gateway"), "gateways");
  EXPECT_EQ(PluralResourceName("Box"), "boxes");
  EXPECT_EQ(PluralResourceName("Mesh", {{"Mesh", "meshes2"}}), "meshes2");
}

TEST(SchemeTest, LooksUpByKindAndResource) {
  Scheme s = kube_test::TestScheme();
  const KindInfo* w = s.ByResource(kube_test::kWidgets);
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->gvk.kind, "Widget");
  EXPECT_EQ(w->ListKind(), "WidgetList");
  EXPECT_TRUE(w->HasSubresource("status"));
  EXPECT_EQ(s.ByKind({"", "v1", "ConfigMap"})->plural, "configmaps");
  EXPECT_EQ(s.ByResource({"", "v1", "nothing"}), nullptr);
  EXPECT_EQ(s.GroupVersions().size(), 2u);
}

}  // namespace
}  // namespace kube
