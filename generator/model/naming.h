// Naming rules for generated code: JSON names to C++ member names (snake_case aware of the
// initialisms Kubernetes uses, keywords escaped), type names, group accessors and plurals.
//
//   SnakeCase("podIPs") == "pod_ips";  MemberName("namespace") == "namespace_";
//   TypeName("referenceType") == "ReferenceType";  GroupAccessor("wardle", "v1beta1") ==
//   "WardleV1beta1"
#pragma once

#include <string>
#include <string_view>

namespace kube::gen {

std::string SnakeCase(std::string_view json_name);
// SnakeCase plus a trailing '_' for C++ keywords and names the runtime reserves.
std::string MemberName(std::string_view json_name);
bool IsCppKeyword(std::string_view word);
// Letters, digits and '_', not starting with a digit, and not a keyword.
bool IsCppIdentifier(std::string_view word);
// "referenceType" -> "ReferenceType"; non-identifier characters are dropped.
std::string TypeName(std::string_view name);
// "WardleV1beta1", "CoreV1".
std::string GroupAccessor(std::string_view group_cpp_name, std::string_view version);
// The C++ name of a group: its first DNS label ("wardle.example.com" -> "wardle"), "core" for "",
// a keyword with a trailing underscore ("operator.example.com" -> "operator_").
std::string GroupCppName(std::string_view group);
// A C++ identifier for a constant from an enum value: "Flunder" -> "kFlunder", "" -> "kEmpty",
// "!=" -> "kNotEqual".
std::string ConstantName(std::string_view value);
std::string Lower(std::string_view s);

}  // namespace kube::gen
