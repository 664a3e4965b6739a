// kube-clientgen: schemas in, typed context-first C++ clients out. See cli.cc for the flags.
#include <iostream>

#include "cli.h"

int main(int argc, char** argv) {
  return kube::gen::RunCli(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
