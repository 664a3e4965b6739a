# kube_clientgen_unity_by_directory(TARGET BASE_DIR): compiles TARGET's generated sources as one
# translation unit per directory under BASE_DIR (a group/version's typed clients, fakes,
# listers or informers). Those files are thin and include the same heavy headers (runtime
# templates, the group's types): parsing and instantiating them once per directory instead of
# once per kind cuts their compile time by more than half. The files of one directory never
# define the same name twice: each kind's helpers carry the kind's name.
include_guard(GLOBAL)

function(kube_clientgen_unity_by_directory target base_dir)
  get_target_property(sources ${target} SOURCES)
  foreach(source IN LISTS sources)
    if(NOT source MATCHES "\\.cc$")
      continue()
    endif()
    get_filename_component(dir "${source}" DIRECTORY)
    file(RELATIVE_PATH group "${base_dir}" "${dir}")
    string(MAKE_C_IDENTIFIER "dir_${group}" group)
    set_property(SOURCE "${source}" TARGET_DIRECTORY ${target} PROPERTY UNITY_GROUP "${group}")
  endforeach()
  set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_MODE GROUP)
endfunction()

# kube_clientgen_unity_build(TARGET): compiles TARGET's sources in batches of a few files per
# translation unit. Our sources share heavy headers (nlohmann/json, simdjson, fmt, GoogleTest),
# whose parsing is most of their compile time, and every build of CI (release, sanitizers,
# fuzzing, downstream projects) compiles them again. File-local names are therefore unique
# across a target's files. KUBE_CLIENTGEN_UNITY_BUILD=OFF compiles file by file (quicker
# incremental rebuilds while editing one file).
option(KUBE_CLIENTGEN_UNITY_BUILD "Compile kube-clientgen's own sources in batches" ON)
function(kube_clientgen_unity_build target)
  if(KUBE_CLIENTGEN_UNITY_BUILD)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
  endif()
endfunction()
