// Writing generated files: all or nothing, atomically, and only what changed (an unchanged
// file keeps its mtime so builds do not redo work). Also --verify and --depfile.
#pragma once

#include <string>
#include <vector>

#include "emit/emitter.h"
#include "kube/error.h"

namespace kube::gen {

struct WriteStats {
  int written = 0;
  int unchanged = 0;
};

// Writes `files` under `out_dir`: each through a temporary file and a rename, skipping files
// whose content is already identical. Nothing is written if `out_dir` cannot be created.
Result<WriteStats> WriteOutputs(const std::string& out_dir, const std::vector<OutputFile>& files);

// The files under `out_dir` that differ from `files` or are missing ("path: reason").
std::vector<std::string> VerifyOutputs(const std::string& out_dir,
                                       const std::vector<OutputFile>& files);

// A Make-style depfile: every output depends on the schemas and template overrides.
Result<void> WriteDepfile(const std::string& path, const std::string& out_dir,
                          const std::vector<OutputFile>& files,
                          const std::vector<std::string>& inputs);

}  // namespace kube::gen
