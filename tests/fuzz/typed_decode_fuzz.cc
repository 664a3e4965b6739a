// libFuzzer target: arbitrary bytes as a Pod, a PodList, a Deployment and a wardle Flunder (a
// type from a custom schema), through the generated simdjson decoders and the encoder. Decoding
// must fail cleanly or give an object whose encoding is stable: encode(decode(encode(x))) ==
// encode(x). Run under ASan + UBSan (tools/scripts/fuzz.sh), seeded with real objects.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "k8s/api/apps/v1/types.h"
#include "k8s/api/core/v1/types.h"
#include "kube/codec.h"
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  RoundTrip<k8s::api::core::v1::Pod>(text);
  RoundTrip<k8s::api::core::v1::PodList>(text);
  RoundTrip<k8s::api::apps::v1::Deployment>(text);
  RoundTrip<sample::api::wardle::v1beta1::Flunder>(text);
  return 0;
}
