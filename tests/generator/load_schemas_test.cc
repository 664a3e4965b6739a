// LoadSchemas over what users point it at: an operator's install bundle (CRDs beside the
// Deployments and RBAC that run it), a config/crd directory with a kustomization.yaml, and a
// `kubectl get crds -o json` CustomResourceDefinitionList. What holds no schema is skipped and
// reported; a run where nothing holds a schema fails, naming the files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "schema/loader.h"

namespace kube::gen {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const char kCronTabCrd[] = R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: crontabs.stable.example.com}
spec:
  group: stable.example.com
  names: {kind: CronTab, plural: crontabs}
  scope: Namespaced
  versions:
  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}
)";

class LoadSchemasTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kcg-load-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }

  fs::path dir_;
};

TEST_F(LoadSchemasTest, AnInstallBundleYieldsItsCrdsAndSkipsTheRest) {
  std::string bundle = Write("install.yaml", std::string(R"(apiVersion: v1
kind: Namespace
metadata: {name: cron-system}
---
)") + kCronTabCrd + R"(---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cron-operator}
rules: []
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cron-operator, namespace: cron-system}
spec: {selector: {matchLabels: {app: cron}}, template: {spec: {containers: []}}}
)");
  model::Model m;
  LoadReport report;
  auto ok = LoadSchemas({bundle}, InputFormat::kAuto, {}, m, &report);
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  ASSERT_EQ(m.groups["stable.example.com"].versions["v1"].kinds.size(), 1u);
  ASSERT_EQ(report.skipped.size(), 1u);
  EXPECT_EQ(report.skipped[0].file, bundle);
  EXPECT_THAT(report.skipped[0].what, ElementsAre("Namespace", "ClusterRole", "Deployment"));
  EXPECT_EQ(Describe(report.skipped[0]),
            bundle +
                ": skipped 3 documents that hold no schema (ClusterRole, Deployment, "
                "Namespace)");
  // Forcing the CRD format skips them alike.
  model::Model forced;
  ok = LoadSchemas({bundle}, InputFormat::kCRD, {}, forced);
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_EQ(forced.groups.count("stable.example.com"), 1u);
}

TEST_F(LoadSchemasTest, ADirectoryScanSkipsKustomizationAndValuesFiles) {
  Write("crd/bases/stable.example.com_crontabs.yaml", kCronTabCrd);
  Write("crd/kustomization.yaml",
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
        "resources: [bases/stable.example.com_crontabs.yaml]\n");
  Write("crd/patches/values.yaml", "replicas: 2\nimage: {tag: latest}\n");
  model::Model m;
  LoadReport report;
  auto ok = LoadSchemas({(dir_ / "crd").string()}, InputFormat::kAuto, {}, m, &report);
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_EQ(m.groups["stable.example.com"].versions["v1"].kinds.at(0).name, "CronTab");
  ASSERT_EQ(report.skipped.size(), 2u);
  EXPECT_THAT(report.skipped[0].what, ElementsAre("Kustomization"));
  EXPECT_THAT(report.skipped[1].what, ElementsAre("a document of no schema format"));
  // Every file is an input of the run (a depfile dependency), skipped ones too.
  EXPECT_EQ(m.source_files.size(), 3u);
}

TEST_F(LoadSchemasTest, ANamedFileOfNoSchemaFormatIsStillAnError) {
  std::string values = Write("values.yaml", "replicas: 2\n");
  model::Model m;
  auto ok = LoadSchemas({values}, InputFormat::kAuto, {}, m);
  ASSERT_FALSE(ok.has_value());
  EXPECT_THAT(ok.error().message, HasSubstr(values + ":1:"));
}

TEST_F(LoadSchemasTest, NothingButOtherObjectsIsAnError) {
  std::string deploy =
      Write("deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: op}\n");
  model::Model m;
  auto ok = LoadSchemas({deploy}, InputFormat::kAuto, {}, m);
  ASSERT_FALSE(ok.has_value());
  EXPECT_THAT(ok.error().message, HasSubstr("no schemas in " + deploy + ": " + deploy +
                                            " holds no schema (a CustomResourceDefinition"));
}

// The same file named and found in a directory, by another spelling of its path, or through a
// symbolic link is one input: its kinds are not "already defined" by themselves.
TEST_F(LoadSchemasTest, OneFileReachedByManyPathsIsReadOnce) {
  std::string crd = Write("crds/crontab.yaml", kCronTabCrd);
  fs::create_symlink(dir_ / "crds", dir_ / "linked");
  const std::string crds = (dir_ / "crds").string();
  const std::string dotted = (dir_ / "crds" / "." / "crontab.yaml").string();
  model::Model m;
  auto ok = LoadSchemas({crds, crd, dotted, (dir_ / "linked").string()}, InputFormat::kAuto, {}, m);
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_EQ(m.groups["stable.example.com"].versions["v1"].kinds.size(), 1u);

  auto files = FindInputFiles({crds, crd, dotted});
  ASSERT_TRUE(files.has_value());
  ASSERT_EQ(files->size(), 1u);
  EXPECT_FALSE(files->at(0).from_directory);  // named, so an error in it is not skipped
}

TEST_F(LoadSchemasTest, ACustomResourceDefinitionListIsReadAsCrds) {
  // As `kubectl get crds -o json` prints them (a List whose kind names its items).
  std::string list = Write("crds.json", R"({"apiVersion": "apiextensions.k8s.io/v1",
  "kind": "CustomResourceDefinitionList", "metadata": {"resourceVersion": "9"},
  "items": [{"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
    "metadata": {"name": "crontabs.stable.example.com"},
    "spec": {"group": "stable.example.com", "names": {"kind": "CronTab", "plural": "crontabs"},
      "scope": "Namespaced", "versions": [{"name": "v1", "served": true, "storage": true,
        "schema": {"openAPIV3Schema": {"type": "object"}}}]}}]})");
  model::Model m;
  auto ok = LoadSchemas({list}, InputFormat::kAuto, {}, m);
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_EQ(m.groups["stable.example.com"].versions["v1"].kinds.at(0).name, "CronTab");
}

}  // namespace
}  // namespace kube::gen
