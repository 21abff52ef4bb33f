#include "ingest/wire.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>

#include "core/file.h"

namespace bates::ingest::wire {
namespace {

namespace fs = std::filesystem;

// A stream in a string, written and read back through the real writer and reader.
struct Pipe {
  std::string bytes;
  size_t read_pos = 0;

  WireWriter Writer() {
    return WireWriter([this](std::string_view b) {
      bytes.append(b);
      return Status::Ok();
    });
  }
  WireReader Reader(const fs::path& spill_dir = fs::temp_directory_path(),
                    uint64_t max_in_memory = uint64_t{1} << 20, Limits limits = {}) {
    read_pos = 0;
    return WireReader(
        [this](char* buffer, size_t size) {
          if (bytes.size() - read_pos < size) return CorruptError("stream ended");
          std::memcpy(buffer, bytes.data() + read_pos, size);
          read_pos += size;
          return Status::Ok();
        },
        FrameCaps::FromLimits(limits), spill_dir, max_in_memory);
  }
};

model::Metadata FullMetadata() {
  model::Metadata m;
  m.from = model::Address{"Chief Ramos", "chief@city.example"};
  m.to = {{"Records Clerk", "clerk@city.example"}, {"", "foia@city.example"}};
  m.cc = {{"Counsel", "counsel@law.example"}};
  m.bcc = {{"Auditor", "audit@city.example"}};
  m.subject = "Re: request 2018-04 — ünïcödé";
  m.sent = Timestamp{1516806900, -300, false};
  m.received = Timestamp{1516807000, 60, false};
  m.created = Timestamp{1500000000, 0, true};
  m.modified = Timestamp{-86400, 330, false};  // before the epoch, odd offset
  m.author = "R. Ramos";
  m.last_author = "J. Doe";
  m.title = "Use of Force";
  m.file_name = "policy.pdf";
  m.message_id = "abc@city.example";
  m.in_reply_to = "prev@city.example";
  m.references = {"a@city.example", "b@city.example"};
  m.conversation_index = "AdQ3Zm9v";
  m.language = "en";
  m.extra = {{"producer", "Acrobat"}, {"page_count", "4"}, {"empty", ""}};
  return m;
}

void ExpectSameMetadata(const model::Metadata& a, const model::Metadata& b) {
  EXPECT_EQ(a.from, b.from);
  EXPECT_EQ(a.to, b.to);
  EXPECT_EQ(a.cc, b.cc);
  EXPECT_EQ(a.bcc, b.bcc);
  EXPECT_EQ(a.subject, b.subject);
  EXPECT_EQ(a.sent, b.sent);
  EXPECT_EQ(a.received, b.received);
  EXPECT_EQ(a.created, b.created);
  EXPECT_EQ(a.modified, b.modified);
  EXPECT_EQ(a.author, b.author);
  EXPECT_EQ(a.last_author, b.last_author);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.file_name, b.file_name);
  EXPECT_EQ(a.message_id, b.message_id);
  EXPECT_EQ(a.in_reply_to, b.in_reply_to);
  EXPECT_EQ(a.references, b.references);
  EXPECT_EQ(a.conversation_index, b.conversation_index);
  EXPECT_EQ(a.language, b.language);
  EXPECT_EQ(a.extra, b.extra);
}

TEST(WireTest, ExtractedRoundTripsEveryField) {
  Extracted doc;
  doc.text = std::string("page one\fpage two with a NUL \0 inside", 37);
  doc.meta = FullMetadata();
  doc.flags = model::kFlagNoText | model::kFlagTruncated;
  doc.mime_type = "application/pdf";
  Result<Extracted> back = DecodeExtracted(EncodeExtracted(doc));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->text, doc.text);
  EXPECT_EQ(back->flags, doc.flags);
  EXPECT_EQ(back->mime_type, doc.mime_type);
  ExpectSameMetadata(back->meta, doc.meta);

  Result<Extracted> empty = DecodeExtracted(EncodeExtracted(Extracted{}));
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->meta.from.has_value());
  EXPECT_FALSE(empty->meta.sent.has_value());
}

TEST(WireTest, ChildHeaderRoundTrips) {
  Child child;
  child.name = "../../evil.txt";
  child.meta = FullMetadata();
  child.declared_type = "text/plain";
  child.compressed_size = 12345678901ull;
  child.failure = EncryptedError("archive member is encrypted");
  Result<Child> back = DecodeChildHeader(EncodeChildHeader(child));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->name, child.name);
  ExpectSameMetadata(back->meta, child.meta);
  EXPECT_EQ(back->declared_type, child.declared_type);
  EXPECT_EQ(back->compressed_size, child.compressed_size);
  EXPECT_EQ(back->failure.code(), StatusCode::kEncrypted);
  EXPECT_EQ(back->failure.message(), "archive member is encrypted");
}

TEST(WireTest, EveryStatusCodeRoundTrips) {
  for (int code = 0; code <= static_cast<int>(StatusCode::kInternal); ++code) {
    Status status = code == 0
                        ? Status::Ok()
                        : Status(static_cast<StatusCode>(code), fmt::format("reason {}", code));
    Status back = InternalError("unset");
    ASSERT_TRUE(DecodeStatus(EncodeStatus(status), &back).ok());
    EXPECT_EQ(back.code(), status.code());
    EXPECT_EQ(back.message(), status.message());
  }
}

TEST(WireTest, StreamCarriesDocumentChildrenAndStatus) {
  Pipe pipe;
  WireWriter writer = pipe.Writer();
  Extracted doc;
  doc.text = "hello";
  doc.meta.title = "t";
  Child small;
  small.name = "a.txt";
  small.bytes = "alpha";
  Child failed;
  failed.name = "b.bin";
  failed.failure = ResourceExhaustedError("expands more than 200:1 — decompression bomb");
  ASSERT_TRUE(writer.WriteHeader().ok());
  ASSERT_TRUE(writer.WriteDocument(doc).ok());
  ASSERT_TRUE(writer.WriteChild(small).ok());
  ASSERT_TRUE(writer.WriteChild(failed).ok());
  ASSERT_TRUE(writer.WriteStatus(CorruptError("cut short")).ok());

  WireReader reader = pipe.Reader();
  ASSERT_TRUE(reader.ReadHeader().ok());
  Result<Frame> f1 = reader.Next();
  ASSERT_TRUE(f1.ok());
  EXPECT_EQ(f1->type, FrameType::kDocument);
  EXPECT_EQ(f1->document.text, "hello");
  Result<Frame> f2 = reader.Next();
  ASSERT_TRUE(f2.ok());
  EXPECT_EQ(f2->type, FrameType::kChild);
  EXPECT_EQ(f2->child.bytes, "alpha");
  EXPECT_TRUE(f2->child.spill_path.empty());
  Result<Frame> f3 = reader.Next();
  ASSERT_TRUE(f3.ok());
  EXPECT_EQ(f3->child.failure.code(), StatusCode::kResourceExhausted);
  EXPECT_TRUE(f3->child.bytes.empty());
  Result<Frame> f4 = reader.Next();
  ASSERT_TRUE(f4.ok());
  EXPECT_EQ(f4->type, FrameType::kStatus);
  EXPECT_EQ(f4->status.code(), StatusCode::kCorrupt);
  EXPECT_EQ(f4->status.message(), "cut short");
  EXPECT_EQ(pipe.read_pos, pipe.bytes.size());
}

class WireSpillTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "wire-test-XXXXXX").string();
    dir_ = ::mkdtemp(pattern.data());
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(WireSpillTest, LargeContentSpillsAndSpilledChildrenAreStreamed) {
  // The writer reads a spilled child's file; the reader writes large content to a new file.
  std::string content(300000, 'z');
  content += "end";
  fs::path source = dir_ / "source.bin";
  ASSERT_TRUE(WriteFileAtomic(source, content).ok());
  Child spilled;
  spilled.name = "big.bin";
  spilled.spill_path = source;
  Pipe pipe;
  WireWriter writer = pipe.Writer();
  ASSERT_TRUE(writer.WriteHeader().ok());
  ASSERT_TRUE(writer.WriteChild(spilled).ok());

  WireReader reader = pipe.Reader(dir_, /*max_in_memory=*/1000);
  ASSERT_TRUE(reader.ReadHeader().ok());
  Result<Frame> frame = reader.Next();
  ASSERT_TRUE(frame.ok()) << frame.status().ToString();
  EXPECT_TRUE(frame->child.bytes.empty());
  ASSERT_FALSE(frame->child.spill_path.empty());
  EXPECT_EQ(frame->child.spill_path.parent_path(), dir_);
  EXPECT_NE(frame->child.spill_path, source);
  Result<std::string> back = ReadFile(frame->child.spill_path);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, content);
  EXPECT_EQ(reader.payload_bytes(), content.size() + EncodeChildHeader(spilled).size());
}

TEST_F(WireSpillTest, CutContentLeavesNoSpillFile) {
  Child child;
  child.name = "big.bin";
  child.bytes = std::string(50000, 'q');
  Pipe pipe;
  WireWriter writer = pipe.Writer();
  ASSERT_TRUE(writer.WriteHeader().ok());
  ASSERT_TRUE(writer.WriteChild(child).ok());
  pipe.bytes.resize(pipe.bytes.size() - 100);
  WireReader reader = pipe.Reader(dir_, /*max_in_memory=*/10);
  ASSERT_TRUE(reader.ReadHeader().ok());
  EXPECT_EQ(reader.Next().status().code(), StatusCode::kCorrupt);
  EXPECT_TRUE(fs::is_empty(dir_));
}

std::string ValidStream() {
  Pipe pipe;
  WireWriter writer = pipe.Writer();
  Extracted doc;
  doc.text = "text";
  doc.meta = FullMetadata();
  Child child;
  child.name = "c";
  child.bytes = "bytes";
  child.meta = FullMetadata();
  EXPECT_TRUE(writer.WriteHeader().ok());
  EXPECT_TRUE(writer.WriteDocument(doc).ok());
  EXPECT_TRUE(writer.WriteChild(child).ok());
  EXPECT_TRUE(writer.WriteStatus(Status::Ok()).ok());
  return pipe.bytes;
}

// Reads a whole stream; Ok only if it ends in a status frame.
Status ReadAll(Pipe& pipe, Limits limits = {}) {
  WireReader reader = pipe.Reader(fs::temp_directory_path(), 1 << 20, limits);
  BATES_RETURN_IF_ERROR(reader.ReadHeader());
  while (true) {
    BATES_ASSIGN_OR_RETURN(Frame frame, reader.Next());
    if (!frame.child.spill_path.empty()) fs::remove(frame.child.spill_path);
    if (frame.type == FrameType::kStatus) return Status::Ok();
  }
}

TEST(WireTest, MalformedStreamsAreCorrupt) {
  {
    Pipe pipe{ValidStream()};
    EXPECT_TRUE(ReadAll(pipe).ok());
  }
  {
    Pipe pipe{ValidStream()};
    pipe.bytes[0] = 'X';  // magic
    EXPECT_EQ(ReadAll(pipe).code(), StatusCode::kCorrupt);
  }
  {
    Pipe pipe{ValidStream()};
    pipe.bytes[8] = 2;  // version
    Status s = ReadAll(pipe);
    EXPECT_EQ(s.code(), StatusCode::kCorrupt);
    EXPECT_NE(s.message().find("version 2"), std::string::npos);
  }
  {
    Pipe pipe{ValidStream()};
    pipe.bytes[kStreamHeaderSize] = 9;  // frame type
    EXPECT_EQ(ReadAll(pipe).code(), StatusCode::kCorrupt);
  }
  {
    // A length of 2^63: refused from the header, before any allocation.
    Pipe pipe{ValidStream()};
    pipe.bytes[kStreamHeaderSize + 8] = '\x80';
    Status s = ReadAll(pipe);
    EXPECT_EQ(s.code(), StatusCode::kCorrupt);
    EXPECT_NE(s.message().find("more than"), std::string::npos) << s.message();
  }
  {
    // Content frames are capped at the item limit.
    Limits limits;
    limits.max_item_bytes = 3;
    Pipe pipe{ValidStream()};
    EXPECT_EQ(ReadAll(pipe, limits).code(), StatusCode::kCorrupt);
  }
  {
    Pipe pipe{ValidStream()};
    pipe.bytes.resize(pipe.bytes.size() - 1);  // no complete status frame
    EXPECT_EQ(ReadAll(pipe).code(), StatusCode::kCorrupt);
  }
  {
    // A content frame with no child before it.
    Pipe pipe;
    WireWriter writer = pipe.Writer();
    ASSERT_TRUE(writer.WriteHeader().ok());
    pipe.bytes += std::string("\x03\x01\0\0\0\0\0\0\0x", 10);
    EXPECT_EQ(ReadAll(pipe).code(), StatusCode::kCorrupt);
  }
}

TEST(WireTest, ForgedLengthsInsidePayloadsAreCorrupt) {
  std::string payload = EncodeExtracted(Extracted{});
  // The text's length says 2^40 bytes in a frame of a few dozen.
  std::string forged = payload;
  forged[5] = 1;
  EXPECT_EQ(DecodeExtracted(forged).status().code(), StatusCode::kCorrupt);
  // A list count far beyond what the frame holds (the "to" list follows from + text).
  Extracted doc;
  std::string with_count = EncodeExtracted(doc);
  size_t to_count = 8 + 1;  // text length, then from's presence byte
  with_count[to_count + 6] = 0x7f;
  EXPECT_EQ(DecodeExtracted(with_count).status().code(), StatusCode::kCorrupt);
  // Trailing bytes, a bad flag byte, an unknown status code.
  EXPECT_EQ(DecodeExtracted(payload + "x").status().code(), StatusCode::kCorrupt);
  std::string bad_flag = payload;
  bad_flag[8] = 7;
  EXPECT_EQ(DecodeExtracted(bad_flag).status().code(), StatusCode::kCorrupt);
  Status out;
  EXPECT_EQ(DecodeStatus(std::string("\x63\0\0\0\0\0\0\0\0", 9), &out).code(),
            StatusCode::kCorrupt);
}

TEST(WireTest, RandomDamageNeverCrashes) {
  const std::string valid = ValidStream();
  std::mt19937_64 rng(1234);
  for (int i = 0; i < 3000; ++i) {
    Pipe pipe{valid};
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      size_t at = rng() % pipe.bytes.size();
      switch (rng() % 3) {
        case 0:
          pipe.bytes[at] = static_cast<char>(rng());
          break;
        case 1:
          pipe.bytes.resize(at);
          break;
        default:
          pipe.bytes.insert(at, 1, static_cast<char>(rng()));
          break;
      }
      if (pipe.bytes.empty()) break;
    }
    Status s = ReadAll(pipe);
    EXPECT_TRUE(s.ok() || s.code() == StatusCode::kCorrupt) << s.ToString();
  }
}

}  // namespace
}  // namespace bates::ingest::wire
