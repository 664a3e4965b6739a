// The heap a program holds, from glibc's malloc statistics: what the memory tests and the
// decode and informer benchmarks measure.
#pragma once

#include <malloc.h>

#include <cstddef>

namespace kube_test {

// Bytes in use in malloc's arenas (all of them) plus its mmapped chunks (large vectors).
inline size_t HeapInUse() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

// Whether glibc's malloc is the allocator, so that HeapInUse means something (sanitizers
// replace malloc, and their mallinfo2 reports nothing).
constexpr bool MallocIsGlibcs() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
  return false;
#else
  return true;
#endif
#else
  return true;
#endif
}

}  // namespace kube_test
