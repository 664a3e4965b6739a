# cmake --install: the executables, the runtime, testing and kubernetes libraries with their
# headers, the CMake package (KubeClientGenConfig.cmake, imported targets KubeClientGen::*,
# kube_clientgen_generate()), a pkg-config file for the runtime; and cpack -G DEB.
# Included last by the top-level CMakeLists.txt, once every target exists.
include_guard(GLOBAL)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(KUBE_CLIENTGEN_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/KubeClientGen" CACHE STRING
    "Where the CMake package files are installed, relative to the prefix")

set(_kube_install_targets kube_clientgen_runtime kube_clientgen_testing kube-clientgen kube-testserver)
if(TARGET kube_clientgen_kubernetes)
  list(APPEND _kube_install_targets kube_clientgen_kubernetes)
endif()
install(TARGETS ${_kube_install_targets} EXPORT KubeClientGenTargets
        RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
# The migration tool links LLVM; it is a program, not part of the CMake package.
if(TARGET kube-clientgen-migrate)
  install(TARGETS kube-clientgen-migrate RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
endif()

install(DIRECTORY "${PROJECT_SOURCE_DIR}/runtime/include/"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" FILES_MATCHING PATTERN "*.h")
if(TARGET kube_clientgen_kubernetes)
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/generated/k8s"
          DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" FILES_MATCHING PATTERN "*.h")
endif()

install(EXPORT KubeClientGenTargets NAMESPACE KubeClientGen::
        DESTINATION "${KUBE_CLIENTGEN_INSTALL_CMAKEDIR}")
configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/KubeClientGenConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/KubeClientGenConfig.cmake"
  INSTALL_DESTINATION "${KUBE_CLIENTGEN_INSTALL_CMAKEDIR}")
# 0.x: a minor version may break the API.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/KubeClientGenConfigVersion.cmake"
                                 COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/KubeClientGenConfig.cmake"
              "${PROJECT_BINARY_DIR}/KubeClientGenConfigVersion.cmake"
              "${CMAKE_CURRENT_LIST_DIR}/KubeClientGenGenerate.cmake"
        DESTINATION "${KUBE_CLIENTGEN_INSTALL_CMAKEDIR}")

# pkg-config: relative to the .pc file, so the package can be installed under any prefix.
file(RELATIVE_PATH KUBE_PC_RELATIVE_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
list(JOIN KUBE_CLIENTGEN_DECODE_FLAGS " " KUBE_PC_CFLAGS)
string(APPEND KUBE_PC_CFLAGS " -DSIMDJSON_DEVELOPMENT_CHECKS=0")  # as the targets' usage requirement
configure_file("${CMAKE_CURRENT_LIST_DIR}/kube-clientgen-runtime.pc.in"
               "${PROJECT_BINARY_DIR}/kube-clientgen-runtime.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/kube-clientgen-runtime.pc"
        DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")

if(NOT PROJECT_IS_TOP_LEVEL)
  return()  # CPack belongs to the parent project
endif()
# cpack -G DEB: one development package; its dependencies are the Debian packages of
# tools/scripts/install-deps.sh that find_package(KubeClientGen) needs.
set(CPACK_PACKAGE_NAME "kube-clientgen")
set(CPACK_PACKAGE_VENDOR "kube-clientgen")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Typed, context-first C++ clients for Kubernetes-style APIs")
set(CPACK_PACKAGE_CONTACT "kube-clientgen maintainers <kube-clientgen@example.com>")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "libdevel")
# zstd (dpkg >= 1.21.18, Debian 12): the static Kubernetes library makes the package large, and
# xz, the default, takes minutes to compress it on a small machine.
set(CPACK_DEBIAN_COMPRESSION_TYPE zstd)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "nlohmann-json3-dev, libsimdjson-dev, libfmt-dev, libexpected-dev, libcurl4-openssl-dev | libcurl-dev, libyaml-cpp-dev, libcpp-httplib-dev, libssl-dev, pkg-config")
# The executables' shared libraries (libcurl, libyaml-cpp, ...) as dpkg-shlibdeps finds them.
find_program(KUBE_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(KUBE_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
endif()
include(CPack)
