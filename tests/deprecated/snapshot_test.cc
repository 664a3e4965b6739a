// The frozen deprecated snapshot, driven through kube-clientgen's command line: no snapshot
// unless --freeze-deprecated asks for one; freezing writes SNAPSHOT.json (generator version,
// schema digest, kinds, verbs, file digests); later runs keep every snapshot file byte for byte
// while fields, kinds and verbs added to the schemas reach only the context-first clientset;
// --verify names an edited, missing or stray snapshot file; a kind the snapshot covers cannot
// silently disappear.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli.h"
#include "snapshot/sha256.h"

namespace kube::gen {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

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

void Write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
}

// Every file under `dir` with its bytes and mtime.
std::map<std::string, std::pair<std::string, fs::file_time_type>> Snapshot(const fs::path& dir) {
  std::map<std::string, std::pair<std::string, fs::file_time_type>> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) {
      files[fs::relative(e.path(), dir).string()] = {Read(e.path()), e.last_write_time()};
    }
  }
  return files;
}

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tmp_ = fs::temp_directory_path() /
           ("kcg-snapshot-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(tmp_);
    fs::create_directories(tmp_);
    schemas_ = tmp_ / "schemas";
    out_ = tmp_ / "out";
    snapshot_ = out_ / "sample" / "deprecated";
    // A copy of the wardle schemas the tests may change, as a project's schemas change.
    fs::copy(SourceDir() / "schemas" / "wardle.example.com", schemas_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(tmp_); }

  int Run(std::vector<std::string> extra) {
    std::vector<std::string> args = {"--schemas", schemas_.string(), "--namespace",
                                     "sample",    "--out",           out_.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    out_text_.str("");
    err_.str("");
    return RunCli(args, out_text_, err_);
  }

  json Flunder() { return json::parse(Read(schemas_ / "v1beta1" / "flunder.json")); }
  void SetFlunder(const json& j) { Write(schemas_ / "v1beta1" / "flunder.json", j.dump(2)); }

  fs::path tmp_, schemas_, out_, snapshot_;
  std::ostringstream out_text_, err_;
};

TEST_F(SnapshotTest, NoSnapshotUnlessAskedFor) {
  ASSERT_EQ(Run({}), 0) << err_.str();
  EXPECT_TRUE(fs::exists(out_ / "sample" / "clientset" / "clientset.h"));
  EXPECT_FALSE(fs::exists(snapshot_));
  ASSERT_EQ(Run({"--list-outputs"}), 0);
  EXPECT_EQ(out_text_.str().find("/deprecated/"), std::string::npos);
}

TEST_F(SnapshotTest, FreezeWritesTheTreeAndAManifest) {
  ASSERT_EQ(Run({"--freeze-deprecated", "--list-outputs"}), 0) << err_.str();
  EXPECT_NE(out_text_.str().find("sample/deprecated/SNAPSHOT.json"), std::string::npos);
  EXPECT_FALSE(fs::exists(out_));

  ASSERT_EQ(Run({"--freeze-deprecated"}), 0) << err_.str();
  EXPECT_NE(err_.str().find("froze the deprecated snapshot"), std::string::npos) << err_.str();
  for (const char* f : {"clientset.h", "clientset.cc", "typed/wardle/v1beta1/wardle_client.h",
                        "typed/wardle/v1beta1/flunder.h", "typed/wardle/v1alpha1/fischer.h"}) {
    EXPECT_TRUE(fs::exists(snapshot_ / f)) << f;
  }
  json manifest = json::parse(Read(snapshot_ / "SNAPSHOT.json"));
  EXPECT_EQ(manifest["generator"], "kube-clientgen");
  EXPECT_FALSE(manifest["generator_version"].get<std::string>().empty());
  EXPECT_EQ(manifest["root_namespace"], "sample");
  EXPECT_TRUE(manifest["schema_digest"].get<std::string>().starts_with("sha256:"));
  ASSERT_EQ(manifest["kinds"].size(), 2u);
  json flunder = manifest["kinds"][1];
  EXPECT_EQ(flunder["kind"], "Flunder");
  EXPECT_EQ(flunder["version"], "v1beta1");
  EXPECT_EQ(flunder["verbs"], json({"create", "update", "updateStatus", "delete",
                                    "deleteCollection", "get", "list", "watch", "patch"}));
  // Every file is listed with its digest.
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(snapshot_)) {
    if (!e.is_regular_file() || e.path().filename() == "SNAPSHOT.json") continue;
    ++files;
    std::string rel = fs::relative(e.path(), snapshot_).string();
    EXPECT_EQ(manifest["files"][rel], "sha256:" + Sha256Hex(Read(e.path()))) << rel;
  }
  EXPECT_EQ(manifest["files"].size(), files);
  EXPECT_EQ(Run({"--verify"}), 0) << err_.str();

  // The deprecated methods are the old signatures, each forwarding with Context::TODO().
  std::string header = Read(snapshot_ / "typed/wardle/v1beta1/flunder.h");
  EXPECT_NE(header.find("Delete(std::string_view name, const kube::DeleteOptions* opts)"),
            std::string::npos);
  EXPECT_NE(header.find("kube::Context::TODO()"), std::string::npos);
  EXPECT_NE(header.find("kube-clientgen-migrate"), std::string::npos);
  EXPECT_NE(header.find(": public kube::deprecated::Client"), std::string::npos);
}

TEST_F(SnapshotTest, FreezingIsDeterministic) {
  ASSERT_EQ(Run({"--freeze-deprecated"}), 0) << err_.str();
  auto first = Snapshot(snapshot_);
  fs::remove_all(out_);
  ASSERT_EQ(Run({"--freeze-deprecated"}), 0) << err_.str();
  auto second = Snapshot(snapshot_);
  ASSERT_EQ(first.size(), second.size());
  for (const auto& [path, file] : first) EXPECT_EQ(file.first, second[path].first) << path;
}

TEST_F(SnapshotTest, LaterSchemaChangesReachOnlyTheContextFirstClientset) {
  // Frozen while Flunder had no patch verb.
  json flunder = Flunder();
  json all_verbs = flunder["verbs"];
  flunder["verbs"].erase(std::find(flunder["verbs"].begin(), flunder["verbs"].end(), "patch"));
  SetFlunder(flunder);
  ASSERT_EQ(Run({"--freeze-deprecated"}), 0) << err_.str();
  auto frozen = Snapshot(snapshot_);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));

  // Then a verb, a field and a kind are added.
  flunder["verbs"] = all_verbs;
  flunder["schema"]["properties"]["spec"]["properties"]["color"] = {{"type", "string"}};
  SetFlunder(flunder);
  Write(schemas_ / "v1beta1" / "flock.json", R"({
    "group": "wardle.example.com", "version": "v1beta1", "kind": "Flock",
    "subresources": ["status", "scale"],
    "schema": {"type": "object", "properties": {
      "spec": {"type": "object", "properties": {"replicas": {"type": "integer"}}}}}
  })");
  for (auto flags : {std::vector<std::string>{}, std::vector<std::string>{"--freeze-deprecated"}}) {
    ASSERT_EQ(Run(flags), 0) << err_.str();
    auto kept = Snapshot(snapshot_);
    ASSERT_EQ(kept.size(), frozen.size());
    for (const auto& [path, file] : frozen) {
      EXPECT_EQ(kept[path].first, file.first) << path << " changed";
      EXPECT_EQ(kept[path].second, file.second) << path << " was rewritten";
    }
    EXPECT_EQ(Run({"--verify"}), 0) << err_.str();
  }
  fs::path typed = out_ / "sample" / "clientset" / "typed" / "wardle" / "v1beta1";
  EXPECT_NE(Read(typed / "flunder.h").find(" Patch("), std::string::npos);
  EXPECT_NE(Read(typed / "wardle_client.h").find("Flocks("), std::string::npos);
  EXPECT_NE(Read(out_ / "sample" / "api" / "wardle" / "v1beta1" / "types.h").find("color"),
            std::string::npos);
  fs::path old = snapshot_ / "typed" / "wardle" / "v1beta1";
  EXPECT_EQ(Read(old / "flunder.h").find(" Patch("), std::string::npos);
  EXPECT_FALSE(fs::exists(old / "flock.h"));
  EXPECT_EQ(Read(old / "wardle_client.h").find("Flock"), std::string::npos);

  // --list-outputs and --depfile name the kept files as outputs of the run.
  ASSERT_EQ(Run({"--list-outputs"}), 0);
  EXPECT_NE(out_text_.str().find("sample/deprecated/typed/wardle/v1beta1/flunder.h"),
            std::string::npos);
  ASSERT_EQ(Run({"--depfile", (tmp_ / "gen.d").string()}), 0) << err_.str();
  EXPECT_NE(Read(tmp_ / "gen.d").find("sample/deprecated/SNAPSHOT.json"), std::string::npos);
}

TEST_F(SnapshotTest, VerifyNamesEditedMissingAndStrayFiles) {
  ASSERT_EQ(Run({"--freeze-deprecated"}), 0) << err_.str();
  fs::path edited = snapshot_ / "typed" / "wardle" / "v1beta1" / "flunder.h";
  std::string edit = Read(edited) + "// hand edit\n";
  Write(edited, edit);
  EXPECT_EQ(Run({"--verify"}), 1);
  EXPECT_NE(err_.str().find("sample/deprecated/typed/wardle/v1beta1/flunder.h: edited"),
            std::string::npos)
      << err_.str();

  // An ordinary run keeps the edit (the snapshot is never regenerated) and warns.
  ASSERT_EQ(Run({}), 0) << err_.str();
  EXPECT_EQ(Read(edited), edit);
  EXPECT_NE(err_.str().find("warning: " + out_.string() +
                            "/sample/deprecated/typed/wardle/v1beta1/flunder.h: edited"),
            std::string::npos)
      << err_.str();

  Write(snapshot_ / "extra.h", "// not generated\n");
  fs::remove(snapshot_ / "clientset.cc");
  EXPECT_EQ(Run({"--verify"}), 1);
  EXPECT_NE(err_.str().find("sample/deprecated/extra.h: not part of the frozen snapshot"),
            std::string::npos)
      << err_.str();
  EXPECT_NE(err_.str().find("sample/deprecated/clientset.cc: missing"), std::string::npos)
      << err_.str();
  EXPECT_EQ(Run({}), 1);  // a missing file cannot be regenerated
  EXPECT_NE(err_.str().find("sample/deprecated/clientset.cc: missing"), std::string::npos)
      << err_.str();
}

TEST_F(SnapshotTest, ACoveredKindOrVerbCannotDisappear) {
  ASSERT_EQ(Run({"--freeze-deprecated"}), 0) << err_.str();
  json flunder = Flunder();
  flunder["verbs"].erase(std::find(flunder["verbs"].begin(), flunder["verbs"].end(), "watch"));
  SetFlunder(flunder);
  EXPECT_EQ(Run({}), 1);
  EXPECT_NE(err_.str().find("covers wardle.example.com/v1beta1, Kind=Flunder verb \"watch\""),
            std::string::npos)
      << err_.str();

  fs::remove(schemas_ / "v1alpha1" / "fischer.json");
  fs::remove(schemas_ / "v1beta1" / "flunder.json");
  Write(schemas_ / "v1beta1" / "other.json",
        R"({"group": "wardle.example.com", "version": "v1beta1", "kind": "Other",
            "schema": {"type": "object"}})");
  EXPECT_EQ(Run({}), 1);
  EXPECT_NE(err_.str().find("Kind=Fischer"), std::string::npos) << err_.str();
}

TEST_F(SnapshotTest, AnUnreadableManifestIsAnError) {
  ASSERT_EQ(Run({"--freeze-deprecated"}), 0) << err_.str();
  Write(snapshot_ / "SNAPSHOT.json", "{ not json");
  EXPECT_EQ(Run({}), 1);
  EXPECT_NE(err_.str().find("sample/deprecated/SNAPSHOT.json: not a deprecated snapshot manifest"),
            std::string::npos)
      << err_.str();
}

TEST(Sha256, KnownAnswers) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace kube::gen
