// kube::Scale: autoscaling/v1 Scale, the body of every `scale` subresource (GetScale and
// UpdateScale on kinds whose schema lists "scale").
//
//   auto scale = deployments->GetScale(ctx, "web", {}).value();
//   scale.spec.replicas = 5;
//   deployments->UpdateScale(ctx, "web", scale, {});
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kube/error.h"
#include "kube/meta.h"

namespace kube {

struct ScaleSpec {
  int32_t replicas = 0;
};

struct ScaleStatus {
  int32_t replicas = 0;
  std::string selector;  // label selector in string form
};

struct Scale {
  static constexpr std::string_view kApiVersion = "autoscaling/v1";
  static constexpr std::string_view kKind = "Scale";
  std::string api_version{kApiVersion};
  std::string kind{kKind};
  ObjectMeta metadata;
  ScaleSpec spec;
  ScaleStatus status;
};

Result<void> DecodeJSON(std::string_view json, Scale& out);
void EncodeJSON(const Scale& in, std::string& out);

}  // namespace kube
