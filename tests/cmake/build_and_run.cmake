# Builds a downstream project of kube-clientgen and runs its programs; see tests/CMakeLists.txt.
#   cmake -DSOURCE_DIR=... -DBINARY_DIR=... -DKUBE_CLIENTGEN_SOURCE_DIR=...
#         [-DRUN=prog|prog...] [-DARGS=-Dx=y|...] [-DINSTALL_FROM=build-dir -DPREFIX=dir]
#         [-DDEB=ON] [-DTARBALL=file] [-DTOUCH=schema] -P build_and_run.cmake
# INSTALL_FROM: `cmake --install` that build tree into PREFIX first (the find_package flow);
# with DEB, `cpack -G DEB` it instead, `dpkg -i` the package into PREFIX (its files under usr/),
# and `dpkg -r` it at the end.
# TARBALL: pack kube-clientgen's sources into it first (the FetchContent flow downloads it).
# TOUCH: after the first build, a second build must do nothing, touching the schema must
# regenerate, and the build after that must do nothing again.
string(REPLACE "|" ";" RUN "${RUN}")
string(REPLACE "|" ";" ARGS "${ARGS}")

function(step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}")
  endif()
endfunction()

# CMAKE_BUILD_PARALLEL_LEVEL, the standard variable, overrides the 2 jobs of CI.
set(jobs 2)
if(DEFINED ENV{CMAKE_BUILD_PARALLEL_LEVEL})
  set(jobs $ENV{CMAKE_BUILD_PARALLEL_LEVEL})
endif()

# Builds, echoes Ninja's output, and fails unless it contains `expect`.
function(build expect)
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} -j ${jobs}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  message("${out}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "build failed (${rc})")
  endif()
  if(NOT out MATCHES "${expect}")
    message(FATAL_ERROR "build output does not match \"${expect}\"")
  endif()
endfunction()

# dpkg -i into PREFIX, a root of its own with an empty package database (so no root privileges
# and nothing of this system changed). That database cannot hold the package's dependencies, so
# they are checked against this system's instead: each must name an installed Debian package,
# which is what find_package(KubeClientGen) then uses.
function(install_deb deb)
  file(MAKE_DIRECTORY ${PREFIX}/var/lib/dpkg/info ${PREFIX}/var/lib/dpkg/updates)
  file(TOUCH ${PREFIX}/var/lib/dpkg/status)
  step(dpkg --root=${PREFIX} --force-not-root --force-depends --log=/dev/null -i ${deb})
  execute_process(COMMAND dpkg-deb -f ${deb} Depends OUTPUT_VARIABLE depends
                  OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
  string(REPLACE "," ";" depends "${depends}")
  foreach(dependency ${depends})
    string(REPLACE "|" ";" alternatives "${dependency}")
    set(satisfied FALSE)
    foreach(alternative ${alternatives})
      string(REGEX REPLACE "\\(.*\\)" "" name "${alternative}")
      string(STRIP "${name}" name)
      execute_process(COMMAND dpkg-query -W -f=\${Status} ${name} OUTPUT_VARIABLE status
                      ERROR_QUIET)
      if(status MATCHES "install ok installed")
        set(satisfied TRUE)
      endif()
    endforeach()
    if(NOT satisfied)
      message(FATAL_ERROR "the package depends on \"${dependency}\", not installed here")
    endif()
  endforeach()
  message("dependencies installed here: ${depends}")
endfunction()

# dpkg -r: the package leaves nothing of its own behind.
function(remove_deb)
  step(dpkg --root=${PREFIX} --force-not-root --log=/dev/null -r kube-clientgen)
  foreach(path usr/include/kube usr/lib/cmake/KubeClientGen usr/bin/kube-clientgen)
    if(EXISTS ${PREFIX}/${path})
      message(FATAL_ERROR "dpkg -r kube-clientgen left ${PREFIX}/${path}")
    endif()
  endforeach()
endfunction()

if(INSTALL_FROM)
  file(REMOVE_RECURSE ${PREFIX})
  if(DEB)
    get_filename_component(cmake_bin_dir ${CMAKE_COMMAND} DIRECTORY)
    set(package_dir ${PREFIX}-package)
    file(REMOVE_RECURSE ${package_dir})
    step(${cmake_bin_dir}/cpack -G DEB -B ${package_dir} --config ${INSTALL_FROM}/CPackConfig.cmake)
    file(GLOB debs ${package_dir}/*.deb)
    step(dpkg-deb --info ${debs})
    install_deb(${debs})
  else()
    step(${CMAKE_COMMAND} --install ${INSTALL_FROM} --prefix ${PREFIX})
  endif()
endif()
if(TARBALL)
  # FetchContent extracts a URL once and never looks at it again while the URL stays the same:
  # what an earlier run fetched would be tested instead of these sources.
  file(REMOVE_RECURSE ${BINARY_DIR}/_deps)
  # What a release tarball holds, short of the Kubernetes API and the tests (not built here).
  step(${CMAKE_COMMAND} -E make_directory ${BINARY_DIR})
  step(${CMAKE_COMMAND} -E chdir ${KUBE_CLIENTGEN_SOURCE_DIR} ${CMAKE_COMMAND} -E tar cf ${TARBALL}
       CMakeLists.txt generator runtime templates tools generated/CMakeLists.txt generated/sample)
endif()
# Debug without debug info: these builds compile the runtime (and, in-tree, the generator) once
# more, and what they test is the CMake integration, not the code.
step(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${BINARY_DIR} -G Ninja -DCMAKE_BUILD_TYPE=Debug
     -DCMAKE_CXX_FLAGS_DEBUG=-O0 -DKUBE_CLIENTGEN_SOURCE_DIR=${KUBE_CLIENTGEN_SOURCE_DIR} ${ARGS})
build("")
foreach(program ${RUN})
  step(${BINARY_DIR}/${program})
endforeach()
if(TOUCH)
  build("no work to do")
  file(TOUCH ${TOUCH})
  build("kube-clientgen: generating")
  build("no work to do")
  foreach(program ${RUN})
    step(${BINARY_DIR}/${program})
  endforeach()
endif()
if(DEB)
  remove_deb()
endif()
