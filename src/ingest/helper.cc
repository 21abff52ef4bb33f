#include "ingest/helper.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <optional>
#include <vector>

#include "core/file.h"
#include "core/subprocess.h"
#include "ingest/wire.h"
#include "model/item.h"

namespace bates::ingest {
namespace {

// ---------------------------------------------------------------------------------------------
// Parent side.

std::string LimitArg(std::string_view name, uint64_t value) {
  return fmt::format("--{}={}", name, value);
}

std::string LastLine(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  size_t nl = text.rfind('\n');
  if (nl != std::string_view::npos) text.remove_prefix(nl + 1);
  return std::string(text.substr(0, 300));
}

// Input held in memory reaches the helper as its standard input, backed by a memory file, so
// the bytes never touch the disk and the helper can still map them like a file.
Result<int> MemoryFileWith(std::string_view bytes) {
  int fd = ::memfd_create("bates-helper-input", MFD_CLOEXEC);
  if (fd < 0) return IoError("memfd_create: {}", ErrnoMessage(errno));
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return IoError("writing the helper's input: {}", ErrnoMessage(err));
    }
    done += static_cast<size_t>(n);
  }
  if (::lseek(fd, 0, SEEK_SET) != 0) {
    int err = errno;
    ::close(fd);
    return IoError("lseek: {}", ErrnoMessage(err));
  }
  return fd;
}

void DeleteSpills(std::vector<Child>& children, size_t from) {
  for (size_t i = from; i < children.size(); ++i) {
    if (children[i].spill_path.empty()) continue;
    std::error_code ignored;
    std::filesystem::remove(children[i].spill_path, ignored);
  }
}

bool MentionsOutOfMemory(std::string_view stderr_tail) {
  return stderr_tail.find("Out of memory") != std::string_view::npos ||
         stderr_tail.find("bad_alloc") != std::string_view::npos ||
         stderr_tail.find("out of memory") != std::string_view::npos;
}

// Why a helper's stream ended before its final status frame.
Status HelperFailure(std::string_view tool, const ExitInfo& info, const Limits& limits,
                     const Status& stream_error) {
  if (info.timed_out) {
    return TimeoutError("{} timed out in helper after {} s", tool,
                        limits.helper_time_limit.count());
  }
  const uint64_t mib = limits.helper_memory_bytes >> 20;
  if (info.exited && info.code == wire::kExitOutOfMemory) {
    return ResourceExhaustedError("{} exceeded memory limit of {} MiB in helper", tool, mib);
  }
  if (!info.exited && info.signal == SIGKILL && !stream_error.ok()) {
    // Our own kill, after the stream went wrong while the helper was still running.
    return CorruptError("{} helper sent a malformed stream: {}", tool, stream_error.message());
  }
  if (!info.exited && info.signal != 0) {
    // Some libraries (poppler's gmem) print and abort when malloc fails instead of throwing.
    if (info.signal == SIGABRT && MentionsOutOfMemory(info.stderr_tail)) {
      return ResourceExhaustedError("{} exceeded memory limit of {} MiB in helper", tool, mib);
    }
    return CorruptError("{} crashed in helper: {}", tool, info.Describe());
  }
  if (info.exited && info.code == wire::kExitOk) {
    return CorruptError("{} helper sent a malformed stream: {}", tool, stream_error.message());
  }
  std::string why = LastLine(info.stderr_tail);
  return InternalError("{} helper failed: {}{}{}", tool, info.Describe(), why.empty() ? "" : ": ",
                       why);
}

}  // namespace

Status RunIsolated(const Reader& reader, const Input& input, ReadContext& context,
                   const std::filesystem::path& helper_path) {
  const Limits& limits = context.limits();
  const std::string tool(reader.tool());

  SubprocessOptions options;
  options.time_limit =
      std::chrono::duration_cast<std::chrono::milliseconds>(limits.helper_time_limit);
  options.memory_limit_bytes = limits.helper_memory_bytes;
  std::string file_arg = "-";
  int memfd = -1;
  if (input.path() != nullptr) {
    file_arg = input.path()->string();
  } else {
    BATES_ASSIGN_OR_RETURN(std::string_view bytes, input.bytes());
    BATES_ASSIGN_OR_RETURN(memfd, MemoryFileWith(bytes));
    options.stdin_fd = memfd;
  }
  std::vector<std::string> argv = {
      helper_path.string(),
      LimitArg("max-depth", static_cast<uint64_t>(std::max(limits.max_depth, 0))),
      LimitArg("max-item-bytes", limits.max_item_bytes),
      LimitArg("max-in-memory-bytes", limits.max_in_memory_bytes),
      LimitArg("max-expanded-bytes", limits.max_expanded_bytes),
      LimitArg("max-compression-ratio", limits.max_compression_ratio),
      LimitArg("ratio-floor-bytes", limits.ratio_floor_bytes),
      LimitArg("max-text-bytes", limits.max_text_bytes),
      LimitArg("max-children", limits.max_children),
      "--",
      std::string(reader.name()),
      file_arg,
  };
  Result<Subprocess> started = Subprocess::Start(argv, options);
  if (memfd >= 0) ::close(memfd);  // the helper has its own copy
  if (!started.ok()) {
    return started.status().WithContext(fmt::format("starting {}", helper_path.string()));
  }
  Subprocess& process = started.value();

  // The whole stream is read before anything is replayed: the helper's time limit then measures
  // the reader alone, not the parent's work on the children (which may run helpers of their
  // own), and the helper's memory is freed before the recursion starts. Children past the
  // in-memory threshold wait in spill files, so buffering costs disk, not memory.
  wire::WireReader stream(
      [&](char* buffer, size_t size) { return process.ReadExact(buffer, size); },
      wire::FrameCaps::FromLimits(limits), context.temp_dir(), limits.max_in_memory_bytes);
  std::optional<Extracted> document;
  std::vector<Child> children;
  uint64_t buffered = 0;
  Status final_status;
  bool complete = false;
  Status stream_error = stream.ReadHeader();
  Status policy_stop;  // set when we, not the helper, ended the stream
  while (stream_error.ok()) {
    Result<wire::Frame> frame = stream.Next();
    if (!frame.ok()) {
      stream_error = frame.status();
      break;
    }
    if (frame->type == wire::FrameType::kDocument) {
      if (document || !children.empty()) {
        stream_error = CorruptError("document frame out of order");
        break;
      }
      document = std::move(frame->document);
    } else if (frame->type == wire::FrameType::kChild) {
      buffered += frame->child.bytes.size();
      children.push_back(std::move(frame->child));
      if (buffered >= limits.max_in_memory_bytes) stream.set_max_in_memory_bytes(0);
      if (children.size() > limits.max_children) {
        policy_stop = ResourceExhaustedError("{} reported more than {} children (max_children)",
                                             tool, limits.max_children);
      } else if (stream.payload_bytes() > limits.max_expanded_bytes) {
        policy_stop = ResourceExhaustedError("{} output more than {} bytes (max_expanded_bytes)",
                                             tool, limits.max_expanded_bytes);
      }
      if (!policy_stop.ok()) {
        stream_error = policy_stop;
        break;
      }
    } else {
      final_status = std::move(frame->status);
      complete = true;
      break;
    }
  }

  Status outcome;
  if (complete) {
    ExitInfo info = process.Wait();
    outcome = final_status;
    // A helper that reported its result and then died is not trusted with that result.
    if (!info.success()) outcome = HelperFailure(tool, info, limits, Status::Ok());
  } else {
    process.Kill();
    ExitInfo info = process.Wait();
    outcome = policy_stop.ok() ? HelperFailure(tool, info, limits, stream_error) : policy_stop;
  }

  // What arrived whole is kept, as a reader's reported children stay when it fails part way.
  if (document) {
    document->flags |= model::kFlagIsolated;
    Status set = context.SetDocument(std::move(*document));
    if (!set.ok()) {
      DeleteSpills(children, 0);
      return set;
    }
  }
  for (size_t i = 0; i < children.size(); ++i) {
    Status added = context.AddChild(std::move(children[i]));
    if (!added.ok()) {
      DeleteSpills(children, i + 1);
      return added;
    }
  }
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// Helper side.

namespace {

[[noreturn]] void ExitOutOfMemory() {
  static const char kMessage[] = "bates-extract: out of memory\n";
  [[maybe_unused]] ssize_t ignored = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  ::_exit(wire::kExitOutOfMemory);
}

Status WriteStdout(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(STDOUT_FILENO, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("writing to the parent: {}", ErrnoMessage(errno));
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

// Cuts at `max` bytes without splitting a UTF-8 sequence.
void TruncateText(std::string& text, uint64_t max) {
  if (text.size() <= max) return;
  size_t cut = static_cast<size_t>(max);
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
}

// Forwards the reader's calls to standard output.
class HelperContext final : public ReadContext {
 public:
  HelperContext(wire::WireWriter& writer, const Limits& limits, std::filesystem::path temp_dir)
      : writer_(writer), limits_(limits), temp_dir_(std::move(temp_dir)) {}

  Status SetDocument(Extracted document) override {
    if (document_set_ || children_ > 0) return InternalError("SetDocument out of order");
    document_set_ = true;
    // The parent refuses frames past the text limit, so cut here and say so.
    if (document.text.size() > limits_.max_text_bytes) {
      TruncateText(document.text, limits_.max_text_bytes);
      document.flags |= model::kFlagTruncated;
    }
    return Check(writer_.WriteDocument(document));
  }

  Status AddChild(Child child) override {
    if (++children_ > limits_.max_children) {
      RemoveSpill(child);
      return ResourceExhaustedError("more than {} children (max_children)", limits_.max_children);
    }
    Status written = writer_.WriteChild(child);
    RemoveSpill(child);
    return Check(written);
  }

  const Limits& limits() const override { return limits_; }
  const std::filesystem::path& temp_dir() const override { return temp_dir_; }
  bool output_lost() const { return output_lost_; }

 private:
  static void RemoveSpill(const Child& child) {
    if (child.spill_path.empty()) return;
    std::error_code ignored;
    std::filesystem::remove(child.spill_path, ignored);
  }
  Status Check(Status s) {
    if (!s.ok()) output_lost_ = true;
    return s;
  }

  wire::WireWriter& writer_;
  const Limits& limits_;
  std::filesystem::path temp_dir_;
  bool document_set_ = false;
  uint64_t children_ = 0;
  bool output_lost_ = false;
};

// Deliberate misbehaviour, so tests can prove the parent survives each kind.
int RunTestMode(std::string_view mode, wire::WireWriter& writer) {
  if (!writer.WriteHeader().ok()) return wire::kExitOutputLost;
  if (mode == "--test-crash") {
    Extracted partial;
    partial.text = "written before the crash";
    if (!writer.WriteDocument(partial).ok()) return wire::kExitOutputLost;
    ::signal(SIGSEGV, SIG_DFL);
    ::raise(SIGSEGV);
    return wire::kExitFailed;
  }
  if (mode == "--test-hang") {
    while (true) ::pause();
  }
  if (mode == "--test-garbage") {
    // A frame of no known type, then silence: the parent must not wait for the time limit.
    static const char kFrame[] = "\x7f\x01\0\0\0\0\0\0\0!";
    if (!WriteStdout(std::string_view(kFrame, sizeof kFrame - 1)).ok()) {
      return wire::kExitOutputLost;
    }
    while (true) ::pause();
  }
  // --test-alloc: grabs address space until the limit stops it. The blocks are not touched, so
  // without a limit (a sanitizer build) this costs no real memory and ends at the cap below.
  std::vector<std::unique_ptr<char[]>> blocks;
  constexpr size_t kBlock = size_t{64} << 20;
  for (int i = 0; i < 16 * 1024; ++i) {
    blocks.emplace_back(new char[kBlock]);
    blocks.back()[0] = static_cast<char>(i);
  }
  std::fputs("bates-extract: --test-alloc was not stopped by a memory limit\n", stderr);
  return wire::kExitFailed;
}

// The document the helper reads: a file, or standard input (a memory file from the parent, which
// can be mapped like any file, or a pipe, which is read whole into `storage`).
Result<Input> OpenInput(const std::filesystem::path& path, const Limits& limits,
                        std::string& storage) {
  struct stat st {};
  if (path == "-") {
    if (::fstat(STDIN_FILENO, &st) != 0) return IoError("stdin: {}", ErrnoMessage(errno));
    if (S_ISREG(st.st_mode)) {
      return Input::FromFile("/proc/self/fd/0", static_cast<uint64_t>(st.st_size), "-");
    }
    char buffer[65536];
    while (true) {
      ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return IoError("stdin: {}", ErrnoMessage(errno));
      if (n == 0) break;
      storage.append(buffer, static_cast<size_t>(n));
      if (storage.size() > limits.max_item_bytes) {
        return ResourceExhaustedError("input larger than {} bytes (max_item_bytes)",
                                      limits.max_item_bytes);
      }
    }
    return Input::FromMemory(storage, "-");
  }
  if (::stat(path.c_str(), &st) != 0) return IoError("{}: {}", path.string(), ErrnoMessage(errno));
  if (!S_ISREG(st.st_mode)) return IoError("{}: not a regular file", path.string());
  return Input::FromFile(path, static_cast<uint64_t>(st.st_size), path.filename().string());
}

}  // namespace

int HelperMain(std::string_view reader_name, const std::filesystem::path& path,
               const Limits& limits) {
  // Under the address-space limit a failed allocation ends the helper at once with a code the
  // parent recognises; unwinding through a half-built library state is not worth the risk.
  std::set_new_handler([] { ExitOutOfMemory(); });
  // A parent that stopped reading makes writes fail (and the helper exit) instead of killing it
  // with a signal that would read as a crash.
  ::signal(SIGPIPE, SIG_IGN);

  wire::WireWriter writer(WriteStdout);
  if (reader_name.starts_with("--test-")) {
    if (reader_name != "--test-crash" && reader_name != "--test-hang" &&
        reader_name != "--test-alloc" && reader_name != "--test-garbage") {
      std::fprintf(stderr, "bates-extract: unknown test mode %.*s\n",
                   static_cast<int>(reader_name.size()), reader_name.data());
      return wire::kExitUsage;
    }
    return RunTestMode(reader_name, writer);
  }

  const Reader* reader = ReaderRegistry::Global().ByName(reader_name);
  if (reader == nullptr) {
    std::fprintf(stderr, "bates-extract: no reader named '%.*s'\n",
                 static_cast<int>(reader_name.size()), reader_name.data());
    return wire::kExitUsage;
  }
  if (!writer.WriteHeader().ok()) return wire::kExitOutputLost;

  // A private folder for whatever the reader spills; each spill is sent and deleted at once.
  std::error_code ec;
  std::string pattern =
      (std::filesystem::temp_directory_path(ec) / "bates-extract-XXXXXX").string();
  if (ec || ::mkdtemp(pattern.data()) == nullptr) {
    Status s = IoError("cannot create a temporary folder: {}", ErrnoMessage(errno));
    return writer.WriteStatus(s).ok() ? wire::kExitOk : wire::kExitOutputLost;
  }
  std::filesystem::path temp_dir = pattern;

  HelperContext context(writer, limits, temp_dir);
  Status status;
  try {
    std::string storage;
    Result<Input> input = OpenInput(path, limits, storage);
    status = input.ok() ? reader->Read(*input, context) : input.status();
  } catch (const std::bad_alloc&) {
    ExitOutOfMemory();
  } catch (const std::exception& e) {
    status = InternalError("{} threw: {}", reader->tool(), e.what());
  } catch (...) {
    status = InternalError("{} threw an unknown exception", reader->tool());
  }
  std::filesystem::remove_all(temp_dir, ec);
  if (context.output_lost()) return wire::kExitOutputLost;
  return writer.WriteStatus(status).ok() ? wire::kExitOk : wire::kExitOutputLost;
}

}  // namespace bates::ingest
