// Standard base64 (RFC 4648, with or without padding), for kubeconfig's *-data fields.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kube::internal {

std::optional<std::string> Base64Decode(std::string_view in);
std::string Base64Encode(std::string_view in);

}  // namespace kube::internal
