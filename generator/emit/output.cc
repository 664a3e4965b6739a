#include "emit/output.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace kube::gen {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> ReadIfExists(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string EscapeMake(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '#' || c == '\\') out += '\\';
    if (c == '$') out += '$';
    out += c;
  }
  return out;
}

}  // namespace

Result<WriteStats> WriteOutputs(const std::string& out_dir, const std::vector<OutputFile>& files) {
  WriteStats stats;
  // Decide everything first; the only failures left after this are I/O errors.
  std::vector<const OutputFile*> changed;
  for (const auto& f : files) {
    if (ReadIfExists(fs::path(out_dir) / f.path) == f.content) {
      ++stats.unchanged;
    } else {
      changed.push_back(&f);
    }
  }
  for (const auto* f : changed) {
    fs::path target = fs::path(out_dir) / f->path;
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) {
      return Fail(Error::InvalidArgument(
          fmt::format("cannot create {}: {}", target.parent_path().string(), ec.message())));
    }
    fs::path tmp = target;
    tmp += fmt::format(".tmp.{}", getpid());
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << f->content;
      if (!out.flush()) {
        fs::remove(tmp, ec);
        return Fail(Error::InvalidArgument(fmt::format("cannot write {}", tmp.string())));
      }
    }
    fs::rename(tmp, target, ec);
    if (ec) {
      fs::remove(tmp, ec);
      return Fail(Error::InvalidArgument(
          fmt::format("cannot replace {}: {}", target.string(), ec.message())));
    }
    ++stats.written;
  }
  return stats;
}

std::vector<std::string> VerifyOutputs(const std::string& out_dir,
                                       const std::vector<OutputFile>& files) {
  std::vector<std::string> problems;
  for (const auto& f : files) {
    auto have = ReadIfExists(fs::path(out_dir) / f.path);
    if (!have) {
      problems.push_back(f.path + ": missing");
    } else if (*have != f.content) {
      problems.push_back(f.path + ": differs from what the schemas generate");
    }
  }
  return problems;
}

Result<void> WriteDepfile(const std::string& path, const std::string& out_dir,
                          const std::vector<OutputFile>& files,
                          const std::vector<std::string>& inputs) {
  std::string text;
  for (size_t i = 0; i < files.size(); ++i) {
    text += (i ? " \\\n  " : "") + EscapeMake((fs::path(out_dir) / files[i].path).string());
  }
  text += ":";
  for (const auto& in : inputs) text += " \\\n  " + EscapeMake(in);
  text += "\n";
  OutputFile dep{fs::path(path).filename().string(), text};
  auto dir = fs::path(path).parent_path().string();
  auto ok = WriteOutputs(dir.empty() ? "." : dir, {dep});
  if (!ok) return Fail(ok.error());
  return {};
}

}  // namespace kube::gen
