#include "ingest/helper.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
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

namespace {

// A helper serves documents one after another, so the cost of starting it (loading some ninety
// shared libraries: 30 ms, more than reading a typical PDF) is paid once per thread, not once per
// document. It is replaced after kMaxServed documents, so that what a library leaks or caches
// cannot pile up against the memory limit, and after any failure.
constexpr int kMaxServed = 200;

struct ServingHelper {
  std::string key;  // helper path and limits it was started with
  std::optional<Subprocess> process;
  int served = 0;
};

thread_local ServingHelper tl_helper;
std::atomic<uint64_t> helpers_started{0};

std::vector<std::string> HelperArgv(const std::filesystem::path& helper_path,
                                    const Limits& limits) {
  return {
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
      "--serve",
  };
}

// The helper of this thread for these limits, started if need be.
Result<Subprocess*> HelperFor(const std::filesystem::path& helper_path, const Limits& limits) {
  std::vector<std::string> argv = HelperArgv(helper_path, limits);
  std::string key;
  for (const std::string& a : argv) key += a + '\n';
  ServingHelper& helper = tl_helper;
  if (helper.process && (helper.key != key || helper.served >= kMaxServed)) {
    helper.process.reset();  // kills and reaps it
  }
  if (!helper.process) {
    SubprocessOptions options;
    options.time_limit =
        std::chrono::duration_cast<std::chrono::milliseconds>(limits.helper_time_limit);
    options.memory_limit_bytes = limits.helper_memory_bytes;
    options.stdin_pipe = true;
    Result<Subprocess> started = Subprocess::Start(argv, options);
    if (!started.ok()) {
      return started.status().WithContext(fmt::format("starting {}", helper_path.string()));
    }
    helper.process.emplace(std::move(started).value());
    helpers_started.fetch_add(1, std::memory_order_relaxed);
    helper.key = std::move(key);
    helper.served = 0;
  }
  return &*helper.process;
}

// One document's exchange with a serving helper.
struct Exchange {
  std::optional<Extracted> document;
  std::vector<Child> children;
  Status outcome;
  // The helper died (signal or memory limit) rather than reporting: worth one more try in a fresh
  // helper when this one had served others, whose leftovers may be to blame.
  bool helper_died = false;
};

Exchange Exchange1(const Reader& reader, const Input& input, const Limits& limits,
                   const std::filesystem::path& temp_dir, Subprocess& process) {
  const std::string tool(reader.tool());
  Exchange result;
  process.RestartClock(
      std::chrono::duration_cast<std::chrono::milliseconds>(limits.helper_time_limit));
  process.ClearStderr();

  Status request_sent;
  if (input.path() != nullptr) {
    request_sent = process.Write(
        wire::EncodeRequest(reader.name(), wire::RequestInput::kPath, input.path()->string()));
  } else {
    Result<std::string_view> bytes = input.bytes();
    if (!bytes.ok()) {
      result.outcome = bytes.status();
      return result;
    }
    request_sent =
        process.Write(wire::EncodeRequest(reader.name(), wire::RequestInput::kBytes, *bytes));
  }
  Status stream_error = request_sent;

  // The whole stream is read before anything is replayed: the helper's time limit then measures
  // the reader alone, not the parent's work on the children (which may run helpers of their
  // own). Children past the in-memory threshold wait in spill files, so buffering costs disk,
  // not memory.
  wire::WireReader stream(
      [&](char* buffer, size_t size) { return process.ReadExact(buffer, size); },
      wire::FrameCaps::FromLimits(limits), temp_dir, limits.max_in_memory_bytes);
  uint64_t buffered = 0;
  Status final_status;
  bool complete = false;
  if (stream_error.ok()) stream_error = stream.ReadHeader();
  Status policy_stop;  // set when we, not the helper, ended the stream
  while (stream_error.ok()) {
    Result<wire::Frame> frame = stream.Next();
    if (!frame.ok()) {
      stream_error = frame.status();
      break;
    }
    if (frame->type == wire::FrameType::kDocument) {
      if (result.document || !result.children.empty()) {
        stream_error = CorruptError("document frame out of order");
        break;
      }
      result.document = std::move(frame->document);
    } else if (frame->type == wire::FrameType::kChild) {
      buffered += frame->child.bytes.size();
      result.children.push_back(std::move(frame->child));
      if (buffered >= limits.max_in_memory_bytes) stream.set_max_in_memory_bytes(0);
      if (result.children.size() > limits.max_children) {
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

  if (complete) {
    result.outcome = final_status;
    return result;
  }
  const bool request_lost = !request_sent.ok();
  process.Kill();
  ExitInfo info = process.Wait();
  result.outcome = policy_stop.ok() ? HelperFailure(tool, info, limits, stream_error) : policy_stop;
  result.helper_died =
      request_lost || (policy_stop.ok() && !info.timed_out &&
                       ((!info.exited && info.signal != 0 && info.signal != SIGKILL) ||
                        (info.exited && info.code == wire::kExitOutOfMemory)));
  return result;
}

}  // namespace

uint64_t HelpersStarted() { return helpers_started.load(std::memory_order_relaxed); }

Status RunIsolated(const Reader& reader, const Input& input, ReadContext& context,
                   const std::filesystem::path& helper_path) {
  const Limits& limits = context.limits();
  Exchange exchange;
  for (int attempt = 0; attempt < 2; ++attempt) {
    BATES_ASSIGN_OR_RETURN(Subprocess * process, HelperFor(helper_path, limits));
    const bool fresh = tl_helper.served == 0;
    exchange = Exchange1(reader, input, limits, context.temp_dir(), *process);
    if (process->running()) {
      ++tl_helper.served;
      break;
    }
    tl_helper.process.reset();
    if (!exchange.helper_died || fresh) break;
    DeleteSpills(exchange.children, 0);
  }
  Status outcome = exchange.outcome;
  std::optional<Extracted>& document = exchange.document;
  std::vector<Child>& children = exchange.children;

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

namespace {

// Runs one reader on one input and writes the whole answer: header, frames, status. Returns the
// helper's exit code if it must stop, or nullopt to go on serving.
std::optional<int> AnswerOne(std::string_view reader_name,
                             const std::function<Result<Input>(std::string&)>& open_input,
                             const Limits& limits, const std::filesystem::path& temp_dir,
                             wire::WireWriter& writer) {
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

  HelperContext context(writer, limits, temp_dir);
  Status status;
  try {
    std::string storage;
    Result<Input> input = open_input(storage);
    status = input.ok() ? reader->Read(*input, context) : input.status();
  } catch (const std::bad_alloc&) {
    ExitOutOfMemory();
  } catch (const std::exception& e) {
    status = InternalError("{} threw: {}", reader->tool(), e.what());
  } catch (...) {
    status = InternalError("{} threw an unknown exception", reader->tool());
  }
  if (context.output_lost()) return wire::kExitOutputLost;
  if (!writer.WriteStatus(status).ok()) return wire::kExitOutputLost;
  return std::nullopt;
}

// A private folder for whatever the reader spills; each spill is sent and deleted at once.
Result<std::filesystem::path> MakeTempDir() {
  std::error_code ec;
  std::string pattern =
      (std::filesystem::temp_directory_path(ec) / "bates-extract-XXXXXX").string();
  if (ec || ::mkdtemp(pattern.data()) == nullptr) {
    return IoError("cannot create a temporary folder: {}", ErrnoMessage(errno));
  }
  return std::filesystem::path(pattern);
}

Status ReadStdinExact(char* buffer, size_t size) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(STDIN_FILENO, buffer + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("reading the request: {}", ErrnoMessage(errno));
    if (n == 0) return CorruptError("request ended after {} of {} bytes", done, size);
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

// Serves requests (wire.h) from standard input until it ends.
int Serve(const Limits& limits, wire::WireWriter& writer) {
  Result<std::filesystem::path> temp_dir = MakeTempDir();
  if (!temp_dir.ok()) {
    std::fprintf(stderr, "bates-extract: %s\n", temp_dir.status().message().c_str());
    return wire::kExitFailed;
  }
  int code = wire::kExitOk;
  while (true) {
    Result<wire::Request> request = wire::ReadRequest(ReadStdinExact, limits.max_item_bytes);
    if (!request.ok()) {
      if (request.status().code() != StatusCode::kNotFound) {
        std::fprintf(stderr, "bates-extract: %s\n", request.status().ToString().c_str());
        code = wire::kExitUsage;
      }
      break;
    }
    auto open_input = [&](std::string& storage) -> Result<Input> {
      if (request->kind == wire::RequestInput::kBytes) {
        return Input::FromMemory(request->payload, "-");
      }
      // Standard input carries the requests, so "-" cannot name the document here.
      if (request->payload == "-") return InvalidArgumentError("no file named in the request");
      return OpenInput(std::filesystem::path(request->payload), limits, storage);
    };
    std::optional<int> stop =
        AnswerOne(request->reader_name, open_input, limits, *temp_dir, writer);
    if (stop) {
      code = *stop;
      break;
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(*temp_dir, ec);
  return code;
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
  if (reader_name == "--serve") return Serve(limits, writer);

  Result<std::filesystem::path> temp_dir = MakeTempDir();
  if (!temp_dir.ok()) {
    if (!writer.WriteHeader().ok()) return wire::kExitOutputLost;
    return writer.WriteStatus(temp_dir.status()).ok() ? wire::kExitOk : wire::kExitOutputLost;
  }
  auto open_input = [&](std::string& storage) { return OpenInput(path, limits, storage); };
  std::optional<int> stop = AnswerOne(reader_name, open_input, limits, *temp_dir, writer);
  std::error_code ec;
  std::filesystem::remove_all(*temp_dir, ec);
  return stop.value_or(wire::kExitOk);
}

}  // namespace bates::ingest
