// /openapi/v2 and /openapi/v3 of the test API server: built from the registered definitions
// plus the runtime types', with the extensions and paths kubectl looks for.
#include "kube/testing/openapi.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include "kube/rest/client.h"
#include "kube/testing/apiserver.h"
#include "support/test_types.h"

namespace kube::testing {
namespace {

using nlohmann::json;

constexpr const char* kWidgetDefinitions = R"({
  "com.example.v1.Widget": {
    "type": "object",
    "description": "A widget.",
    "properties": {
      "apiVersion": {"type": "string"},
      "kind": {"type": "string"},
      "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
                   "description": "Standard object metadata"},
      "spec": {"$ref": "#/definitions/com.example.v1.WidgetSpec"}},
    "x-kubernetes-group-version-kind": [{"group": "example.com", "kind": "Widget", "version": "v1"}]},
  "com.example.v1.WidgetSpec": {
    "type": "object",
    "properties": {
      "replicas": {"type": "integer", "format": "int32", "description": "How many."},
      "parts": {"type": "array", "items": {"type": "object"},
                "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "name"}}}
})";

Scheme WidgetScheme() {
  Scheme s = kube_test::TestScheme();
  s.AddOpenAPIDefinitions(kWidgetDefinitions);
  return s;
}

TEST(OpenAPISpecTest, V2HoldsRegisteredAndRuntimeDefinitions) {
  OpenAPISpec spec(WidgetScheme());
  const json& defs = spec.V2().at("definitions");
  EXPECT_EQ(spec.V2()["swagger"], "2.0");
  EXPECT_TRUE(defs.contains("com.example.v1.WidgetSpec"));
  EXPECT_TRUE(defs.contains("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"));
  EXPECT_EQ(defs["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]["format"], "int-or-string");
  // A kind nobody described gets an open schema, so kubectl accepts any member of it.
  bool found = false;
  for (const auto& [name, d] : defs.items()) {
    if (d.contains("x-kubernetes-group-version-kind") &&
        d["x-kubernetes-group-version-kind"][0]["kind"] == "ConfigMap") {
      found = true;
      EXPECT_FALSE(d.contains("properties"));
      EXPECT_EQ(d["type"], "object");
    }
  }
  EXPECT_TRUE(found);
}

TEST(OpenAPISpecTest, PathsLetKubectlFindEachKindsPatch) {
  OpenAPISpec spec(WidgetScheme());
  const json& item =
      spec.V2()["paths"]["/apis/example.com/v1/namespaces/{namespace}/widgets/{name}"];
  ASSERT_TRUE(item.contains("patch"));
  EXPECT_EQ(item["patch"]["x-kubernetes-group-version-kind"]["kind"], "Widget");
  EXPECT_EQ(item["patch"]["x-kubernetes-action"], "patch");
  for (const auto& p : item["parameters"]) {
    EXPECT_NE(p["name"], "fieldValidation") << "kubectl must validate client-side";
  }
  const json& scale =
      spec.V2()["paths"]["/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/scale"];
  EXPECT_EQ(scale["patch"]["x-kubernetes-group-version-kind"]["kind"], "Scale");
  EXPECT_TRUE(spec.V2()["paths"].contains("/api/v1/namespaces/{name}"))
      << "cluster-scoped kinds have no namespace segment";
}

TEST(OpenAPISpecTest, V3DocumentsPerGroupVersion) {
  OpenAPISpec spec(WidgetScheme());
  const json& index = spec.V3Index()["paths"];
  ASSERT_TRUE(index.contains("apis/example.com/v1"));
  ASSERT_TRUE(index.contains("api/v1"));
  EXPECT_TRUE(index["apis/example.com/v1"]["serverRelativeURL"].get<std::string>().starts_with(
      "/openapi/v3/apis/example.com/v1?hash="));
  const json* doc = spec.V3("apis/example.com/v1");
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ((*doc)["openapi"], "3.0.0");
  const json& schemas = (*doc)["components"]["schemas"];
  const json& widget = schemas["com.example.v1.Widget"];
  // References move under components; one with a description is wrapped in allOf.
  EXPECT_EQ(widget["properties"]["spec"]["$ref"], "#/components/schemas/com.example.v1.WidgetSpec");
  EXPECT_EQ(widget["properties"]["metadata"]["allOf"][0]["$ref"],
            "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
  EXPECT_EQ(widget["properties"]["metadata"]["description"], "Standard object metadata");
  EXPECT_EQ(
      schemas["com.example.v1.WidgetSpec"]["properties"]["parts"]["x-kubernetes-patch-merge-key"],
      "name");
  // Everything referred to, transitively, and nothing of other group versions' kinds.
  EXPECT_TRUE(schemas.contains("io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry"));
  EXPECT_TRUE(schemas.contains("io.k8s.apimachinery.pkg.apis.meta.v1.Time"));
  EXPECT_FALSE(schemas.contains("io.k8s.apimachinery.pkg.apis.meta.v1.Condition"));
  const json& patch = (*doc)["paths"]["/apis/example.com/v1/namespaces/{namespace}/widgets/{name}"];
  EXPECT_EQ(patch["patch"]["x-kubernetes-group-version-kind"]["kind"], "Widget");
  EXPECT_TRUE(patch["parameters"][0].contains("schema"));
  EXPECT_EQ(spec.V3("apis/nothing/v1"), nullptr);
}

TEST(OpenAPISpecTest, ProtobufEncodingOfASmallDocument) {
  json doc = {{"swagger", "2.0"},
              {"info", {{"title", "T"}, {"version", "1"}}},
              {"definitions",
               {{"A",
                 {{"type", "object"},
                  {"required", {"x"}},
                  {"properties", {{"x", {{"type", "integer"}}}}},
                  {"x-k", true}}}}}};
  std::string got = EncodeOpenAPIV2Protobuf(doc);
  // Document{swagger=1:"2.0", info=2:{title=1:"T", version=2:"1"}, definitions=9:{
  //   NamedSchema=1:{name=1:"A", value=2:Schema{required=19:"x", type=22:{value=1:"object"},
  //   properties=25:{NamedSchema=1:{name=1:"x", value=2:{type=22:{1:"integer"}}}},
  //   vendor_extension=31:{name=1:"x-k", value=2:Any{yaml=2:"true"}}}}}
  std::string integer_schema = "\xb2\x01\x09\x0a\x07integer";  // type=22 {value=1:"integer"}
  std::string named_x =
      "\x0a\x01x\x12" + std::string(1, static_cast<char>(integer_schema.size())) + integer_schema;
  std::string props = "\x0a" + std::string(1, static_cast<char>(named_x.size())) + named_x;
  std::string any = std::string("\x12\x04true");
  std::string ext = "\x0a\x03x-k\x12" + std::string(1, static_cast<char>(any.size())) + any;
  std::string schema = std::string("\x9a\x01\x01x") + "\xb2\x01\x08\x0a\x06object" + "\xca\x01" +
                       std::string(1, static_cast<char>(props.size())) + props + "\xfa\x01" +
                       std::string(1, static_cast<char>(ext.size())) + ext;
  std::string named_a =
      "\x0a\x01"
      "A\x12" +
      std::string(1, static_cast<char>(schema.size())) + schema;
  std::string defs = "\x0a" + std::string(1, static_cast<char>(named_a.size())) + named_a;
  std::string want = std::string(
                         "\x0a\x03"
                         "2.0") +
                     "\x12\x06\x0a\x01T\x12\x01"
                     "1" +
                     "\x4a" + std::string(1, static_cast<char>(defs.size())) + defs;
  EXPECT_EQ(got, want);
}

class OpenAPIServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start());
    rest::Config cfg;
    cfg.host = server_.URL();
    cfg.qps = -1;
    cfg.max_retries = 0;
    client_ = rest::Client::New(cfg).value();
  }
  Result<rest::Response> Get(std::string path, std::string accept = "application/json") {
    rest::Request req("GET");
    req.AbsPath(std::move(path));
    req.Header("Accept", std::move(accept));
    return client_->Do(Context::Background(), req);
  }
  APIServer server_{WidgetScheme()};
  std::shared_ptr<rest::Client> client_;
};

TEST_F(OpenAPIServerTest, ServesV2AsJsonAndProtobuf) {
  auto j = Get("/openapi/v2");
  ASSERT_TRUE(j) << j.error().message;
  EXPECT_TRUE(json::parse(j->body)["definitions"].contains("com.example.v1.Widget"));
  // kubectl's request, as client-go sends it: that Accept header alone.
  httplib::Client raw("127.0.0.1", server_.Port());
  auto pb = raw.Get("/openapi/v2",
                    {{"Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"}});
  ASSERT_TRUE(pb);
  EXPECT_EQ(pb->status, 200);
  EXPECT_TRUE(pb->body == OpenAPISpec(WidgetScheme()).V2Protobuf()) << pb->body.size() << " bytes";
  EXPECT_NE(pb->get_header_value("Content-Type").find("protobuf"), std::string::npos);
}

TEST_F(OpenAPIServerTest, ServesV3IndexAndGroupVersions) {
  auto index = Get("/openapi/v3");
  ASSERT_TRUE(index) << index.error().message;
  std::string url = json::parse(index->body)["paths"]["apis/example.com/v1"]["serverRelativeURL"];
  auto doc = Get(url);
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_TRUE(json::parse(doc->body)["components"]["schemas"].contains("com.example.v1.Widget"));
  auto missing = Get("/openapi/v3/apis/nothing/v1");
  ASSERT_FALSE(missing);
  EXPECT_TRUE(IsNotFound(missing.error()));
}

}  // namespace
}  // namespace kube::testing
