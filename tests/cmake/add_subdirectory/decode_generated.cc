// Decodes and re-encodes a Flunder with the generated simdjson readers and writer, compiled in
// the downstream project's own `clients` library. Checks go through the JSON text and
// kube::Time only, so they hold whichever presence wrappers the generator picks for fields.
#include <iostream>
#include <string>

#include "kube/codec.h"
#include "sample/api/wardle/v1beta1/types.h"

using sample::api::wardle::v1beta1::Flunder;

int main() {
  const std::string in = R"({"apiVersion":"wardle.example.com/v1beta1","kind":"Flunder",)"
                         R"("metadata":{"name":"alpha","namespace":"default",)"
                         R"("creationTimestamp":"2024-01-02T03:04:05Z","labels":{"app":"web"}},)"
                         R"("spec":{"reference":"beta","referenceType":"Fischer"},)"
                         R"("status":{"phase":"Ready","conditions":[{"type":"Ready",)"
                         R"("status":"True","lastTransitionTime":"0001-01-02T00:00:00Z",)"
                         R"("reason":"Done","message":"ok"}]}})";
  auto flunder = kube::Decode<Flunder>(in);
  if (!flunder) {
    std::cerr << "decode failed: " << flunder.error().ToString() << "\n";
    return 1;
  }
  if (flunder->metadata.name != "alpha" || flunder->metadata.labels["app"] != "web" ||
      flunder->metadata.creation_timestamp.ToString() != "2024-01-02T03:04:05Z") {
    std::cerr << "decoded the wrong metadata\n";
    return 1;
  }
  std::string out = kube::Encode(*flunder);
  for (const char* expected : {R"("reference":"beta")", R"("referenceType":"Fischer")",
                               R"("lastTransitionTime":"0001-01-02T00:00:00Z")",
                               R"("creationTimestamp":"2024-01-02T03:04:05Z")"}) {
    if (out.find(expected) == std::string::npos) {
      std::cerr << "re-encoded without " << expected << ": " << out << "\n";
      return 1;
    }
  }
  auto again = kube::Decode<Flunder>(out);
  if (!again || kube::Encode(*again) != out) {
    std::cerr << "a second round trip changed the object: " << out << "\n";
    return 1;
  }
  std::cout << "decode_generated ok: " << out << "\n";
  return 0;
}
