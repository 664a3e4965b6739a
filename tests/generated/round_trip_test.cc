// Generated codecs: decode -> encode keeps everything (unknown fields included), and decode
// errors name the JSON path and offset.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "kube/codec.h"
#include "sample/api/wardle/v1alpha1/types.h"
#include "sample/api/wardle/v1beta1/types.h"

namespace {

using nlohmann::json;
using sample::api::wardle::v1beta1::Flunder;
using sample::api::wardle::v1beta1::FlunderList;

TEST(RoundTripTest, FlunderWithEveryFieldAndUnknownOnes) {
  json in = json::parse(R"({
    "apiVersion": "wardle.example.com/v1beta1", "kind": "Flunder",
    "metadata": {"name": "a", "namespace": "ns", "labels": {"x": "y"}, "resourceVersion": "7",
                 "creationTimestamp": "2024-05-06T07:08:09Z", "generation": 2},
    "spec": {"reference": "b", "referenceType": "Flunder", "future": [1, {"z": null}]},
    "status": {"phase": "Ready", "observedGeneration": 2,
               "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": "2024-05-06T07:08:09Z",
                               "reason": "R", "message": "M", "observedGeneration": 2}]},
    "extra": "kept"
  })");
  auto f = kube::Decode<Flunder>(in.dump());
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->spec.reference_type, "Flunder");
  EXPECT_EQ(f->status.observed_generation, 2);
  EXPECT_EQ(json::parse(kube::Encode(*f)), in);
}

TEST(RoundTripTest, AbsentFieldsStayAbsent) {
  json in = {{"apiVersion", "wardle.example.com/v1beta1"},
             {"kind", "Flunder"},
             {"metadata", {{"name", "m"}}}};
  auto f = kube::Decode<Flunder>(in.dump());
  ASSERT_TRUE(f);
  EXPECT_FALSE(f->spec.reference.has_value());
  EXPECT_EQ(json::parse(kube::Encode(*f)), in);
}

// An informer holds every decoded object, so decoded strings carry no spare capacity: a
// string that outgrew the 15 inline characters by assignment would take twice its length.
TEST(RoundTripTest, DecodedStringsHaveNoSpareCapacity) {
  const std::string name = "kube-api-access-x7k2q";  // 21 characters, names like it are common
  const std::string reference = "flunder-reference-1";
  auto f = kube::Decode<Flunder>(R"({"metadata":{"name":")" + name + R"("},"spec":{"reference":")" +
                                 reference + R"("}})");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->metadata.name, name);
  EXPECT_EQ(f->metadata.name.capacity(), name.size());
  ASSERT_TRUE(f->spec.reference);
  EXPECT_EQ(f->spec.reference->capacity(), reference.size());
}

TEST(RoundTripTest, ListsDecodeItems) {
  json in = {{"apiVersion", "wardle.example.com/v1beta1"},
             {"kind", "FlunderList"},
             {"metadata", {{"resourceVersion", "9"}, {"continue", "c"}}},
             {"items", {{{"metadata", {{"name", "a"}}}}, {{"metadata", {{"name", "b"}}}}}}};
  auto l = kube::Decode<FlunderList>(in.dump());
  ASSERT_TRUE(l);
  ASSERT_EQ(l->items.size(), 2u);
  EXPECT_EQ(l->metadata.continue_, "c");
  EXPECT_EQ(l->items[1].metadata.name, "b");
}

TEST(RoundTripTest, DecodeErrorsNamePathAndOffset) {
  std::string bad =
      R"({"metadata": {"name": "a"}, "status": {"conditions": [{"type": "x"}, {"type": 5}]}})";
  auto f = kube::Decode<Flunder>(bad);
  ASSERT_FALSE(f);
  EXPECT_TRUE(kube::IsDecode(f.error()));
  EXPECT_NE(f.error().message.find(".status.conditions[1].type"), std::string::npos)
      << f.error().message;
  EXPECT_NE(f.error().message.find("expected a string"), std::string::npos);
  EXPECT_NE(f.error().message.find("offset " + std::to_string(bad.find("5}"))), std::string::npos)
      << f.error().message;
  auto garbage = kube::Decode<Flunder>("{not json");
  ASSERT_FALSE(garbage);
  EXPECT_TRUE(kube::IsDecode(garbage.error()));
  auto wrong_int =
      kube::Decode<sample::api::wardle::v1alpha1::Fischer>(R"({"disallowedFlunders": "x"})");
  ASSERT_FALSE(wrong_int);
  EXPECT_NE(wrong_int.error().message.find(".disallowedFlunders"), std::string::npos);
}

TEST(RoundTripTest, EncodeEscapesStrings) {
  Flunder f;
  f.metadata.name = "q";
  f.spec.reference = "quote\" backslash\\ newline\n tab\t ctl\x01";
  auto back = kube::Decode<Flunder>(kube::Encode(f));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->spec.reference, f.spec.reference);
}

// Strings and keys are read in place, scanning in blocks for the closing quote or an escape;
// an escape at any position (across block boundaries, at the very end) must still be unescaped,
// and strings up to the last one in the document read whole.
TEST(RoundTripTest, StringsAndKeysWithEscapesAnywhere) {
  for (size_t length = 1; length < 80; ++length) {  // an empty name would be omitted
    for (size_t at = 0; at <= length; ++at) {
      std::string text(length, 'a');
      std::string key = "k" + std::string(length, 'b');
      if (at < length) {
        text[at] = '"';
        key[at] = '\\';
      }
      json in = {{"apiVersion", "wardle.example.com/v1beta1"},
                 {"kind", "Flunder"},
                 {"metadata", {{"name", text}}},
                 {key, text}};
      auto f = kube::Decode<Flunder>(in.dump());
      ASSERT_TRUE(f) << f.error().message;
      ASSERT_EQ(f->metadata.name, text) << "length " << length << ", escape at " << at;
      ASSERT_EQ(json::parse(kube::Encode(*f)), in) << "length " << length << ", escape at " << at;
    }
  }
}

}  // namespace
