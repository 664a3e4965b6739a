// The configuration of a program running in a pod: the API server's service address from the
// environment and the service account the kubelet mounts.
#pragma once

#include <string>

#include "kube/rest/config.h"

namespace kube::rest::internal {

inline constexpr const char* kServiceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount";

// InClusterConfig with the service account mounted at `dir` (tests use a temporary one).
Result<Config> InClusterConfigFrom(const std::string& dir);

}  // namespace kube::rest::internal
