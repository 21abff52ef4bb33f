#include "ingest/wire.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "core/file.h"

namespace bates::ingest::wire {
namespace {

constexpr size_t kCopyBlock = size_t{1} << 20;
// Room for the metadata that rides with a document's text or a child (headers, names, extra).
constexpr uint64_t kMetadataSlack = uint64_t{16} << 20;

class Encoder {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v) { Fixed(v, 4); }
  void U64(uint64_t v) { Fixed(v, 8); }
  void I32(int32_t v) { U32(static_cast<uint32_t>(v)); }
  void I64(int64_t v) { U64(static_cast<uint64_t>(v)); }
  void Str(std::string_view s) {
    U64(s.size());
    out_.append(s);
  }
  void Time(const std::optional<Timestamp>& t) {
    U8(t ? 1 : 0);
    if (!t) return;
    I64(t->utc_seconds);
    I32(t->offset_minutes);
    U8(t->floating ? 1 : 0);
  }
  void Addr(const model::Address& a) {
    Str(a.name);
    Str(a.address);
  }
  void Addrs(const std::vector<model::Address>& list) {
    U64(list.size());
    for (const auto& a : list) Addr(a);
  }
  void StatusValue(const Status& s) {
    U8(static_cast<uint8_t>(s.code()));
    Str(s.message());
  }
  void Meta(const model::Metadata& m) {
    U8(m.from ? 1 : 0);
    if (m.from) Addr(*m.from);
    Addrs(m.to);
    Addrs(m.cc);
    Addrs(m.bcc);
    Str(m.subject);
    Time(m.sent);
    Time(m.received);
    Time(m.created);
    Time(m.modified);
    Str(m.author);
    Str(m.last_author);
    Str(m.title);
    Str(m.file_name);
    Str(m.message_id);
    Str(m.in_reply_to);
    U64(m.references.size());
    for (const auto& r : m.references) Str(r);
    Str(m.conversation_index);
    Str(m.language);
    U64(m.extra.size());
    for (const auto& [k, v] : m.extra) {
      Str(k);
      Str(v);
    }
  }
  std::string Take() { return std::move(out_); }

 private:
  void Fixed(uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  std::string out_;
};

// Reads a payload; the first failure sticks, so callers check once at the end.
class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}

  uint8_t U8() { return static_cast<uint8_t>(Fixed(1)); }
  uint32_t U32() { return static_cast<uint32_t>(Fixed(4)); }
  uint64_t U64() { return Fixed(8); }
  int32_t I32() { return static_cast<int32_t>(U32()); }
  int64_t I64() { return static_cast<int64_t>(U64()); }
  bool Bool() {
    uint8_t v = U8();
    if (v > 1) Fail("flag byte {} is neither 0 nor 1", v);
    return v == 1;
  }
  std::string Str() {
    uint64_t n = U64();
    if (!ok()) return {};
    if (n > in_.size()) {
      Fail("string of {} bytes with {} left in the frame", n, in_.size());
      return {};
    }
    std::string s(in_.substr(0, n));
    in_.remove_prefix(n);
    return s;
  }
  // A count of elements each at least `min_size` bytes long, checked against what is left, so a
  // forged count cannot make us reserve memory the frame does not back.
  uint64_t Count(size_t min_size) {
    uint64_t n = U64();
    if (ok() && n > in_.size() / min_size) {
      Fail("count {} exceeds what {} bytes can hold", n, in_.size());
      return 0;
    }
    return n;
  }
  std::optional<Timestamp> Time() {
    if (!Bool()) return std::nullopt;
    Timestamp t;
    t.utc_seconds = I64();
    t.offset_minutes = I32();
    t.floating = Bool();
    if (ok() && (t.offset_minutes < -24 * 60 || t.offset_minutes > 24 * 60)) {
      Fail("time zone offset of {} minutes", t.offset_minutes);
    }
    return t;
  }
  model::Address Addr() {
    model::Address a;
    a.name = Str();
    a.address = Str();
    return a;
  }
  std::vector<model::Address> Addrs() {
    std::vector<model::Address> list;
    uint64_t n = Count(16);
    for (uint64_t i = 0; i < n && ok(); ++i) list.push_back(Addr());
    return list;
  }
  Status StatusValue() {
    uint8_t code = U8();
    std::string message = Str();
    if (!ok()) return Status::Ok();
    if (code > static_cast<uint8_t>(StatusCode::kInternal)) {
      Fail("unknown status code {}", code);
      return Status::Ok();
    }
    auto c = static_cast<StatusCode>(code);
    if (c == StatusCode::kOk) return Status::Ok();
    return Status(c, std::move(message));
  }
  model::Metadata Meta() {
    model::Metadata m;
    if (Bool()) m.from = Addr();
    m.to = Addrs();
    m.cc = Addrs();
    m.bcc = Addrs();
    m.subject = Str();
    m.sent = Time();
    m.received = Time();
    m.created = Time();
    m.modified = Time();
    m.author = Str();
    m.last_author = Str();
    m.title = Str();
    m.file_name = Str();
    m.message_id = Str();
    m.in_reply_to = Str();
    uint64_t refs = Count(8);
    for (uint64_t i = 0; i < refs && ok(); ++i) m.references.push_back(Str());
    m.conversation_index = Str();
    m.language = Str();
    uint64_t extras = Count(16);
    for (uint64_t i = 0; i < extras && ok(); ++i) {
      std::string k = Str();
      std::string v = Str();
      m.extra.emplace_back(std::move(k), std::move(v));
    }
    return m;
  }

  // Corrupt if anything failed or bytes are left over.
  Status Finish(std::string_view what) {
    if (ok() && !in_.empty()) Fail("{} trailing bytes", in_.size());
    if (ok()) return Status::Ok();
    return CorruptError("malformed {} frame: {}", what, error_);
  }
  bool ok() const { return error_.empty(); }

 private:
  template <typename... Args>
  void Fail(fmt::format_string<Args...> format, Args&&... args) {
    if (ok()) error_ = fmt::format(format, std::forward<Args>(args)...);
  }
  uint64_t Fixed(size_t bytes) {
    if (!ok()) return 0;
    if (in_.size() < bytes) {
      Fail("frame ends in the middle of a field");
      return 0;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < bytes; ++i) {
      v |= uint64_t{static_cast<unsigned char>(in_[i])} << (8 * i);
    }
    in_.remove_prefix(bytes);
    return v;
  }
  std::string_view in_;
  std::string error_;
};

std::string FrameHeaderBytes(FrameType type, uint64_t length) {
  Encoder e;
  e.U8(static_cast<uint8_t>(type));
  e.U64(length);
  return e.Take();
}

struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

FrameCaps FrameCaps::FromLimits(const Limits& limits) {
  FrameCaps caps;
  caps.document = limits.max_text_bytes + kMetadataSlack;
  caps.child = kMetadataSlack;
  caps.content = limits.max_item_bytes;
  caps.status = uint64_t{1} << 20;
  return caps;
}

std::string EncodeExtracted(const Extracted& document) {
  Encoder e;
  e.Str(document.text);
  e.Meta(document.meta);
  e.U32(document.flags);
  e.Str(document.mime_type);
  return e.Take();
}

Result<Extracted> DecodeExtracted(std::string_view payload) {
  Decoder d(payload);
  Extracted doc;
  doc.text = d.Str();
  doc.meta = d.Meta();
  doc.flags = d.U32();
  doc.mime_type = d.Str();
  BATES_RETURN_IF_ERROR(d.Finish("document"));
  return doc;
}

std::string EncodeChildHeader(const Child& child) {
  Encoder e;
  e.Str(child.name);
  e.Meta(child.meta);
  e.Str(child.declared_type);
  e.U64(child.compressed_size);
  e.StatusValue(child.failure);
  return e.Take();
}

Result<Child> DecodeChildHeader(std::string_view payload) {
  Decoder d(payload);
  Child child;
  child.name = d.Str();
  child.meta = d.Meta();
  child.declared_type = d.Str();
  child.compressed_size = d.U64();
  child.failure = d.StatusValue();
  BATES_RETURN_IF_ERROR(d.Finish("child"));
  return child;
}

std::string EncodeStatus(const Status& status) {
  Encoder e;
  e.StatusValue(status);
  return e.Take();
}

Status DecodeStatus(std::string_view payload, Status* out) {
  Decoder d(payload);
  Status status = d.StatusValue();
  BATES_RETURN_IF_ERROR(d.Finish("status"));
  *out = std::move(status);
  return Status::Ok();
}

std::string EncodeRequest(std::string_view reader_name, RequestInput kind,
                          std::string_view payload) {
  Encoder e;
  e.Str(reader_name);
  e.U8(static_cast<uint8_t>(kind));
  e.U64(payload.size());
  std::string out(kRequestMagic);
  out += e.Take();
  out += payload;
  return out;
}

Result<Request> ReadRequest(const std::function<Status(char*, size_t)>& read_exact,
                            uint64_t max_payload_bytes) {
  constexpr uint64_t kMaxName = 256;
  char magic[kRequestMagic.size()];
  if (!read_exact(magic, 1).ok()) return NotFoundError("no more requests");
  BATES_RETURN_IF_ERROR(read_exact(magic + 1, sizeof magic - 1));
  if (std::string_view(magic, sizeof magic) != kRequestMagic) {
    return CorruptError("request does not start with the request magic");
  }
  auto read_u64 = [&]() -> Result<uint64_t> {
    char bytes[8];
    BATES_RETURN_IF_ERROR(read_exact(bytes, sizeof bytes));
    return Decoder(std::string_view(bytes, sizeof bytes)).U64();
  };
  Request request;
  BATES_ASSIGN_OR_RETURN(uint64_t name_size, read_u64());
  if (name_size > kMaxName) return CorruptError("reader name of {} bytes", name_size);
  request.reader_name.resize(static_cast<size_t>(name_size));
  BATES_RETURN_IF_ERROR(read_exact(request.reader_name.data(), request.reader_name.size()));
  char kind = 0;
  BATES_RETURN_IF_ERROR(read_exact(&kind, 1));
  if (kind != static_cast<char>(RequestInput::kPath) &&
      kind != static_cast<char>(RequestInput::kBytes)) {
    return CorruptError("unknown request kind {}", static_cast<int>(kind));
  }
  request.kind = static_cast<RequestInput>(kind);
  BATES_ASSIGN_OR_RETURN(uint64_t payload_size, read_u64());
  if (payload_size > max_payload_bytes) {
    return ResourceExhaustedError("input larger than {} bytes (max_item_bytes)", max_payload_bytes);
  }
  request.payload.resize(static_cast<size_t>(payload_size));
  BATES_RETURN_IF_ERROR(read_exact(request.payload.data(), request.payload.size()));
  return request;
}

Status WireWriter::WriteHeader() {
  Encoder e;
  e.U32(kWireVersion);
  std::string header(kWireMagic);
  header += e.Take();
  return write_(header);
}

Status WireWriter::WriteFrame(FrameType type, std::string_view payload) {
  BATES_RETURN_IF_ERROR(write_(FrameHeaderBytes(type, payload.size())));
  return write_(payload);
}

Status WireWriter::WriteDocument(const Extracted& document) {
  return WriteFrame(FrameType::kDocument, EncodeExtracted(document));
}

Status WireWriter::WriteChild(const Child& child) {
  BATES_RETURN_IF_ERROR(WriteFrame(FrameType::kChild, EncodeChildHeader(child)));
  if (child.spill_path.empty()) return WriteFrame(FrameType::kContent, child.bytes);

  FdCloser in{::open(child.spill_path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (in.fd < 0) return IoError("{}: {}", child.spill_path.string(), ErrnoMessage(errno));
  struct stat st {};
  if (::fstat(in.fd, &st) != 0)
    return IoError("{}: {}", child.spill_path.string(), ErrnoMessage(errno));
  auto size = static_cast<uint64_t>(st.st_size);
  BATES_RETURN_IF_ERROR(write_(FrameHeaderBytes(FrameType::kContent, size)));
  std::unique_ptr<char[]> buffer(new char[kCopyBlock]);
  uint64_t left = size;
  while (left > 0) {
    ssize_t n =
        ::read(in.fd, buffer.get(), static_cast<size_t>(std::min<uint64_t>(left, kCopyBlock)));
    if (n < 0 && errno == EINTR) continue;
    // The frame length is already written, so a short file cannot be patched up: fail, and the
    // reader sees a cut stream.
    if (n < 0) return IoError("{}: {}", child.spill_path.string(), ErrnoMessage(errno));
    if (n == 0) return IoError("{}: file shrank while being sent", child.spill_path.string());
    BATES_RETURN_IF_ERROR(write_(std::string_view(buffer.get(), static_cast<size_t>(n))));
    left -= static_cast<uint64_t>(n);
  }
  return Status::Ok();
}

Status WireWriter::WriteStatus(const Status& status) {
  return WriteFrame(FrameType::kStatus, EncodeStatus(status));
}

Status WireReader::ReadHeader() {
  char header[kStreamHeaderSize];
  Status read = read_exact_(header, sizeof header);
  if (!read.ok()) return CorruptError("no stream header: {}", read.message());
  if (std::string_view(header, kWireMagic.size()) != kWireMagic) {
    return CorruptError("stream does not start with the bates wire magic");
  }
  Decoder d(std::string_view(header + kWireMagic.size(), 4));
  uint32_t version = d.U32();
  if (version != kWireVersion) {
    return CorruptError("wire version {} (this program speaks {})", version, kWireVersion);
  }
  return Status::Ok();
}

Result<WireReader::FrameHeader> WireReader::ReadFrameHeader() {
  char bytes[kFrameHeaderSize];
  BATES_RETURN_IF_ERROR(read_exact_(bytes, sizeof bytes));
  Decoder d(std::string_view(bytes, sizeof bytes));
  uint8_t type = d.U8();
  uint64_t length = d.U64();
  uint64_t cap = 0;
  switch (type) {
    case static_cast<uint8_t>(FrameType::kDocument):
      cap = caps_.document;
      break;
    case static_cast<uint8_t>(FrameType::kChild):
      cap = caps_.child;
      break;
    case static_cast<uint8_t>(FrameType::kContent):
      cap = caps_.content;
      break;
    case static_cast<uint8_t>(FrameType::kStatus):
      cap = caps_.status;
      break;
    default:
      return CorruptError("unknown frame type {}", type);
  }
  if (length > cap) {
    return CorruptError("frame of type {} claims {} bytes, more than the {} allowed", type, length,
                        cap);
  }
  return FrameHeader{static_cast<FrameType>(type), length};
}

Result<std::string> WireReader::ReadPayload(uint64_t length) {
  // Grown as bytes arrive, so a length that lies costs only the bytes actually sent.
  std::string payload;
  while (payload.size() < length) {
    size_t n = static_cast<size_t>(std::min<uint64_t>(length - payload.size(), kCopyBlock));
    size_t at = payload.size();
    payload.resize(at + n);
    BATES_RETURN_IF_ERROR(read_exact_(payload.data() + at, n));
  }
  payload_bytes_ += length;
  return payload;
}

Status WireReader::ReadContent(uint64_t length, Child& child) {
  if (length <= max_in_memory_bytes_) {
    BATES_ASSIGN_OR_RETURN(child.bytes, ReadPayload(length));
    return Status::Ok();
  }
  std::string pattern = (spill_dir_ / "helper-child-XXXXXX").string();
  int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd < 0)
    return IoError("creating a spill file in {}: {}", spill_dir_.string(), ErrnoMessage(errno));
  FdCloser out{fd};
  std::filesystem::path path = pattern;
  auto fail = [&](Status s) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    return s;
  };
  std::unique_ptr<char[]> buffer(new char[kCopyBlock]);
  uint64_t left = length;
  while (left > 0) {
    size_t n = static_cast<size_t>(std::min<uint64_t>(left, kCopyBlock));
    Status read = read_exact_(buffer.get(), n);
    if (!read.ok()) return fail(read);
    size_t done = 0;
    while (done < n) {
      ssize_t w = ::write(fd, buffer.get() + done, n - done);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) return fail(IoError("writing {}: {}", path.string(), ErrnoMessage(errno)));
      done += static_cast<size_t>(w);
    }
    left -= n;
    payload_bytes_ += n;
  }
  child.spill_path = path;
  return Status::Ok();
}

Result<Frame> WireReader::Next() {
  BATES_ASSIGN_OR_RETURN(FrameHeader header, ReadFrameHeader());
  Frame frame;
  frame.type = header.type;
  switch (header.type) {
    case FrameType::kDocument: {
      BATES_ASSIGN_OR_RETURN(std::string payload, ReadPayload(header.length));
      BATES_ASSIGN_OR_RETURN(frame.document, DecodeExtracted(payload));
      return frame;
    }
    case FrameType::kChild: {
      BATES_ASSIGN_OR_RETURN(std::string payload, ReadPayload(header.length));
      BATES_ASSIGN_OR_RETURN(frame.child, DecodeChildHeader(payload));
      BATES_ASSIGN_OR_RETURN(FrameHeader content, ReadFrameHeader());
      if (content.type != FrameType::kContent) {
        return CorruptError("child frame followed by a frame of type {}, not its content",
                            static_cast<int>(content.type));
      }
      BATES_RETURN_IF_ERROR(ReadContent(content.length, frame.child));
      return frame;
    }
    case FrameType::kContent:
      return CorruptError("content frame without a child frame before it");
    case FrameType::kStatus: {
      BATES_ASSIGN_OR_RETURN(std::string payload, ReadPayload(header.length));
      BATES_RETURN_IF_ERROR(DecodeStatus(payload, &frame.status));
      return frame;
    }
  }
  return CorruptError("unknown frame type");
}

}  // namespace bates::ingest::wire
