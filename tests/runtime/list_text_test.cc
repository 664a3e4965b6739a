// SplitListText finds a List's items and each item's text without parsing; anything it is not
// sure of is refused, so that the document is decoded whole instead.
#include "kube/json/list_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace kube::json {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Elements(const std::string& json) {
  ListText text;
  EXPECT_TRUE(SplitListText(json, text)) << json;
  std::vector<std::string> out(text.elements.begin(), text.elements.end());
  return out;
}

TEST(ListTextTest, FindsTheItemsAndEachElement) {
  std::string json = R"({"kind":"PodList","metadata":{"resourceVersion":"7"},"items":[{"a":1},)"
                     R"({"b":[1,{"c":null}]},null]})";
  ListText text;
  ASSERT_TRUE(SplitListText(json, text));
  EXPECT_EQ(json.substr(text.items_begin, text.items_end - text.items_begin),
            R"([{"a":1},{"b":[1,{"c":null}]},null])");
  EXPECT_THAT(text.elements, ElementsAre(R"({"a":1})", R"({"b":[1,{"c":null}]})", "null"));
}

TEST(ListTextTest, StringsMayHoldBracketsQuotesAndEscapes) {
  EXPECT_THAT(Elements(R"({"items":[{"s":"]}{[,"},{"t":"say \"]}\" \\"},{"u":"\\\\"}]})"),
              ElementsAre(R"({"s":"]}{[,"})", R"({"t":"say \"]}\" \\"})", R"({"u":"\\\\"})"));
  // Long strings are searched 32 bytes at a time; an escape at a block's edge is still seen.
  std::string long_value(31, 'x');
  long_value += "\\\"";
  long_value += std::string(40, 'y');
  EXPECT_THAT(Elements(R"({"items":[{"s":")" + long_value + R"("},{}]})"),
              ElementsAre(R"({"s":")" + long_value + R"("})", "{}"));
}

TEST(ListTextTest, WhitespaceAnywhereAndItemsInAnyPlace) {
  EXPECT_THAT(Elements(" {\n \"items\" :\t[ {\"a\" : 1} ,\r\n {} ] , \"kind\" : \"L\" }\n"),
              ElementsAre("{\"a\" : 1}", "{}"));
  EXPECT_THAT(Elements(R"({"items":[]})"), ElementsAre());
  EXPECT_THAT(Elements(R"({"items":[ ]})"), ElementsAre());
  EXPECT_THAT(Elements(R"({"items":[1,-2.5e3,true,"x"]})"),
              ElementsAre("1", "-2.5e3", "true", "\"x\""));
}

TEST(ListTextTest, RefusesWhatItCannotSplitSurely) {
  for (const char* json : {
           "", "[]", "{}",
           R"({"kind":"PodList"})",                  // no items
           R"({"items":null})",                      // not an array
           R"({"items":[],"items":[{}]})",           // twice: the last would win
           R"({"it\u0065ms":[{}]})",                 // a key with an escape
           R"({"items":[{}]} x)",                    // trailing text
           R"({"items":[{}],})",                     // a trailing comma
           R"({"items":[{},]})",                     // an empty element
           R"({"items":[{} {}]})",                   // no comma
           R"({"items":[{"a":"unterminated}]})",     // a string that never ends
           R"({"items":[{"a":[1,2}]})",              // brackets that never close
           R"({"items":[{}])",                       // the object never closes
           R"({"items" [{}]})",                      // no colon
           R"({"metadata":{"a":"b},"items":[{}]})",  // a string that swallows the rest
       }) {
    ListText text;
    EXPECT_FALSE(SplitListText(json, text)) << json;
  }
}

}  // namespace
}  // namespace kube::json
