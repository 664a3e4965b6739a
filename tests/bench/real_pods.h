// Production-shaped benchmark data: the pods of PodLists captured from a real API server
// (tests/bench/data, see its README), cycled to any count with a unique metadata.name and
// metadata.uid each and every other byte as captured, minified as an API server sends them.
#pragma once

#include <string>
#include <vector>

namespace kube_bench {

// `count` pods, each one's JSON text.
std::vector<std::string> RealPods(int count);
// A PodList of `count` pods, checked to decode with unique names and uids.
std::string RealPodListJson(int count);

}  // namespace kube_bench
