// Swagger 2.0 JSON -> the protobuf kubectl asks /openapi/v2 for
// ("application/com.github.proto-openapi.spec.v2@v1.0+protobuf"): gnostic's openapi.v2.Document.
// Only what kubectl reads is encoded: the version, info and every definition; the field numbers
// are those of gnostic's OpenAPIv2.proto.
#include <cstring>

#include "kube/testing/openapi.h"

namespace kube::testing {
namespace {

using nlohmann::json;

class Writer {
 public:
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      out_ += static_cast<char>((v & 0x7F) | 0x80);
      v >>= 7;
    }
    out_ += static_cast<char>(v);
  }
  void Bytes(int field, std::string_view s) {
    Varint((static_cast<uint64_t>(field) << 3) | 2);
    Varint(s.size());
    out_.append(s);
  }
  void Bool(int field, bool b) {
    if (!b) return;
    Varint(static_cast<uint64_t>(field) << 3);
    Varint(1);
  }
  void Int64(int field, int64_t v) {
    if (v == 0) return;
    Varint(static_cast<uint64_t>(field) << 3);
    Varint(static_cast<uint64_t>(v));
  }
  void Double(int field, double v) {
    if (v == 0) return;
    Varint((static_cast<uint64_t>(field) << 3) | 1);
    char b[8];
    std::memcpy(b, &v, 8);  // little-endian hosts only, as the protobuf wire format is
    out_.append(b, 8);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// openapi.v2.Any: the value as YAML text (JSON is YAML).
std::string AnyOf(const json& v) {
  Writer w;
  w.Bytes(2, v.dump());
  return w.Take();
}

std::string NamedAny(const std::string& name, const json& v) {
  Writer w;
  w.Bytes(1, name);
  w.Bytes(2, AnyOf(v));
  return w.Take();
}

std::string Schema(const json& s);

std::string NamedSchema(const std::string& name, const json& s) {
  Writer w;
  w.Bytes(1, name);
  w.Bytes(2, Schema(s));
  return w.Take();
}

std::string Schema(const json& s) {
  Writer w;
  if (!s.is_object()) return w.Take();
  auto str = [&](const char* key, int field) {
    if (auto it = s.find(key); it != s.end() && it->is_string())
      w.Bytes(field, it->get<std::string>());
  };
  auto num = [&](const char* key, int field) {
    if (auto it = s.find(key); it != s.end() && it->is_number()) w.Double(field, it->get<double>());
  };
  auto integer = [&](const char* key, int field) {
    if (auto it = s.find(key); it != s.end() && it->is_number_integer())
      w.Int64(field, it->get<int64_t>());
  };
  auto boolean = [&](const char* key, int field) {
    if (auto it = s.find(key); it != s.end() && it->is_boolean()) w.Bool(field, it->get<bool>());
  };
  str("$ref", 1);
  str("format", 2);
  str("title", 3);
  str("description", 4);
  if (auto it = s.find("default"); it != s.end()) w.Bytes(5, AnyOf(*it));
  num("multipleOf", 6);
  num("maximum", 7);
  boolean("exclusiveMaximum", 8);
  num("minimum", 9);
  boolean("exclusiveMinimum", 10);
  integer("maxLength", 11);
  integer("minLength", 12);
  str("pattern", 13);
  integer("maxItems", 14);
  integer("minItems", 15);
  boolean("uniqueItems", 16);
  integer("maxProperties", 17);
  integer("minProperties", 18);
  if (auto it = s.find("required"); it != s.end() && it->is_array()) {
    for (const auto& r : *it) {
      if (r.is_string()) w.Bytes(19, r.get<std::string>());
    }
  }
  if (auto it = s.find("enum"); it != s.end() && it->is_array()) {
    for (const auto& e : *it) w.Bytes(20, AnyOf(e));
  }
  if (auto it = s.find("additionalProperties"); it != s.end()) {
    Writer item;
    if (it->is_boolean()) {
      item.Varint(2 << 3);  // a oneof member is written even when false
      item.Varint(it->get<bool>() ? 1 : 0);
    } else {
      item.Bytes(1, Schema(*it));
    }
    w.Bytes(21, item.Take());
  }
  if (auto it = s.find("type"); it != s.end()) {
    Writer type;
    if (it->is_string()) type.Bytes(1, it->get<std::string>());
    if (it->is_array()) {
      for (const auto& t : *it) {
        if (t.is_string()) type.Bytes(1, t.get<std::string>());
      }
    }
    w.Bytes(22, type.Take());
  }
  if (auto it = s.find("items"); it != s.end()) {
    Writer items;
    if (it->is_array()) {
      for (const auto& i : *it) items.Bytes(1, Schema(i));
    } else {
      items.Bytes(1, Schema(*it));
    }
    w.Bytes(23, items.Take());
  }
  if (auto it = s.find("allOf"); it != s.end() && it->is_array()) {
    for (const auto& a : *it) w.Bytes(24, Schema(a));
  }
  if (auto it = s.find("properties"); it != s.end() && it->is_object()) {
    Writer props;
    for (const auto& [name, p] : it->items()) props.Bytes(1, NamedSchema(name, p));
    w.Bytes(25, props.Take());
  }
  boolean("readOnly", 27);
  if (auto it = s.find("example"); it != s.end()) w.Bytes(30, AnyOf(*it));
  for (const auto& [k, v] : s.items()) {
    if (k.starts_with("x-")) w.Bytes(31, NamedAny(k, v));
  }
  return w.Take();
}

}  // namespace

std::string EncodeOpenAPIV2Protobuf(const json& swagger) {
  Writer doc;
  doc.Bytes(1, swagger.value("swagger", "2.0"));
  if (auto info = swagger.find("info"); info != swagger.end() && info->is_object()) {
    Writer i;
    i.Bytes(1, info->value("title", ""));
    i.Bytes(2, info->value("version", ""));
    doc.Bytes(2, i.Take());
  }
  if (auto defs = swagger.find("definitions"); defs != swagger.end() && defs->is_object()) {
    Writer d;
    for (const auto& [name, s] : defs->items()) d.Bytes(1, NamedSchema(name, s));
    doc.Bytes(9, d.Take());
  }
  return doc.Take();
}

}  // namespace kube::testing
