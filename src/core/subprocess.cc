#include "core/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/file.h"

namespace bates {
namespace {

constexpr size_t kStderrTail = 4096;

// AddressSanitizer reserves terabytes of address space, so an address-space limit would stop a
// sanitized helper before it starts; the time limit still applies.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kCanLimitAddressSpace = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kCanLimitAddressSpace = false;
#else
constexpr bool kCanLimitAddressSpace = true;
#endif
#else
constexpr bool kCanLimitAddressSpace = true;
#endif

void CloseFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

std::string ExitInfo::Describe() const {
  std::string out;
  if (timed_out) {
    out = "timed out";
  } else if (exited) {
    out = fmt::format("exit status {}", code);
  } else {
    out = fmt::format("killed by signal {} ({})", signal, ::strsignal(signal));
  }
  return out;
}

Result<Subprocess> Subprocess::Start(const std::vector<std::string>& argv,
                                     const SubprocessOptions& options) {
  if (argv.empty()) return InvalidArgumentError("no program to run");
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return IoError("pipe: {}", ErrnoMessage(errno));
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    return IoError("pipe: {}", ErrnoMessage(errno));
  }
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  pid_t pid = ::fork();
  if (pid < 0) {
    int err = errno;
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) ::close(fd);
    return IoError("fork: {}", ErrnoMessage(err));
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls from here to exec.
    int in = options.stdin_fd >= 0 ? options.stdin_fd : ::open("/dev/null", O_RDONLY);
    ::dup2(in, STDIN_FILENO);
    ::dup2(out_pipe[1], STDOUT_FILENO);
    ::dup2(err_pipe[1], STDERR_FILENO);
    if (options.memory_limit_bytes > 0 && kCanLimitAddressSpace) {
      struct rlimit limit {
        options.memory_limit_bytes, options.memory_limit_bytes
      };
      ::setrlimit(RLIMIT_AS, &limit);
    }
    struct rlimit no_core {
      0, 0
    };
    ::setrlimit(RLIMIT_CORE, &no_core);
    ::execv(args[0], args.data());
    static const char kMessage[] = "exec failed\n";
    [[maybe_unused]] ssize_t ignored = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  return Subprocess(pid, out_pipe[0], err_pipe[0],
                    std::chrono::steady_clock::now() + options.time_limit);
}

Subprocess::Subprocess(Subprocess&& other) noexcept
    : pid_(other.pid_),
      stdout_fd_(other.stdout_fd_),
      stderr_fd_(other.stderr_fd_),
      deadline_(other.deadline_),
      timed_out_(other.timed_out_),
      stderr_tail_(std::move(other.stderr_tail_)) {
  other.pid_ = -1;
  other.stdout_fd_ = other.stderr_fd_ = -1;
}

Subprocess::~Subprocess() {
  if (pid_ > 0) {
    Kill();
    Wait();
  }
  CloseFd(stdout_fd_);
  CloseFd(stderr_fd_);
}

void Subprocess::DrainStderr(bool block) {
  char buf[4096];
  while (stderr_fd_ >= 0) {
    if (!block) {
      struct pollfd p {
        stderr_fd_, POLLIN, 0
      };
      if (::poll(&p, 1, 0) <= 0) return;
    }
    ssize_t n = ::read(stderr_fd_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      CloseFd(stderr_fd_);
      return;
    }
    stderr_tail_.append(buf, static_cast<size_t>(n));
    if (stderr_tail_.size() > kStderrTail) {
      stderr_tail_.erase(0, stderr_tail_.size() - kStderrTail);
    }
  }
}

Result<size_t> Subprocess::Read(char* buffer, size_t size) {
  while (stdout_fd_ >= 0) {
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline_) {
      timed_out_ = true;
      Kill();
      return TimeoutError("no answer within the time limit");
    }
    int wait_ms = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - now).count() + 1);
    struct pollfd fds[2] = {{stdout_fd_, POLLIN, 0}, {stderr_fd_, POLLIN, 0}};
    int ready = ::poll(fds, stderr_fd_ >= 0 ? 2 : 1, wait_ms);
    if (ready < 0) {
      if (errno == EINTR) continue;
      return IoError("poll: {}", ErrnoMessage(errno));
    }
    if (stderr_fd_ >= 0 && (fds[1].revents & (POLLIN | POLLHUP)) != 0) DrainStderr(false);
    if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      ssize_t n = ::read(stdout_fd_, buffer, size);
      if (n < 0) {
        if (errno == EINTR || errno == EAGAIN) continue;
        return IoError("read: {}", ErrnoMessage(errno));
      }
      if (n == 0) CloseFd(stdout_fd_);
      return static_cast<size_t>(n);
    }
  }
  return size_t{0};
}

Status Subprocess::ReadExact(char* buffer, size_t size) {
  size_t done = 0;
  while (done < size) {
    BATES_ASSIGN_OR_RETURN(size_t n, Read(buffer + done, size - done));
    if (n == 0) return CorruptError("output ended after {} of {} bytes", done, size);
    done += n;
  }
  return Status::Ok();
}

void Subprocess::Kill() {
  if (pid_ > 0) ::kill(pid_, SIGKILL);
}

ExitInfo Subprocess::Wait() {
  ExitInfo info;
  if (pid_ <= 0) return info;
  CloseFd(stdout_fd_);
  // The child may still be running: wait for it up to the deadline, then kill it.
  int status = 0;
  while (true) {
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) break;
    if (r < 0 && errno != EINTR) break;
    if (std::chrono::steady_clock::now() >= deadline_) {
      timed_out_ = true;
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    DrainStderr(false);
    ::usleep(2000);
  }
  DrainStderr(true);
  pid_ = -1;
  info.timed_out = timed_out_;
  if (WIFEXITED(status)) {
    info.exited = true;
    info.code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    info.signal = WTERMSIG(status);
  }
  info.stderr_tail = stderr_tail_;
  return info;
}

}  // namespace bates
