// Bearer tokens read from a file that is replaced while the program runs: a kubeconfig
// user's tokenFile, and the pod's projected service-account token, which the kubelet rotates
// (it swaps a symlink, so the path names a new file).
#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "kube/rest/credentials.h"

namespace kube::rest::internal {

class TokenFileProvider : public CredentialProvider {
 public:
  // `initial_token`, when not empty, is used until the file is first read successfully.
  explicit TokenFileProvider(std::string path, std::string initial_token = "");

  // Re-reads the file whenever it changed (another inode, size or modification time) and at
  // least once a minute, as client-go does. When a re-read fails the last token is kept.
  Result<Credentials> Get(const Context& ctx) override;
  // Re-reads the file now; true when it holds another token than `used`.
  bool Invalidate(const Credentials& used) override;

 private:
  struct Stamp {
    unsigned long long inode = 0, size = 0;
    long long mtime_ns = 0, ctime_ns = 0;
    bool operator==(const Stamp&) const = default;
  };
  static Stamp StampOf(const std::string& path);  // all zero when stat fails
  // Reads the file into token_; requires mu_.
  Result<void> ReadLocked(const Stamp& stamp);

  const std::string path_;
  std::mutex mu_;
  std::string token_;
  bool loaded_ = false;
  Stamp stamp_;
  std::chrono::steady_clock::time_point read_at_{};
};

}  // namespace kube::rest::internal
