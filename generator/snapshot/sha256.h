// SHA-256 (FIPS 180-4), for the digests a frozen snapshot's SNAPSHOT.json records: the generator
// has no crypto library and needs none beyond this.
//
//   Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#pragma once

#include <string>
#include <string_view>

namespace kube::gen {

// The digest of `data` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view data);

}  // namespace kube::gen
