// Label selectors: the string form clients send in `labelSelector` and listers filter with,
// parsed and matched exactly as k8s.io/apimachinery/pkg/labels does.
//
//   auto sel = kube::labels::Selector::Parse("app in (web,api),tier!=cache,!legacy");
//   if (!sel) std::cerr << sel.error().message;   // says what was expected, and where
//   bool hit = sel->Matches(pod.metadata.labels);
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kube/error.h"
#include "kube/meta.h"

namespace kube::labels {

using Set = std::map<std::string, std::string>;

enum class Operator {
  kEquals,
  kNotEquals,
  kIn,
  kNotIn,
  kExists,
  kDoesNotExist,
  kGreaterThan,
  kLessThan
};

struct Requirement {
  std::string key{};
  Operator op = Operator::kExists;
  std::vector<std::string> values{};  // sorted; one for =, !=, >, <

  bool Matches(const Set& labels) const;
  std::string ToString() const;
  friend bool operator==(const Requirement&, const Requirement&) = default;
};

class Selector {
 public:
  // Matches every object (the empty selector).
  static Selector Everything() { return Selector(); }
  // Parses "k=v,k2!=v2,k3 in (a,b),k4 notin (c),k5,!k6,k7>1". Errors are InvalidArgument.
  static Result<Selector> Parse(std::string_view text);
  // Equality requirements for every entry of `set`.
  static Selector FromSet(const Set& set);
  // The structured metav1.LabelSelector form (match_labels + match_expressions).
  static Result<Selector> FromLabelSelector(const LabelSelector& selector);

  bool Matches(const Set& labels) const;
  bool Empty() const { return requirements_.empty(); }
  // Canonical form: requirements sorted by key, as Parse accepts it back.
  std::string ToString() const;
  const std::vector<Requirement>& Requirements() const { return requirements_; }
  Selector& Add(Requirement r);

 private:
  std::vector<Requirement> requirements_{};
};

// Validates a label key (optional DNS-subdomain prefix and a name of at most 63 characters).
Result<void> ValidateKey(std::string_view key);
// Validates a label value (at most 63 characters, alphanumerics with '-', '_', '.' inside).
Result<void> ValidateValue(std::string_view value);

}  // namespace kube::labels
