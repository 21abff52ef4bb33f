// MBOX reader: a Unix mailbox, streamed through GMime's mbox parser with constant memory whatever
// its size. Each message becomes a child "message N" whose bytes are the message exactly as
// stored: from the line after its "From " separator to the next separator, less the one blank
// line the mbox format puts between messages. The separator line itself is not part of the
// message, so a message's hashes match those of the same message saved as an .eml file.
//
// ">From " lines are left as stored: mboxo and mboxrd quote them differently and a file does not
// say which it is, so un-quoting would corrupt as many messages as it repairs.
#include <fcntl.h>
#include <unistd.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/file.h"
#include "ingest/reader.h"
#include "ingest/readers/gmime_util.h"

namespace bates::ingest {
namespace {

// Pages of the mapped mailbox already passed are dropped every this many bytes, so resident
// memory stays flat on multi-gigabyte files.
constexpr uint64_t kDropPagesEvery = uint64_t{64} << 20;

// The start of the next line beginning "From " at or after `from`, or the end.
size_t NextFromLine(std::string_view bytes, size_t from) {
  if (from >= bytes.size()) return bytes.size();
  if (bytes.substr(from).starts_with("From ") && (from == 0 || bytes[from - 1] == '\n')) {
    return from;
  }
  size_t at = bytes.find("\nFrom ", from == 0 ? 0 : from - 1);
  return at == std::string_view::npos ? bytes.size() : at + 1;
}

size_t LineEnd(std::string_view bytes, size_t from) {
  size_t at = bytes.find('\n', from);
  return at == std::string_view::npos ? bytes.size() : at + 1;
}

bool AllWhitespace(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

class Mailbox {
 public:
  Mailbox(std::string_view bytes, const std::filesystem::path* path, const MappedFile* mapped,
          ReadContext& context)
      : bytes_(bytes), path_(path), mapped_(mapped), context_(context) {}

  Status Read() {
    uint64_t base = 0;
    while (base < bytes_.size()) {
      BATES_ASSIGN_OR_RETURN(std::optional<uint64_t> resume, ReadFrom(base));
      if (!resume) break;
      base = *resume;
    }
    return Status::Ok();
  }

 private:
  struct Pending {
    uint64_t begin;  // first byte after the separator line
  };

  // Parses messages from `base` on. Returns where to start a fresh parser when a message GMime
  // cannot read stops this one, or nothing at the end of the mailbox.
  Result<std::optional<uint64_t>> ReadFrom(uint64_t base) {
    // No warning callback: the mbox parse only finds where messages begin and end (each message
    // is read again, with warnings, as a child), and without one GMime skips per-header checks.
    gmime::ParserOptions options(nullptr);
    std::optional<gmime::BorrowedStream> borrowed;
    gmime::Ptr<GMimeStream> file;
    uint64_t shift = 0;  // parser offset + shift = offset in bytes_
    if (bytes_.size() - base <= gmime::BorrowedStream::kMaxBytes || path_ == nullptr) {
      borrowed.emplace(bytes_.substr(base));
      shift = base;
    } else {
      // Past GByteArray's 4 GiB: read the file itself (a bounded stream reports file offsets).
      int fd = ::open(path_->c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) return IoError("{}: {}", path_->string(), ErrnoMessage(errno));
      ::lseek(fd, static_cast<off_t>(base), SEEK_SET);
      file.reset(g_mime_stream_fs_new_with_bounds(fd, static_cast<gint64>(base), -1));
    }
    GMimeStream* stream = borrowed ? borrowed->get() : file.get();
    gmime::Ptr<GMimeParser> parser = gmime::NewParser(stream, GMIME_FORMAT_MBOX);

    gint64 last_marker = -1;
    while (true) {
      gmime::Ptr<GMimeMessage> message(
          g_mime_parser_construct_message(parser.get(), options.get()));
      gint64 marker = g_mime_parser_get_mbox_marker_offset(parser.get());
      if (message == nullptr) {
        if (marker <= last_marker || marker < 0) {
          // No further separator: the last message runs to the end.
          if (pending_) BATES_RETURN_IF_ERROR(EmitPending(bytes_.size()));
          if (count_ == 0 && !AllWhitespace(bytes_)) {
            return CorruptError("not an mbox: no \"From \" separator line");
          }
          return std::optional<uint64_t>();
        }
        // A separator followed by something GMime cannot read as a header block (cut off at the
        // end of the file, or not a message at all). It is kept, as an exception, up to the next
        // separator, and reading resumes there with a fresh parser.
        uint64_t at = shift + static_cast<uint64_t>(marker);
        if (pending_) BATES_RETURN_IF_ERROR(EmitPending(at));
        uint64_t begin = LineEnd(bytes_, at);
        uint64_t next = NextFromLine(bytes_, begin);
        BATES_RETURN_IF_ERROR(
            Emit(begin, next,
                 CorruptError("mbox message {} has no readable header block{}", count_ + 1,
                              next == bytes_.size() ? " (the file ends in it)" : "")));
        if (next >= bytes_.size()) return std::optional<uint64_t>();
        return std::optional<uint64_t>(next);
      }
      uint64_t at = shift + static_cast<uint64_t>(marker);
      uint64_t begin = shift + static_cast<uint64_t>(g_mime_parser_get_headers_begin(parser.get()));
      if (count_ == 0 && !pending_ && at > 0 && !AllWhitespace(bytes_.substr(0, at))) {
        // GMime skips whatever comes before the first separator; it is still part of the file.
        BATES_RETURN_IF_ERROR(
            Emit(0, at, CorruptError("{} bytes before the first \"From \" line", at), "preamble"));
      }
      if (pending_) BATES_RETURN_IF_ERROR(EmitPending(at));
      pending_ = Pending{begin};
      last_marker = marker;
    }
  }

  Status EmitPending(uint64_t end) {
    Pending pending = *pending_;
    pending_.reset();
    return Emit(pending.begin, end, Status::Ok());
  }

  Status Emit(uint64_t begin, uint64_t end, Status failure, std::string name = {}) {
    if (end < begin) end = begin;
    std::string_view message = bytes_.substr(begin, end - begin);
    // The blank line before the next separator belongs to the mbox, not to the message.
    if (message.ends_with("\r\n\r\n")) {
      message.remove_suffix(2);
    } else if (message.ends_with("\n\n")) {
      message.remove_suffix(1);
    }
    Child child;
    child.name = name.empty() ? "message " + std::to_string(++count_) : std::move(name);
    child.declared_type = "message/rfc822";
    child.failure = std::move(failure);
    if (message.size() > context_.limits().max_in_memory_bytes) {
      BATES_ASSIGN_OR_RETURN(child.spill_path, Spill(message));
    } else {
      child.bytes = std::string(message);
    }
    if (mapped_ != nullptr && end - dropped_ > kDropPagesEvery) {
      mapped_->DropPagesBefore(begin);
      dropped_ = begin;
    }
    return context_.AddChild(std::move(child));
  }

  Result<std::filesystem::path> Spill(std::string_view message) {
    std::string path = (context_.temp_dir() / "bates-mbox-XXXXXX").string();
    int fd = ::mkstemp(path.data());
    if (fd < 0) {
      return IoError("cannot create a temporary file in {}: {}", context_.temp_dir().string(),
                     ErrnoMessage(errno));
    }
    ::close(fd);
    Status written = WriteFileAtomic(path, message);
    if (!written.ok()) {
      std::filesystem::remove(path);
      return written;
    }
    return std::filesystem::path(path);
  }

  std::string_view bytes_;
  const std::filesystem::path* path_;
  const MappedFile* mapped_;
  ReadContext& context_;
  std::optional<Pending> pending_;
  size_t count_ = 0;
  uint64_t dropped_ = 0;
};

class MboxReader final : public Reader {
 public:
  std::string_view name() const override { return "mbox"; }
  std::vector<std::string> mime_types() const override {
    return {"application/mbox", "application/x-mbox"};
  }
  bool is_container() const override { return true; }
  std::string_view tool() const override { return "gmime"; }

  Status Read(const Input& input, ReadContext& context) const override {
    gmime::InitGMime();
    BATES_RETURN_IF_ERROR(context.SetDocument(Extracted{}));
    // A mailbox on disk is mapped by us rather than through Input, so that pages already read
    // can be dropped as the parse moves on.
    std::optional<MappedFile> mapped;
    std::string_view bytes;
    if (const std::filesystem::path* path = input.path()) {
      BATES_ASSIGN_OR_RETURN(MappedFile file, MappedFile::Open(*path));
      mapped.emplace(std::move(file));
      bytes = mapped->bytes();
    } else {
      BATES_ASSIGN_OR_RETURN(bytes, input.bytes());
    }
    Mailbox mailbox(bytes, input.path(), mapped ? &*mapped : nullptr, context);
    return mailbox.Read();
  }
};

}  // namespace

BATES_REGISTER_READER(MboxReader)

}  // namespace bates::ingest
