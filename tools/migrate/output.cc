#include "output.h"

#include <optional>
#include <utility>

#include "clang/Format/Format.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

namespace kube_migrate {
namespace {

std::optional<FileChange> ApplyToFile(const std::string& file,
                                      const clang::tooling::Replacements& raw,
                                      std::vector<std::string>* problems) {
  auto buffer = llvm::MemoryBuffer::getFile(file);
  if (!buffer) {
    problems->push_back(file + ": " + buffer.getError().message());
    return std::nullopt;
  }
  FileChange change;
  change.file = file;
  change.before = (*buffer)->getBuffer().str();
  llvm::Expected<clang::format::FormatStyle> style =
      clang::format::getStyle("file", file, "Google", change.before);
  if (!style) {
    problems->push_back(file + ": " + llvm::toString(style.takeError()));
    style = clang::format::getGoogleStyle(clang::format::FormatStyle::LK_Cpp);
  }
  llvm::Expected<clang::tooling::Replacements> cleaned =
      clang::format::cleanupAroundReplacements(change.before, raw, *style);
  if (!cleaned) {
    problems->push_back(file + ": " + llvm::toString(cleaned.takeError()));
    return std::nullopt;
  }
  llvm::Expected<clang::tooling::Replacements> formatted =
      clang::format::formatReplacements(change.before, *cleaned, *style);
  if (!formatted) {
    problems->push_back(file + ": " + llvm::toString(formatted.takeError()));
    return std::nullopt;
  }
  llvm::Expected<std::string> after =
      clang::tooling::applyAllReplacements(change.before, *formatted);
  if (!after) {
    problems->push_back(file + ": " + llvm::toString(after.takeError()));
    return std::nullopt;
  }
  change.after = std::move(*after);
  change.replacements = std::move(*formatted);
  return change;
}

}  // namespace

std::vector<FileChange> ApplyEdits(const EditSet& edits, std::vector<std::string>* problems) {
  std::vector<FileChange> out;
  for (const auto& [file, raw] : edits.ByFile(problems)) {
    std::optional<FileChange> change = ApplyToFile(file, raw, problems);
    if (change && change->after != change->before) out.push_back(std::move(*change));
  }
  return out;
}

llvm::Expected<std::string> UnifiedDiff(const FileChange& change) {
  llvm::ErrorOr<std::string> diff = llvm::sys::findProgramByName("diff");
  if (!diff) return llvm::createStringError(diff.getError(), "diff not found");
  llvm::SmallString<128> after_path;
  llvm::SmallString<128> out_path;
  int fd = -1;
  if (auto ec = llvm::sys::fs::createTemporaryFile("migrate-after", "txt", fd, after_path)) {
    return llvm::createStringError(ec, "temporary file");
  }
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << change.after;
  }
  if (auto ec = llvm::sys::fs::createTemporaryFile("migrate-diff", "txt", out_path)) {
    llvm::sys::fs::remove(after_path);
    return llvm::createStringError(ec, "temporary file");
  }
  std::string relative = change.file;
  if (!relative.empty() && relative.front() == '/') relative.erase(0, 1);
  const std::string label_a = "a/" + relative;
  const std::string label_b = "b/" + relative;
  llvm::SmallVector<llvm::StringRef, 8> args = {*diff,     "-u",    "--label",   label_a,
                                                "--label", label_b, change.file, after_path};
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, llvm::StringRef(out_path),
                                                std::nullopt};
  llvm::sys::ExecuteAndWait(*diff, args, std::nullopt, redirects);
  auto text = llvm::MemoryBuffer::getFile(out_path);
  llvm::sys::fs::remove(after_path);
  llvm::sys::fs::remove(out_path);
  if (!text) return llvm::createStringError(text.getError(), "reading the diff");
  return (*text)->getBuffer().str();
}

llvm::Error WriteInPlace(const FileChange& change) {
  llvm::SmallString<128> model(change.file);
  model += ".migrate-%%%%%%";
  int fd = -1;
  llvm::SmallString<128> temp;
  if (auto ec = llvm::sys::fs::createUniqueFile(model, fd, temp)) {
    return llvm::createStringError(ec, "cannot write next to " + change.file);
  }
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << change.after;
    if (os.has_error()) return llvm::createStringError(os.error(), "writing " + change.file);
  }
  // Keep the file's permissions.
  if (auto perms = llvm::sys::fs::getPermissions(change.file)) {
    llvm::sys::fs::setPermissions(temp, *perms);
  }
  if (auto ec = llvm::sys::fs::rename(temp, change.file)) {
    llvm::sys::fs::remove(temp);
    return llvm::createStringError(ec, "replacing " + change.file);
  }
  return llvm::Error::success();
}

llvm::Error ExportFixes(const std::string& path, const std::vector<FileResult>& results) {
  clang::tooling::TranslationUnitDiagnostics document;
  for (const FileResult& result : results) {
    if (result.edits.empty()) continue;
    std::vector<std::string> problems;
    // Formatted per translation unit: two units that share a header compute the same fixes for
    // it, which clang-apply-replacements then applies once.
    std::vector<FileChange> changes = ApplyEdits(result.edits, &problems);
    if (changes.empty()) continue;
    llvm::SmallString<256> main_file(result.file);
    llvm::sys::fs::make_absolute(result.build_directory, main_file);
    llvm::sys::path::remove_dots(main_file, /*remove_dot_dot=*/true);
    clang::tooling::DiagnosticMessage message("migrate to the context-first API");
    message.FilePath = main_file.str().str();
    message.FileOffset = 0;
    for (FileChange& change : changes) message.Fix[change.file] = change.replacements;
    document.Diagnostics.emplace_back("kube-clientgen-migrate", message,
                                      llvm::SmallVector<clang::tooling::DiagnosticMessage, 1>{},
                                      clang::tooling::Diagnostic::Warning, result.build_directory);
  }
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_Text);
  if (ec) return llvm::createStringError(ec, "cannot write " + path);
  llvm::yaml::Output yaml(os);
  yaml << document;
  return llvm::Error::success();
}

}  // namespace kube_migrate
