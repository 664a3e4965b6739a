#include "model/naming.h"

#include <gtest/gtest.h>

#include <string>

#include "kube/scheme.h"
#include "model/openapi_definitions.h"
#include "schema/api_names.h"

namespace kube::gen {
namespace {

TEST(DefinitionNameTest, KubernetesGroupsAndReversedDomains) {
  EXPECT_EQ(DefinitionName("", "v1", "Pod"), "io.k8s.api.core.v1.Pod");
  EXPECT_EQ(DefinitionName("apps", "v1", "Deployment"), "io.k8s.api.apps.v1.Deployment");
  EXPECT_EQ(DefinitionName("networking.k8s.io", "v1", "Ingress"),
            "io.k8s.api.networking.v1.Ingress");
  EXPECT_EQ(DefinitionName("cert-manager.io", "v1", "Certificate"),
            "io.cert-manager.v1.Certificate");
  EXPECT_EQ(DefinitionName("wardle.example.com", "v1beta1", "Flunder"),
            "com.example.wardle.v1beta1.Flunder");
}

// A group with a leading dot (found by native_loader_fuzz) once looped without end, growing the
// name until memory ran out.
TEST(DefinitionNameTest, ALeadingDotEnds) {
  EXPECT_EQ(DefinitionName(".example.com", "v1", "Widget"), "com.example..v1.Widget");
  EXPECT_EQ(DefinitionName(".", "v1", "Widget"), ".v1.Widget");
}

TEST(ApiNamesTest, GroupsAreTheCoreGroupOrDnsSubdomains) {
  for (const char* ok :
       {"", "apps", "networking.k8s.io", "cert-manager.io", "1password.com", "a.b-c.d0"}) {
    EXPECT_TRUE(ValidGroup(ok)) << ok;
  }
  for (const char* bad : {".example.com", "example.com.", "a..b", ".", "-a.com", "a-.com",
                          "Example.com", "a_b.com", "a/b.com", "a b.com"}) {
    EXPECT_FALSE(ValidGroup(bad)) << bad;
  }
  EXPECT_TRUE(ValidGroup(std::string(253, 'a')));
  EXPECT_FALSE(ValidGroup(std::string(254, 'a')));
}

TEST(ApiNamesTest, VersionsAreVAndADigitThenLowerCaseLettersAndDigits) {
  for (const char* ok : {"v1", "v1beta1", "v2alpha3", "v10"}) EXPECT_TRUE(ValidVersion(ok)) << ok;
  for (const char* bad : {"", "v", "1", "V1", "v1.0", "v1-beta", "vbeta1"}) {
    EXPECT_FALSE(ValidVersion(bad)) << bad;
  }
}

TEST(NamingTest, SnakeCaseKnowsKubernetesInitialisms) {
  EXPECT_EQ(SnakeCase("podIP"), "pod_ip");
  EXPECT_EQ(SnakeCase("podIPs"), "pod_ips");
  EXPECT_EQ(SnakeCase("externalIDs"), "external_ids");
  EXPECT_EQ(SnakeCase("apiVersion"), "api_version");
  EXPECT_EQ(SnakeCase("hostIPC"), "host_ipc");
  EXPECT_EQ(SnakeCase("clusterIP"), "cluster_ip");
  EXPECT_EQ(SnakeCase("HTTPHeaders"), "http_headers");
  EXPECT_EQ(SnakeCase("terminationGracePeriodSeconds"), "termination_grace_period_seconds");
  EXPECT_EQ(SnakeCase("x-kubernetes-thing"), "x_kubernetes_thing");
  EXPECT_EQ(SnakeCase("v1beta1"), "v1beta1");
  EXPECT_EQ(SnakeCase("$ref"), "ref");
}

TEST(NamingTest, KeywordsGetATrailingUnderscore) {
  EXPECT_EQ(MemberName("namespace"), "namespace_");
  EXPECT_EQ(MemberName("class"), "class_");
  EXPECT_EQ(MemberName("default"), "default_");
  EXPECT_EQ(MemberName("continue"), "continue_");
  EXPECT_EQ(MemberName("name"), "name");
}

TEST(NamingTest, TypesAccessorsAndGroups) {
  EXPECT_EQ(TypeName("referenceType"), "ReferenceType");
  EXPECT_EQ(GroupAccessor("wardle", "v1beta1"), "WardleV1beta1");
  EXPECT_EQ(GroupAccessor("core", "v1"), "CoreV1");
  EXPECT_EQ(GroupCppName(""), "core");
  EXPECT_EQ(GroupCppName("stable.example.com"), "stable");
  EXPECT_EQ(GroupCppName("operator.victoriametrics.com"), "operator_");
  EXPECT_EQ(GroupAccessor("operator_", "v1beta1"), "OperatorV1beta1");
  EXPECT_EQ(ConstantName("Fischer"), "kFischer");
  EXPECT_EQ(ConstantName(""), "kEmpty");
  EXPECT_EQ(ConstantName("="), "kEqual");
  EXPECT_EQ(ConstantName("!="), "kNotEqual");
  EXPECT_EQ(ConstantName("=~"), "kEqualTilde");
  EXPECT_EQ(PluralKindName("CronTab"), "CronTabs");
  EXPECT_EQ(PluralKindName("NetworkPolicy"), "NetworkPolicies");
  EXPECT_EQ(PluralKindName("Endpoints"), "Endpoints");
  EXPECT_EQ(PluralKindName("Ingress"), "Ingresses");
}

}  // namespace
}  // namespace kube::gen
