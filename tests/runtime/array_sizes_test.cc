#include "kube/json/array_sizes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace kube::json {
namespace {

// What ArraySizes answered for each non-empty array, and what simdjson's count_elements says.
struct Answers {
  std::vector<std::optional<size_t>> ours;
  std::vector<size_t> expected;
};

// Walks every value in document order, as a decoder does, asking `sizes` about each array just
// after entering it. Arrays whose index is in `skip` are left unread (On-Demand skips them).
void Visit(simdjson::ondemand::value v, ArraySizes& sizes, Answers& answers,
           const std::vector<size_t>& skip) {
  simdjson::ondemand::json_type type;
  ASSERT_FALSE(v.type().get(type));
  if (type == simdjson::ondemand::json_type::object) {
    simdjson::ondemand::object obj;
    ASSERT_FALSE(v.get_object().get(obj));
    for (auto field : obj) {
      simdjson::ondemand::field f;
      ASSERT_FALSE(std::move(field).get(f));
      Visit(f.value(), sizes, answers, skip);
    }
  } else if (type == simdjson::ondemand::json_type::array) {
    simdjson::ondemand::array arr;
    ASSERT_FALSE(v.get_array().get(arr));
    size_t reference = 0;
    ASSERT_FALSE(arr.count_elements().get(reference));  // resets the array for reading
    if (reference == 0) {
      EXPECT_EQ(sizes.Of(arr), std::nullopt) << "an empty array is read without a hint";
      return;
    }
    const size_t index = answers.ours.size();
    answers.ours.push_back(sizes.Of(arr));
    answers.expected.push_back(reference);
    if (std::find(skip.begin(), skip.end(), index) != skip.end()) return;
    for (auto element : arr) {
      simdjson::ondemand::value ev;
      ASSERT_FALSE(element.get(ev));
      Visit(ev, sizes, answers, skip);
    }
  }
}

// Reads `json` wrapped in [ ], as the decoder reads documents.
Answers Walk(const std::string& json, const std::vector<size_t>& skip = {}) {
  simdjson::padded_string text("[" + json + "]");
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  EXPECT_FALSE(parser.iterate(text).get(doc));
  simdjson::ondemand::array wrapper;
  EXPECT_FALSE(doc.get_array().get(wrapper));
  ArraySizes sizes;
  Answers answers;
  for (auto element : wrapper) {
    simdjson::ondemand::value v;
    EXPECT_FALSE(element.get(v));
    Visit(v, sizes, answers, skip);
  }
  return answers;
}

void ExpectExactCounts(const Answers& answers) {
  ASSERT_EQ(answers.ours.size(), answers.expected.size());
  for (size_t i = 0; i < answers.ours.size(); ++i) {
    ASSERT_TRUE(answers.ours[i].has_value()) << "array #" << i;
    EXPECT_EQ(*answers.ours[i], answers.expected[i]) << "array #" << i;
  }
}

TEST(ArraySizesTest, CountsEveryNestedArrayExactly) {
  Answers answers =
      Walk(R"([{"a":[1,2,3],"b":[[],[1],[1,[2,3]],{"c":[4,5],"d":{}}],"e":"[,],{"},)"
           R"([[[[7]]],[{"x":[1,2]},{"x":[3]}],["s,t","u]"],[null,true,false,1.5,-2]]])");
  EXPECT_EQ(answers.ours.size(), 16u);
  ExpectExactCounts(answers);
}

TEST(ArraySizesTest, SkippedArraysDoNotConfuseTheArraysAfterThem) {
  const std::string json = R"([{"skip":[[1,2],[3]],"keep":[[4,5,6],[7]]},[8,9],[[10],[11,12]]])";
  // #0 is the outer array, counted first; #1 "skip" is never read, so the arrays recorded
  // inside it are passed over.
  Answers answers = Walk(json, {1});
  ExpectExactCounts(answers);
  EXPECT_EQ(answers.expected, (std::vector<size_t>{3, 2, 2, 3, 1, 2, 2, 1, 2}));
}

TEST(ArraySizesTest, AnArrayWithoutItsClosingBracketGetsNoHint) {
  simdjson::padded_string text(std::string(R"([[1,[2,3,{"a":[4]])"));
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  if (parser.iterate(text).get(doc)) GTEST_SKIP() << "rejected before reading";
  simdjson::ondemand::array outer;
  ASSERT_FALSE(doc.get_array().get(outer));
  for (auto element : outer) {
    simdjson::ondemand::array inner;
    if (element.get_array().get(inner)) break;
    ArraySizes sizes;
    EXPECT_EQ(sizes.Of(inner), std::nullopt);
    break;
  }
}

TEST(ArraySizesTest, AgreesWithSimdjsonOnTheEveryFieldObjects) {
  for (const char* name : {"core.v1.Pod.json", "apps.v1.Deployment.json"}) {
    std::ifstream in(std::string(KUBE_SHARED_DATA_DIR) + "/objects/" + name);
    ASSERT_TRUE(in) << name;
    std::stringstream text;
    text << in.rdbuf();
    Answers answers = Walk(text.str());
    EXPECT_GT(answers.ours.size(), 10u) << name;
    ExpectExactCounts(answers);
  }
}

}  // namespace
}  // namespace kube::json
