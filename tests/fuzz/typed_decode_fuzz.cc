// libFuzzer target: arbitrary bytes as a Pod, a PodList, a Deployment and a wardle Flunder (a
// type from a custom schema), through the generated simdjson decoders and the encoder. Decoding
// must fail cleanly or give an object whose encoding is stable: encode(decode(encode(x))) ==
// encode(x). The split of a large List's text into its items stays inside the text, and a List
// decoded in pieces (as Lists over 4 MiB are) is the List decoded whole. Run under ASan + UBSan
// (tools/scripts/fuzz.sh), seeded with real objects.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "k8s/api/apps/v1/types.h"
#include "k8s/api/core/v1/codec.h"
#include "k8s/api/core/v1/types.h"
#include "kube/codec.h"
#include "kube/json/decode.h"
#include "kube/json/list_text.h"
#include "sample/api/wardle/v1beta1/types.h"

namespace {

template <class T>
void RoundTrip(std::string_view text) {
  auto obj = kube::Decode<T>(text);
  if (!obj) return;
  std::string once = kube::Encode(*obj);
  auto again = kube::Decode<T>(once);
  if (!again) std::abort();  // we wrote something we cannot read
  if (kube::Encode(*again) != once) std::abort();
  if (!(*again == *obj)) std::abort();
}

// The split a large List is decoded by (kube/json/list_text.h): when the text is split at all,
// the items array and every element lie inside the text, in order, without overlapping.
void SplitStaysInside(std::string_view text) {
  kube::json::ListText list;
  if (!kube::json::SplitListText(text, list)) return;
  if (list.items_begin >= list.items_end || list.items_end > text.size()) std::abort();
  if (text[list.items_begin] != '[' || text[list.items_end - 1] != ']') std::abort();
  const char* at = text.data() + list.items_begin + 1;
  for (std::string_view e : list.elements) {
    if (e.empty() || e.data() < at) std::abort();
    at = e.data() + e.size();
  }
  if (at > text.data() + list.items_end - 1) std::abort();
}

// Decoding a List in pieces either declines (the whole-document decode then answers) or gives
// exactly what the whole-document decode gives: pieces never accept what whole rejects.
void PiecesAreWhole(std::string_view text) {
  k8s::api::core::v1::PodList pieces;
  if (!kube::json::DecodeListInPieces(text, pieces)) return;
  k8s::api::core::v1::PodList whole;
  if (!kube::json::DecodeWhole(text, whole)) std::abort();
  if (!(pieces == whole)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  RoundTrip<k8s::api::core::v1::Pod>(text);
  RoundTrip<k8s::api::core::v1::PodList>(text);
  SplitStaysInside(text);
  PiecesAreWhole(text);
  RoundTrip<k8s::api::apps::v1::Deployment>(text);
  RoundTrip<sample::api::wardle::v1beta1::Flunder>(text);
  return 0;
}
