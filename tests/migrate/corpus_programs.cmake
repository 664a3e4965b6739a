# The legacy corpus on the deprecated API (the snapshot in generated/sample/deprecated), and its
# migrated form with the two sites the tool reports fixed by hand (hand_fixes.patch) on
# the context-first API alone: both must pass the corpus's own checks.
add_executable(migrate_corpus_legacy corpus/controller.cc corpus/cleanup.cc)
target_include_directories(migrate_corpus_legacy PRIVATE corpus)
# Legacy code takes contexts it has no call to pass them to.
target_compile_options(migrate_corpus_legacy PRIVATE -Wno-deprecated-declarations
                                                     -Wno-unused-parameter)
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  target_compile_options(migrate_corpus_legacy PRIVATE -Wno-unused-lambda-capture)
endif()

set(fixed ${CMAKE_CURRENT_BINARY_DIR}/hand_fixed)
add_custom_command(
  OUTPUT ${fixed}/controller.cc ${fixed}/cleanup.cc ${fixed}/flunder_util.h
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${fixed}
  COMMAND ${CMAKE_COMMAND} -E copy_directory ${CMAKE_CURRENT_SOURCE_DIR}/expected ${fixed}
  COMMAND patch -s -p1 -d ${fixed} -i ${CMAKE_CURRENT_SOURCE_DIR}/hand_fixes.patch
  DEPENDS expected/controller.cc expected/cleanup.cc expected/flunder_util.h hand_fixes.patch
  COMMENT "Migrated corpus with the reported sites fixed by hand")
add_executable(migrate_corpus_migrated ${fixed}/controller.cc ${fixed}/cleanup.cc)
target_include_directories(migrate_corpus_migrated PRIVATE ${fixed})
target_compile_options(migrate_corpus_migrated PRIVATE -Werror=deprecated-declarations)

foreach(t migrate_corpus_legacy migrate_corpus_migrated)
  target_link_libraries(${t} PRIVATE kube_sample_clients KubeClientGen::testing)
  kube_clientgen_target_options(${t})
  add_test(NAME ${t} COMMAND ${t})
  set_tests_properties(${t} PROPERTIES TIMEOUT 60 LABELS migrate)
endforeach()
