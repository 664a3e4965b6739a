// Builds with nothing but `pkg-config kube-clientgen-runtime`: a context with a deadline.
#include <chrono>
#include <iostream>

#include "kube/context.h"

int main() {
  auto [ctx, cancel] = kube::WithTimeout(kube::Context::Background(), std::chrono::milliseconds(1));
  cancel();
  if (!ctx.Err()) return 1;
  std::cout << "pkg-config ok\n";
  return 0;
}
