# Compile options for kube-clientgen's own targets (warnings are never forced onto a parent
# project), and the usage requirements its runtime libraries pass on to every target that links
# them.
include_guard(GLOBAL)

function(kube_clientgen_target_options target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12)
    # GCC 12 reports std::string concatenation at -O3 as overlapping memcpy (GCC bug 105329).
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(KUBE_CLIENTGEN_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(KUBE_CLIENTGEN_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${KUBE_CLIENTGEN_SANITIZE} -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=${KUBE_CLIENTGEN_SANITIZE})
  endif()
endfunction()

# simdjson's On-Demand API is compiled for one instruction set at build time (its "builtin"
# implementation); without these flags it is the portable fallback, several times slower. Every
# translation unit that includes kube/json/decode.h must use the same flags (the types differ
# per implementation, so a mismatch fails to link rather than misbehaving), which is why they
# are a usage requirement of the runtime (kube_clientgen_usage_requirements below). Set
# KUBE_CLIENTGEN_DECODE_SIMD=OFF for binaries that must run on CPUs without AVX2.
# The default asks the CPU itself (cpuid, through a program built and run at configure time)
# rather than /proc/cpuinfo's flag names: some hypervisors leave "abm" (LZCNT) out of the list
# on CPUs that have it, which silently built the fallback.
if(NOT DEFINED KUBE_CLIENTGEN_DECODE_SIMD)
  set(_kube_simd OFF)
  if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64" AND NOT CMAKE_CROSSCOMPILING)
    include(CheckCXXSourceRuns)
    include(CMakePushCheckState)
    cmake_push_check_state(RESET)
    set(CMAKE_REQUIRED_QUIET ON)
    # __builtin_cpu_supports("avx2") also requires that the OS saves the AVX registers.
    check_cxx_source_runs([=[
      #include <cpuid.h>
      int main() {
        unsigned a = 0, b = 0, c = 0, d = 0;
        if (!__get_cpuid(0x80000001, &a, &b, &c, &d) || !(c & bit_LZCNT)) return 1;
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") &&
                       __builtin_cpu_supports("pclmul")
                   ? 0
                   : 1;
      }]=] KUBE_CLIENTGEN_CPU_HAS_AVX2_BMI_PCLMUL_LZCNT)
    cmake_pop_check_state()
    set(_kube_simd ${KUBE_CLIENTGEN_CPU_HAS_AVX2_BMI_PCLMUL_LZCNT})
  endif()
  if(_kube_simd)
    set(_kube_simd ON)
  else()
    set(_kube_simd OFF)
  endif()
  set(KUBE_CLIENTGEN_DECODE_SIMD ${_kube_simd} CACHE BOOL
      "Compile the simdjson decoders for AVX2 (haswell); the binaries then need such a CPU")
  message(STATUS "kube-clientgen: simdjson decoders for AVX2: ${KUBE_CLIENTGEN_DECODE_SIMD}")
endif()
if(KUBE_CLIENTGEN_DECODE_SIMD)
  set(KUBE_CLIENTGEN_DECODE_FLAGS -mavx2 -mbmi -mpclmul -mlzcnt CACHE INTERNAL "")
else()
  set(KUBE_CLIENTGEN_DECODE_FLAGS "" CACHE INTERNAL "")
endif()

# Usage requirements of the runtime libraries: compile and link options that every translation
# unit of every target linking them must share, so they are PUBLIC and reach a downstream
# target with nothing more than target_link_libraries(... KubeClientGen::runtime):
# - the decoder flags: generated sources include kube/json/decode.h wherever they are compiled,
#   and a TU built without them refers to simdjson::fallback readers the runtime never defined;
# - SIMDJSON_DEVELOPMENT_CHECKS=0: simdjson turns its development checks on in any TU compiled
#   without optimisation, and they add members to its parser, so a user's Debug TU decoding
#   with a Release runtime (the package's) would disagree with it on the parser's layout (a
#   fuzz build mixing -O0 and -O2 codecs crashed in parser::allocate);
# - the sanitizers: an instrumented library needs the sanitizer runtime at link time, and a
#   user's code left uninstrumented hides the very errors (ODR, container overflow) it is for.
function(kube_clientgen_usage_requirements target)
  target_compile_options(${target} PUBLIC ${KUBE_CLIENTGEN_DECODE_FLAGS})
  target_compile_definitions(${target} PUBLIC SIMDJSON_DEVELOPMENT_CHECKS=0)
  if(KUBE_CLIENTGEN_SANITIZE)
    target_compile_options(${target} PUBLIC -fsanitize=${KUBE_CLIENTGEN_SANITIZE} -fno-omit-frame-pointer)
    target_link_options(${target} PUBLIC -fsanitize=${KUBE_CLIENTGEN_SANITIZE})
  endif()
endfunction()
