// The generated Kubernetes API has exactly the resources, scopes, verbs and subresources of the
// OpenAPI spec: compared with resource_verbs.txt, a table derived from the spec by an
// independent script (resource_verbs.py), and checked at compile time on the typed clients.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "k8s/clientset/clientset.h"
#include "k8s/scheme.h"

namespace {

std::string Join(std::vector<std::string> items) {
  if (items.empty()) return "-";
  std::sort(items.begin(), items.end());
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

TEST(KubernetesMatrixTest, SchemeMatchesTheTableDerivedFromTheSpec) {
  std::ifstream in(std::string(KUBE_CLIENTGEN_TEST_DIR) + "/kubernetes/resource_verbs.txt");
  ASSERT_TRUE(in) << "missing resource_verbs.txt";
  std::set<std::string> expected, generated;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) expected.insert(line);
  }
  kube::Scheme scheme;
  k8s::AddToScheme(scheme);
  const std::vector<std::string> kAll = {"create", "delete", "deletecollection", "get",
                                         "list",   "patch",  "update",           "watch"};
  for (const kube::KindInfo* k : scheme.Kinds()) {
    std::string gv = (k->gvk.group.empty() ? "core" : k->gvk.group) + "/" + k->gvk.version;
    generated.insert(gv + " " + k->plural + " " + k->gvk.kind + " " +
                     (k->namespaced ? "Namespaced" : "Cluster") + " " +
                     Join(k->verbs.empty() ? kAll : k->verbs) + " " + Join(k->subresources));
  }
  std::vector<std::string> missing, extra;
  std::set_difference(expected.begin(), expected.end(), generated.begin(), generated.end(),
                      std::back_inserter(missing));
  std::set_difference(generated.begin(), generated.end(), expected.begin(), expected.end(),
                      std::back_inserter(extra));
  EXPECT_TRUE(missing.empty()) << "in the spec, not generated:\n"
                               << testing::PrintToString(missing);
  EXPECT_TRUE(extra.empty()) << "generated, not in the spec:\n" << testing::PrintToString(extra);
  EXPECT_GT(expected.size(), 80u);
}

// The typed clients carry exactly those verbs.
using k8s::clientset::typed::apps::v1::DeploymentInterface;
using k8s::clientset::typed::authentication::v1::TokenReviewInterface;
using k8s::clientset::typed::core::v1::ComponentStatusInterface;
using k8s::clientset::typed::core::v1::PodInterface;

template <class I>
concept HasGet = requires(I& i) {
  i.Get(kube::Context::TODO(), "n", kube::GetOptions{});
};
template <class I>
concept HasCreate = requires(
    I& i, const typename std::remove_cvref_t<decltype(*i.Get(kube::Context::TODO(), "", {}))>& o) {
  i.Create(kube::Context::TODO(), o, kube::CreateOptions{});
};
template <class I>
concept HasList = requires(I& i) {
  i.List(kube::Context::TODO(), kube::ListOptions{});
};
template <class I>
concept HasDeleteCollection = requires(I& i) {
  i.DeleteCollection(kube::Context::TODO(), kube::DeleteOptions{}, kube::ListOptions{});
};
template <class I>
concept HasScale = requires(I& i) {
  i.GetScale(kube::Context::TODO(), "n", kube::GetOptions{});
};
template <class I>
concept HasUpdateStatus = requires(I& i) {
  &I::UpdateStatus;
};

static_assert(!HasGet<TokenReviewInterface> && !HasList<TokenReviewInterface>,
              "TokenReview is create-only");
static_assert(requires(TokenReviewInterface & i,
                       const k8s::api::authentication::v1::TokenReview& r) {
  i.Create(kube::Context::TODO(), r, kube::CreateOptions{});
});
static_assert(HasGet<ComponentStatusInterface> && HasList<ComponentStatusInterface> &&
                  !HasCreate<ComponentStatusInterface> &&
                  !HasDeleteCollection<ComponentStatusInterface>,
              "ComponentStatus is get/list only");
static_assert(HasGet<PodInterface> && HasCreate<PodInterface> &&
              HasDeleteCollection<PodInterface> && HasUpdateStatus<PodInterface> &&
              !HasScale<PodInterface>);
static_assert(HasScale<DeploymentInterface> && HasUpdateStatus<DeploymentInterface>);

}  // namespace
