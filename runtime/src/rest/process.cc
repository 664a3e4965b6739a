#include "rest/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <thread>

namespace kube::rest::internal {
namespace {

// A plugin prints one small JSON object; more than this is a broken plugin, not a token.
constexpr size_t kMaxOutput = 4 << 20;
// How often a plugin that has not finished checks the context.
constexpr int kPollMillis = 20;

std::vector<char*> CStrings(const std::vector<std::string>& v) {
  std::vector<char*> out;
  out.reserve(v.size() + 1);
  for (const auto& s : v) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { Reset(); }
  int get() const { return fd_; }
  void Reset() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// The child's wait status, or -1 when it is not knowable (SIGCHLD ignored: ECHILD). A plugin
// that closed its output but lingers is killed when `ctx` ends.
int WaitFor(pid_t pid, const Context& ctx, bool* cancelled) {
  int status = 0;
  while (true) {
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return status;
    if (r < 0 && errno != EINTR) return -1;
    if (!*cancelled && ctx.Done()) {
      *cancelled = true;
      kill(pid, SIGKILL);
      continue;
    }
    if (*cancelled) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // SIGKILL lands at once
    } else {
      ctx.Wait(std::chrono::milliseconds(kPollMillis / 4));  // or less, if ctx ends
    }
  }
}

}  // namespace

Result<ProcessResult> RunProcess(const Context& ctx, const std::vector<std::string>& argv,
                                 const std::vector<std::string>& env, bool inherit_stdin) {
  int fds[2];
  // O_CLOEXEC: other threads spawning programs at the same time must not inherit the pipe,
  // or its read end would never see end-of-file.
  if (pipe2(fds, O_CLOEXEC) != 0) {
    return Fail(Error::Transport("exec: cannot create a pipe"));
  }
  Fd read_end(fds[0]), write_end(fds[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!inherit_stdin) {
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  }
  posix_spawn_file_actions_adddup2(&actions, write_end.get(), STDOUT_FILENO);
  // The child starts with default signal dispositions and mask, whatever this process set.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> c_argv = CStrings(argv);
  std::vector<char*> c_env = CStrings(env);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, c_argv[0], &actions, &attr, c_argv.data(), c_env.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ProcessResult result;
  if (rc != 0) {
    result.spawn_errno = rc;
    return result;
  }
  write_end.Reset();

  char buf[4096];
  bool cancelled = false;
  while (true) {
    if (ctx.Done()) {
      cancelled = true;
      break;
    }
    pollfd p{read_end.get(), POLLIN, 0};
    int ready = poll(&p, 1, kPollMillis);
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    ssize_t n = read(read_end.get(), buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // end of file: the plugin closed its output
    if (result.out.size() + static_cast<size_t>(n) > kMaxOutput) {
      result.output_too_large = true;
      kill(pid, SIGKILL);
      break;
    }
    result.out.append(buf, static_cast<size_t>(n));
  }
  if (cancelled) kill(pid, SIGKILL);
  int status = WaitFor(pid, ctx, &cancelled);
  if (cancelled) return Fail(ctx.Err().value_or(Error::Canceled()));
  if (status >= 0 && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (status >= 0 && WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  if (status < 0) result.exit_code = 0;  // not knowable; judge the output alone
  return result;
}

}  // namespace kube::rest::internal
