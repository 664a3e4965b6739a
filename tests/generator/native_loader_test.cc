// Malformed schemas: each case names file:line:col and what was expected, and the CLI leaves
// the output directory untouched.
#include "schema/native_loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli.h"

namespace kube::gen {
namespace {

namespace fs = std::filesystem;

struct BadSchema {
  const char* name;
  const char* text;
  const char* expect;  // substring of the error, including line:col
};

const BadSchema kBadSchemas[] = {
    {"syntax", "{\n  \"group\": \"a\",\n  \"version\": v1\n}", "bad.json:3:14: invalid JSON"},
    {"number_out_of_range", "{\n  \"group\": 1e999\n}",
     "bad.json:2:12: invalid JSON: number overflow parsing '1e999'"},
    {"not_object", "[1, 2]", "bad.json:1:1: expected a JSON object describing one kind"},
    {"missing_kind", "{\"group\": \"\", \"version\": \"v1\", \"schema\": {\"type\": \"object\"}}",
     "bad.json:1:1: missing \"kind\" (a string)"},
    {"kind_not_string", "{\"group\": \"\", \"version\": \"v1\",\n \"kind\": 7}",
     "bad.json:2:10: expected \"kind\" to be a string"},
    {"group_with_leading_dot",
     "{\"group\": \".wardle.example.com\", \"version\": \"v1\", \"kind\": \"A\"}",
     "bad.json:1:11: invalid group \".wardle.example.com\": expected a lower-case DNS name"},
    {"group_with_empty_label",
     "{\"group\": \"wardle..example.com\", \"version\": \"v1\", \"kind\": \"A\"}",
     "bad.json:1:11: invalid group \"wardle..example.com\""},
    {"bad_version", "{\"group\": \"\", \"version\": \"1\", \"kind\": \"A\"}",
     "bad.json:1:26: invalid version \"1\""},
    {"unknown_key", "{\"group\": \"\", \"version\": \"v1\", \"kind\": \"A\",\n \"colour\": 1}",
     "bad.json:2:12: unknown key \"colour\""},
    {"bad_scope",
     "{\"group\": \"\", \"version\": \"v1\", \"kind\": \"A\", \"scope\": \"Global\", \"schema\": "
     "{}}",
     "invalid scope \"Global\": expected \"Namespaced\" or \"Cluster\""},
    {"bad_verb",
     "{\"group\": \"\", \"version\": \"v1\", \"kind\": \"A\", \"verbs\": [\"get\", \"explode\"], "
     "\"schema\": {}}",
     "bad.json:1:62: unknown verb \"explode\""},
    {"update_status_without_status",
     "{\"group\": \"\", \"version\": \"v1\", \"kind\": \"A\", \"verbs\": [\"updateStatus\"], "
     "\"schema\": {}}",
     "verb \"updateStatus\" needs \"status\" in \"subresources\""},
    {"bad_subresource",
     "{\"group\": \"\", \"version\": \"v1\", \"kind\": \"A\", \"subresources\": [\"exec\"], "
     "\"schema\": {}}",
     "unknown subresource \"exec\""},
    {"missing_schema", "{\"group\": \"\", \"version\": \"v1\", \"kind\": \"A\"}",
     "missing \"schema\""},
    {"bad_type",
     "{\"group\": \"\", \"version\": \"v1\", \"kind\": \"A\", \"schema\": {\"type\": \"object\",\n"
     "  \"properties\": {\"size\": {\"type\": \"int\"}}}}",
     "bad.json:2:35: unknown type \"int\": expected one of object, array, string, integer, number, "
     "boolean"},
    {"array_without_items",
     "{\"group\": \"\", \"version\": \"v1\", \"kind\": \"A\", \"schema\": {\"properties\": {\n"
     "  \"xs\": {\"type\": \"array\"}}}}",
     "bad.json:2:9: expected \"items\" for an array"},
    {"required_unknown",
     "{\"group\": \"\", \"version\": \"v1\", \"kind\": \"A\", \"schema\": {\"properties\": {\"a\": "
     "{\"type\": \"string\"}}, \"required\": [\"b\"]}}",
     "required property \"b\" is not among the properties"},
    {"dangling_ref",
     "{\"group\": \"\", \"version\": \"v1\", \"kind\": \"A\", \"schema\": {\"properties\": {\n"
     "  \"x\": {\"$ref\": \"#/definitions/Nope\"}}}}",
     "bad.json:2:17: $ref to \"Nope\", which \"definitions\" does not define"},
    {"format_not_string",
     "{\"group\": \"\", \"version\": \"v1\", \"kind\": \"A\", \"schema\": {\"properties\": {\n"
     "  \"n\": {\"type\": \"integer\", \"format\": 32}}}}",
     "bad.json:2:38: expected \"format\" to be a string"},
    {"schema_not_object", "{\"group\": \"\", \"version\": \"v1\", \"kind\": \"A\", \"schema\": []}",
     "expected \"schema\" to be an object schema"},
};

class BadSchemaTest : public ::testing::TestWithParam<BadSchema> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kcg-bad-" + std::string(GetParam().name) + "-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "schemas");
    fs::create_directories(dir_ / "out");
    std::ofstream(dir_ / "schemas" / "bad.json") << GetParam().text;
    std::ofstream(dir_ / "out" / "keep.txt") << "untouched";
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_P(BadSchemaTest, ErrorNamesPlaceAndExpectation) {
  model::Model m;
  auto ok = NativeLoader().Load({(dir_ / "schemas").string()}, m);
  ASSERT_FALSE(ok);
  EXPECT_NE(ok.error().message.find(GetParam().expect), std::string::npos)
      << "got: " << ok.error().message;
}

TEST_P(BadSchemaTest, CliFailsAndLeavesOutputUntouched) {
  std::ostringstream out, err;
  int rc = RunCli({"--schemas", (dir_ / "schemas").string(), "--namespace", "acme", "--out",
                   (dir_ / "out").string()},
                  out, err);
  EXPECT_EQ(rc, 1);
  EXPECT_NE(err.str().find(GetParam().expect), std::string::npos) << err.str();
  std::vector<std::string> entries;
  for (const auto& e : fs::directory_iterator(dir_ / "out")) entries.push_back(e.path().filename());
  EXPECT_EQ(entries, std::vector<std::string>{"keep.txt"});
}

INSTANTIATE_TEST_SUITE_P(Malformed, BadSchemaTest, ::testing::ValuesIn(kBadSchemas),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace kube::gen
