#include "ingest/extractor.h"

#include <fcntl.h>
#include <unistd.h>

#include <exception>
#include <new>

#include "core/file.h"
#include "core/hash.h"
#include "core/text.h"
#include "ingest/detect.h"
#include "ingest/helper.h"

namespace bates::ingest {
namespace {

// Collected files up to this size are read once into memory and hashed, sniffed and parsed from
// there; larger ones are hashed by streaming and read by their reader from disk.
constexpr uint64_t kReadWholeBelow = uint64_t{8} << 20;

Result<ContentHashes> HashFile(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError("cannot open: {}", ErrnoMessage(errno));
  ContentHasher hasher;
  std::string buf(1 << 20, '\0');
  while (true) {
    ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return IoError("cannot read: {}", ErrnoMessage(err));
    }
    if (n == 0) break;
    hasher.Update(std::string_view(buf.data(), static_cast<size_t>(n)));
  }
  ::close(fd);
  return hasher.Finish();
}

// Fills what the reader left empty from what the parent knew (an attachment's file name, an
// archive entry's date).
void MergeHints(model::Metadata& into, const model::Metadata& hints) {
  auto fill = [](std::string& a, const std::string& b) {
    if (a.empty()) a = b;
  };
  fill(into.file_name, hints.file_name);
  fill(into.title, hints.title);
  fill(into.author, hints.author);
  if (!into.created) into.created = hints.created;
  if (!into.modified) into.modified = hints.modified;
  for (const auto& kv : hints.extra) into.extra.push_back(kv);
}

std::string JoinInnerPath(const std::string& parent, const std::string& name) {
  return parent.empty() ? name : parent + "/" + name;
}

std::string BaseName(const std::string& name) {
  size_t slash = name.find_last_of('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

void FinishText(std::string& text, uint32_t& flags, uint64_t max_bytes) {
  if (!IsValidUtf8(text) || text.find('\0') != std::string::npos) text = RepairUtf8(text);
  if (text.size() > max_bytes) {
    size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    flags |= model::kFlagTruncated;
  }
}

void MarkException(ExtractedItem& item, const Status& status, std::string tool) {
  item.status = model::ItemStatus::kException;
  item.exception = status;
  item.exception_tool = std::move(tool);
  if (status.code() == StatusCode::kEncrypted) item.flags |= model::kFlagEncrypted;
}

// One document being extracted. Its item is handed on when its first child arrives (so items
// come out parent first) or when its reader is done; the identity fields stay in the frame.
struct Frame {
  ExtractedItem item;
  uint32_t local_id = 0;
  int depth = 0;
  model::ItemKind kind = model::ItemKind::kFile;
  std::string inner_path;
  std::string tool;                // the tool of this document's reader
  std::string declared_type;       // what the parent declared it to be
  model::Metadata hints;           // what the parent knew of it
  std::string* content = nullptr;  // the child's bytes, if held in memory
  bool reading = false;
  bool emitted = false;
  bool has_document = false;
  uint64_t children = 0;
};

// Extraction of one collected file: numbers items in pre-order and enforces the limits that apply
// to the file as a whole.
class Run {
 public:
  Run(const ExtractorOptions& options, const Extractor::EmitFn& emit, const Extractor::FailFn& fail)
      : options_(options), emit_(emit), fail_(fail) {}

  // Processes one document and, through its reader, everything inside it. `parent_kind` is
  // kContainer for a collected file (a folder holds documents as a container does).
  Status Process(const Input& input, Frame& frame, model::ItemKind parent_kind);
  Status AddChild(Frame& parent, Child child);
  const Limits& limits() const { return options_.limits; }
  const std::filesystem::path& temp_dir() const { return options_.temp_dir; }
  // Set when the consumer asked to stop; every level returns it.
  const Status& stopped() const { return stopped_; }

 private:
  Status Emit(Frame& frame);
  Status EmitException(Frame& frame, const Status& why, std::string tool);
  Status RunReader(const Reader& reader, const Input& input, Frame& frame);

  const ExtractorOptions& options_;
  const Extractor::EmitFn& emit_;
  const Extractor::FailFn& fail_;
  uint32_t next_local_id_ = 0;
  uint64_t expanded_bytes_ = 0;
  Status stopped_;
};

class FrameContext final : public ReadContext {
 public:
  FrameContext(Run& run, Frame& frame) : run_(run), frame_(frame) {}

  Status SetDocument(Extracted document) override {
    if (frame_.has_document || frame_.emitted) {
      return InternalError("reader reported its document twice or after a child");
    }
    frame_.has_document = true;
    ExtractedItem& item = frame_.item;
    item.text = std::move(document.text);
    item.meta = std::move(document.meta);
    MergeHints(item.meta, frame_.hints);
    item.flags |= document.flags;
    if (!document.mime_type.empty()) item.mime_type = std::move(document.mime_type);
    return Status::Ok();
  }
  Status AddChild(Child child) override { return run_.AddChild(frame_, std::move(child)); }
  const Limits& limits() const override { return run_.limits(); }
  const std::filesystem::path& temp_dir() const override { return run_.temp_dir(); }

 private:
  Run& run_;
  Frame& frame_;
};

Status Run::Emit(Frame& frame) {
  if (frame.emitted) return Status::Ok();
  frame.emitted = true;
  ExtractedItem& item = frame.item;
  if (!frame.has_document) MergeHints(item.meta, frame.hints);
  item.local_id = frame.local_id;
  item.depth = frame.depth;
  item.kind = frame.kind;
  item.inner_path = frame.inner_path;
  // A document still being read keeps its bytes; one that is done gives them up.
  if (frame.content != nullptr) {
    item.native = frame.reading ? *frame.content : std::move(*frame.content);
  }
  FinishText(item.text, item.flags, options_.limits.max_text_bytes);
  Status s = emit_(std::move(item));
  item = ExtractedItem{};
  if (!s.ok()) stopped_ = s;
  return s;
}

Status Run::EmitException(Frame& frame, const Status& why, std::string tool) {
  MarkException(frame.item, why, std::move(tool));
  return Emit(frame);
}

Status Run::RunReader(const Reader& reader, const Input& input, Frame& frame) {
  FrameContext context(*this, frame);
  frame.reading = true;
  Status s;
  try {
    if (reader.isolated() && !options_.helper_path.empty()) {
      frame.item.flags |= model::kFlagIsolated;
      s = RunIsolated(reader, input, context, options_.helper_path);
    } else {
      s = reader.Read(input, context);
    }
  } catch (const std::bad_alloc&) {
    s = ResourceExhaustedError("{} ran out of memory", reader.tool());
  } catch (const std::exception& e) {
    s = InternalError("{} failed: {}", reader.tool(), e.what());
  }
  frame.reading = false;
  return s;
}

Status Run::Process(const Input& input, Frame& frame, model::ItemKind parent_kind) {
  frame.local_id = next_local_id_++;
  frame.item.size = input.size();
  const Limits& limits = options_.limits;

  if (frame.depth > limits.max_depth) {
    frame.kind = model::ChildKind(parent_kind, false, false);
    return EmitException(
        frame,
        ResourceExhaustedError("nested deeper than the limit of {} levels", limits.max_depth),
        "limits");
  }
  auto head = input.Head(kDetectHeadBytes);
  if (!head.ok()) {
    frame.kind = model::ChildKind(parent_kind, false, false);
    return EmitException(frame, head.status(), "collect");
  }
  Detection detection = Detect(*head, input.size(), input.name(), frame.declared_type);
  frame.item.mime_type = detection.mime_type;
  const Reader* reader = options_.registry->ForMimeType(detection.mime_type);
  frame.kind = model::ChildKind(parent_kind, reader != nullptr && reader->is_container(),
                                reader != nullptr && reader->is_email());

  if (input.size() > limits.max_item_bytes) {
    return EmitException(frame,
                         ResourceExhaustedError("{} bytes is over the item size limit of {}",
                                                input.size(), limits.max_item_bytes),
                         "limits");
  }
  if (reader == nullptr) {
    if (input.size() == 0) {
      frame.item.flags |= model::kFlagNoText;
      return Emit(frame);
    }
    std::string what = detection.description.empty() || detection.description == detection.mime_type
                           ? detection.mime_type
                           : fmt::format("{}: {}", detection.mime_type, detection.description);
    return EmitException(frame, UnsupportedFormatError("no reader for this type ({})", what),
                         "detect");
  }
  frame.item.reader = std::string(reader->name());
  frame.tool = std::string(reader->tool());

  Status read_status = RunReader(*reader, input, frame);
  if (!stopped_.ok()) return stopped_;
  if (read_status.ok()) return Emit(frame);
  if (!frame.emitted) return EmitException(frame, read_status, frame.tool);
  Status s = fail_(frame.local_id, read_status, frame.tool);
  if (!s.ok()) stopped_ = s;
  return s;
}

Status Run::AddChild(Frame& parent, Child child) {
  if (!stopped_.ok()) return stopped_;
  BATES_RETURN_IF_ERROR(Emit(parent));
  const Limits& limits = options_.limits;
  if (++parent.children > limits.max_children) {
    return ResourceExhaustedError("more than the limit of {} items inside one item",
                                  limits.max_children);
  }

  // The spill file, if any, is ours to delete once the child is done.
  struct SpillGuard {
    std::filesystem::path path;
    ~SpillGuard() {
      std::error_code ec;
      if (!path.empty()) std::filesystem::remove(path, ec);
    }
  } spill{child.spill_path};

  Frame frame;
  frame.item.parent_local_id = parent.local_id;
  frame.item.name = child.name;
  frame.depth = parent.depth + 1;
  frame.inner_path = JoinInnerPath(parent.inner_path, child.name);
  frame.declared_type = std::move(child.declared_type);
  frame.hints = std::move(child.meta);
  if (frame.hints.file_name.empty()) frame.hints.file_name = BaseName(child.name);

  uint64_t size = child.bytes.size();
  if (!child.spill_path.empty() && child.failure.ok()) {
    std::error_code ec;
    size = std::filesystem::file_size(child.spill_path, ec);
    if (ec) child.failure = IoError("spilled member unreadable: {}", ec.message());
  }

  // Limits on the member as a whole. Passing the total for the file also stops the parent.
  Status limit;
  bool stops_parent = false;
  expanded_bytes_ += size;
  if (expanded_bytes_ > limits.max_expanded_bytes) {
    limit = ResourceExhaustedError("members expand past the limit of {} bytes for one file",
                                   limits.max_expanded_bytes);
    stops_parent = true;
  } else if (child.compressed_size > 0 && size > limits.ratio_floor_bytes &&
             size / child.compressed_size > limits.max_compression_ratio) {
    limit = ResourceExhaustedError("expands more than {}:1 — decompression bomb",
                                   limits.max_compression_ratio);
  }

  if (!child.failure.ok() || !limit.ok()) {
    frame.local_id = next_local_id_++;
    frame.kind = model::ChildKind(parent.kind, false, false);
    frame.item.size = size;
    if (child.spill_path.empty()) {
      frame.item.hashes = HashContent(child.bytes);
      frame.item.native = std::move(child.bytes);
    }
    Status why = child.failure.ok() ? limit : child.failure;
    BATES_RETURN_IF_ERROR(EmitException(frame, why, child.failure.ok() ? "limits" : parent.tool));
    return stops_parent ? limit : Status::Ok();
  }

  if (!child.spill_path.empty()) {
    auto hashes = HashFile(child.spill_path);
    if (!hashes.ok()) {
      frame.local_id = next_local_id_++;
      frame.kind = model::ChildKind(parent.kind, false, false);
      return EmitException(frame, hashes.status(), "collect");
    }
    frame.item.hashes = *hashes;
    frame.item.native_path = child.spill_path;
    Input input = Input::FromFile(child.spill_path, size, child.name);
    return Process(input, frame, parent.kind);
  }
  frame.item.hashes = HashContent(child.bytes);
  frame.content = &child.bytes;
  Input input = Input::FromMemory(child.bytes, child.name);
  return Process(input, frame, parent.kind);
}

}  // namespace

Status Extractor::ExtractFile(const std::filesystem::path& path, const std::string& name,
                              const EmitFn& emit, const FailFn& fail) const {
  Run run(options_, emit, fail);
  Frame frame;
  frame.item.name = name;
  frame.item.native_path = path;
  frame.hints.file_name = BaseName(name);
  auto fail_whole_file = [&](const Status& why) {
    MarkException(frame.item, why, "collect");
    frame.item.meta = frame.hints;
    frame.item.kind = model::ItemKind::kFile;
    return emit(std::move(frame.item));
  };

  std::error_code ec;
  uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) return fail_whole_file(IoError("cannot read: {}", ec.message()));
  if (size <= kReadWholeBelow) {
    auto bytes = ReadFile(path, kReadWholeBelow);
    if (!bytes.ok()) return fail_whole_file(bytes.status());
    frame.item.hashes = HashContent(*bytes);
    Input input = Input::FromMemory(*bytes, name);
    run.Process(input, frame, model::ItemKind::kContainer).IgnoreError();
  } else {
    auto hashes = HashFile(path);
    if (!hashes.ok()) {
      frame.item.size = size;
      return fail_whole_file(hashes.status());
    }
    frame.item.hashes = *hashes;
    Input input = Input::FromFile(path, size, name);
    run.Process(input, frame, model::ItemKind::kContainer).IgnoreError();
  }
  // Only the consumer's own stop is an error of the call; anything else became an item.
  return run.stopped();
}

Status Extractor::ExtractMemory(std::string_view bytes, const std::string& name, const EmitFn& emit,
                                const FailFn& fail) const {
  Run run(options_, emit, fail);
  Frame frame;
  frame.item.name = name;
  frame.item.hashes = HashContent(bytes);
  frame.item.native = std::string(bytes);
  frame.hints.file_name = BaseName(name);
  Input input = Input::FromMemory(bytes, name);
  run.Process(input, frame, model::ItemKind::kContainer).IgnoreError();
  return run.stopped();
}

}  // namespace bates::ingest
