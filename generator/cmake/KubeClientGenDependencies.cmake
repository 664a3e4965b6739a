# Finds the third-party libraries (all Debian packages; tools/scripts/install-deps.sh).
include_guard(GLOBAL)

find_package(Threads REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(tl-expected REQUIRED)
find_package(fmt REQUIRED)
find_package(simdjson REQUIRED)
find_package(CURL REQUIRED)
find_package(OpenSSL REQUIRED)  # the test API server's HTTPS
find_package(yaml-cpp REQUIRED)
find_package(PkgConfig REQUIRED)
# Debian ships cpp-httplib as a compiled library with a pkg-config file only; its cflags carry
# the feature macros the library was built with, which must match for the ABI to agree.
pkg_check_modules(CPPHTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
