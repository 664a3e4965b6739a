// kube-clientgen-migrate: rewrites call sites of a generated clientset's deprecated snapshot to
// the context-first API (--to=context), or re-points code at the snapshot (--to=deprecated).
//
//   kube-clientgen-migrate -p build/ src/*.cc                 # unified diff on stdout
//   kube-clientgen-migrate -p build/ -i -j 8 src/*.cc         # in place
//   kube-clientgen-migrate -p build/ --export-fixes fixes.yaml src/a.cc   # for
//   clang-apply-replacements
//
// Progress, notes (sites left alone) and the summary go to stderr. The exit status is non-zero
// only when a file does not parse or an edit cannot be written.
#include <cstdlib>
#include <string>
#include <vector>

#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"
#include "migrator.h"
#include "output.h"

namespace {

llvm::cl::OptionCategory category("kube-clientgen-migrate options");

llvm::cl::opt<std::string> to_option(
    "to",
    llvm::cl::desc("context (default): rewrite calls on deprecated clients to the "
                   "context-first API; deprecated: re-point code at the deprecated snapshot"),
    llvm::cl::init("context"), llvm::cl::cat(category));
llvm::cl::opt<bool> in_place("i", llvm::cl::desc("Edit the files in place"),
                             llvm::cl::cat(category));
llvm::cl::opt<std::string> export_fixes(
    "export-fixes", llvm::cl::desc("Write the fixes as clang-apply-replacements YAML to FILE"),
    llvm::cl::value_desc("FILE"), llvm::cl::cat(category));
llvm::cl::opt<unsigned> jobs("j", llvm::cl::desc("Translation units processed in parallel"),
                             llvm::cl::init(1), llvm::cl::cat(category));

}  // namespace

int main(int argc, const char** argv) {
  auto parser =
      clang::tooling::CommonOptionsParser::create(argc, argv, category, llvm::cl::OneOrMore);
  if (!parser) {
    llvm::errs() << llvm::toString(parser.takeError()) << "\n";
    return 2;
  }
  kube_migrate::MigrateOptions options;
  if (to_option == "deprecated") {
    options.direction = kube_migrate::Direction::kToDeprecated;
  } else if (to_option != "context") {
    llvm::errs() << "error: --to must be context or deprecated, not '" << to_option << "'\n";
    return 2;
  }
  if (in_place && !export_fixes.empty()) {
    llvm::errs() << "error: -i and --export-fixes are exclusive\n";
    return 2;
  }
  options.jobs = jobs;

  const std::vector<std::string>& files = parser->getSourcePathList();
  std::vector<kube_migrate::FileResult> results = kube_migrate::Migrate(
      parser->getCompilations(), files, options,
      [](const kube_migrate::FileResult& r, size_t done, size_t total) {
        for (const std::string& note : r.notes) llvm::errs() << note << "\n";
        if (!r.error.empty()) llvm::errs() << r.error << "\n";
        llvm::errs() << "[" << done << "/" << total << "] " << r.file << ": ";
        if (r.error.empty()) {
          llvm::errs() << r.rewritten << " rewritten, " << r.left << " left\n";
        } else {
          llvm::errs() << "does not parse, skipped\n";
        }
      });

  int status = EXIT_SUCCESS;
  unsigned rewritten = 0, left = 0, failed = 0;
  kube_migrate::EditSet all;
  for (const kube_migrate::FileResult& r : results) {
    rewritten += r.rewritten;
    left += r.left;
    if (!r.error.empty()) ++failed;
    all.Merge(r.edits);
  }
  if (failed > 0) status = EXIT_FAILURE;

  std::vector<std::string> problems;
  unsigned changed_files = 0;
  if (!export_fixes.empty()) {
    if (llvm::Error err = kube_migrate::ExportFixes(export_fixes, results)) {
      llvm::errs() << "error: " << llvm::toString(std::move(err)) << "\n";
      status = EXIT_FAILURE;
    }
  } else {
    for (const kube_migrate::FileChange& change : kube_migrate::ApplyEdits(all, &problems)) {
      ++changed_files;
      if (in_place) {
        if (llvm::Error err = kube_migrate::WriteInPlace(change)) {
          llvm::errs() << "error: " << llvm::toString(std::move(err)) << "\n";
          status = EXIT_FAILURE;
        }
      } else if (auto diff = kube_migrate::UnifiedDiff(change)) {
        llvm::outs() << *diff;
      } else {
        llvm::errs() << "error: " << llvm::toString(diff.takeError()) << "\n";
        status = EXIT_FAILURE;
      }
    }
  }
  for (const std::string& p : problems) llvm::errs() << "warning: " << p << "\n";
  llvm::errs() << "kube-clientgen-migrate: " << results.size() << " files, " << rewritten
               << " sites rewritten, " << left << " left alone";
  if (export_fixes.empty()) llvm::errs() << ", " << changed_files << " files changed";
  if (failed > 0) llvm::errs() << ", " << failed << " not parsed";
  llvm::errs() << "\n";
  return status;
}
