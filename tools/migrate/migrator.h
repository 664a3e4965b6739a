// Runs the migration rules over translation units (in parallel with -j) and collects, per
// file, the de-duplicated edits, how many sites were rewritten or left, the notes for the sites
// left alone, and the first error of a file that does not parse.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "clang/Tooling/CompilationDatabase.h"
#include "edit_set.h"

namespace kube_migrate {

enum class Direction { kToContext, kToDeprecated };

struct MigrateOptions {
  Direction direction = Direction::kToContext;
  unsigned jobs = 1;
};

struct FileResult {
  std::string file;                // as given on the command line
  std::string build_directory;     // of its compile command
  unsigned rewritten = 0;          // sites rewritten (calls, names, includes)
  unsigned left = 0;               // sites left alone, each with a note
  std::vector<std::string> notes;  // "file:line:col: note: ..."
  std::string error;               // set when the file does not parse: its first error
  EditSet edits;                   // empty when `error` is set
};

// Called once per file as it finishes (serialised), with how many have finished.
using ProgressFn = std::function<void(const FileResult&, size_t done, size_t total)>;

// Results in the order of `files`.
std::vector<FileResult> Migrate(const clang::tooling::CompilationDatabase& db,
                                const std::vector<std::string>& files,
                                const MigrateOptions& options, const ProgressFn& progress);

}  // namespace kube_migrate
