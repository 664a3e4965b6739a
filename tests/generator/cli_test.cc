// kube-clientgen's command line: the bundled schemas generate exactly generated/ (golden),
// unchanged files keep their mtime, --list-outputs, --verify, --depfile, usage errors.
#include "cli.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace kube::gen {
namespace {

namespace fs = std::filesystem;

fs::path SourceDir() {
  const char* env = std::getenv("KUBE_CLIENTGEN_SOURCE_DIR");
  return fs::path(env ? env : KUBE_CLIENTGEN_SOURCE_DIR_DEFAULT);
}

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tmp_ = fs::temp_directory_path() /
           ("kcg-cli-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(tmp_);
    fs::create_directories(tmp_);
  }
  void TearDown() override { fs::remove_all(tmp_); }

  int Run(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    return RunCli(args, out_, err_);
  }
  std::vector<std::string> Generate(const fs::path& out) {
    return {"--schemas",   (SourceDir() / "schemas" / "wardle.example.com").string(),
            "--namespace", "sample",
            "--out",       out.string()};
  }

  fs::path tmp_;
  std::ostringstream out_, err_;
};

TEST_F(CliTest, RegeneratingTheBundledSchemasMatchesGeneratedExactly) {
  // The frozen deprecated snapshots are never regenerated: as in the checkout, a run finds them
  // in its output directory and keeps them (tools/scripts/generate.sh).
  for (const char* root : {"sample", "k8s"}) {
    fs::create_directories(tmp_ / root);
    fs::copy(SourceDir() / "generated" / root / "deprecated", tmp_ / root / "deprecated",
             fs::copy_options::recursive);
  }
  // Relative source paths, as the checked-in files were generated from the repository root.
  fs::path cwd = fs::current_path();
  fs::current_path(SourceDir());
  int rc = Run({"--schemas", "schemas/wardle.example.com", "--namespace", "sample", "--out",
                tmp_.string(), "--freeze-deprecated"});
  std::string sample_err = err_.str();
  int k8s_rc = Run({"--schemas", "schemas/kubernetes/swagger.json", "--namespace", "k8s", "--out",
                    tmp_.string(), "--freeze-deprecated"});
  fs::current_path(cwd);
  ASSERT_EQ(rc, 0) << sample_err;
  ASSERT_EQ(k8s_rc, 0) << err_.str();
  std::set<std::string> produced, checked_in;
  for (const auto& e : fs::recursive_directory_iterator(tmp_)) {
    if (e.is_regular_file()) produced.insert(fs::relative(e.path(), tmp_).string());
  }
  for (const auto& e : fs::recursive_directory_iterator(SourceDir() / "generated")) {
    if (e.is_regular_file() && e.path().filename() != "CMakeLists.txt")
      checked_in.insert(fs::relative(e.path(), SourceDir() / "generated").string());
  }
  EXPECT_EQ(produced, checked_in);
  for (const auto& f : produced) {
    EXPECT_EQ(Read(tmp_ / f), Read(SourceDir() / "generated" / f))
        << f << " differs: run tools/scripts/generate.sh";
  }
}

TEST_F(CliTest, OutputIsDeterministicAndUnchangedFilesKeepTheirMtime) {
  ASSERT_EQ(Run(Generate(tmp_)), 0) << err_.str();
  fs::path probe = tmp_ / "sample" / "scheme.h";
  auto before = fs::last_write_time(probe);
  std::string content = Read(probe);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(Run(Generate(tmp_)), 0);
  EXPECT_NE(err_.str().find("0 written"), std::string::npos) << err_.str();
  EXPECT_EQ(fs::last_write_time(probe), before);
  EXPECT_EQ(Read(probe), content);
}

TEST_F(CliTest, NestedNamespaceWritesNestedDirectories) {
  auto args = Generate(tmp_);
  args[3] = "acme::clients";
  ASSERT_EQ(Run(args), 0) << err_.str();
  EXPECT_TRUE(fs::exists(tmp_ / "acme" / "clients" / "clientset" / "clientset.h"));
  EXPECT_NE(Read(tmp_ / "acme" / "clients" / "scheme.h").find("namespace acme::clients {"),
            std::string::npos);
}

TEST_F(CliTest, ListOutputsWritesNothing) {
  auto args = Generate(tmp_ / "out");
  args.push_back("--list-outputs");
  ASSERT_EQ(Run(args), 0);
  EXPECT_NE(out_.str().find("sample/clientset/clientset.h"), std::string::npos);
  EXPECT_NE(out_.str().find("sample/api/wardle/v1beta1/types.h"), std::string::npos);
  EXPECT_FALSE(fs::exists(tmp_ / "out"));
}

TEST_F(CliTest, NoFakesNoInformersLeaveThemOut) {
  auto args = Generate(tmp_ / "out");
  args.insert(args.end(), {"--no-fakes", "--no-informers", "--list-outputs"});
  ASSERT_EQ(Run(args), 0) << err_.str();
  const std::string listed = out_.str();
  EXPECT_NE(listed.find("sample/clientset/clientset.h"), std::string::npos);
  EXPECT_NE(listed.find("sample/api/wardle/v1beta1/types.h"), std::string::npos);
  for (const char* left_out : {"/clientset/fake/", "/listers/", "/informers/"})
    EXPECT_EQ(listed.find(left_out), std::string::npos) << left_out;
}

TEST_F(CliTest, VerifyReportsEditsAndMissingFiles) {
  ASSERT_EQ(Run(Generate(tmp_)), 0);
  auto verify = Generate(tmp_);
  verify.push_back("--verify");
  EXPECT_EQ(Run(verify), 0) << err_.str();
  std::ofstream(tmp_ / "sample" / "scheme.h", std::ios::app) << "// hand edit\n";
  fs::remove(tmp_ / "sample" / "scheme.cc");
  EXPECT_EQ(Run(verify), 1);
  EXPECT_NE(err_.str().find("sample/scheme.h: differs"), std::string::npos) << err_.str();
  EXPECT_NE(err_.str().find("sample/scheme.cc: missing"), std::string::npos) << err_.str();
}

TEST_F(CliTest, DepfileListsSchemasAndOutputs) {
  auto args = Generate(tmp_ / "out");
  args.insert(args.end(), {"--depfile", (tmp_ / "gen.d").string()});
  ASSERT_EQ(Run(args), 0) << err_.str();
  std::string dep = Read(tmp_ / "gen.d");
  EXPECT_NE(dep.find("sample/scheme.h"), std::string::npos);
  EXPECT_NE(dep.find(":"), std::string::npos);
  EXPECT_NE(dep.find("flunder.json"), std::string::npos);
}

TEST_F(CliTest, TemplatesCanBeOverridden) {
  fs::create_directories(tmp_ / "tmpl");
  std::ofstream(tmp_ / "tmpl" / "scheme.h.mustache") << "// custom scheme for {{root_ns}}\n";
  auto args = Generate(tmp_ / "out");
  args.insert(args.end(), {"--templates", (tmp_ / "tmpl").string()});
  ASSERT_EQ(Run(args), 0) << err_.str();
  EXPECT_EQ(Read(tmp_ / "out" / "sample" / "scheme.h"), "// custom scheme for sample\n");
  std::ofstream(tmp_ / "tmpl" / "nonsense.mustache") << "x";
  EXPECT_EQ(Run(args), 1);
  EXPECT_NE(err_.str().find("no built-in template is named \"nonsense\""), std::string::npos);
}

TEST_F(CliTest, PluralExceptions) {
  fs::create_directories(tmp_ / "s");
  std::ofstream(tmp_ / "s" / "moose.json")
      << R"({"group": "zoo.example.com", "version": "v1", "kind": "Moose", "schema": {"type": "object"}})";
  ASSERT_EQ(Run({"--schemas", (tmp_ / "s").string(), "--namespace", "zoo", "--out",
                 (tmp_ / "o").string(), "--plural-exceptions", "Moose:Moose"}),
            0)
      << err_.str();
  std::string client =
      Read(tmp_ / "o" / "zoo" / "clientset" / "typed" / "zoo" / "v1" / "zoo_client.h");
  EXPECT_NE(client.find("Moose(std::string_view ns)"), std::string::npos) << client;
  EXPECT_NE(Read(tmp_ / "o" / "zoo" / "scheme.cc").find("info.plural = \"moose\""),
            std::string::npos);
}

// Gateway API's experimental bundle holds gateway.networking.k8s.io and
// gateway.networking.x-k8s.io, whose first labels clash: the error names both schemas and the
// flag that resolves it, and nothing is written.
// A kind named Interface would get the informer header informers/<group>/<version>/interface.h,
// which the version's informer interface already is: an error, and nothing written, rather than
// output with one of the two silently missing.
TEST_F(CliTest, AKindNamedLikeAFileOfItsGroupVersionIsAnError) {
  std::ofstream(tmp_ / "crd.yaml")
      << "apiVersion: apiextensions.k8s.io/v1\n"
         "kind: CustomResourceDefinition\n"
         "spec:\n"
         "  group: widgets.example.com\n"
         "  names: {kind: Interface, plural: interfaces}\n"
         "  scope: Namespaced\n"
         "  versions:\n"
         "  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}\n";
  ASSERT_EQ(Run({"--schemas", (tmp_ / "crd.yaml").string(), "--namespace", "w", "--out",
                 (tmp_ / "o").string()}),
            1);
  EXPECT_NE(err_.str().find("cannot generate w/informers/widgets/v1/interface.h twice (templates "
                            "informer.h and informers_version.h): a kind is named like a file its "
                            "group version already has"),
            std::string::npos)
      << err_.str();
  EXPECT_FALSE(fs::exists(tmp_ / "o"));
}

TEST_F(CliTest, GroupsWhoseFirstLabelsClashAreNamedWithGroupName) {
  fs::create_directories(tmp_ / "crds");
  for (auto [group, kind] : {std::pair{"gateway.networking.k8s.io", "Gateway"},
                             {"gateway.networking.x-k8s.io", "XListenerSet"}}) {
    std::ofstream(tmp_ / "crds" / (std::string(group) + ".yaml"))
        << "apiVersion: apiextensions.k8s.io/v1\n"
           "kind: CustomResourceDefinition\n"
           "spec:\n"
           "  group: "
        << group << "\n  names: {kind: " << kind << ", plural: " << kind
        << "s}\n"
           "  scope: Namespaced\n"
           "  versions:\n"
           "  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: "
           "object}}}\n";
  }
  std::vector<std::string> args = {"--schemas", (tmp_ / "crds").string(), "--namespace", "gw",
                                   "--out",     (tmp_ / "o").string()};
  ASSERT_EQ(Run(args), 1);
  std::string crds = (tmp_ / "crds").string() + "/";
  EXPECT_NE(err_.str().find(crds +
                            "gateway.networking.x-k8s.io.yaml:4:10: group "
                            "\"gateway.networking.x-k8s.io\" would be named \"gateway\" in C++, "
                            "as group \"gateway.networking.k8s.io\" (" +
                            crds +
                            "gateway.networking.k8s.io.yaml:4:10) is: name one with "
                            "--group-name gateway.networking.x-k8s.io=NAME"),
            std::string::npos)
      << err_.str();
  EXPECT_FALSE(fs::exists(tmp_ / "o"));

  args.insert(args.end(), {"--group-name", "gateway.networking.x-k8s.io=gatewayx"});
  ASSERT_EQ(Run(args), 0) << err_.str();
  EXPECT_TRUE(fs::exists(tmp_ / "o" / "gw" / "api" / "gateway" / "v1" / "types.h"));
  EXPECT_TRUE(fs::exists(tmp_ / "o" / "gw" / "api" / "gatewayx" / "v1" / "types.h"));
  EXPECT_NE(Read(tmp_ / "o" / "gw" / "clientset" / "clientset.h").find("GatewayxV1()"),
            std::string::npos);

  EXPECT_EQ(Run({"--schemas", "x", "--namespace", "a", "--out", "y", "--group-name", "a.io=9x"}),
            2);
  EXPECT_NE(err_.str().find("--group-name \"a.io=9x\": expected GROUP=NAME"), std::string::npos);
}

// Zalando's postgres-operator: `kind: postgresql`. The type is Postgresql; what goes on the wire
// (the object's and the list's kind, the scheme's and the served OpenAPI's GVK) keeps the CRD's
// spelling.
TEST_F(CliTest, LowercaseKindIsSpelledAsTheCrdSpellsItOnTheWire) {
  fs::create_directories(tmp_ / "crds");
  std::ofstream(tmp_ / "crds" / "postgresql.yaml")
      << "apiVersion: apiextensions.k8s.io/v1\n"
         "kind: CustomResourceDefinition\n"
         "spec:\n"
         "  group: acid.zalan.do\n"
         "  names: {kind: postgresql, listKind: postgresqlList, plural: postgresqls}\n"
         "  scope: Namespaced\n"
         "  versions:\n"
         "  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}\n";
  ASSERT_EQ(Run({"--schemas", (tmp_ / "crds").string(), "--namespace", "zalando", "--out",
                 (tmp_ / "o").string()}),
            0)
      << err_.str();
  std::string types = Read(tmp_ / "o" / "zalando" / "api" / "acid" / "v1" / "types.h");
  EXPECT_NE(types.find("struct Postgresql {"), std::string::npos);
  EXPECT_NE(types.find("kKind = \"postgresql\";"), std::string::npos);
  EXPECT_NE(types.find("std::string kind{\"postgresqlList\"};"), std::string::npos);
  std::string scheme = Read(tmp_ / "o" / "zalando" / "scheme.cc");
  EXPECT_NE(scheme.find("info.gvk = {\"acid.zalan.do\", \"v1\", \"postgresql\"};"),
            std::string::npos);
  EXPECT_NE(scheme.find("\"kind\":\"postgresql\""), std::string::npos);
  EXPECT_NE(Read(tmp_ / "o" / "zalando" / "clientset" / "typed" / "acid" / "v1" / "acid_client.h")
                .find("Postgresqls(std::string_view ns)"),
            std::string::npos);
}

TEST_F(CliTest, UsageErrors) {
  EXPECT_EQ(Run({"--bogus"}), 2);
  EXPECT_NE(err_.str().find("unknown argument \"--bogus\""), std::string::npos);
  EXPECT_EQ(Run({"--schemas", "x", "--out", "y"}), 2);
  EXPECT_NE(err_.str().find("--namespace is required"), std::string::npos);
  EXPECT_EQ(Run({"--schemas", "/nonexistent", "--namespace", "a", "--out", (tmp_ / "o").string()}),
            1);
  EXPECT_NE(err_.str().find("/nonexistent: no such file or directory"), std::string::npos);
  EXPECT_EQ(Run({"--schemas", "x", "--namespace", "9lives", "--out", "y"}), 1);
  EXPECT_NE(err_.str().find("is not a C++ identifier"), std::string::npos);
  EXPECT_EQ(Run({"--help"}), 0);
  EXPECT_NE(out_.str().find("usage: kube-clientgen"), std::string::npos);
  EXPECT_EQ(Run({"--version"}), 0);
  EXPECT_NE(out_.str().find("kube-clientgen "), std::string::npos);
}

}  // namespace
}  // namespace kube::gen
