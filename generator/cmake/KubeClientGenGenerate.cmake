# kube_clientgen_generate(): typed clients generated at build time, modelled on protobuf_generate.
#
#   kube_clientgen_generate(TARGET t SCHEMAS files... NAMESPACE ns [OUTPUT_DIR dir]
#                           [NO_FAKES] [NO_INFORMERS] [NO_DEPRECATED]
#                           [PLURAL_EXCEPTIONS Kind:plural...] [DEPENDS files...])
#
# Creates the STATIC library `t` unless it exists (else appends to its sources) holding the
# clients kube-clientgen generates from SCHEMAS (native schemas, OpenAPI documents or CRD
# manifests) under the root C++ namespace `ns`, written to OUTPUT_DIR (default
# ${CMAKE_CURRENT_BINARY_DIR}/t.kube-clientgen). OUTPUT_DIR is a PUBLIC include directory, so
# `#include "ns/clientset/clientset.h"` works, and KubeClientGen::runtime is linked PUBLIC.
#   NO_FAKES       no fake clientset (ns/clientset/fake)
#   NO_INFORMERS   no listers and informers (ns/listers, ns/informers)
#   NO_DEPRECATED  no deprecated (pre-context) API (ns/deprecated); it is frozen on the first
#                  build as --freeze-deprecated does, so a kind or verb removed from the schemas
#                  later fails the build until OUTPUT_DIR/ns/deprecated is deleted
#   DEPENDS        more files whose change must regenerate (e.g. schemas a schema refers to)
#
# The files a run writes are known at configure time: kube-clientgen --list-outputs is run then,
# which is the generator's own rule, never a copy of it. The schemas are configure dependencies
# (a new kind adds files), and the one custom command has a depfile (schemas, templates), so
# editing a schema or a template regenerates and rebuilds, and a no-op build does nothing
# (the generator rewrites only files whose content changed; Ninja re-stats them).
#
# The generator is KubeClientGen::kube-clientgen: the imported executable after find_package,
# or the kube-clientgen target under add_subdirectory()/FetchContent. In the latter case it is
# not built yet when the project is configured, so a private copy is built once at configure
# time (in ${CMAKE_BINARY_DIR}/kube-clientgen-bootstrap) to list the outputs.
include_guard(GLOBAL)

# Sets `out` to a kube-clientgen that runs now, at configure time.
function(_kube_clientgen_configure_time_executable out)
  get_property(exe GLOBAL PROPERTY _KUBE_CLIENTGEN_CONFIGURE_TIME_EXECUTABLE)
  if(exe)
    set(${out} "${exe}" PARENT_SCOPE)
    return()
  endif()
  if(NOT TARGET KubeClientGen::kube-clientgen)
    message(FATAL_ERROR "kube_clientgen_generate: no KubeClientGen::kube-clientgen target; "
                        "find_package(KubeClientGen) or add_subdirectory() kube-clientgen first")
  endif()
  get_target_property(imported KubeClientGen::kube-clientgen IMPORTED)
  if(imported)
    get_target_property(exe KubeClientGen::kube-clientgen LOCATION)
    # A new installed generator may write other files.
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${exe}")
  else()
    get_target_property(generator_dir kube-clientgen SOURCE_DIR)
    cmake_path(GET generator_dir PARENT_PATH source_dir)
    set(dir "${CMAKE_BINARY_DIR}/kube-clientgen-bootstrap")
    # Only the generator and the runtime it links, unoptimised: it only lists file names.
    set(configure_args
        -S "${source_dir}" -B "${dir}" -G "${CMAKE_GENERATOR}"
        "-DCMAKE_C_COMPILER=${CMAKE_C_COMPILER}" "-DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}"
        -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O0" -DBUILD_TESTING=OFF
        -DKUBE_CLIENTGEN_BUILD_TESTS=OFF -DKUBE_CLIENTGEN_BUILD_BENCHMARKS=OFF
        -DKUBE_CLIENTGEN_BUILD_KUBERNETES=OFF -DKUBE_CLIENTGEN_BUILD_MIGRATE=OFF
        -DKUBE_CLIENTGEN_BUILD_FUZZERS=OFF -DKUBE_CLIENTGEN_WARNINGS_AS_ERRORS=OFF
        -DKUBE_CLIENTGEN_DECODE_SIMD=OFF "-DKUBE_CLIENTGEN_SANITIZE=")
    if(NOT EXISTS "${dir}/CMakeCache.txt")
      message(STATUS "kube-clientgen: building the generator in ${dir} to list outputs")
      execute_process(COMMAND "${CMAKE_COMMAND}" ${configure_args}
                      RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR "kube-clientgen: configuring ${dir} failed:\n${log}")
      endif()
    endif()
    # Cheap when up to date; rebuilt after the generator's sources change.
    execute_process(COMMAND "${CMAKE_COMMAND}" --build "${dir}" --target kube-clientgen
                    RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "kube-clientgen: building the generator in ${dir} failed:\n${log}")
    endif()
    set(exe "${dir}/generator/kube-clientgen")
  endif()
  set_property(GLOBAL PROPERTY _KUBE_CLIENTGEN_CONFIGURE_TIME_EXECUTABLE "${exe}")
  set(${out} "${exe}" PARENT_SCOPE)
endfunction()

function(kube_clientgen_generate)
  cmake_parse_arguments(PARSE_ARGV 0 arg "NO_FAKES;NO_INFORMERS;NO_DEPRECATED"
                        "TARGET;NAMESPACE;OUTPUT_DIR" "SCHEMAS;PLURAL_EXCEPTIONS;DEPENDS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "kube_clientgen_generate: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  foreach(required TARGET NAMESPACE SCHEMAS)
    if(NOT arg_${required})
      message(FATAL_ERROR "kube_clientgen_generate: ${required} is required")
    endif()
  endforeach()
  if(NOT arg_OUTPUT_DIR)
    set(arg_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/${arg_TARGET}.kube-clientgen")
  endif()
  cmake_path(ABSOLUTE_PATH arg_OUTPUT_DIR BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}"
             NORMALIZE)
  set(schemas "")
  foreach(schema IN LISTS arg_SCHEMAS)
    cmake_path(ABSOLUTE_PATH schema BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    list(APPEND schemas "${schema}")
  endforeach()
  set(depends "")
  foreach(file IN LISTS arg_DEPENDS)
    cmake_path(ABSOLUTE_PATH file BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    list(APPEND depends "${file}")
  endforeach()

  set(args --schemas ${schemas} --namespace "${arg_NAMESPACE}" --out "${arg_OUTPUT_DIR}")
  if(arg_PLURAL_EXCEPTIONS)
    list(JOIN arg_PLURAL_EXCEPTIONS "," plurals)
    list(APPEND args --plural-exceptions "${plurals}")
  endif()
  if(arg_NO_FAKES)
    list(APPEND args --no-fakes)
  endif()
  if(arg_NO_INFORMERS)
    list(APPEND args --no-informers)
  endif()
  if(NOT arg_NO_DEPRECATED)
    list(APPEND args --freeze-deprecated)
  endif()
  _kube_clientgen_configure_time_executable(exe)

  execute_process(COMMAND "${exe}" ${args} --list-outputs
                  RESULT_VARIABLE rc OUTPUT_VARIABLE listed ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "kube_clientgen_generate(${arg_TARGET}): kube-clientgen failed:\n${err}")
  endif()
  string(REGEX REPLACE "\n$" "" listed "${listed}")
  string(REPLACE "\n" ";" outputs "${listed}")
  # Added or removed kinds change the outputs: a changed schema re-runs the listing.
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${schemas} ${depends})

  string(MAKE_C_IDENTIFIER "${arg_TARGET}" id)
  set(depfile "${CMAKE_CURRENT_BINARY_DIR}/${id}.kube-clientgen.d")
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND KubeClientGen::kube-clientgen ${args} --depfile "${depfile}"
    DEPENDS ${schemas} ${depends} KubeClientGen::kube-clientgen
    DEPFILE "${depfile}"
    COMMENT "kube-clientgen: generating ${arg_NAMESPACE} clients for ${arg_TARGET}"
    VERBATIM)

  if(NOT TARGET ${arg_TARGET})
    add_library(${arg_TARGET} STATIC)
  endif()
  target_sources(${arg_TARGET} PRIVATE ${outputs})
  target_include_directories(${arg_TARGET} PUBLIC "$<BUILD_INTERFACE:${arg_OUTPUT_DIR}>")
  target_link_libraries(${arg_TARGET} PUBLIC KubeClientGen::runtime)
endfunction()
