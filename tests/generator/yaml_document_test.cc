// YAML documents become JSON with the line and column of every value, scalars typed as YAML 1.2's
// core schema types them (so `yes`, `on`, `=` stay strings), and every error names file:line:col.
#include "schema/yaml_document.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace kube::gen {
namespace {

using json = nlohmann::ordered_json;

std::vector<LocatedJson> Parse(const std::string& text) {
  auto docs = ParseYamlDocuments(text, "f.yaml");
  EXPECT_TRUE(docs.has_value()) << docs.error().message;
  return docs ? std::move(*docs) : std::vector<LocatedJson>{};
}

std::string YamlErrorOf(const std::string& text) {
  auto docs = ParseYamlDocuments(text, "f.yaml");
  EXPECT_FALSE(docs.has_value()) << text;
  return docs ? std::string() : docs.error().message;
}

TEST(YamlDocumentTest, PositionsOfNestedValues) {
  auto docs = Parse(
      "apiVersion: v1\n"             // 1
      "spec:\n"                      // 2
      "  group: example.com\n"       // 3
      "  versions:\n"                // 4
      "  - name: v1\n"               // 5
      "    served: true\n"           // 6
      "    tags: [a, \"b\", 3]\n"    // 7
      "  description: |\n"           // 8
      "    text\n"                   // 9
      "  flow: {x: 1, y: {z: 2}}\n"  // 10
  );
  ASSERT_EQ(docs.size(), 1u);
  const LocatedJson& d = docs[0];
  EXPECT_EQ(d.file(), "f.yaml");
  EXPECT_EQ(d.Where(""), "f.yaml:1:1");
  EXPECT_EQ(d.Where("/apiVersion"), "f.yaml:1:13");
  EXPECT_EQ(d.Where("/spec/group"), "f.yaml:3:10");
  EXPECT_EQ(d.Where("/spec/versions"), "f.yaml:5:3");
  EXPECT_EQ(d.Where("/spec/versions/0"), "f.yaml:5:5");
  EXPECT_EQ(d.Where("/spec/versions/0/name"), "f.yaml:5:11");
  EXPECT_EQ(d.Where("/spec/versions/0/served"), "f.yaml:6:13");
  EXPECT_EQ(d.Where("/spec/versions/0/tags/1"), "f.yaml:7:15");
  EXPECT_EQ(d.Where("/spec/versions/0/tags/2"), "f.yaml:7:20");
  EXPECT_EQ(d.Where("/spec/description"), "f.yaml:8:16");
  EXPECT_EQ(d.Where("/spec/flow/y/z"), "f.yaml:10:23");
  // A pointer below a located value falls back to it.
  EXPECT_EQ(d.Where("/spec/versions/0/name/missing"), "f.yaml:5:11");
  EXPECT_EQ(d.ErrorAt("/spec/group", "expected x").message, "f.yaml:3:10: expected x");

  // Keys keep their order in the file.
  const json& spec = d.value()["spec"];
  std::vector<std::string> keys;
  for (auto it = spec.begin(); it != spec.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"group", "versions", "description", "flow"}));
  EXPECT_EQ(spec["versions"][0]["tags"], json::parse(R"(["a", "b", 3])"));
  EXPECT_EQ(spec["description"], "text\n");
}

TEST(YamlDocumentTest, EmptyValueIsNullAtItsKey) {
  auto docs = Parse("a:\nb: 1\nc: ~\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_TRUE(docs[0].value()["a"].is_null());
  EXPECT_EQ(docs[0].Where("/a"), "f.yaml:1:1");
  EXPECT_EQ(docs[0].Where("/c"), "f.yaml:3:4");
}

struct ScalarCase {
  const char* yaml;  // the value, as written after "v: "
  json expected;
};

class ScalarTypingTest : public ::testing::TestWithParam<ScalarCase> {};

TEST_P(ScalarTypingTest, TypedAsCoreSchema) {
  auto docs = Parse(std::string("v: ") + GetParam().yaml + "\n");
  ASSERT_EQ(docs.size(), 1u);
  const json& v = docs[0].value()["v"];
  EXPECT_EQ(v.type_name(), GetParam().expected.type_name()) << GetParam().yaml << " -> " << v;
  EXPECT_EQ(v, GetParam().expected) << GetParam().yaml;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ScalarTypingTest,
    ::testing::Values(
        // null
        ScalarCase{"null", nullptr}, ScalarCase{"Null", nullptr}, ScalarCase{"NULL", nullptr},
        ScalarCase{"~", nullptr}, ScalarCase{"", nullptr}, ScalarCase{"!!null ''", nullptr},
        ScalarCase{"nULL", "nULL"},
        // bool: only the six core spellings
        ScalarCase{"true", true}, ScalarCase{"True", true}, ScalarCase{"TRUE", true},
        ScalarCase{"false", false}, ScalarCase{"False", false}, ScalarCase{"FALSE", false},
        ScalarCase{"yes", "yes"}, ScalarCase{"no", "no"}, ScalarCase{"on", "on"},
        ScalarCase{"off", "off"}, ScalarCase{"y", "y"}, ScalarCase{"N", "N"},
        ScalarCase{"tRUE", "tRUE"},
        // operators and version-like text
        ScalarCase{"=", "="}, ScalarCase{"=~", "=~"}, ScalarCase{"'!='", "!="},
        ScalarCase{"\"!~\"", "!~"}, ScalarCase{"1.2.3", "1.2.3"}, ScalarCase{"v1", "v1"},
        // int
        ScalarCase{"0", 0}, ScalarCase{"42", 42}, ScalarCase{"-17", -17}, ScalarCase{"+5", 5},
        ScalarCase{"007", 7}, ScalarCase{"0x1F", 31}, ScalarCase{"0xff", 255},
        ScalarCase{"0o17", 15}, ScalarCase{"0o8", "0o8"}, ScalarCase{"0x", "0x"},
        ScalarCase{"0b101", "0b101"}, ScalarCase{"1_000", "1_000"}, ScalarCase{"-0x1", "-0x1"},
        ScalarCase{"18446744073709551615", json(uint64_t{18446744073709551615u})},
        ScalarCase{"-9223372036854775808", json(std::numeric_limits<int64_t>::min())},
        ScalarCase{"99999999999999999999", json(1e20)},
        // float
        ScalarCase{"1.5", 1.5}, ScalarCase{"-1.5e3", -1500.0}, ScalarCase{".5", 0.5},
        ScalarCase{"1.", 1.0}, ScalarCase{"1e3", 1000.0}, ScalarCase{"+2.5E-1", 0.25},
        ScalarCase{".inf", std::numeric_limits<double>::infinity()},
        ScalarCase{"-.Inf", -std::numeric_limits<double>::infinity()}, ScalarCase{".", "."},
        ScalarCase{"1e", "1e"}, ScalarCase{"e3", "e3"}, ScalarCase{"inf", "inf"},
        ScalarCase{"1.5.", "1.5."},
        // quoted and block scalars are strings
        ScalarCase{"\"1\"", "1"}, ScalarCase{"'true'", "true"}, ScalarCase{"\"null\"", "null"},
        ScalarCase{"''", ""}, ScalarCase{"|-\n  42", "42"}, ScalarCase{">-\n  yes", "yes"},
        // explicit tags
        ScalarCase{"!!str 1", "1"}, ScalarCase{"!!str true", "true"},
        ScalarCase{"!!str null", "null"}, ScalarCase{"!!int \"7\"", 7},
        ScalarCase{"!!float 1", 1.0}, ScalarCase{"!!bool 'false'", false},
        ScalarCase{"!custom 12", "12"}, ScalarCase{"! 12", "12"}));

TEST(YamlDocumentTest, NotANumber) {
  auto docs = Parse("a: .nan\nb: .NaN\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_TRUE(std::isnan(docs[0].value()["a"].get<double>()));
  EXPECT_TRUE(std::isnan(docs[0].value()["b"].get<double>()));
}

TEST(YamlDocumentTest, KeysKeepTheirText) {
  auto docs = Parse("1: a\ntrue: b\nnull: c\non: d\n0x10: e\n\"q\": f\n~: g\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].value(),
            json::parse(R"({"1": "a", "true": "b", "null": "c", "on": "d", "0x10": "e",
                            "q": "f", "~": "g"})"));
  EXPECT_EQ(docs[0].Where("/on"), "f.yaml:4:5");
}

TEST(YamlDocumentTest, ByteOrderMarkDoesNotShiftKeys) {
  auto docs = Parse("\xEF\xBB\xBFnull: 1\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].value(), json::parse(R"({"null": 1})"));
}

TEST(YamlDocumentTest, MultiDocumentStreamSkipsEmptyDocuments) {
  auto docs = Parse(
      "---\n"
      "a: 1\n"
      "---\n"
      "# only a comment\n"
      "---\n"
      "b:\n"
      "  - x\n"
      "...\n"
      "---\n");
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].value(), json::parse(R"({"a": 1})"));
  EXPECT_EQ(docs[1].value(), json::parse(R"({"b": ["x"]})"));
  EXPECT_EQ(docs[0].Where("/a"), "f.yaml:2:4");
  EXPECT_EQ(docs[1].Where("/b/0"), "f.yaml:7:5");
  EXPECT_TRUE(Parse("").empty());
  EXPECT_TRUE(Parse("# nothing\n---\n---\n").empty());
}

TEST(YamlDocumentTest, AliasesAreExpanded) {
  auto docs = Parse("base: &b {x: 1, y: [2]}\ncopy: *b\nname: &n foo\n*n : bar\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].value()["copy"], json::parse(R"({"x": 1, "y": [2]})"));
  EXPECT_EQ(docs[0].value()["foo"], "bar");
  // Values inside the copy are located at the alias.
  EXPECT_EQ(docs[0].Where("/copy/y/0"), "f.yaml:2:7");
}

TEST(YamlDocumentTest, SyntaxErrorsNamePosition) {
  EXPECT_EQ(YamlErrorOf("a: [1,\n"), "f.yaml:2:1: invalid YAML: end of sequence flow not found");
  EXPECT_EQ(YamlErrorOf("a: b: c\n"), "f.yaml:1:5: invalid YAML: illegal map value");
  EXPECT_EQ(YamlErrorOf("ok: 1\n---\nx: \"\\q\"\n"),
            "f.yaml:3:7: invalid YAML: unknown escape character: q");
  EXPECT_EQ(YamlErrorOf("a: *nope\n"),
            "f.yaml:1:4: invalid YAML: the referenced anchor is not defined");
}

TEST(YamlDocumentTest, NonScalarKeysAreErrors) {
  EXPECT_EQ(YamlErrorOf("spec:\n  ? [a, b]\n  : v\n"),
            "f.yaml:2:5: expected a scalar mapping key (JSON object keys are strings), found a "
            "sequence");
  EXPECT_EQ(YamlErrorOf("{a: 1}: v\n"),
            "f.yaml:1:1: expected a scalar mapping key (JSON object keys are strings), found a "
            "mapping");
}

TEST(YamlDocumentTest, DuplicateKeysAreErrors) {
  EXPECT_EQ(YamlErrorOf("a: 1\nb: 2\na: 3\n"), "f.yaml:3:1: duplicate mapping key \"a\"");
}

TEST(YamlDocumentTest, MistypedExplicitTagsAreErrors) {
  EXPECT_EQ(YamlErrorOf("a:\n  b: !!int ten\n"),
            "f.yaml:2:6: invalid YAML: \"ten\" is not an !!int");
  EXPECT_EQ(YamlErrorOf("a: !!bool yes\n"), "f.yaml:1:4: invalid YAML: \"yes\" is not a !!bool");
}

TEST(YamlDocumentTest, InvalidUtf8IsAnError) {
  EXPECT_EQ(YamlErrorOf("a: ok\nb: \"x\xC1y\"\n"),
            "f.yaml:2:4: invalid YAML: a scalar is not valid UTF-8");
  EXPECT_EQ(YamlErrorOf("\xED\xA0\x80: 1\n"),
            "f.yaml:1:1: invalid YAML: a scalar is not valid UTF-8");
  EXPECT_EQ(YamlErrorOf("a: \xF0\x9F\x98\n"),
            "f.yaml:1:4: invalid YAML: a scalar is not valid UTF-8");
  auto docs = Parse("a: \"caf\xC3\xA9 \xF0\x9F\x98\x80\"\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].value()["a"], "caf\xC3\xA9 \xF0\x9F\x98\x80");
}

TEST(YamlDocumentTest, CyclicAliasIsAnError) {
  EXPECT_EQ(YamlErrorOf("a: &x [1, *x]\n"),
            "f.yaml:1:11: an alias refers to a node that contains it (JSON cannot hold a cycle)");
}

TEST(YamlDocumentTest, AliasExpansionIsBounded) {
  // Each level doubles ten times: 10^12 values if expanded.
  std::string text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 12; ++i) {
    text += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += (j ? ", *l" : "*l") + std::to_string(i - 1);
    text += "]\n";
  }
  EXPECT_NE(YamlErrorOf(text).find("aliases expand to more than"), std::string::npos);
}

TEST(YamlDocumentTest, NestingIsBounded) {
  std::string text = "a: " + std::string(300, '[') + std::string(300, ']') + "\n";
  std::string error = YamlErrorOf(text);
  EXPECT_TRUE(error.starts_with("f.yaml:1:")) << error;
}

}  // namespace
}  // namespace kube::gen
