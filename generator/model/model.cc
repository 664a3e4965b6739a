#include "model/model.h"

#include <algorithm>

namespace kube::gen::model {

std::string Type::CppType(
    const std::function<std::string(const std::string&, const std::string&)>& qualify) const {
  switch (kind) {
    case Kind::kString:
      return "std::string";
    case Kind::kBool:
      return "bool";
    case Kind::kInt32:
      return "int32_t";
    case Kind::kInt64:
      return "int64_t";
    case Kind::kDouble:
      return "double";
    case Kind::kBytes:
      return "std::string";
    case Kind::kTime:
      return "kube::Time";
    case Kind::kMicroTime:
      return "kube::MicroTime";
    case Kind::kDuration:
      return "kube::Duration";
    case Kind::kIntOrString:
      return "kube::IntOrString";
    case Kind::kQuantity:
      return "kube::Quantity";
    case Kind::kRawJSON:
      return "kube::RawJSON";
    case Kind::kObjectMeta:
      return "kube::ObjectMeta";
    case Kind::kListMeta:
      return "kube::ListMeta";
    case Kind::kCondition:
      return "kube::Condition";
    case Kind::kLabelSelector:
      return "kube::LabelSelector";
    case Kind::kLabelSelectorRequirement:
      return "kube::LabelSelectorRequirement";
    case Kind::kManagedFieldsEntry:
      return "kube::ManagedFieldsEntry";
    case Kind::kObjectReference:
      return "kube::ObjectReference";
    case Kind::kOwnerReference:
      return "kube::OwnerReference";
    case Kind::kStruct:
      if (struct_group && qualify) {
        std::string ns = qualify(*struct_group, struct_version);
        if (!ns.empty()) return ns + "::" + struct_name;
      }
      return struct_name;
    case Kind::kArray:
      return "std::vector<" + elem->CppType(qualify) + ">";
    case Kind::kMap:
      return "std::map<std::string, " + elem->CppType(qualify) + ">";
  }
  return "kube::RawJSON";
}

Presence PresenceOf(const std::string& json_name, const Type& type, bool required) {
  if (required) return Presence::kPlain;
  if (type.IsOptionalScalar()) return Presence::kOptional;
  if (!type.IsObject()) return Presence::kPlain;  // lists, maps, RawJSON: empty is absent
  if (json_name == "metadata" || json_name == "spec" || json_name == "status") {
    return Presence::kPlain;
  }
  return Presence::kHeap;
}

namespace {

void AppendTypeKey(const Type& t, std::string& out) {
  out += std::to_string(static_cast<int>(t.kind));
  if (t.kind == Type::Kind::kStruct) {
    out += '(' + t.struct_group.value_or("-") + '/' + t.struct_version + '/' + t.struct_name + ')';
  }
  if (t.elem) {
    out += '<';
    AppendTypeKey(*t.elem, out);
    out += '>';
  }
}

// Each part is ended by a byte no name or value holds, so that parts cannot run together.
void AppendPart(const std::string& part, std::string& out) {
  out += part;
  out += '\x1f';
}

}  // namespace

std::string ShapeKey(const Struct& s) {
  std::string key = s.kind;
  key += '\x1e';
  for (const Field& f : s.fields) {
    AppendPart(f.json_name, key);
    AppendPart(f.cpp_name, key);
    AppendTypeKey(f.type, key);
    key += f.required ? "r" : "-";
    key += std::to_string(static_cast<int>(f.presence));
    for (const auto& e : f.enum_values) AppendPart(e, key);
    key += '\x1d';
    AppendPart(f.list_type, key);
    for (const auto& k : f.list_map_keys) AppendPart(k, key);
    key += '\x1d';
    AppendPart(f.patch_strategy, key);
    AppendPart(f.patch_merge_key, key);
    key += '\x1e';
  }
  return key;
}

bool Kind::HasSubresource(const std::string& s) const {
  return std::find(subresources.begin(), subresources.end(), s) != subresources.end();
}

const std::vector<std::string>& AllVerbs() {
  static const std::vector<std::string> kAll = {
      "create", "update", "updateStatus", "delete", "deleteCollection",
      "get",    "list",   "watch",        "patch"};
  return kAll;
}

}  // namespace kube::gen::model
