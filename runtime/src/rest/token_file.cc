#include "rest/token_file.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cctype>
#include <fstream>
#include <sstream>

namespace kube::rest::internal {
namespace {

// client-go's cachingTokenSource period: a rewrite that keeps size and timestamps (rare, but
// possible on file systems with coarse timestamps) is still picked up within this.
constexpr std::chrono::minutes kMaxAge{1};

}  // namespace

TokenFileProvider::TokenFileProvider(std::string path, std::string initial_token)
    : path_(std::move(path)), token_(std::move(initial_token)) {}

TokenFileProvider::Stamp TokenFileProvider::StampOf(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return {};
  return {static_cast<unsigned long long>(st.st_ino), static_cast<unsigned long long>(st.st_size),
          st.st_mtim.tv_sec * 1'000'000'000LL + st.st_mtim.tv_nsec,
          st.st_ctim.tv_sec * 1'000'000'000LL + st.st_ctim.tv_nsec};
}

Result<void> TokenFileProvider::ReadLocked(const Stamp& stamp) {
  std::ifstream in(path_, std::ios::binary);
  std::stringstream ss;
  if (in) ss << in.rdbuf();
  if (!in) return Fail(CredentialsError(fmt::format("cannot read token file \"{}\"", path_)));
  std::string text = ss.str();
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
  text.erase(0, start);
  if (text.empty()) return Fail(CredentialsError(fmt::format("token file \"{}\" is empty", path_)));
  token_ = std::move(text);
  loaded_ = true;
  stamp_ = stamp;
  read_at_ = std::chrono::steady_clock::now();
  return {};
}

Result<Credentials> TokenFileProvider::Get(const Context&) {
  std::lock_guard lock(mu_);
  Stamp now_stamp = StampOf(path_);
  bool stale =
      !loaded_ || now_stamp != stamp_ || std::chrono::steady_clock::now() - read_at_ >= kMaxAge;
  if (stale) {
    auto ok = ReadLocked(now_stamp);
    // A file being replaced may be missing for a moment: keep the token we have.
    if (!ok && token_.empty()) return Fail(ok.error());
  }
  return Credentials{.token = token_};
}

bool TokenFileProvider::Invalidate(const Credentials& used) {
  std::lock_guard lock(mu_);
  Stamp now_stamp = StampOf(path_);
  if (!ReadLocked(now_stamp)) return false;
  return token_ != used.token;
}

}  // namespace kube::rest::internal
