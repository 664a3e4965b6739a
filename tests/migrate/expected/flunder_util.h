// Helpers shared by both translation units of the legacy corpus (written for the pre-context
// API): the migration must edit this header once, however many units include it.
#pragma once

#include <string>
#include <string_view>

#include "kube/options.h"
#include "sample/clientset/clientset.h"

namespace corpus {

namespace wardle = sample::clientset::typed::wardle::v1beta1;

// Takes the typed client by reference and no context: the call gets kube::Context::TODO().
inline bool Exists(wardle::FlunderInterface& flunders, std::string_view name) {
  return flunders.Get(kube::Context::TODO(), name, kube::GetOptions{}).has_value();
}

// Takes the typed client by pointer and options that may be null.
inline bool Remove(wardle::FlunderInterface* flunders, std::string_view name,
                   const kube::DeleteOptions* opts) {
  return flunders->Delete(kube::Context::TODO(), name, opts ? *opts : kube::DeleteOptions{})
      .has_value();
}

// A context in scope is passed on.
inline bool Relabel(const kube::Context& ctx, sample::clientset::Interface& cs,
                    const std::string& ns, const std::string& name, const std::string& value) {
  auto flunders = cs.WardleV1beta1().Flunders(ns);
  auto got = flunders->Get(ctx, name, kube::GetOptions{});
  if (!got) return false;
  got->metadata.labels["tier"] = value;
  return flunders->Update(ctx, *got, kube::UpdateOptions{}).has_value();
}

}  // namespace corpus
