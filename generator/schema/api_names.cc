#include "schema/api_names.h"

#include <cctype>

namespace kube::gen {
namespace {

bool LowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

bool ValidGroup(std::string_view group) {
  if (group.empty()) return true;
  if (group.size() > 253) return false;
  size_t label_start = 0;
  for (size_t i = 0; i <= group.size(); ++i) {
    if (i < group.size() && group[i] != '.') {
      if (!LowerAlnum(group[i]) && group[i] != '-') return false;
      continue;
    }
    // A label ends at i: it must not be empty, nor start or end with '-'.
    if (i == label_start || !LowerAlnum(group[label_start]) || !LowerAlnum(group[i - 1])) {
      return false;
    }
    label_start = i + 1;
  }
  return true;
}

bool ValidVersion(std::string_view version) {
  if (version.size() < 2 || version[0] != 'v' ||
      !std::isdigit(static_cast<unsigned char>(version[1]))) {
    return false;
  }
  for (char c : version) {
    if (!LowerAlnum(c)) return false;
  }
  return true;
}

}  // namespace kube::gen
