// Helpers shared by both translation units of the legacy corpus (written for the pre-context
// API): the migration must edit this header once, however many units include it.
#pragma once

#include <string>
#include <string_view>

#include "kube/options.h"
#include "sample/deprecated/clientset.h"

namespace corpus {

namespace wardle = sample::deprecated::typed::wardle::v1beta1;

// Takes the typed client by reference and no context: the call gets kube::Context::TODO().
inline bool Exists(wardle::FlunderInterface& flunders, std::string_view name) {
  return flunders.Get(name, kube::GetOptions{}).has_value();
}

// Takes the typed client by pointer and options that may be null.
inline bool Remove(wardle::FlunderInterface* flunders, std::string_view name,
                   const kube::DeleteOptions* opts) {
  return flunders->Delete(name, opts).has_value();
}

// A context in scope is passed on.
inline bool Relabel(const kube::Context& ctx, sample::deprecated::Interface& cs,
                    const std::string& ns, const std::string& name, const std::string& value) {
  auto flunders = cs.WardleV1beta1().Flunders(ns);
  auto got = flunders->Get(name, kube::GetOptions{});
  if (!got) return false;
  got->metadata.labels["tier"] = value;
  return flunders->Update(*got).has_value();
}

}  // namespace corpus
