# Compile options for kube-clientgen's own targets (never forced onto a parent project).
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
# per implementation, so a mismatch fails to link rather than misbehaving).
if(NOT DEFINED KUBE_CLIENTGEN_DECODE_SIMD)
  set(_kube_simd OFF)
  if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64" AND EXISTS /proc/cpuinfo)
    file(READ /proc/cpuinfo _kube_cpuinfo)
    if(_kube_cpuinfo MATCHES " avx2 " AND _kube_cpuinfo MATCHES " bmi1 " AND
       _kube_cpuinfo MATCHES " pclmulqdq " AND _kube_cpuinfo MATCHES " abm ")
      set(_kube_simd ON)
    endif()
  endif()
  set(KUBE_CLIENTGEN_DECODE_SIMD ${_kube_simd} CACHE BOOL
      "Compile the simdjson decoders for AVX2 (haswell); the binaries then need such a CPU")
endif()
if(KUBE_CLIENTGEN_DECODE_SIMD)
  set(KUBE_CLIENTGEN_DECODE_FLAGS -mavx2 -mbmi -mpclmul -mlzcnt CACHE INTERNAL "")
else()
  set(KUBE_CLIENTGEN_DECODE_FLAGS "" CACHE INTERNAL "")
endif()

# Applies the decoder flags to sources that include kube/json/decode.h.
function(kube_clientgen_decode_sources)
  if(KUBE_CLIENTGEN_DECODE_FLAGS)
    set_source_files_properties(${ARGN} DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
                                PROPERTIES COMPILE_OPTIONS "${KUBE_CLIENTGEN_DECODE_FLAGS}")
  endif()
endfunction()
