#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/file.h"
#include "ingest/extractor.h"
#include "ingest/reader.h"
#include "ingest/readers/mapi.h"
#include "ingest/readers/office_test_util.h"
#include "ingest/readers/pst_walk.h"
#include "ingest/testing/fake_read_context.h"

namespace bates::ingest {
namespace {

namespace fs = std::filesystem;
using testing::FakeReadContext;

const Reader& Pst() {
  const Reader* reader = ReaderRegistry::Global().ByName("pst");
  EXPECT_NE(reader, nullptr);
  return *reader;
}

std::string Extra(const model::Metadata& meta, std::string_view key) {
  for (const auto& [k, v] : meta.extra) {
    if (k == key) return v;
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// The folder walk's guards, on folder graphs no store library would hand us.

struct FakeFolder {
  uint32_t id = 0;
};

class FakeStore {
 public:
  std::map<uint32_t, std::vector<uint32_t>> children;
  std::map<uint32_t, std::string> names;
  std::vector<std::string> visited;

  Result<uint32_t> Id(const FakeFolder& f) { return f.id; }
  Result<int> SubFolderCount(const FakeFolder& f) {
    return static_cast<int>(children[f.id].size());
  }
  Result<FakeFolder> SubFolder(const FakeFolder& f, int i) {
    return FakeFolder{children[f.id][static_cast<size_t>(i)]};
  }
  std::string Name(const FakeFolder& f) { return names[f.id]; }
  Status Visit(const FakeFolder&, const std::string& path) {
    visited.push_back(path);
    return Status::Ok();
  }
};

TEST(PstFolderWalkTest, VisitsEveryFolderOnceWithItsPath) {
  FakeStore store;
  store.children = {{1, {2, 3}}, {2, {4}}};
  store.names = {{2, "Inbox"}, {3, "Sent Items"}, {4, "Budget"}};
  FolderWalk<FakeStore, FakeFolder> walk(store, FolderWalkLimits{});
  ASSERT_TRUE(walk.Walk(FakeFolder{1}, "").ok());
  EXPECT_EQ(store.visited, (std::vector<std::string>{"", "Inbox", "Inbox/Budget", "Sent Items"}));
  EXPECT_EQ(walk.folders(), 4u);
}

TEST(PstFolderWalkTest, CyclicTreeEndsAsAnErrorAtOnce) {
  FakeStore store;
  // 2 -> 3 -> 4 -> 2: a folder reachable from itself.
  store.children = {{1, {2}}, {2, {3}}, {3, {4}}, {4, {2}}};
  store.names = {{2, "A"}, {3, "B"}, {4, "C"}};
  FolderWalk<FakeStore, FakeFolder> walk(store, FolderWalkLimits{});
  auto start = std::chrono::steady_clock::now();
  Status status = walk.Walk(FakeFolder{1}, "");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_NE(status.message().find("cyclic"), std::string::npos) << status.ToString();
  EXPECT_EQ(store.visited.size(), 4u);
  // A folder that is its own child.
  FakeStore self;
  self.children = {{7, {7}}};
  FolderWalk<FakeStore, FakeFolder> self_walk(self, FolderWalkLimits{});
  EXPECT_EQ(self_walk.Walk(FakeFolder{7}, "").code(), StatusCode::kCorrupt);
}

TEST(PstFolderWalkTest, DepthAndCountLimits) {
  FakeStore deep;
  for (uint32_t i = 1; i < 1000; ++i) deep.children[i] = {i + 1};
  FolderWalkLimits limits;
  limits.max_depth = 50;
  FolderWalk<FakeStore, FakeFolder> walk(deep, limits);
  Status status = walk.Walk(FakeFolder{1}, "");
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_NE(status.message().find("deeper than 50"), std::string::npos);

  FakeStore wide;
  for (uint32_t i = 2; i < 200; ++i) wide.children[1].push_back(i);
  limits = FolderWalkLimits{};
  limits.max_folders = 100;
  FolderWalk<FakeStore, FakeFolder> wide_walk(wide, limits);
  EXPECT_EQ(wide_walk.Walk(FakeFolder{1}, "").code(), StatusCode::kResourceExhausted);
}

// ---------------------------------------------------------------------------------------------
// The serialised form the PST reader hands messages on in.

TEST(MapiSerialTest, RoundTripAndTruncationAtEveryByte) {
  mapi::Message m;
  mapi::Property subject;
  subject.id = 0x0037;
  subject.type = mapi::kTypeUnicode;
  subject.value = Utf8ToUtf16Le("Quarterly report");
  m.props.Add(subject);
  mapi::Property keywords;
  keywords.id = 0x8005;
  keywords.type = mapi::kTypeMulti | mapi::kTypeUnicode;
  keywords.name = mapi::PropertyName{mapi::kPsPublicStrings, true, 0, "Keywords"};
  keywords.values = {Utf8ToUtf16Le("budget"), Utf8ToUtf16Le("fictional")};
  m.props.Add(keywords);
  mapi::Attachment attachment;
  attachment.data.owned = "attachment bytes";
  m.attachments.push_back(std::move(attachment));
  mapi::Attachment nested;
  nested.embedded = std::make_unique<mapi::Message>();
  nested.embedded->props.Add(subject);
  m.attachments.push_back(std::move(nested));

  Result<std::string> bytes = mapi::SerializeToString(m);
  ASSERT_TRUE(bytes.ok());
  Result<mapi::Message> back = mapi::Parse(*bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->props.String(0x0037, 1252), "Quarterly report");
  const mapi::Property* named = back->props.FindNamed(mapi::kPsPublicStrings, "keywords");
  ASSERT_NE(named, nullptr);
  EXPECT_EQ(mapi::PropertyBag::StringsOf(named, 1252),
            (std::vector<std::string>{"budget", "fictional"}));
  ASSERT_EQ(back->attachments.size(), 2u);
  EXPECT_EQ(back->attachments[0].data.borrowed, "attachment bytes");
  ASSERT_TRUE(back->attachments[1].embedded != nullptr);
  EXPECT_EQ(back->attachments[1].embedded->props.String(0x0037, 1252), "Quarterly report");

  for (size_t cut = 0; cut < bytes->size(); ++cut) {
    Result<mapi::Message> partial = mapi::Parse(std::string_view(*bytes).substr(0, cut));
    EXPECT_FALSE(partial.ok()) << "cut at " << cut;
  }
  // A count that claims more records than bytes remain is refused before any allocation.
  std::string lying =
      std::string(mapi::kSerialMagic) + std::string("\x01\0\0\0\xff\xff\xff\x7f", 8);
  Result<mapi::Message> refused = mapi::Parse(lying);
  EXPECT_EQ(refused.status().code(), StatusCode::kCorrupt);
}

TEST(MapiSerialTest, ItemsThatAreNotMailHaveTheirOwnType) {
  const Reader* reader = ReaderRegistry::Global().ByName("mapi");
  ASSERT_NE(reader, nullptr);
  for (const auto& [message_class, type] :
       {std::pair{"IPM.Appointment", "application/vnd.bates.mapi-appointment"},
        std::pair{"IPM.Contact", "application/vnd.bates.mapi-contact"},
        std::pair{"IPM.Task", "application/vnd.bates.mapi-task"}, std::pair{"IPM.Note", ""}}) {
    mapi::Message m;
    mapi::Property cls;
    cls.id = 0x001A;
    cls.type = mapi::kTypeUnicode;
    cls.value = Utf8ToUtf16Le(message_class);
    m.props.Add(cls);
    Result<std::string> bytes = mapi::SerializeToString(m);
    ASSERT_TRUE(bytes.ok());
    FakeReadContext context;
    ASSERT_TRUE(reader->Read(Input::FromMemory(*bytes, "item"), context).ok());
    EXPECT_EQ(context.document().mime_type, type) << message_class;
  }
}

// ---------------------------------------------------------------------------------------------
// Real stores.

std::optional<std::string> TikaPst(const char* name) {
  fs::path dir = testing::TikaFiles();
  if (dir.empty()) return std::nullopt;
  Result<std::string> bytes = ReadFile(dir / "microsoft" / name);
  if (!bytes.ok()) return std::nullopt;
  return *bytes;
}

std::vector<ExtractedItem> ExtractAll(std::string_view bytes, const std::string& name,
                                      const fs::path& helper = {}) {
  ExtractorOptions options;
  options.temp_dir = fs::temp_directory_path();
  options.helper_path = helper;
  Extractor extractor(options);
  std::vector<ExtractedItem> items;
  Status status = extractor.ExtractMemory(
      bytes, name,
      [&](ExtractedItem item) {
        items.push_back(std::move(item));
        return Status::Ok();
      },
      [&](uint32_t id, const Status& why, const std::string& tool) {
        for (ExtractedItem& item : items) {
          if (item.local_id != id) continue;
          item.status = model::ItemStatus::kException;
          item.exception = why;
          item.exception_tool = tool;
        }
        return Status::Ok();
      });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return items;
}

const ExtractedItem* Named(const std::vector<ExtractedItem>& items, std::string_view name) {
  for (const ExtractedItem& item : items) {
    if (item.name == name) return &item;
  }
  return nullptr;
}

TEST(PstReaderTest, IsAnIsolatedContainer) {
  EXPECT_TRUE(Pst().isolated());
  EXPECT_TRUE(Pst().is_container());
  EXPECT_EQ(ReaderRegistry::Global().ForMimeType("application/vnd.ms-outlook-pst"), &Pst());
  EXPECT_EQ(ReaderRegistry::Global().ForMimeType("application/vnd.ms-outlook-ost"), &Pst());
}

TEST(PstReaderTest, TikaStoreMessagesFoldersAndEmbeddedMessages) {
  std::optional<std::string> pst = TikaPst("testPST.pst");
  if (!pst) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  FakeReadContext context;
  Status status = Pst().Read(Input::FromMemory(*pst, "testPST.pst"), context);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(Extra(context.document().meta, "store_type"), "PST");
  EXPECT_EQ(Extra(context.document().meta, "store_encoding"), "compressible");
  ASSERT_EQ(context.children.size(), 7u);
  const std::string folder = "D\u00e9but du fichier de donn\u00e9es Outlook";
  for (size_t i = 0; i < context.children.size(); ++i) {
    const Child& child = context.children[i];
    EXPECT_EQ(child.name, folder + "/message " + std::to_string(i + 1));
    EXPECT_EQ(Extra(child.meta, "folder"), folder);
    EXPECT_EQ(child.declared_type, mapi::kSerialMimeType);
    EXPECT_TRUE(child.failure.ok()) << child.failure.ToString();
  }

  // Through the extractor: every message read back, with its headers and the forwarded message
  // inside the last one, and the DOCX inside that.
  std::vector<ExtractedItem> items = ExtractAll(*pst, "testPST.pst");
  ASSERT_GE(items.size(), 10u);
  EXPECT_EQ(items[0].kind, model::ItemKind::kContainer);
  const ExtractedItem& first = items[1];
  EXPECT_EQ(first.kind, model::ItemKind::kEmail);
  EXPECT_EQ(first.reader, "mapi");
  EXPECT_EQ(first.meta.subject, "Re: Feature Generators");
  EXPECT_EQ(first.meta.from->address, "kottmann@gmail.com");
  EXPECT_EQ(first.meta.message_id, "530D9CAC.5080901@gmail.com");
  EXPECT_EQ(FormatIso8601(*first.meta.sent), "2014-02-26T08:50:04+01:00");
  EXPECT_EQ(Extra(first.meta, "folder"), folder);
  EXPECT_NE(first.text.find("the PreviousMapFeatureGenerator remebers the last outcome"),
            std::string::npos);
  const ExtractedItem* forwarded = Named(items, "First email");
  ASSERT_NE(forwarded, nullptr);
  EXPECT_EQ(forwarded->kind, model::ItemKind::kAttachment);
  EXPECT_EQ(forwarded->meta.subject, "First email");
  const ExtractedItem* docx = Named(items, "attachment.docx");
  ASSERT_NE(docx, nullptr);
  EXPECT_EQ(docx->parent_local_id, forwarded->local_id);
  EXPECT_EQ(docx->kind, model::ItemKind::kEmbedded);
  EXPECT_EQ(docx->reader, "ooxml");
  for (const ExtractedItem& item : items) {
    EXPECT_EQ(item.status, model::ItemStatus::kProcessed)
        << item.name << ": " << item.exception.ToString();
  }
}

TEST(PstReaderTest, PlainHtmlAndRtfBodies) {
  std::optional<std::string> pst = TikaPst("testPST_variousBodyTypes.pst");
  if (!pst) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  std::vector<ExtractedItem> items = ExtractAll(*pst, "variousBodyTypes.pst");
  std::vector<std::string> texts;
  for (const ExtractedItem& item : items) {
    if (item.kind == model::ItemKind::kEmail) {
      EXPECT_EQ(Extra(item.meta, "folder"), "Top of Outlook data file/Inbox/tmp");
      texts.push_back(item.text);
    }
  }
  ASSERT_EQ(texts.size(), 4u);
  EXPECT_NE(texts[0].find("This is the original email (html)"), std::string::npos);
  EXPECT_NE(texts[1].find("Forwarded (html)"), std::string::npos);
  EXPECT_NE(texts[2].find("Forwarded RTF"), std::string::npos);
  EXPECT_NE(texts[3].find("Forwarded plain text"), std::string::npos);
}

TEST(PstReaderTest, LargeMessagesSpillAndStream) {
  std::optional<std::string> pst = TikaPst("testPST.pst");
  if (!pst) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  Limits limits;
  limits.max_in_memory_bytes = 4096;  // every message is "large"
  FakeReadContext context(limits);
  ASSERT_TRUE(Pst().Read(Input::FromMemory(*pst, "testPST.pst"), context).ok());
  ASSERT_EQ(context.children.size(), 7u);
  for (const Child& child : context.children) {
    ASSERT_FALSE(child.spill_path.empty()) << child.name;
    EXPECT_TRUE(child.bytes.empty());
    Result<std::string> bytes = ReadFile(child.spill_path);
    ASSERT_TRUE(bytes.ok());
    EXPECT_TRUE(mapi::Parse(*bytes).ok()) << child.name;
    fs::remove(child.spill_path);
  }
}

// ---------------------------------------------------------------------------------------------
// Patching the Tika store. A Unicode PST keeps its node B-tree (NBT) in 512-byte pages, each
// with a trailer whose CRC covers the page; data blocks are 64-byte aligned with a trailer of
// their own, and with "compressible encryption" their bytes pass through a fixed byte
// substitution ([MS-PST] 2.2.2.7, 2.2.2.8, 5.1, 5.3).

uint64_t Le(const std::string& s, size_t at, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v |= uint64_t{static_cast<unsigned char>(s[at + i])} << (8 * i);
  return v;
}
void SetLe(std::string& s, size_t at, uint64_t v, size_t n) {
  for (size_t i = 0; i < n; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

// [MS-PST] 5.3: CRC-32 with no inversion on the way in or out.
uint32_t PstCrc(std::string_view data) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t v = n;
      for (int k = 0; k < 8; ++k) v = (v & 1) ? 0xEDB88320u ^ (v >> 1) : v >> 1;
      t[n] = v;
    }
    return t;
  }();
  uint32_t c = 0;
  for (char ch : data) c = table[(c ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (c >> 8);
  return c;
}

struct NbtEntry {
  size_t offset;  // of the entry in the file
  size_t page;    // of its page
  uint64_t nid;
  uint32_t parent;
};

std::vector<NbtEntry> NbtLeaves(const std::string& pst) {
  std::vector<NbtEntry> out;
  std::vector<size_t> pages = {static_cast<size_t>(Le(pst, 0xE0, 8))};  // ROOT.BREFNBT.ib
  while (!pages.empty()) {
    size_t page = pages.back();
    pages.pop_back();
    if (page + 512 > pst.size()) continue;
    size_t entries = static_cast<unsigned char>(pst[page + 488]);
    size_t size = static_cast<unsigned char>(pst[page + 490]);
    size_t level = static_cast<unsigned char>(pst[page + 491]);
    for (size_t i = 0; i < entries; ++i) {
      size_t at = page + i * size;
      if (level > 0) {
        pages.push_back(static_cast<size_t>(Le(pst, at + 16, 8)));
      } else {
        out.push_back({at, page, Le(pst, at, 8), static_cast<uint32_t>(Le(pst, at + 24, 4))});
      }
    }
  }
  return out;
}

void FixPageCrc(std::string& pst, size_t page) {
  SetLe(pst, page + 500, PstCrc(std::string_view(pst).substr(page, 496)), 4);
}

// A folder tree made cyclic: a folder whose parent is its own sub-folder.
TEST(PstReaderTest, CyclicFolderTreeEndsAsAnExceptionWithinSeconds) {
  std::optional<std::string> pst = TikaPst("testPST.pst");
  if (!pst) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  ASSERT_GE(Le(*pst, 10, 2), 23u) << "expected a Unicode PST";
  std::vector<NbtEntry> entries = NbtLeaves(*pst);
  const NbtEntry* folder = nullptr;
  const NbtEntry* sub = nullptr;
  for (const NbtEntry& a : entries) {
    if ((a.nid & 0x1F) != 0x02 || a.nid == a.parent) continue;  // a folder, not the root
    for (const NbtEntry& b : entries) {
      if ((b.nid & 0x1F) == 0x02 && b.parent == a.nid) {
        folder = &a;
        sub = &b;
      }
    }
  }
  ASSERT_NE(folder, nullptr) << "no folder with a sub-folder in the sample";
  std::string cyclic = *pst;
  SetLe(cyclic, folder->offset + 24, sub->nid, 4);
  FixPageCrc(cyclic, folder->page);
  // For the real pipeline (tests/integration/test_formats.py): BATES_TEST_OUTPUT_DIR keeps it.
  if (const char* out = std::getenv("BATES_TEST_OUTPUT_DIR")) {
    ASSERT_TRUE(WriteFileAtomic(fs::path(out) / "cyclic.pst", cyclic).ok());
  }

  FakeReadContext context;
  auto start = std::chrono::steady_clock::now();
  Status status = Pst().Read(Input::FromMemory(cyclic, "cyclic.pst"), context);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_NE(status.message().find("cyclic"), std::string::npos) << status.ToString();

  // The same store through the helper process, as bates reads it: one exception item.
  start = std::chrono::steady_clock::now();
  std::vector<ExtractedItem> items = ExtractAll(cyclic, "cyclic.pst", BATES_EXTRACT_PATH);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].status, model::ItemStatus::kException);
  EXPECT_EQ(items[0].exception.code(), StatusCode::kCorrupt);
  EXPECT_EQ(items[0].exception_tool, "libpff");
}

// Family integrity through a real store: the Tika store's forwarded message carries a DOCX; it is
// replaced, in place, by a DOCX that embeds an XLSX (same size, the archive comment pads it), so
// the store yields message -> DOCX -> XLSX, each item linked to its parent, in order.
TEST(PstReaderTest, MessageDocxXlsxFamilyInAPatchedStore) {
  std::optional<std::string> pst = TikaPst("testPST.pst");
  if (!pst) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  std::vector<ExtractedItem> original = ExtractAll(*pst, "testPST.pst");
  const ExtractedItem* old_docx = Named(original, "attachment.docx");
  ASSERT_NE(old_docx, nullptr);
  const std::string plain = old_docx->native;
  ASSERT_GT(plain.size(), 8176u);

  // Where each block of the attachment lies: the offset (64-byte aligned) whose bytes are a
  // consistent substitution of the block's plain bytes, with a trailer that gives its size.
  constexpr size_t kBlock = 8176;
  std::vector<size_t> offsets;
  for (size_t begin = 0; begin < plain.size(); begin += kBlock) {
    std::string_view chunk = std::string_view(plain).substr(begin, kBlock);
    std::optional<size_t> found;
    for (size_t at = 0; at + chunk.size() + 16 <= pst->size() && !found; at += 64) {
      std::array<int, 256> map;
      map.fill(-1);
      bool consistent = true;
      for (size_t i = 0; i < chunk.size() && consistent; ++i) {
        auto p = static_cast<unsigned char>(chunk[i]);
        auto c = static_cast<unsigned char>((*pst)[at + i]);
        if (map[p] < 0) map[p] = c;
        consistent = map[p] == c;
      }
      size_t trailer = at + ((chunk.size() + 16 + 63) / 64) * 64 - 16;
      if (consistent && Le(*pst, trailer, 2) == chunk.size()) found = at;
    }
    ASSERT_TRUE(found.has_value()) << "block at " << begin << " not found";
    offsets.push_back(*found);
  }

  // The substitution, learnt from libpff itself: write every byte value into the first block
  // and read back what libpff decodes.
  std::string probe = *pst;
  for (size_t i = 0; i < 256; ++i) probe[offsets[0] + i] = static_cast<char>(i);
  std::vector<ExtractedItem> probe_items = ExtractAll(probe, "probe.pst");
  const ExtractedItem* probed = Named(probe_items, "attachment.docx");
  ASSERT_NE(probed, nullptr);
  std::array<unsigned char, 256> encode{};
  for (size_t c = 0; c < 256; ++c)
    encode[static_cast<unsigned char>(probed->native[c])] = static_cast<unsigned char>(c);

  std::string xlsx =
      testing::MakeXlsx({{"Budget", {{"Line", "Amount"}, {"Paper", "42"}, {"Total", "=B2*2|84"}}}});
  std::string docx = testing::MakeDocx(testing::Paragraph("Memo with the embedded budget."),
                                       {{"Budget.xlsx", xlsx}}, {}, {}, plain.size());
  ASSERT_EQ(docx.size(), plain.size());
  std::string patched = *pst;
  for (size_t k = 0; k < offsets.size(); ++k) {
    size_t begin = k * kBlock;
    size_t length = std::min(kBlock, docx.size() - begin);
    for (size_t i = 0; i < length; ++i) {
      patched[offsets[k] + i] =
          static_cast<char>(encode[static_cast<unsigned char>(docx[begin + i])]);
    }
    size_t trailer = offsets[k] + ((length + 16 + 63) / 64) * 64 - 16;
    SetLe(patched, trailer + 4, PstCrc(std::string_view(patched).substr(offsets[k], length)), 4);
  }

  // For a look with the real pipeline (`bates add`): BATES_TEST_OUTPUT_DIR keeps the store.
  if (const char* out = std::getenv("BATES_TEST_OUTPUT_DIR")) {
    ASSERT_TRUE(WriteFileAtomic(fs::path(out) / "family.pst", patched).ok());
  }
  std::vector<ExtractedItem> items = ExtractAll(patched, "family.pst");
  const ExtractedItem* message = Named(items, "First email");
  const ExtractedItem* memo = Named(items, "attachment.docx");
  const ExtractedItem* sheet = Named(items, "word/embeddings/Budget.xlsx");
  ASSERT_NE(message, nullptr);
  ASSERT_NE(memo, nullptr);
  ASSERT_NE(sheet, nullptr);
  EXPECT_EQ(memo->native, docx);
  EXPECT_EQ(memo->parent_local_id, message->local_id);
  EXPECT_EQ(sheet->parent_local_id, memo->local_id);
  EXPECT_LT(message->local_id, memo->local_id);
  EXPECT_LT(memo->local_id, sheet->local_id);
  EXPECT_EQ(memo->reader, "ooxml");
  EXPECT_EQ(sheet->reader, "ooxml");
  EXPECT_EQ(sheet->kind, model::ItemKind::kEmbedded);
  EXPECT_NE(memo->text.find("Memo with the embedded budget."), std::string::npos);
  EXPECT_NE(sheet->text.find("Total\t84"), std::string::npos) << sheet->text;
  // The family reaches up to the PST message that heads it.
  const ExtractedItem* head = nullptr;
  for (const ExtractedItem& item : items) {
    if (item.local_id == *message->parent_local_id) head = &item;
  }
  ASSERT_NE(head, nullptr);
  EXPECT_EQ(head->kind, model::ItemKind::kEmail);
  EXPECT_EQ(head->meta.subject, "FW: First email");
  for (const ExtractedItem& item : items) {
    EXPECT_EQ(item.status, model::ItemStatus::kProcessed)
        << item.name << ": " << item.exception.ToString();
  }
}

}  // namespace
}  // namespace bates::ingest
