// A set of text edits de-duplicated by (file, offset, length, text). A header shared by many
// translation units, and a template instantiated many times, yield the same edit again and
// again; each must be applied exactly once.
#pragma once

#include <compare>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "clang/Tooling/Core/Replacement.h"

namespace kube_migrate {

struct Edit {
  std::string file;  // absolute path
  unsigned offset = 0;
  unsigned length = 0;
  std::string text;

  auto operator<=>(const Edit&) const = default;
};

class EditSet {
 public:
  // Adds `edit`; false if the same edit is already there.
  bool Add(Edit edit);
  void Merge(const EditSet& other);
  bool empty() const { return edits_.empty(); }
  const std::set<Edit>& edits() const { return edits_; }

  // The edits of each file as clang replacements. An edit that lies inside a range another edit
  // replaces is dropped: the outer edit (say, removing `acme::deprecated::NewFromClientset(`)
  // already covers it. Edits that still overlap are reported in `conflicts` and skipped.
  std::map<std::string, clang::tooling::Replacements> ByFile(
      std::vector<std::string>* conflicts) const;

 private:
  std::set<Edit> edits_;
};

}  // namespace kube_migrate
