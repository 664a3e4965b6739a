// What the tool does with the edits: format the changed ranges with the file's .clang-format,
// then print a unified diff, write the files in place, or export the fixes as the Diagnostics
// YAML clang-apply-replacements reads (and de-duplicates across translation units).
#pragma once

#include <string>
#include <vector>

#include "clang/Tooling/Core/Replacement.h"
#include "edit_set.h"
#include "llvm/Support/Error.h"
#include "migrator.h"

namespace kube_migrate {

struct FileChange {
  std::string file;  // absolute
  std::string before;
  std::string after;
  clang::tooling::Replacements replacements;  // formatted; turn `before` into `after`
};

// Applies `edits` file by file, re-formatting the ranges they touch (the style is the file's
// .clang-format, else Google's). Problems (a conflict, an unreadable file) go to `problems`.
std::vector<FileChange> ApplyEdits(const EditSet& edits, std::vector<std::string>* problems);

// `diff -u` of one change, with a/ and b/ labels as git prints them.
llvm::Expected<std::string> UnifiedDiff(const FileChange& change);

// Replaces the file's content (through a temporary file and a rename).
llvm::Error WriteInPlace(const FileChange& change);

// One Diagnostics YAML document for all `results`: a diagnostic per translation unit carrying
// its formatted fixes, with absolute paths and the build directory.
llvm::Error ExportFixes(const std::string& path, const std::vector<FileResult>& results);

}  // namespace kube_migrate
