// Latency budgets for tests that time cancellation: the DESIGN target (10 ms) in normal builds,
// looser under sanitizers, which slow everything several times over.
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

namespace kube_test {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr std::chrono::milliseconds kCancelBudget{60};
#else
inline constexpr std::chrono::milliseconds kCancelBudget{10};
#endif

template <class D>
D Median(std::vector<D> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace kube_test
