#include "kube/rest/request.h"

#include <gtest/gtest.h>

namespace kube::rest {
namespace {

TEST(RequestTest, BuildsNamespacedPaths) {
  auto path = Request("GET")
                  .Prefix({"wardle.example.com", "v1beta1"})
                  .Namespace("default")
                  .Resource("flunders")
                  .Name("alpha")
                  .SubResource("status")
                  .Path();
  ASSERT_TRUE(path);
  EXPECT_EQ(*path, "/apis/wardle.example.com/v1beta1/namespaces/default/flunders/alpha/status");
}

TEST(RequestTest, CoreGroupAndClusterScope) {
  EXPECT_EQ(*Request("GET").Prefix({"", "v1"}).Resource("namespaces").Name("kube-system").Path(),
            "/api/v1/namespaces/kube-system");
  EXPECT_EQ(*Request("GET").Prefix({"", "v1"}).Namespace("").Resource("pods").Path(),
            "/api/v1/pods")
      << "an empty namespace means all namespaces";
}

TEST(RequestTest, EscapesQueryValues) {
  auto path = Request("GET")
                  .Prefix({"", "v1"})
                  .Resource("pods")
                  .Param("labelSelector", "app in (a,b),tier!=x")
                  .Param("limit", "5")
                  .Path();
  ASSERT_TRUE(path);
  EXPECT_EQ(*path, "/api/v1/pods?labelSelector=app%20in%20%28a%2Cb%29%2Ctier%21%3Dx&limit=5");
}

TEST(RequestTest, TraversalCanNeverAddressAnotherPath) {
  const char* attacks[] = {"../../api/v1/secrets", "..", ".", "a/b", "%2e%2e", "a%2Fb", "", "x\ny"};
  for (const char* name : attacks) {
    auto path = Request("GET")
                    .Prefix({"", "v1"})
                    .Namespace("default")
                    .Resource("configmaps")
                    .Name(name)
                    .Path();
    ASSERT_FALSE(path) << "name " << name << " gave " << *path;
    EXPECT_TRUE(IsInvalid(path.error()));
    EXPECT_EQ(path.error().code, 0);
  }
  for (const char* ns : {"../kube-system", "..", "a/b"}) {
    auto path = Request("GET").Prefix({"", "v1"}).Namespace(ns).Resource("configmaps").Path();
    ASSERT_FALSE(path) << ns;
    EXPECT_NE(path.error().message.find("namespace"), std::string::npos);
  }
  auto sub = Request("GET")
                 .Prefix({"", "v1"})
                 .Namespace("a")
                 .Resource("pods")
                 .Name("p")
                 .SubResource("../exec")
                 .Path();
  EXPECT_FALSE(sub);
}

TEST(RequestTest, OddButLegalNamesAreEscaped) {
  auto path = Request("GET")
                  .Prefix({"", "v1"})
                  .Namespace("default")
                  .Resource("configmaps")
                  .Name("a b:c")
                  .Path();
  ASSERT_TRUE(path);
  EXPECT_EQ(*path, "/api/v1/namespaces/default/configmaps/a%20b%3Ac");
}

TEST(RequestTest, Idempotency) {
  EXPECT_TRUE(Request("GET").Idempotent());
  EXPECT_TRUE(Request("PUT").Idempotent());
  EXPECT_TRUE(Request("DELETE").Idempotent());
  EXPECT_FALSE(Request("POST").Idempotent());
  EXPECT_FALSE(Request("PATCH").Idempotent());
}

}  // namespace
}  // namespace kube::rest
