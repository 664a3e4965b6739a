// Large Lists are decoded a piece at a time, on several threads if allowed
// (kube::SetDecodeThreads): the result, and every error message down to the path and byte
// offset, must be exactly what one thread decoding the whole document produces. Decoding a
// large document leaves no buffers behind on the thread that did it.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>

#include "kube/codec.h"
#include "kube/watch.h"
#include "sample/api/wardle/v1beta1/codec.h"
#include "sample/api/wardle/v1beta1/types.h"
#include "support/heap.h"

namespace {

using kube_test::HeapInUse;
using kube_test::MallocIsGlibcs;
using nlohmann::json;
using sample::api::wardle::v1beta1::FlunderList;

// Resets the thread setting whatever a test does.
class LargeListTest : public ::testing::Test {
 protected:
  void TearDown() override { kube::SetDecodeThreads(1); }

  static kube::Result<FlunderList> DecodeWith(unsigned threads, const std::string& text) {
    kube::SetDecodeThreads(threads);
    return kube::Decode<FlunderList>(text);
  }
};

// About 3.5 MB: large enough to be split. Items vary in size so chunks split by bytes differ
// from chunks split by count, and carry escapes, unknown fields and nulls.
json LargeList(int items) {
  json list = {{"apiVersion", "wardle.example.com/v1beta1"},
               {"kind", "FlunderList"},
               {"metadata", {{"resourceVersion", "42"}}},
               {"items", json::array()}};
  for (int i = 0; i < items; ++i) {
    json item = {{"apiVersion", "wardle.example.com/v1beta1"},
                 {"kind", "Flunder"},
                 {"metadata",
                  {{"name", "flunder-" + std::to_string(i)},
                   {"namespace", "ns-" + std::to_string(i % 7)},
                   {"labels",
                    {{"app", "a" + std::to_string(i % 3)},
                     {"quote", "say \"hi\"\n"},
                     {"brackets", "]}{[\\\",]"}}},
                   {"resourceVersion", std::to_string(1000 + i)}}},
                 {"spec",
                  {{"reference", std::string(static_cast<size_t>(20 + (i * 37) % 400), 'r')},
                   {"referenceType", i % 2 ? "Flunder" : "Fischer"},
                   {"future", {{"n", i}, {"nested", {1, 2, {{"deep", true}}}}}}}},
                 {"status",
                  {{"phase", "Ready"},
                   {"conditions",
                    {{{"type", "Ready"},
                      {"status", "True"},
                      {"lastTransitionTime", "2024-05-06T07:08:09Z"},
                      {"reason", "R\u00e9sum\u00e9 \\ ok"},
                      {"message", "m"}}}}}},
                 {"extra", i}};
    list["items"].push_back(item);
  }
  return list;
}

TEST_F(LargeListTest, ThreadSetting) {
  EXPECT_EQ(kube::DecodeThreads(), 1u) << "the calling thread only, unless asked";
  kube::SetDecodeThreads(0);
  EXPECT_EQ(kube::DecodeThreads(), std::max(1u, std::thread::hardware_concurrency()));
  kube::SetDecodeThreads(3);
  EXPECT_EQ(kube::DecodeThreads(), 3u);
}

TEST_F(LargeListTest, SplitDecodeEqualsOneThread) {
  json in = LargeList(6000);
  for (const std::string& text : {in.dump(), in.dump(2)}) {  // compact and with whitespace
    ASSERT_GT(text.size(), size_t{3} << 20);
    auto serial = DecodeWith(1, text);
    auto split = DecodeWith(4, text);
    ASSERT_TRUE(serial) << serial.error().message;
    ASSERT_TRUE(split) << split.error().message;
    ASSERT_EQ(split->items.size(), 6000u);
    EXPECT_EQ(split->items[5999].metadata.name, "flunder-5999");
    EXPECT_EQ(split->items[3001].metadata.labels.at("quote"), "say \"hi\"\n");
    EXPECT_EQ(kube::Encode(*split), kube::Encode(*serial));
    EXPECT_EQ(json::parse(kube::Encode(*split)), in);
  }
}

// What decoding the whole document as one gives, the reference for decoding in pieces.
kube::Result<FlunderList> DecodeWhole(const std::string& text) {
  FlunderList out;
  if (auto ok = kube::json::DecodeWhole(text, out); !ok) return kube::Fail(ok.error());
  return out;
}

TEST_F(LargeListTest, PiecesGiveWhatTheWholeDocumentGives) {
  json in = LargeList(8000);
  json items_first = {{"items", in["items"]}, {"metadata", in["metadata"]}, {"kind", in["kind"]}};
  for (const std::string& text : {in.dump(), in.dump(2), items_first.dump()}) {
    ASSERT_GT(text.size(), kube::json::kPiecesAboveBytes);
    auto whole = DecodeWhole(text);
    ASSERT_TRUE(whole) << whole.error().message;
    for (unsigned threads : {1u, 3u}) {
      auto pieces = DecodeWith(threads, text);
      ASSERT_TRUE(pieces) << pieces.error().message;
      EXPECT_TRUE(*pieces == *whole) << threads;
      EXPECT_EQ(pieces->metadata.resource_version, "42");
      EXPECT_EQ(pieces->items[7000].metadata.labels.at("brackets"), "]}{[\\\",]");
    }
  }
}

// Two "items" members: the last wins, as when the document is read whole.
TEST_F(LargeListTest, AListOfAnotherShapeIsDecodedWhole) {
  json in = LargeList(8000);
  std::string text = in.dump();
  ASSERT_GT(text.size(), kube::json::kPiecesAboveBytes);
  text.insert(1, R"("items":[{"metadata":{"name":"first"}}],)");
  auto whole = DecodeWhole(text);
  auto pieces = DecodeWith(1, text);
  ASSERT_TRUE(pieces) << pieces.error().message;
  ASSERT_TRUE(whole) << whole.error().message;
  EXPECT_TRUE(*pieces == *whole);
  EXPECT_EQ(pieces->items.size(), 8000u);
}

// However the text is broken, the error is the whole document's, path and offset included.
TEST_F(LargeListTest, BrokenTextGivesTheWholeDocumentsError) {
  const std::string good = LargeList(8000).dump();
  ASSERT_GT(good.size(), kube::json::kPiecesAboveBytes);
  const size_t middle = good.find(R"({"apiVersion")", good.size() / 2);
  std::vector<std::string> broken = {
      good.substr(0, good.size() - 3),                                  // truncated
      std::string(good).insert(middle, "x"),                            // garbage between items
      std::string(good).insert(middle, R"({"metadata":{"name":7}},)"),  // an item mistyped
      std::string(good).replace(good.rfind(R"("42")"), 4, "[]"),        // metadata mistyped
      std::string(good).insert(good.rfind(']'), R"(,{"spec":{"reference":5}})"),
  };
  for (size_t i = 0; i < broken.size(); ++i) {
    auto whole = DecodeWhole(broken[i]);
    ASSERT_FALSE(whole) << i;
    for (unsigned threads : {1u, 2u}) {
      auto pieces = DecodeWith(threads, broken[i]);
      ASSERT_FALSE(pieces) << i;
      EXPECT_EQ(pieces.error().message, whole.error().message) << i << ", " << threads;
    }
  }
}

TEST_F(LargeListTest, NullItemsAnywhere) {
  json in = LargeList(5000);
  in["items"][0] = nullptr;
  in["items"][2500] = nullptr;
  in["items"][4999] = nullptr;
  std::string text = in.dump();
  auto serial = DecodeWith(1, text);
  auto split = DecodeWith(2, text);
  ASSERT_TRUE(serial) << serial.error().message;
  ASSERT_TRUE(split) << split.error().message;
  EXPECT_EQ(kube::Encode(*split), kube::Encode(*serial));
  EXPECT_EQ(split->items[2500].metadata.name, "");
  EXPECT_EQ(split->items[2501].metadata.name, "flunder-2501");
}

TEST_F(LargeListTest, ErrorsAreThoseOfOneThread) {
  json in = LargeList(5000);
  in["items"][4321]["spec"]["reference"] = 5;
  std::string text = in.dump();
  auto serial = DecodeWith(1, text);
  auto split = DecodeWith(4, text);
  ASSERT_FALSE(serial);
  ASSERT_FALSE(split);
  EXPECT_TRUE(kube::IsDecode(split.error()));
  EXPECT_EQ(split.error().message, serial.error().message);
  EXPECT_NE(split.error().message.find(".items[4321].spec.reference"), std::string::npos)
      << split.error().message;
  size_t at = text.find(R"("reference":5)") + std::string(R"("reference":)").size();
  EXPECT_NE(split.error().message.find("(offset " + std::to_string(at) + ")"), std::string::npos)
      << split.error().message;
}

TEST_F(LargeListTest, AnItemThatIsNotAnObject) {
  json in = LargeList(5000);
  in["items"][3000] = "not an object";
  std::string text = in.dump();
  auto serial = DecodeWith(1, text);
  auto split = DecodeWith(4, text);
  ASSERT_FALSE(serial);
  ASSERT_FALSE(split);
  EXPECT_EQ(split.error().message, serial.error().message);
  EXPECT_NE(split.error().message.find(".items[3000]"), std::string::npos) << split.error().message;
}

// The heap still in use after `work` ran on a thread of its own, while that thread is alive.
template <class Work>
size_t HeapLeftByThread(Work work) {
  size_t left = 0;
  std::thread([&] {
    const size_t before = HeapInUse();
    work();
    const size_t after = HeapInUse();
    left = after > before ? after - before : 0;
  }).join();
  return left;
}

// simdjson sizes a parser's buffers at about six times the largest document it read: a thread
// that kept them after a 3.5 MB List (an informer's, after its first list) would hold ~30 MB
// for the rest of its life.
TEST_F(LargeListTest, ALargeDocumentLeavesNoBuffersOnItsThread) {
  if (!MallocIsGlibcs()) GTEST_SKIP() << "needs glibc's malloc statistics";
  for (size_t items : {6000u, 8000u}) {  // decoded whole, and in pieces
    const std::string text = LargeList(static_cast<int>(items)).dump();
    for (unsigned threads : {1u, 4u}) {
      kube::SetDecodeThreads(threads);
      const size_t left = HeapLeftByThread([&] {
        auto list = kube::Decode<FlunderList>(text);
        ASSERT_TRUE(list) << list.error().message;
        ASSERT_EQ(list->items.size(), items);
      });
      EXPECT_LT(left, size_t{1} << 20) << threads << " decode threads; document " << text.size();
    }
  }
  const std::string text = LargeList(6000).dump();
  // A watch event as large: the line is parsed before its object is decoded.
  const std::string line = R"({"type":"ADDED","object":)" + text + "}";
  const size_t left = HeapLeftByThread([&] {
    auto event = kube::ParseWatchEvent(line);
    ASSERT_TRUE(event) << event.error().message;
    EXPECT_EQ(event->object.size(), text.size());
  });
  EXPECT_LT(left, size_t{1} << 20) << "line " << line.size();
}

TEST_F(LargeListTest, TruncatedDocumentIsAnError) {
  std::string text = LargeList(5000).dump();
  text.resize(text.size() - 3);
  for (unsigned threads : {1u, 4u}) {
    auto l = DecodeWith(threads, text);
    ASSERT_FALSE(l);
    EXPECT_TRUE(kube::IsDecode(l.error()));
  }
}

}  // namespace
