// Wire: the byte stream an isolated reader's helper process (helper.h) writes to its standard
// output and the parent reads back. It carries the reader's ReadContext calls — SetDocument,
// AddChild — and, last, the Status the reader returned.
//
// Format (all integers little-endian):
//
//   stream  := header frame*
//   header  := "BATESXW\n" (8 bytes) version:u32            -- version is kWireVersion
//   frame   := type:u8 length:u64 payload[length]
//   type    := 1 document   payload: Extracted
//            | 2 child      payload: Child without its content; always followed by a 3
//            | 3 content    payload: the raw bytes of the child just announced
//            | 4 status     payload: Status; the last frame of every stream
//
// Inside payloads: str := len:u64 bytes; opt<T> := present:u8 [T]; vec<T> := count:u64 T*;
// timestamp := utc_seconds:i64 offset_minutes:i32 floating:u8; status := code:u8 str;
// address := str(name) str(address). Extracted is str(text) metadata flags:u32 str(mime_type);
// a child is str(name) metadata str(declared_type) compressed_size:u64 status(failure); metadata
// lists model::Metadata's fields in declaration order. Each length is checked against what is
// left of its frame, and each frame's length against a cap from the Limits, so a malformed or
// hostile stream yields Corrupt, never a huge allocation. Content longer than the caller's
// in-memory threshold goes straight to a file in the spill folder.
//
// Ownership: WireWriter and WireReader borrow the functions that move bytes; a spilled child's
// file belongs to whoever receives the Child (the ReadContext deletes it when done).
//
// Thread safety: one writer or reader per thread; the free functions are pure.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "core/limits.h"
#include "core/result.h"
#include "ingest/reader.h"

namespace bates::ingest::wire {

inline constexpr std::string_view kWireMagic = "BATESXW\n";
inline constexpr uint32_t kWireVersion = 1;
inline constexpr size_t kStreamHeaderSize = 12;
inline constexpr size_t kFrameHeaderSize = 9;

enum class FrameType : uint8_t {
  kDocument = 1,
  kChild = 2,
  kContent = 3,
  kStatus = 4,
};

// Requests to a serving helper (bates-extract --serve), one document each, on its standard input:
//
//   request := "BATESRQ\n" name:str kind:u8 payload:str   -- kind 1: payload is a path to read;
//                                                           -- kind 2: payload is the document
//
// The helper answers each with a whole stream (header, frames, status) and waits for the next.
inline constexpr std::string_view kRequestMagic = "BATESRQ\n";
enum class RequestInput : uint8_t { kPath = 1, kBytes = 2 };

struct Request {
  std::string reader_name;
  RequestInput kind = RequestInput::kPath;
  std::string payload;
};

std::string EncodeRequest(std::string_view reader_name, RequestInput kind,
                          std::string_view payload);
// Reads one request with `read_exact`. NotFound when the input ends before a request starts (the
// parent is done); Corrupt for anything malformed; ResourceExhausted for a document over
// `max_payload_bytes`.
Result<Request> ReadRequest(const std::function<Status(char*, size_t)>& read_exact,
                            uint64_t max_payload_bytes);

// Exit codes of the helper program (bates-extract). With kExitOk the reader's own outcome is in
// the stream's status frame; the others mean the stream may be cut short.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;        // the helper could not run the reader at all
inline constexpr int kExitUsage = 2;         // bad arguments, unknown reader
inline constexpr int kExitOutputLost = 3;    // standard output closed (the parent went away)
inline constexpr int kExitOutOfMemory = 86;  // an allocation failed under the memory limit

// The largest frame of each kind a reader accepts, derived from the limits.
struct FrameCaps {
  uint64_t document = 0;  // text plus metadata
  uint64_t child = 0;     // a child's metadata
  uint64_t content = 0;   // a child's bytes
  uint64_t status = 0;
  static FrameCaps FromLimits(const Limits& limits);
};

// Payload encodings, exposed for tests and fuzzing.
std::string EncodeExtracted(const Extracted& document);
Result<Extracted> DecodeExtracted(std::string_view payload);
// Everything of a child except its bytes and spill path.
std::string EncodeChildHeader(const Child& child);
Result<Child> DecodeChildHeader(std::string_view payload);
std::string EncodeStatus(const Status& status);
// Result<Status> cannot be: the decoded status goes to `out`, the return says if decoding worked.
Status DecodeStatus(std::string_view payload, Status* out);

// Writes a stream. `write` must write all the bytes it is given or fail.
class WireWriter {
 public:
  using WriteFn = std::function<Status(std::string_view bytes)>;
  explicit WireWriter(WriteFn write) : write_(std::move(write)) {}

  Status WriteHeader();
  Status WriteDocument(const Extracted& document);
  // Writes the child's header and content frames. A spilled child's file is copied in blocks,
  // never read whole.
  Status WriteChild(const Child& child);
  Status WriteStatus(const Status& status);

 private:
  Status WriteFrame(FrameType type, std::string_view payload);
  WriteFn write_;
};

// One frame as WireReader hands it on.
struct Frame {
  FrameType type = FrameType::kStatus;
  Extracted document;  // kDocument
  Child child;         // kChild, with its content attached (bytes, or spill_path)
  Status status;       // kStatus
};

// Reads a stream. `read_exact` fills the whole buffer or fails (Corrupt at end of input).
class WireReader {
 public:
  using ReadExactFn = std::function<Status(char* buffer, size_t size)>;
  // Content longer than `max_in_memory_bytes` is written to a new file in `spill_dir`.
  WireReader(ReadExactFn read_exact, FrameCaps caps, std::filesystem::path spill_dir,
             uint64_t max_in_memory_bytes)
      : read_exact_(std::move(read_exact)),
        caps_(caps),
        spill_dir_(std::move(spill_dir)),
        max_in_memory_bytes_(max_in_memory_bytes) {}

  Status ReadHeader();
  // The next frame; a kChild frame is returned with its content frame consumed.
  Result<Frame> Next();
  // Bytes of payload read so far (the parent caps the helper's total output with it).
  uint64_t payload_bytes() const { return payload_bytes_; }

  // Lets the caller lower the in-memory threshold as its buffered bytes grow.
  void set_max_in_memory_bytes(uint64_t bytes) { max_in_memory_bytes_ = bytes; }

 private:
  struct FrameHeader {
    FrameType type;
    uint64_t length;
  };
  Result<FrameHeader> ReadFrameHeader();
  Result<std::string> ReadPayload(uint64_t length);
  Status ReadContent(uint64_t length, Child& child);

  ReadExactFn read_exact_;
  FrameCaps caps_;
  std::filesystem::path spill_dir_;
  uint64_t max_in_memory_bytes_;
  uint64_t payload_bytes_ = 0;
};

}  // namespace bates::ingest::wire
