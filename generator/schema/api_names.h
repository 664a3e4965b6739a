// The names an API server accepts for a group and a version, which every loader checks before
// a name becomes a C++ namespace, a directory and a URL path.
//
//   ValidGroup("wardle.example.com") && ValidGroup("") && !ValidGroup(".example.com");
//   ValidVersion("v1beta1") && !ValidVersion("1.0");
#pragma once

#include <string_view>

namespace kube::gen {

// "" (the core group) or a DNS-1123 subdomain, as the API server validates a group: at most 253
// characters; labels of a-z, 0-9 and '-', each starting and ending with a letter or digit,
// separated by single dots.
bool ValidGroup(std::string_view group);

// v<N>, v<N>alpha<M> or v<N>beta<M> in spirit: 'v', a digit, then lower-case letters and
// digits. Kubernetes sorts and compares versions by this shape.
bool ValidVersion(std::string_view version);

// What a loader's error says a group must look like.
inline constexpr std::string_view kGroupExpectation =
    "expected a lower-case DNS name such as stable.example.com: labels of a-z, 0-9 and '-' "
    "that start and end with a letter or digit, joined by single dots";

// What a loader's error says a version must look like.
inline constexpr std::string_view kVersionExpectation =
    "expected v<N>, v<N>alpha<M> or v<N>beta<M>";

}  // namespace kube::gen
