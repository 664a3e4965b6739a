#include "model/naming.h"

#include <gtest/gtest.h>

#include "kube/scheme.h"

namespace kube::gen {
namespace {

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
