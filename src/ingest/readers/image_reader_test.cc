#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <libexif/exif-data.h>
#include <libexif/exif-utils.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/file.h"
#include "core/time.h"
#include "ingest/helper.h"
#include "ingest/reader.h"
#include "ingest/readers/ocr.h"
#include "ingest/testing/fake_read_context.h"
#include "model/item.h"

namespace bates::ingest {
namespace {

namespace fs = std::filesystem;
using testing::FakeReadContext;

const Reader& ImageReader() {
  const Reader* reader = ReaderRegistry::Global().ByName("image");
  EXPECT_NE(reader, nullptr);
  return *reader;
}

struct PixFree {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, PixFree>;

// A white page with black lines of text in leptonica's built-in bitmap font: what a scanner
// would give for a typed page, at the size Tesseract reads well.
PixPtr TextPicture(const std::vector<std::string>& lines, int width = 1400) {
  L_BMF* font = bmfCreate(nullptr, 14);
  EXPECT_NE(font, nullptr);
  const int height = 120 + 110 * static_cast<int>(lines.size());
  PixPtr pix(pixCreate(width, height, 8));
  pixSetAll(pix.get());
  int y = 100;
  for (const std::string& line : lines) {
    l_int32 line_width = 0;
    l_int32 overflow = 0;
    pixSetTextline(pix.get(), font, line.c_str(), 0, 40, y, &line_width, &overflow);
    EXPECT_EQ(overflow, 0) << line;
    y += 110;
  }
  bmfDestroy(&font);
  pixSetResolution(pix.get(), 300, 300);
  return pix;
}

std::string Encode(Pix* pix, int format) {
  l_uint8* data = nullptr;
  size_t size = 0;
  EXPECT_EQ(pixWriteMem(&data, &size, pix, format), 0) << format;
  std::string out(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return out;
}

Status Read(std::string_view bytes, FakeReadContext& context, std::string name = "scan") {
  return ImageReader().Read(Input::FromMemory(bytes, std::move(name)), context);
}

std::string ExtraValue(const model::Metadata& meta, std::string_view key) {
  for (const auto& [k, v] : meta.extra) {
    if (k == key) return v;
  }
  return {};
}

// An extra field as a number; -1 when absent or not a number.
long ExtraNumber(const model::Metadata& meta, std::string_view key) {
  std::string value = ExtraValue(meta, key);
  char* end = nullptr;
  long number = std::strtol(value.c_str(), &end, 10);
  return value.empty() || *end != '\0' ? -1 : number;
}

// An EXIF block built with libexif, for putting into a JPEG's APP1 segment.
class ExifBuilder {
 public:
  ExifBuilder() : data_(exif_data_new()) {
    exif_data_set_byte_order(data_, EXIF_BYTE_ORDER_INTEL);
    exif_data_unset_option(data_, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  }
  ~ExifBuilder() { exif_data_unref(data_); }

  void Ascii(ExifIfd ifd, int tag, const std::string& value) {
    ExifEntry* entry = New(ifd, tag, EXIF_FORMAT_ASCII, value.size() + 1, value.size() + 1);
    std::memcpy(entry->data, value.c_str(), value.size() + 1);
    exif_entry_unref(entry);
  }
  void Short(ExifIfd ifd, int tag, uint16_t value) {
    ExifEntry* entry = New(ifd, tag, EXIF_FORMAT_SHORT, 1, 2);
    exif_set_short(entry->data, EXIF_BYTE_ORDER_INTEL, value);
    exif_entry_unref(entry);
  }
  void Rationals(ExifIfd ifd, int tag, const std::vector<std::pair<uint32_t, uint32_t>>& values) {
    ExifEntry* entry = New(ifd, tag, EXIF_FORMAT_RATIONAL, values.size(), 8 * values.size());
    for (size_t i = 0; i < values.size(); ++i) {
      exif_set_rational(entry->data + 8 * i, EXIF_BYTE_ORDER_INTEL,
                        ExifRational{values[i].first, values[i].second});
    }
    exif_entry_unref(entry);
  }

  // A JPEG of `pix` with this EXIF block after its start-of-image marker.
  std::string Jpeg(Pix* pix) {
    unsigned char* block = nullptr;
    unsigned int size = 0;
    exif_data_save_data(data_, &block, &size);
    EXPECT_NE(block, nullptr);
    std::string segment = "\xFF\xE1";
    segment.push_back(static_cast<char>(((size + 2) >> 8) & 0xFF));
    segment.push_back(static_cast<char>((size + 2) & 0xFF));
    segment.append(reinterpret_cast<const char*>(block), size);
    std::free(block);
    std::string jpeg = Encode(pix, IFF_JFIF_JPEG);
    return jpeg.substr(0, 2) + segment + jpeg.substr(2);
  }

 private:
  ExifEntry* New(ExifIfd ifd, int tag, ExifFormat format, size_t components, size_t size) {
    ExifEntry* entry = exif_entry_new();
    entry->tag = static_cast<ExifTag>(tag);
    entry->format = format;
    entry->components = components;
    entry->size = static_cast<unsigned int>(size);
    entry->data = static_cast<unsigned char*>(std::calloc(size, 1));  // libexif frees it
    exif_content_add_entry(data_->ifd[ifd], entry);
    return entry;
  }

  ExifData* data_;
};

TEST(ImageReaderTest, IsolatedAndRegisteredForPictures) {
  EXPECT_TRUE(ImageReader().isolated());
  for (const char* type : {"image/tiff", "image/png", "image/jpeg", "image/gif", "image/bmp"}) {
    EXPECT_EQ(ReaderRegistry::Global().ForMimeType(type), &ImageReader()) << type;
  }
  EXPECT_FALSE(ocr::TessdataDir().empty()) << "tesseract-ocr-eng is not installed";
}

TEST(ImageReaderTest, PngTextIsRecognisedAndFlaggedOcr) {
  PixPtr pix = TextPicture({"Evidence must be logged on receipt", "Chain of custody report 2019"});
  std::string png = Encode(pix.get(), IFF_PNG);
  FakeReadContext context;
  Status status = Read(png, context, "scan.png");
  ASSERT_TRUE(status.ok()) << status.ToString();
  const Extracted& doc = context.document();
  for (const char* word : {"Evidence", "logged", "receipt", "custody", "2019"}) {
    EXPECT_NE(doc.text.find(word), std::string::npos) << word << " in: " << doc.text;
  }
  EXPECT_NE(doc.flags & model::kFlagOcr, 0u);
  EXPECT_EQ(doc.flags & model::kFlagNoText, 0u);
  EXPECT_EQ(ExtraValue(doc.meta, "image_format"), "PNG");
  EXPECT_EQ(ExtraValue(doc.meta, "image_width"), "1400");
  EXPECT_GE(ExtraNumber(doc.meta, "ocr_confidence"), 70);
  EXPECT_TRUE(context.children.empty());
}

TEST(ImageReaderTest, EveryPageOfAMultiPageTiff) {
  const std::vector<std::string> words = {"Alpha warrant", "Bravo subpoena", "Charlie affidavit"};
  std::unique_ptr<Pixa, void (*)(Pixa*)> pages(pixaCreate(3), [](Pixa* p) { pixaDestroy(&p); });
  for (const std::string& w : words) {
    PixPtr page = TextPicture({"Page of the fictional file", w});
    // 1-bit G4, as document scanners write.
    PixPtr binary(pixConvertTo1(page.get(), 128));
    pixaAddPix(pages.get(), binary.get(), L_COPY);
  }
  l_uint8* data = nullptr;
  size_t size = 0;
  ASSERT_EQ(pixaWriteMemMultipageTiff(&data, &size, pages.get()), 0);
  std::string tiff(reinterpret_cast<const char*>(data), size);
  lept_free(data);

  FakeReadContext context;
  Status status = Read(tiff, context, "scan.tif");
  ASSERT_TRUE(status.ok()) << status.ToString();
  const Extracted& doc = context.document();
  EXPECT_EQ(ExtraValue(doc.meta, "page_count"), "3");
  EXPECT_EQ(ExtraValue(doc.meta, "ocr_pages"), "3");
  EXPECT_EQ(ExtraValue(doc.meta, "image_format"), "TIFF");
  // Pages in order, separated by form feeds.
  EXPECT_EQ(std::count(doc.text.begin(), doc.text.end(), '\f'), 2) << doc.text;
  size_t previous = 0;
  for (const char* word : {"warrant", "subpoena", "affidavit"}) {
    size_t at = doc.text.find(word);
    ASSERT_NE(at, std::string::npos) << word << " in: " << doc.text;
    EXPECT_GE(at, previous);
    previous = at;
  }
  EXPECT_LT(doc.text.find("warrant"), doc.text.find('\f'));
  EXPECT_NE(doc.flags & model::kFlagOcr, 0u);
}

TEST(ImageReaderTest, JpegExifMetadata) {
  PixPtr pix = TextPicture({"Photographed exhibit label"});
  ExifBuilder exif;
  exif.Ascii(EXIF_IFD_0, EXIF_TAG_MAKE, "Fictional Optics");
  exif.Ascii(EXIF_IFD_0, EXIF_TAG_MODEL, "Model X-100");
  exif.Ascii(EXIF_IFD_0, EXIF_TAG_SOFTWARE, "Firmware 1.2");
  exif.Ascii(EXIF_IFD_0, EXIF_TAG_ARTIST, "Officer Example");
  exif.Ascii(EXIF_IFD_0, EXIF_TAG_DATE_TIME, "2019:03:05 12:00:00");
  exif.Ascii(EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, "2018:01:24 10:15:30");
  exif.Ascii(EXIF_IFD_GPS, EXIF_TAG_GPS_LATITUDE_REF, "N");
  exif.Rationals(EXIF_IFD_GPS, EXIF_TAG_GPS_LATITUDE, {{41, 1}, {52, 1}, {3000, 100}});
  exif.Ascii(EXIF_IFD_GPS, EXIF_TAG_GPS_LONGITUDE_REF, "W");
  exif.Rationals(EXIF_IFD_GPS, EXIF_TAG_GPS_LONGITUDE, {{87, 1}, {37, 1}, {4800, 100}});
  std::string jpeg = exif.Jpeg(pix.get());

  FakeReadContext context;
  Status status = Read(jpeg, context, "photo.jpg");
  ASSERT_TRUE(status.ok()) << status.ToString();
  const Extracted& doc = context.document();
  EXPECT_EQ(ExtraValue(doc.meta, "make"), "Fictional Optics");
  EXPECT_EQ(ExtraValue(doc.meta, "model"), "Model X-100");
  EXPECT_EQ(ExtraValue(doc.meta, "software"), "Firmware 1.2");
  EXPECT_EQ(doc.meta.author, "Officer Example");
  // A camera clock has no zone: the dates are floating.
  ASSERT_TRUE(doc.meta.created.has_value());
  EXPECT_TRUE(doc.meta.created->floating);
  EXPECT_EQ(FormatIso8601(*doc.meta.created), "2018-01-24T10:15:30");
  ASSERT_TRUE(doc.meta.modified.has_value());
  EXPECT_EQ(FormatIso8601(*doc.meta.modified), "2019-03-05T12:00:00");
  EXPECT_EQ(ExtraValue(doc.meta, "gps_latitude"), "41.875000");
  EXPECT_EQ(ExtraValue(doc.meta, "gps_longitude"), "-87.630000");
  EXPECT_NE(doc.text.find("exhibit"), std::string::npos) << doc.text;
}

TEST(ImageReaderTest, ExifOffsetMakesTheDateZoned) {
  PixPtr pix = TextPicture({"Zoned"});
  ExifBuilder exif;
  exif.Ascii(EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, "2018:01:24 10:15:30");
  exif.Ascii(EXIF_IFD_EXIF, EXIF_TAG_OFFSET_TIME_ORIGINAL, "-06:00");
  FakeReadContext context;
  ASSERT_TRUE(Read(exif.Jpeg(pix.get()), context).ok());
  ASSERT_TRUE(context.document().meta.created.has_value());
  EXPECT_FALSE(context.document().meta.created->floating);
  EXPECT_EQ(FormatIso8601(*context.document().meta.created), "2018-01-24T10:15:30-06:00");
}

TEST(ImageReaderTest, ExifOrientationIsAppliedBeforeOcr) {
  PixPtr upright = TextPicture({"Sideways evidence photograph"});
  // Stored turned a quarter counter-clockwise; orientation 6 says to turn it clockwise to view.
  PixPtr stored(pixRotateOrth(upright.get(), 3));
  ExifBuilder exif;
  exif.Short(EXIF_IFD_0, EXIF_TAG_ORIENTATION, 6);
  FakeReadContext context;
  ASSERT_TRUE(Read(exif.Jpeg(stored.get()), context).ok());
  EXPECT_NE(context.document().text.find("evidence"), std::string::npos) << context.document().text;
}

TEST(ImageReaderTest, TiffTagsAreMetadata) {
  PixPtr pix = TextPicture({"Tagged scan"});
  std::unique_ptr<Numa, void (*)(Numa*)> tags(numaCreate(4), [](Numa* n) { numaDestroy(&n); });
  std::unique_ptr<Sarray, void (*)(Sarray*)> values(sarrayCreate(4),
                                                    [](Sarray* s) { sarrayDestroy(&s); });
  std::unique_ptr<Sarray, void (*)(Sarray*)> types(sarrayCreate(4),
                                                   [](Sarray* s) { sarrayDestroy(&s); });
  for (const auto& [tag, value] :
       std::vector<std::pair<int, std::string>>{{271, "Fictional Scanners"},   // Make
                                                {305, "ScanSoft 9"},           // Software
                                                {306, "2017:06:30 08:45:00"},  // DateTime
                                                {315, "Records Clerk"}}) {     // Artist
    numaAddNumber(tags.get(), static_cast<l_float32>(tag));
    sarrayAddString(values.get(), value.c_str(), L_COPY);
    sarrayAddString(types.get(), "char*", L_COPY);
  }
  l_uint8* data = nullptr;
  size_t size = 0;
  ASSERT_EQ(pixWriteMemTiffCustom(&data, &size, pix.get(), IFF_TIFF_ZIP, tags.get(), values.get(),
                                  types.get(), nullptr),
            0);
  std::string tiff(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  FakeReadContext context;
  ASSERT_TRUE(Read(tiff, context).ok());
  const model::Metadata& meta = context.document().meta;
  EXPECT_EQ(ExtraValue(meta, "make"), "Fictional Scanners");
  EXPECT_EQ(ExtraValue(meta, "software"), "ScanSoft 9");
  EXPECT_EQ(meta.author, "Records Clerk");
  ASSERT_TRUE(meta.modified.has_value());
  EXPECT_EQ(FormatIso8601(*meta.modified), "2017-06-30T08:45:00");
  EXPECT_EQ(ExtraValue(meta, "page_count"), "1");
}

TEST(ImageReaderTest, GifAndBmpAreRead) {
  PixPtr pix = TextPicture({"Interoffice memorandum"});
  for (int format : {IFF_GIF, IFF_BMP}) {
    FakeReadContext context;
    Status status = Read(Encode(pix.get(), format), context);
    ASSERT_TRUE(status.ok()) << format << ": " << status.ToString();
    EXPECT_NE(context.document().text.find("memorandum"), std::string::npos)
        << format << ": " << context.document().text;
  }
}

TEST(ImageReaderTest, PictureWithoutWordsIsFlaggedNoText) {
  PixPtr pix(pixCreate(600, 400, 8));
  pixSetAll(pix.get());
  FakeReadContext context;
  ASSERT_TRUE(Read(Encode(pix.get(), IFF_PNG), context).ok());
  EXPECT_NE(context.document().flags & model::kFlagNoText, 0u);
  EXPECT_EQ(context.document().flags & model::kFlagOcr, 0u);
}

TEST(ImageReaderTest, DamagedAndForeignInputFailCleanly) {
  PixPtr pix = TextPicture({"Cut short"});
  std::string png = Encode(pix.get(), IFF_PNG);
  FakeReadContext cut;
  Status status = Read(std::string_view(png).substr(0, png.size() / 3), cut);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt) << status.ToString();

  FakeReadContext noise;
  std::string garbage(4096, '\0');
  for (size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<char>((i * 7919) >> 3);
  EXPECT_EQ(Read(garbage, noise).code(), StatusCode::kUnsupportedFormat);
  FakeReadContext empty;
  EXPECT_EQ(Read("", empty).code(), StatusCode::kUnsupportedFormat);
}

TEST(ImageReaderTest, AbsurdDimensionsAreRefusedBeforeDecoding) {
  // A PNG header claiming 200,000 x 200,000 pixels (40 gigapixels), then nothing.
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
  for (uint32_t v : {200000u, 200000u}) {
    for (int shift = 24; shift >= 0; shift -= 8) png.push_back(static_cast<char>(v >> shift));
  }
  png += std::string("\x08\x00\x00\x00\x00\0\0\0\0", 9);
  png += std::string(64, '\0');
  FakeReadContext context;
  auto start = std::chrono::steady_clock::now();
  Status status = Read(png, context);
  EXPECT_EQ(status.code(), StatusCode::kResourceExhausted) << status.ToString();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  ASSERT_TRUE(context.has_document());
  EXPECT_EQ(ExtraValue(context.document().meta, "image_width"), "200000");
  EXPECT_NE(context.document().flags & model::kFlagNoText, 0u);
}

TEST(ImageReaderTest, ChunkLongerThanTheFileIsCorruptNotAnAllocation) {
  // Fuzzing found a 169-byte PNG whose tEXt chunk declared 1.9 GB, which libpng allocated before
  // reading (fuzz/crashes/image/oom-png-text-chunk-length). Here: a real picture's IHDR, then such
  // a chunk header and a few bytes.
  std::string png = Encode(TextPicture({"Cut short"}).get(), IFF_PNG);
  const size_t after_ihdr = 8 + 12 + 13;
  std::string damaged = png.substr(0, after_ihdr) +
                        std::string(
                            "\x75\x00\x00\x14"
                            "tEXtTitle",
                            13) +
                        std::string(32, 'x');
  FakeReadContext context;
  auto start = std::chrono::steady_clock::now();
  Status status = Read(damaged, context);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt) << status.ToString();
  EXPECT_NE(status.message().find("PNG chunk 'tEXt' at byte 33 declares 1962934292 bytes"),
            std::string::npos)
      << status.ToString();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  ASSERT_TRUE(context.has_document());  // the header's facts are kept
  EXPECT_NE(ExtraValue(context.document().meta, "image_width"), "");
}

TEST(ImageReaderTest, OcrBudgetKeepsThePagesDone) {
  // Thirty pages and a helper time limit of one second: OCR stops, the pages read are kept.
  std::unique_ptr<Pixa, void (*)(Pixa*)> pages(pixaCreate(30), [](Pixa* p) { pixaDestroy(&p); });
  PixPtr page = TextPicture({"Budgeted page of fictional text", "Second line of the page"});
  for (int i = 0; i < 30; ++i) pixaAddPix(pages.get(), page.get(), L_COPY);
  l_uint8* data = nullptr;
  size_t size = 0;
  ASSERT_EQ(pixaWriteMemMultipageTiff(&data, &size, pages.get()), 0);
  std::string tiff(reinterpret_cast<const char*>(data), size);
  lept_free(data);

  Limits limits;
  limits.helper_time_limit = std::chrono::seconds(1);
  FakeReadContext context(limits);
  auto start = std::chrono::steady_clock::now();
  Status status = Read(tiff, context);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  const Extracted& doc = context.document();
  EXPECT_NE(doc.flags & model::kFlagTruncated, 0u);
  EXPECT_NE(ExtraValue(doc.meta, "ocr_incomplete").find("time budget"), std::string::npos);
  EXPECT_EQ(ExtraValue(doc.meta, "page_count"), "30");
  const long pages_read = ExtraNumber(doc.meta, "ocr_pages");
  EXPECT_GE(pages_read, 1);
  EXPECT_LT(pages_read, 30);
}

TEST(ImageReaderTest, InHelperProcessMatchesInProcess) {
  PixPtr pix = TextPicture({"Isolated reading of a scanned memo"});
  std::string png = Encode(pix.get(), IFF_PNG);
  Input input = Input::FromMemory(png, "memo.png");
  FakeReadContext in_process;
  ASSERT_TRUE(ImageReader().Read(input, in_process).ok());
  FakeReadContext isolated;
  Status status = RunIsolated(ImageReader(), input, isolated, BATES_EXTRACT_PATH);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(isolated.document().text, in_process.document().text);
  EXPECT_EQ(isolated.document().flags, in_process.document().flags | model::kFlagIsolated);
  EXPECT_NE(isolated.document().text.find("scanned memo"), std::string::npos);
}

fs::path TikaFile(std::string_view relative) {
  const char* corpora = std::getenv("BATES_CORPORA");  // NOLINT(concurrency-mt-unsafe)
  if (corpora == nullptr) return {};
  fs::path file = fs::path(corpora) / "tika-test-documents/files" / relative;
  return fs::exists(file) ? file : fs::path();
}

Status ReadFileWithReader(const fs::path& file, FakeReadContext& context) {
  return ImageReader().Read(Input::FromFile(file, fs::file_size(file), file.filename()), context);
}

TEST(ImageReaderTest, TikaMultiPageTiff) {
  fs::path file = TikaFile("ocr/testTIFF_multipage.tif");
  if (file.empty()) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  FakeReadContext context;
  Status status = ReadFileWithReader(file, context);
  ASSERT_TRUE(status.ok()) << status.ToString();
  const std::string& text = context.document().text;
  size_t feed = text.find('\f');
  ASSERT_NE(feed, std::string::npos) << text;
  EXPECT_NE(text.substr(0, feed).find("Page 1"), std::string::npos) << text;
  EXPECT_NE(text.substr(feed).find("Page 2"), std::string::npos) << text;
  EXPECT_NE(text.find("Multipage"), std::string::npos) << text;
  EXPECT_EQ(ExtraValue(context.document().meta, "page_count"), "2");
}

TEST(ImageReaderTest, TikaOcrPng) {
  fs::path file = TikaFile("ocr/testOCR_spacing.png");
  if (file.empty()) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  FakeReadContext context;
  ASSERT_TRUE(ReadFileWithReader(file, context).ok());
  EXPECT_NE(context.document().text.find("quick brown fox"), std::string::npos)
      << context.document().text;
}

TEST(ImageReaderTest, TikaJpegExif) {
  fs::path file = TikaFile("image/testJPEG_EXIF.jpg");
  if (file.empty()) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  FakeReadContext context;
  ASSERT_TRUE(ReadFileWithReader(file, context).ok());
  const model::Metadata& meta = context.document().meta;
  // The values Apache Tika's own tests expect of this file.
  EXPECT_EQ(ExtraValue(meta, "make"), "Canon");
  EXPECT_EQ(ExtraValue(meta, "model"), "Canon EOS 40D");
  ASSERT_TRUE(meta.created.has_value());
  EXPECT_TRUE(meta.created->floating);
  EXPECT_EQ(FormatIso8601(*meta.created), "2009-08-11T09:09:45");
}

TEST(ImageReaderTest, TikaJpegGps) {
  fs::path file = TikaFile("image/testJPEG_GEO.jpg");
  if (file.empty()) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  FakeReadContext context;
  ASSERT_TRUE(ReadFileWithReader(file, context).ok());
  const model::Metadata& meta = context.document().meta;
  EXPECT_EQ(ExtraValue(meta, "gps_latitude").substr(0, 7), "12.5432");
  EXPECT_EQ(ExtraValue(meta, "gps_longitude").substr(0, 8), "-54.1234");
}

TEST(ImageReaderTest, EveryTikaPictureReadsOrFailsWithAReason) {
  fs::path dir = TikaFile("image");
  if (dir.empty()) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  int read = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string ext = entry.path().extension();
    if (ext != ".jpg" && ext != ".png" && ext != ".tif" && ext != ".gif" && ext != ".jp2") {
      continue;
    }
    FakeReadContext context;
    Status status = ReadFileWithReader(entry.path(), context);
    if (ext == ".jp2" && status.code() == StatusCode::kUnsupportedFormat) {
      // testJPEG.jp2 is JPX (extended JPEG 2000), which leptonica does not decode.
      EXPECT_NE(status.message().find("JPEG 2000"), std::string::npos) << status.ToString();
      continue;
    }
    EXPECT_TRUE(status.ok()) << entry.path() << ": " << status.ToString();
    if (!status.ok()) continue;
    ++read;
    EXPECT_NE(ExtraValue(context.document().meta, "image_width"), "") << entry.path();
  }
  EXPECT_GE(read, 10);
}

}  // namespace
}  // namespace bates::ingest
