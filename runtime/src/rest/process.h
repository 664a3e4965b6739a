// Runs a short-lived helper program (a credential plugin) and captures its standard output.
#pragma once

#include <string>
#include <vector>

#include "kube/context.h"
#include "kube/error.h"

namespace kube::rest::internal {

struct ProcessResult {
  int spawn_errno = 0;            // non-zero: the program could not be started (ENOENT: not found)
  int exit_code = -1;             // when it exited
  int signal = 0;                 // when a signal ended it
  std::string out{};              // its standard output
  bool output_too_large = false;  // it printed more than a few MiB and was killed
};

// Runs argv[0] (looked up in PATH unless it contains a '/') with `env` as its whole
// environment. Standard error is this process's; standard input is this process's when
// `inherit_stdin`, else /dev/null. When `ctx` ends first the program is killed and the
// context's error returned.
Result<ProcessResult> RunProcess(const Context& ctx, const std::vector<std::string>& argv,
                                 const std::vector<std::string>& env, bool inherit_stdin);

}  // namespace kube::rest::internal
