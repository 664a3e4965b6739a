// Chooses how a client authenticates from a Config (see Config's "Authentication" fields).
#pragma once

#include <memory>

#include "kube/rest/config.h"
#include "kube/rest/credentials.h"

namespace kube::rest::internal {

// The provider for `config`, or nullptr when requests carry no token (anonymous, basic auth,
// or a client certificate from the Config itself).
Result<std::shared_ptr<CredentialProvider>> CredentialProviderFor(const Config& config);

}  // namespace kube::rest::internal
