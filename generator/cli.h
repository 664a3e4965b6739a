// The kube-clientgen command line, as a library so tests can drive it without a process.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace kube::gen {

// Runs kube-clientgen with `args` (without the program name); returns the exit code
// (0 success, 1 error, 2 usage).
int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace kube::gen
