// libFuzzer target: arbitrary bytes as what a server sends back. The first byte picks an HTTP
// error code; the rest is read as that response's body (a Status, a proxy's page, anything) and
// as a line of a watch stream, whose object is decoded as a typed Flunder or, for an ERROR
// event, a Status. Each must become a value or a kube::Error: never a crash, throw or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kube/codec.h"
#include "kube/error.h"
#include "kube/watch.h"
#include "sample/api/wardle/v1beta1/types.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  int code = 400 + data[0] % 200;
  std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);

  kube::Error error = kube::Error::FromResponse(code, body);
  (void)error.ToString();
  (void)error.ToStatusJSON();
  (void)kube::IsNotFound(error);
  (void)kube::IsConflict(error);

  auto event = kube::ParseWatchEvent(body);
  if (!event) return 0;
  if (event->type == kube::WatchEventType::kError) {
    kube::Status status;
    (void)kube::DecodeJSON(event->object, status);
  } else {
    (void)kube::Decode<sample::api::wardle::v1beta1::Flunder>(event->object);
  }
  return 0;
}
