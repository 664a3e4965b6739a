#include "kube/scale.h"

#include "kube/json/decode.h"
#include "kube/json/writer.h"

namespace kube {
namespace {

using json::Decoder;
using json::Value;

bool ReadScale(Decoder& d, Value& v, Scale& out) {
  return json::ReadMembers(d, v, [&](std::string_view k, Value& fv) {
    if (k == "apiVersion") return json::Read(d, fv, out.api_version);
    if (k == "kind") return json::Read(d, fv, out.kind);
    if (k == "metadata") return json::Read(d, fv, out.metadata);
    if (k == "spec") {
      return json::ReadMembers(d, fv, [&](std::string_view sk, Value sv) {
        return sk == "replicas" ? json::Read(d, sv, out.spec.replicas) : true;
      });
    }
    if (k == "status") {
      return json::ReadMembers(d, fv, [&](std::string_view sk, Value sv) {
        if (sk == "replicas") return json::Read(d, sv, out.status.replicas);
        if (sk == "selector") return json::Read(d, sv, out.status.selector);
        return true;
      });
    }
    return true;
  });
}

}  // namespace

namespace json {
// Lets DecodeDocument find the reader.
bool Read(Decoder& d, Value& v, Scale& out) { return ReadScale(d, v, out); }
}  // namespace json

Result<void> DecodeJSON(std::string_view text, Scale& out) {
  return json::DecodeDocument(text, out);
}

void EncodeJSON(const Scale& in, std::string& out) {
  json::Writer w(out);
  w.BeginObject();
  json::Member(w, "apiVersion", in.api_version);
  json::Member(w, "kind", in.kind);
  json::RequiredMember(w, "metadata", in.metadata);
  w.Key("spec");
  w.BeginObject();
  json::RequiredMember(w, "replicas", in.spec.replicas);
  w.EndObject();
  w.Key("status");
  w.BeginObject();
  json::RequiredMember(w, "replicas", in.status.replicas);
  json::Member(w, "selector", in.status.selector);
  w.EndObject();
  w.EndObject();
}

}  // namespace kube
