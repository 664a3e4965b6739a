// The OpenAPI loaders on the real Kubernetes documents: v2 (swagger.json, the whole API) and v3
// (one document per group version, each repeating the definitions it uses). Kinds, verbs,
// scope and subresources as client-gen derives them; definitions emitted once, where their
// names place them; presence and merge metadata in the model; errors with file:line:col.
#include "schema/openapi_loader.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "emit/emitter.h"
#include "schema/loader.h"

namespace kube::gen {
namespace {

using model::Presence;
using model::Type;

std::string Shared(const std::string& rel) { return std::string(KUBE_SHARED_DATA_DIR) + "/" + rel; }

const model::Kind* FindKind(const model::Model& m, const std::string& group,
                            const std::string& version, const std::string& kind) {
  auto g = m.groups.find(group);
  if (g == m.groups.end()) return nullptr;
  auto v = g->second.versions.find(version);
  if (v == g->second.versions.end()) return nullptr;
  for (const auto& k : v->second.kinds) {
    if (k.name == kind) return &k;
  }
  return nullptr;
}

const model::Struct* FindStruct(const model::Model& m, const std::string& group,
                                const std::string& version, const std::string& name) {
  const auto& structs = m.groups.at(group).versions.at(version).structs;
  auto it = std::find_if(structs.begin(), structs.end(),
                         [&](const model::Struct& s) { return s.name == name; });
  return it == structs.end() ? nullptr : &*it;
}

const model::Field* FindField(const model::Struct* s, const std::string& json_name) {
  if (!s) return nullptr;
  for (const auto& f : s->fields) {
    if (f.json_name == json_name) return &f;
  }
  return nullptr;
}

class SwaggerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    model_ = new model::Model;
    auto ok = LoadSchemas({Shared("kubernetes/swagger.json")}, InputFormat::kAuto, {}, *model_);
    ASSERT_TRUE(ok) << ok.error().message;
  }
  static void TearDownTestSuite() { delete model_; }
  static model::Model* model_;
};
model::Model* SwaggerTest::model_ = nullptr;

TEST_F(SwaggerTest, VerbsScopeAndSubresourcesFromThePaths) {
  const model::Kind* pod = FindKind(*model_, "", "v1", "Pod");
  ASSERT_NE(pod, nullptr);
  EXPECT_EQ(pod->plural, "pods");
  EXPECT_TRUE(pod->namespaced);
  EXPECT_EQ(pod->verbs,
            (std::set<std::string>{"create", "delete", "deleteCollection", "get", "list", "patch",
                                   "update", "updateStatus", "watch"}));
  const model::Kind* review = FindKind(*model_, "authentication.k8s.io", "v1", "TokenReview");
  ASSERT_NE(review, nullptr);
  EXPECT_EQ(review->verbs, std::set<std::string>{"create"});
  EXPECT_FALSE(review->namespaced);
  const model::Kind* cs = FindKind(*model_, "", "v1", "ComponentStatus");
  ASSERT_NE(cs, nullptr);
  EXPECT_EQ(cs->verbs, (std::set<std::string>{"get", "list"}));
  const model::Kind* deploy = FindKind(*model_, "apps", "v1", "Deployment");
  ASSERT_NE(deploy, nullptr);
  EXPECT_TRUE(deploy->HasSubresource("scale"));
  EXPECT_TRUE(deploy->HasSubresource("status"));
  const model::Kind* roles = FindKind(*model_, "rbac.authorization.k8s.io", "v1", "ClusterRole");
  ASSERT_NE(roles, nullptr);
  EXPECT_FALSE(roles->namespaced);
  EXPECT_EQ(model_->groups.at("rbac.authorization.k8s.io").cpp_name, "rbac");
  EXPECT_EQ(FindKind(*model_, "", "v1", "Endpoints")->accessor, "Endpoints");
  EXPECT_EQ(FindKind(*model_, "networking.k8s.io", "v1", "NetworkPolicy")->accessor,
            "NetworkPolicies");
}

TEST_F(SwaggerTest, DefinitionsAreEmittedOnceWhereTheirNamesPlaceThem) {
  EXPECT_NE(FindStruct(*model_, "", "v1", "PodSpec"), nullptr);
  EXPECT_EQ(FindStruct(*model_, "apps", "v1", "PodSpec"), nullptr);
  const model::Field* tmpl =
      FindField(FindStruct(*model_, "apps", "v1", "DeploymentSpec"), "template");
  ASSERT_NE(tmpl, nullptr);
  EXPECT_EQ(tmpl->type.kind, Type::Kind::kStruct);
  EXPECT_EQ(tmpl->type.struct_name, "PodTemplateSpec");
  ASSERT_TRUE(tmpl->type.struct_group.has_value());
  EXPECT_EQ(*tmpl->type.struct_group, "");
  EXPECT_EQ(tmpl->type.struct_version, "v1");
  // apimachinery types are the runtime's, never generated.
  const model::Field* meta = FindField(FindStruct(*model_, "", "v1", "Pod"), "metadata");
  ASSERT_NE(meta, nullptr);
  EXPECT_EQ(meta->type.kind, Type::Kind::kObjectMeta);
  EXPECT_EQ(model_->groups.count("meta"), 0u);
  const model::Field* selector =
      FindField(FindStruct(*model_, "apps", "v1", "DeploymentSpec"), "selector");
  ASSERT_NE(selector, nullptr);
  EXPECT_EQ(selector->type.kind, Type::Kind::kLabelSelector);
}

TEST_F(SwaggerTest, PresenceAndMergeMetadata) {
  const model::Struct* volume = FindStruct(*model_, "", "v1", "Volume");
  ASSERT_NE(volume, nullptr);
  EXPECT_EQ(FindField(volume, "name")->presence, Presence::kPlain);
  EXPECT_EQ(FindField(volume, "emptyDir")->presence, Presence::kHeap);
  const model::Struct* pod = FindStruct(*model_, "", "v1", "Pod");
  EXPECT_EQ(FindField(pod, "spec")->presence, Presence::kPlain);
  EXPECT_EQ(FindField(pod, "status")->presence, Presence::kPlain);
  const model::Struct* container = FindStruct(*model_, "", "v1", "Container");
  EXPECT_EQ(FindField(container, "image")->presence, Presence::kOptional);
  EXPECT_EQ(FindField(container, "livenessProbe")->presence, Presence::kHeap);
  const model::Field* containers =
      FindField(FindStruct(*model_, "", "v1", "PodSpec"), "containers");
  ASSERT_NE(containers, nullptr);
  EXPECT_TRUE(containers->required);
  EXPECT_EQ(containers->patch_strategy, "merge");
  EXPECT_EQ(containers->patch_merge_key, "name");
  EXPECT_EQ(containers->list_type, "map");
  EXPECT_EQ(containers->list_map_keys, std::vector<std::string>{"name"});
  // A recursive schema (JSONSchemaProps holds itself) is a struct that refers to itself.
  const model::Struct* props = FindStruct(*model_, "apiextensions.k8s.io", "v1", "JSONSchemaProps");
  ASSERT_NE(props, nullptr);
  const model::Field* nested = FindField(props, "not");
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(nested->type.struct_name, "JSONSchemaProps");
  EXPECT_EQ(nested->presence, Presence::kHeap);
}

TEST(OpenAPIv3Test, OneDocumentPerGroupVersionRepeatingDefinitions) {
  model::Model m;
  auto ok = LoadSchemas({Shared("kubernetes/openapi-v3")}, InputFormat::kAuto, {}, m);
  ASSERT_TRUE(ok) << ok.error().message;
  ASSERT_NE(FindKind(m, "", "v1", "Pod"), nullptr);
  const model::Kind* deploy = FindKind(m, "apps", "v1", "Deployment");
  ASSERT_NE(deploy, nullptr);
  EXPECT_TRUE(deploy->HasSubresource("scale"));
  // Both documents define io.k8s.api.core.v1.PodSpec: it is emitted once, in core/v1.
  const auto& core = m.groups.at("").versions.at("v1").structs;
  EXPECT_EQ(std::count_if(core.begin(), core.end(),
                          [](const model::Struct& s) { return s.name == "PodSpec"; }),
            1);
  EXPECT_EQ(FindStruct(m, "apps", "v1", "PodSpec"), nullptr);
  // allOf: [{$ref}] (how v3 attaches a default to a reference) is the reference.
  const model::Field* tmpl = FindField(FindStruct(m, "apps", "v1", "DeploymentSpec"), "template");
  ASSERT_NE(tmpl, nullptr);
  EXPECT_EQ(tmpl->type.struct_name, "PodTemplateSpec");
}

TEST(OpenAPIErrorsTest, ErrorsNameFileLineAndColumn) {
  auto doc = LocatedJson::Parse("{\"swagger\": \"2.0\",\n \"definitions\": [1]}", "bad.json");
  ASSERT_TRUE(doc);
  model::Model m;
  auto ok = LoadOpenAPI(*doc, {}, m);
  ASSERT_FALSE(ok);
  EXPECT_NE(ok.error().message.find("bad.json:2:17"), std::string::npos) << ok.error().message;

  auto dangling = LocatedJson::Parse(R"({"swagger": "2.0", "paths": {
  "/api/v1/namespaces/{namespace}/widgets": {"get": {"x-kubernetes-action": "list",
    "x-kubernetes-group-version-kind": {"group": "", "version": "v1", "kind": "Widget"}}}},
 "definitions": {
  "io.k8s.api.core.v1.Widget": {"type": "object",
    "x-kubernetes-group-version-kind": [{"group": "", "version": "v1", "kind": "Widget"}],
    "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
      "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
      "spec": {"$ref": "#/definitions/io.k8s.api.core.v1.Missing"}}}}})",
                                     "dangling.json");
  ASSERT_TRUE(dangling);
  model::Model m2;
  auto bad_ref = LoadOpenAPI(*dangling, {}, m2);
  ASSERT_FALSE(bad_ref);
  EXPECT_NE(bad_ref.error().message.find("dangling.json:9:24"), std::string::npos)
      << bad_ref.error().message;
  EXPECT_NE(bad_ref.error().message.find("io.k8s.api.core.v1.Missing"), std::string::npos);
}

// A group or version that cannot be served would become a namespace, a directory and a URL
// path; the definition that names it is the error's place.
TEST(OpenAPIErrorsTest, GroupsAndVersionsAnAPIServerWouldNotServeAreErrors) {
  auto load = [](const std::string& group, const std::string& version) {
    const std::string gvk =
        R"({"group": ")" + group + R"(", "version": ")" + version + R"(", "kind": "Widget"})";
    auto doc = LocatedJson::Parse(R"({"swagger": "2.0", "definitions": {
  "com.example.v1.Widget": {"type": "object",
    "x-kubernetes-group-version-kind": [)" +
                                      gvk + R"(],
    "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
      "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"}}}}})",
                                  "gvk.json");
    model::Model m;
    return LoadOpenAPI(*doc, {}, m);
  };
  EXPECT_TRUE(load("widgets.example.com", "v1"));
  auto dot = load(".example.com", "v1");
  ASSERT_FALSE(dot);
  EXPECT_NE(dot.error().message.find("gvk.json:3:40: invalid group \".example.com\""),
            std::string::npos)
      << dot.error().message;
  auto version = load("widgets.example.com", "1.0");
  ASSERT_FALSE(version);
  EXPECT_NE(version.error().message.find("gvk.json:3:40: invalid version \"1.0\""),
            std::string::npos)
      << version.error().message;
}

TEST(InputFormatTest, DetectedFromContent) {
  auto v2 = LocatedJson::Parse(R"({"swagger": "2.0"})", "a.json");
  auto v3 = LocatedJson::Parse(R"({"openapi": "3.0.0"})", "b.json");
  auto crd = LocatedJson::Parse(
      R"({"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition"})", "c.json");
  auto native = LocatedJson::Parse(R"({"group": "g", "version": "v1", "kind": "K"})", "d.json");
  EXPECT_EQ(DetectFormat(*v2), InputFormat::kOpenAPIv2);
  EXPECT_EQ(DetectFormat(*v3), InputFormat::kOpenAPIv3);
  EXPECT_EQ(DetectFormat(*crd), InputFormat::kCRD);
  EXPECT_EQ(DetectFormat(*native), InputFormat::kNative);
  EXPECT_EQ(ParseInputFormat("openapi-v2"), InputFormat::kOpenAPIv2);
  EXPECT_FALSE(ParseInputFormat("swagger").has_value());
}

}  // namespace
}  // namespace kube::gen

namespace kube::gen {
namespace {

TEST(EmitterTest, GroupsThatWouldShareACppNameAreAnError) {
  model::Model m;
  m.groups["monitoring.coreos.com"] = {"monitoring.coreos.com", "monitoring", "a.yaml:4:10"};
  m.groups["monitoring.example.com"] = {"monitoring.example.com", "monitoring", "b.yaml:4:10"};
  auto out = Emitter(TemplateSet::Builtin(), {.root_namespace = "acme"}).Emit(m);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().message,
            "b.yaml:4:10: group \"monitoring.example.com\" would be named \"monitoring\" in C++, "
            "as group \"monitoring.coreos.com\" (a.yaml:4:10) is: name one with --group-name "
            "monitoring.example.com=NAME (or a native schema's \"package\")");
}

}  // namespace
}  // namespace kube::gen
