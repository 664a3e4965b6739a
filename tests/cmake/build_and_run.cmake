# cmake -DSOURCE_DIR=... -DBINARY_DIR=... -DKUBE_CLIENTGEN_SOURCE_DIR=... -P build_and_run.cmake
foreach(step
    "${CMAKE_COMMAND};-S;${SOURCE_DIR};-B;${BINARY_DIR};-G;Ninja;-DCMAKE_BUILD_TYPE=Debug;-DKUBE_CLIENTGEN_SOURCE_DIR=${KUBE_CLIENTGEN_SOURCE_DIR}"
    "${CMAKE_COMMAND};--build;${BINARY_DIR};-j;2"
    "${BINARY_DIR}/downstream"
    "${BINARY_DIR}/decode_generated")
  execute_process(COMMAND ${step} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${step}")
  endif()
endforeach()
