// The in-process APIServer serves the OpenAPI schemas a generated AddToScheme registers, so
// kubectl explain and validation work against it as against kube-testserver.
#include <gtest/gtest.h>

#include "kube/testing/openapi.h"
#include "sample/scheme.h"

namespace {

using nlohmann::json;

TEST(GeneratedOpenAPITest, AddToSchemeRegistersTheKindsSchemas) {
  kube::Scheme scheme;
  sample::AddToScheme(scheme);
  ASSERT_FALSE(scheme.OpenAPIDefinitions().empty());
  kube::testing::OpenAPISpec spec(scheme);
  const json* doc = spec.V3("apis/wardle.example.com/v1beta1");
  ASSERT_NE(doc, nullptr);
  const json& schemas = (*doc)["components"]["schemas"];
  ASSERT_TRUE(schemas.contains("com.example.wardle.v1beta1.Flunder")) << schemas.dump();
  const json& flunder = schemas["com.example.wardle.v1beta1.Flunder"];
  EXPECT_EQ(flunder["x-kubernetes-group-version-kind"][0]["kind"], "Flunder");
  EXPECT_TRUE(flunder["properties"].contains("spec"));
  EXPECT_TRUE(spec.V2()["definitions"].contains("com.example.wardle.v1alpha1.Fischer"));
}

}  // namespace
