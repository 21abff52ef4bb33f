#include "core/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
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

// A write to a child that has gone must fail with EPIPE, not kill the caller with SIGPIPE, whether
// or not the program ignores the signal: block it for this thread, and take back one we caused.
ssize_t WriteWithoutSigpipe(int fd, std::string_view bytes) {
  sigset_t pipe_only, old_mask, pending;
  ::sigemptyset(&pipe_only);
  ::sigaddset(&pipe_only, SIGPIPE);
  ::sigpending(&pending);
  const bool was_pending = ::sigismember(&pending, SIGPIPE) == 1;
  ::pthread_sigmask(SIG_BLOCK, &pipe_only, &old_mask);
  ssize_t n = ::write(fd, bytes.data(), bytes.size());
  int err = errno;
  if (n < 0 && err == EPIPE && !was_pending) {
    struct timespec zero {};
    while (::sigtimedwait(&pipe_only, nullptr, &zero) < 0 && errno == EINTR) {
    }
  }
  ::pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
  errno = err;
  return n;
}

// What the child does between clone and exec.
struct ChildSetup {
  char** argv = nullptr;
  int stdin_fd = -1;
  int stdout_fd = -1;
  int stderr_fd = -1;
  uint64_t memory_limit_bytes = 0;
  sigset_t parent_mask;
};

// Runs in the child, on its own stack, sharing the parent's memory until exec: only system calls
// from here on, nothing that allocates or takes a lock.
int ChildMain(void* arg) {
  const ChildSetup& setup = *static_cast<const ChildSetup*>(arg);
  // Handlers the parent installed must not run in the child, which shares its memory.
  for (int sig = 1; sig < NSIG; ++sig) {
    struct sigaction current;
    if (::sigaction(sig, nullptr, &current) != 0) continue;
    if (current.sa_handler != SIG_IGN && current.sa_handler != SIG_DFL) {
      struct sigaction reset {};
      reset.sa_handler = SIG_DFL;
      ::sigaction(sig, &reset, nullptr);
    }
  }
  ::sigprocmask(SIG_SETMASK, &setup.parent_mask, nullptr);
  int in = setup.stdin_fd >= 0 ? setup.stdin_fd : ::open("/dev/null", O_RDONLY);
  ::dup2(in, STDIN_FILENO);
  ::dup2(setup.stdout_fd, STDOUT_FILENO);
  ::dup2(setup.stderr_fd, STDERR_FILENO);
  if (setup.memory_limit_bytes > 0) {
    struct rlimit limit {
      setup.memory_limit_bytes, setup.memory_limit_bytes
    };
    ::setrlimit(RLIMIT_AS, &limit);
  }
  struct rlimit no_core {
    0, 0
  };
  ::setrlimit(RLIMIT_CORE, &no_core);
  ::execv(setup.argv[0], setup.argv);
  static const char kMessage[] = "exec failed\n";
  [[maybe_unused]] ssize_t ignored = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  ::_exit(127);
}

// Starts the child the way posix_spawn does (clone with CLONE_VM | CLONE_VFORK), not with fork:
// fork copies the page tables of the whole parent — a gigabyte while a big collection is being
// indexed — and then makes every page the parent writes fault until the child execs. That cost
// once dominated collecting mail with PDF attachments. posix_spawn itself cannot set the
// address-space limit, hence this.
Result<pid_t> SpawnChild(ChildSetup& setup) {
  constexpr size_t kStackBytes = 64 * 1024;
  void* stack = ::mmap(nullptr, kStackBytes, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (stack == MAP_FAILED) return IoError("mmap: {}", ErrnoMessage(errno));
  // Signals stay blocked until the child has reset its handlers.
  sigset_t all;
  ::sigfillset(&all);
  ::pthread_sigmask(SIG_SETMASK, &all, &setup.parent_mask);
  pid_t pid = ::clone(ChildMain, static_cast<char*>(stack) + kStackBytes,
                      CLONE_VM | CLONE_VFORK | SIGCHLD, &setup);
  int err = errno;
  ::pthread_sigmask(SIG_SETMASK, &setup.parent_mask, nullptr);
  ::munmap(stack, kStackBytes);
  if (pid < 0) return IoError("clone: {}", ErrnoMessage(err));
  return pid;
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
  int in_pipe[2] = {-1, -1}, out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
  auto close_all = [&] {
    for (int* p : {in_pipe, out_pipe, err_pipe}) {
      CloseFd(p[0]);
      CloseFd(p[1]);
    }
  };
  if ((options.stdin_pipe && ::pipe2(in_pipe, O_CLOEXEC) != 0) ||
      ::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    int err = errno;
    close_all();
    return IoError("pipe: {}", ErrnoMessage(err));
  }
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  ChildSetup setup;
  setup.argv = args.data();
  setup.stdin_fd = options.stdin_pipe ? in_pipe[0] : options.stdin_fd;
  setup.stdout_fd = out_pipe[1];
  setup.stderr_fd = err_pipe[1];
  setup.memory_limit_bytes = kCanLimitAddressSpace ? options.memory_limit_bytes : 0;
  Result<pid_t> pid = SpawnChild(setup);
  if (!pid.ok()) {
    close_all();
    return pid.status();
  }
  CloseFd(in_pipe[0]);
  CloseFd(out_pipe[1]);
  CloseFd(err_pipe[1]);
  return Subprocess(*pid, in_pipe[1], out_pipe[0], err_pipe[0],
                    std::chrono::steady_clock::now() + options.time_limit);
}

Subprocess::Subprocess(Subprocess&& other) noexcept
    : pid_(other.pid_),
      stdin_fd_(other.stdin_fd_),
      stdout_fd_(other.stdout_fd_),
      stderr_fd_(other.stderr_fd_),
      deadline_(other.deadline_),
      timed_out_(other.timed_out_),
      stderr_tail_(std::move(other.stderr_tail_)) {
  other.pid_ = -1;
  other.stdin_fd_ = other.stdout_fd_ = other.stderr_fd_ = -1;
}

Subprocess::~Subprocess() {
  if (pid_ > 0) {
    Kill();
    Wait();
  }
  CloseFd(stdin_fd_);
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

Status Subprocess::Write(std::string_view bytes) {
  while (!bytes.empty()) {
    if (stdin_fd_ < 0) return IoError("the program's input is closed");
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline_) {
      timed_out_ = true;
      Kill();
      return TimeoutError("input not taken within the time limit");
    }
    int wait_ms = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - now).count() + 1);
    struct pollfd p {
      stdin_fd_, POLLOUT, 0
    };
    int ready = ::poll(&p, 1, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return IoError("poll: {}", ErrnoMessage(errno));
    if (ready == 0) continue;
    ssize_t n = WriteWithoutSigpipe(stdin_fd_, bytes);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n < 0) return IoError("writing to the program: {}", ErrnoMessage(errno));
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

void Subprocess::RestartClock(std::chrono::milliseconds time_limit) {
  deadline_ = std::chrono::steady_clock::now() + time_limit;
  timed_out_ = false;
}

void Subprocess::ClearStderr() {
  DrainStderr(false);
  stderr_tail_.clear();
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
  CloseFd(stdin_fd_);
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
