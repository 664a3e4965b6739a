// kube::deprecated::Client: the empty marker base of every typed client in a frozen deprecated
// snapshot (`<root>/deprecated/`, written by `kube-clientgen --freeze-deprecated`). It carries
// no behaviour; it exists so that tools can recognise a call to the pre-context API by the
// receiver's type alone: kube-clientgen-migrate matches methods of classes derived from it, and
// needs no list of names.
//
//   static_assert(std::is_base_of_v<kube::deprecated::Client,
//                                   acme::deprecated::typed::wardle::v1beta1::FlunderInterface>);
//
// Snapshots written by older generators derive from it too, so it must stay empty and keep its
// name.
#pragma once

namespace kube::deprecated {

class Client {
 protected:
  // Only derived clients exist; a protected, non-virtual destructor keeps the marker free (no
  // vtable) and forbids deleting a client through it.
  Client() = default;
  ~Client() = default;
  Client(const Client&) = default;
  Client(Client&&) = default;
  Client& operator=(const Client&) = default;
  Client& operator=(Client&&) = default;
};

}  // namespace kube::deprecated
