// The methods of a kind's typed client, from its verbs and subresources: one list shared by the
// typed client, its fake and the deprecated snapshot, so their signatures cannot drift apart.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/model.h"

namespace kube::gen {

struct Method {
  std::string name;    // "Get"
  std::string result;  // "kube::Result<Flunder>"
  std::vector<std::string> params;
  std::string default_tail;  // default argument text kept only on the interface
  // The statement that forwards to the runtime client template (kube::TypedClient or
  // kube::testing::FakeTypedClient, which share these method names) held in `client_`.
  std::string body;
};

// How the kind's type is named inside the generated classes that hold these methods or the
// kind's informer: as itself, unless a member of such a class has its name (a CRD's
// `kind: Watch`, `kind: Lister`), where that name would change meaning inside the class; it is
// then qualified with `types_ns` ("::acme::api::wardle::v1beta1").
std::string KindTypeName(const model::Kind& k, const std::string& types_ns);

std::vector<Method> Methods(const model::Kind& k, const std::string& types_ns);

// Each method as `declaration` (pure virtual, on the interface) and `function` (the override
// forwarding to `client_`), laid out at class indentation.
nlohmann::json MethodData(const std::vector<Method>& methods);

}  // namespace kube::gen
