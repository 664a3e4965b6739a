# The downstream project's build-step generation, the same whichever way it got kube-clientgen
# (add_subdirectory, find_package, FetchContent): a clientset from its own CRD, compiled into
# its own target, and a program using it against the test API server.
kube_clientgen_generate(TARGET crontab_clients NAMESPACE acme
                        SCHEMAS ${CMAKE_CURRENT_LIST_DIR}/crontab.yaml)
add_executable(crontab_client ${CMAKE_CURRENT_LIST_DIR}/crontab_client.cc)
target_link_libraries(crontab_client PRIVATE crontab_clients KubeClientGen::testing)
