// Subprocess: runs a program with a wall-time limit and an address-space limit, feeds it a file
// descriptor as standard input, and lets the caller stream its standard output. Standard error is
// kept (its last 4 KiB) for the error message when the program fails.
//
// The ingest module runs risky readers this way (docs/ARCHITECTURE.md, "Isolation"): whatever the
// child does — crash, hang, allocate without end — the parent sees a Status and carries on.
//
// Thread safety: one Subprocess is driven by one thread. Starting processes from several threads
// at once is safe (descriptors are opened close-on-exec).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace bates {

struct SubprocessOptions {
  std::chrono::milliseconds time_limit{std::chrono::seconds(60)};
  uint64_t memory_limit_bytes = 0;  // address space; 0 for no limit
  int stdin_fd = -1;                // dup'ed onto the child's standard input; -1 for /dev/null
  // Instead of stdin_fd: a pipe the parent writes with Write(), for a child that serves requests.
  bool stdin_pipe = false;
};

struct ExitInfo {
  bool exited = false;  // true: ended by exit(), `code` is the status
  int code = 0;
  int signal = 0;  // the signal that ended it, when !exited
  bool timed_out = false;
  std::string stderr_tail;

  bool success() const { return exited && code == 0 && !timed_out; }
  // "exit status 3", "killed by signal 11 (Segmentation fault)", "timed out after 60 s".
  std::string Describe() const;
};

class Subprocess {
 public:
  static Result<Subprocess> Start(const std::vector<std::string>& argv,
                                  const SubprocessOptions& options);

  Subprocess(Subprocess&& other) noexcept;
  Subprocess& operator=(Subprocess&&) = delete;
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;
  // Kills and reaps the child if it is still running.
  ~Subprocess();

  // Reads up to `size` bytes of the child's standard output. Returns 0 at end of output, Timeout
  // once the time limit has passed (the child is then killed).
  Result<size_t> Read(char* buffer, size_t size);
  // Reads exactly `size` bytes; Corrupt if the output ends first.
  Status ReadExact(char* buffer, size_t size);

  // Writes all of `bytes` to the child's standard input (SubprocessOptions::stdin_pipe). Fails if
  // the child has gone or the time limit passes.
  Status Write(std::string_view bytes);
  // Starts a new time limit from now, for a child that serves one request after another.
  void RestartClock(std::chrono::milliseconds time_limit);
  // Forgets what the child wrote to standard error so far.
  void ClearStderr();
  bool running() const { return pid_ > 0; }

  void Kill();
  // Waits for the child to end (killing it at the time limit) and says how it ended.
  ExitInfo Wait();

 private:
  Subprocess(pid_t pid, int stdin_fd, int stdout_fd, int stderr_fd,
             std::chrono::steady_clock::time_point deadline)
      : pid_(pid),
        stdin_fd_(stdin_fd),
        stdout_fd_(stdout_fd),
        stderr_fd_(stderr_fd),
        deadline_(deadline) {}
  void DrainStderr(bool block);

  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  int stderr_fd_ = -1;
  std::chrono::steady_clock::time_point deadline_;
  bool timed_out_ = false;
  std::string stderr_tail_;
};

}  // namespace bates
