// The mustache/spec test suite (../shared/data/mustache-spec), one GoogleTest case per spec
// test, with HTML escaping on as the spec requires.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "mustache/mustache.h"

namespace kube::gen::mustache {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct SpecCase {
  std::string file;
  json test;
};

std::vector<SpecCase> LoadSpec() {
  std::vector<SpecCase> out;
  fs::path dir = fs::path(KUBE_SHARED_DATA_DIR) / "mustache-spec";
  std::vector<fs::path> files;
  if (fs::is_directory(dir)) {
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() == ".json") files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    json doc = json::parse(std::ifstream(f));
    for (const auto& t : doc["tests"]) out.push_back({f.stem().string(), t});
  }
  return out;
}

class MustacheSpecTest : public ::testing::TestWithParam<SpecCase> {};

TEST_P(MustacheSpecTest, RendersAsSpecified) {
  const json& t = GetParam().test;
  std::map<std::string, std::string, std::less<>> partials;
  if (t.contains("partials")) {
    for (auto it = t["partials"].begin(); it != t["partials"].end(); ++it) {
      partials[it.key()] = it->get<std::string>();
    }
  }
  auto out = Render(t["template"].get<std::string>(), t["data"], MapLoader(partials),
                    RenderOptions{.html_escape = true});
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(*out, t["expected"].get<std::string>()) << t["desc"].get<std::string>();
}

std::string CaseName(const ::testing::TestParamInfo<SpecCase>& info) {
  std::string name = info.param.file + "_" + info.param.test["name"].get<std::string>();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Spec, MustacheSpecTest, ::testing::ValuesIn(LoadSpec()), CaseName);

TEST(MustacheSpecSuite, AllSpecTestsAreThere) {
  EXPECT_EQ(LoadSpec().size(), 136u) << "expected the 136 tests of " << KUBE_SHARED_DATA_DIR;
}

}  // namespace
}  // namespace kube::gen::mustache
