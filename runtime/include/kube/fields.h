// Field selectors: `fieldSelector=metadata.name=alpha,status.phase!=Running`, parsed as
// k8s.io/apimachinery/pkg/fields does (only =, == and !=; `\,` `\=` `\\` escape).
//
//   auto sel = kube::fields::Selector::Parse("metadata.namespace=default");
//   bool hit = sel->Matches({{"metadata.namespace", "default"}});
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kube/error.h"

namespace kube::fields {

using Set = std::map<std::string, std::string>;

struct Requirement {
  std::string field{};
  bool equals = true;  // false for !=
  std::string value{};
  friend bool operator==(const Requirement&, const Requirement&) = default;
};

class Selector {
 public:
  static Selector Everything() { return Selector(); }
  static Result<Selector> Parse(std::string_view text);

  bool Matches(const Set& fields) const;
  // Matches with a lookup; a field the lookup does not know is the empty string, as in Go.
  bool Matches(const std::function<std::optional<std::string>(std::string_view)>& lookup) const;
  bool Empty() const { return requirements_.empty(); }
  std::string ToString() const;
  const std::vector<Requirement>& Requirements() const { return requirements_; }

 private:
  std::vector<Requirement> requirements_{};
};

}  // namespace kube::fields
