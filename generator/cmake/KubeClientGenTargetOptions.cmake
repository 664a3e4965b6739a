# Compile options for kube-clientgen's own targets (never forced onto a parent project).
include_guard(GLOBAL)

function(kube_clientgen_target_options target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  if(KUBE_CLIENTGEN_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(KUBE_CLIENTGEN_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${KUBE_CLIENTGEN_SANITIZE} -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=${KUBE_CLIENTGEN_SANITIZE})
  endif()
endfunction()
