// Images and scans: the text of TIFF (every page), PNG, JPEG, GIF, BMP, WebP, JPEG 2000 and PNM
// pictures through Tesseract OCR (ocr.h), flagged as OCR text, and the metadata the picture
// carries — EXIF from JPEG (libexif) and PNG, TIFF's own tags (libtiff), PNG text chunks.
//
// Pictures are decoded with leptonica. Isolated: image decoders and Tesseract parse hostile input
// and OCR is slow, so the extractor runs this reader in the bates-extract helper with its time
// limit; within it the OCR budget (ocr.h) stops between pages, keeping the pages done. Pictures
// too large to hold are refused before decoding (JPEG is decoded at a reduced size instead), and
// large ones are scaled down before OCR.

#include <leptonica/allheaders.h>
#include <libexif/exif-data.h>
#include <libexif/exif-utils.h>
#include <tiffio.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "core/time.h"
#include "ingest/reader.h"
#include "ingest/readers/ocr.h"
#include "model/item.h"

namespace bates::ingest {
namespace {

// Largest picture decoded in full: 16,000 x 16,000. A JPEG past it is decoded at 1/2, 1/4 or 1/8
// of its size (libjpeg does that cheaply); other formats past it are refused.
constexpr uint64_t kMaxDecodePixels = uint64_t{256} << 20;

struct PixFree {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, PixFree>;

struct ExifFree {
  void operator()(ExifData* data) const { exif_data_unref(data); }
};

// Every library here reports problems on standard error; the reader reports them as statuses.
void QuietLibraries() {
  static std::once_flag once;
  std::call_once(once, [] {
    setMsgSeverity(L_SEVERITY_NONE);
    TIFFSetErrorHandler(nullptr);
    TIFFSetWarningHandler(nullptr);
  });
}

// Metadata strings are written in whatever encoding the device liked; trailing NULs and blanks
// are padding.
std::string CleanString(std::string_view raw) {
  size_t nul = raw.find('\0');
  if (nul != std::string_view::npos) raw = raw.substr(0, nul);
  std::string text = IsValidUtf8(raw) ? std::string(raw) : RepairUtf8(raw);
  return std::string(TrimAscii(text));
}

void AddExtra(model::Metadata& meta, std::string_view key, std::string value) {
  if (!value.empty()) meta.extra.emplace_back(std::string(key), std::move(value));
}

bool TwoDigits(std::string_view s, size_t pos, int& out) {
  if (pos + 2 > s.size() || !std::isdigit(static_cast<unsigned char>(s[pos])) ||
      !std::isdigit(static_cast<unsigned char>(s[pos + 1]))) {
    return false;
  }
  out = (s[pos] - '0') * 10 + (s[pos + 1] - '0');
  return true;
}

// An EXIF or TIFF date, "YYYY:MM:DD HH:MM:SS" (some writers use dashes in the date). The camera's
// clock has no zone, so the result is floating unless `offset` ("+02:00", EXIF 2.31's
// OffsetTimeOriginal) says where it was.
std::optional<Timestamp> ParseExifDate(std::string_view s, std::string_view offset = {}) {
  s = TrimAscii(s);
  if (s.size() < 19) return std::nullopt;
  CivilDateTime t;
  int century = 0;
  int year = 0;
  if (!TwoDigits(s, 0, century) || !TwoDigits(s, 2, year) || !TwoDigits(s, 5, t.date.month) ||
      !TwoDigits(s, 8, t.date.day) || !TwoDigits(s, 11, t.hour) || !TwoDigits(s, 14, t.minute) ||
      !TwoDigits(s, 17, t.second)) {
    return std::nullopt;
  }
  t.date.year = century * 100 + year;
  // A camera that never had its clock set writes 0000:00:00 00:00:00.
  if (t.date.year < 1800 || t.date.month < 1 || t.date.month > 12 || t.date.day < 1 ||
      t.date.day > 31 || t.hour > 23 || t.minute > 59 || t.second > 60) {
    return std::nullopt;
  }
  if (t.second == 60) t.second = 59;
  const int64_t local = UnixSecondsFromCivil(t);
  offset = TrimAscii(offset);
  int hours = 0;
  int minutes = 0;
  if (offset.size() == 6 && (offset[0] == '+' || offset[0] == '-') && offset[3] == ':' &&
      TwoDigits(offset, 1, hours) && TwoDigits(offset, 4, minutes) && hours < 24 && minutes < 60) {
    int32_t east = (hours * 60 + minutes) * (offset[0] == '-' ? -1 : 1);
    return Timestamp{local - int64_t{east} * 60, east, false};
  }
  return Timestamp{local, 0, true};
}

// ---------------------------------------------------------------------------------------------
// EXIF (libexif): JPEG's APP1 segment, or PNG's eXIf chunk given the "Exif\0\0" prefix.

struct ExifFacts {
  int orientation = 1;  // 1 upright; 3, 6, 8 rotated (mirrored forms are read as upright)
};

class Exif {
 public:
  explicit Exif(std::string_view bytes) {
    // libexif's default options "fix" the data to the specification, which invents mandatory
    // entries (dates included); a record of what the file says must not.
    data_.reset(exif_data_new());
    if (!data_) return;
    exif_data_unset_option(data_.get(), EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
    exif_data_load_data(data_.get(), reinterpret_cast<const unsigned char*>(bytes.data()),
                        static_cast<unsigned int>(std::min<size_t>(bytes.size(), UINT32_MAX)));
    order_ = exif_data_get_byte_order(data_.get());
  }

  std::string String(ExifIfd ifd, ExifTag tag) const {
    ExifEntry* entry = Entry(ifd, tag);
    if (entry == nullptr || entry->format != EXIF_FORMAT_ASCII || entry->data == nullptr) return {};
    return CleanString(std::string_view(reinterpret_cast<const char*>(entry->data), entry->size));
  }

  std::optional<int> Short(ExifIfd ifd, ExifTag tag) const {
    ExifEntry* entry = Entry(ifd, tag);
    if (entry == nullptr || entry->format != EXIF_FORMAT_SHORT || entry->size < 2) {
      return std::nullopt;
    }
    return exif_get_short(entry->data, order_);
  }

  // The i-th unsigned rational of an entry, as a number.
  std::optional<double> Rational(ExifIfd ifd, ExifTag tag, unsigned i) const {
    ExifEntry* entry = Entry(ifd, tag);
    if (entry == nullptr || entry->format != EXIF_FORMAT_RATIONAL || entry->components <= i ||
        entry->size < 8 * (i + 1)) {
      return std::nullopt;
    }
    ExifRational r = exif_get_rational(entry->data + size_t{8} * i, order_);
    if (r.denominator == 0) return std::nullopt;
    return static_cast<double>(r.numerator) / r.denominator;
  }

  // Degrees, minutes and seconds to signed decimal degrees.
  std::optional<double> Coordinate(ExifTag value_tag, ExifTag ref_tag, double limit) const {
    auto degrees = Rational(EXIF_IFD_GPS, value_tag, 0);
    auto minutes = Rational(EXIF_IFD_GPS, value_tag, 1);
    auto seconds = Rational(EXIF_IFD_GPS, value_tag, 2);
    if (!degrees || !minutes || !seconds) return std::nullopt;
    double value = *degrees + *minutes / 60 + *seconds / 3600;
    if (!std::isfinite(value) || value > limit) return std::nullopt;
    std::string ref = String(EXIF_IFD_GPS, ref_tag);
    if (ref == "S" || ref == "W") value = -value;
    return value;
  }

  ExifFacts AddTo(model::Metadata& meta) const {
    ExifFacts facts;
    if (!data_) return facts;
    meta.created = ParseExifDate(String(EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL),
                                 String(EXIF_IFD_EXIF, EXIF_TAG_OFFSET_TIME_ORIGINAL));
    if (!meta.created) {
      meta.created = ParseExifDate(String(EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_DIGITIZED),
                                   String(EXIF_IFD_EXIF, EXIF_TAG_OFFSET_TIME_DIGITIZED));
    }
    meta.modified = ParseExifDate(String(EXIF_IFD_0, EXIF_TAG_DATE_TIME),
                                  String(EXIF_IFD_EXIF, EXIF_TAG_OFFSET_TIME));
    meta.author = String(EXIF_IFD_0, EXIF_TAG_ARTIST);
    AddExtra(meta, "make", String(EXIF_IFD_0, EXIF_TAG_MAKE));
    AddExtra(meta, "model", String(EXIF_IFD_0, EXIF_TAG_MODEL));
    AddExtra(meta, "software", String(EXIF_IFD_0, EXIF_TAG_SOFTWARE));
    AddExtra(meta, "description", String(EXIF_IFD_0, EXIF_TAG_IMAGE_DESCRIPTION));
    AddExtra(meta, "copyright", String(EXIF_IFD_0, EXIF_TAG_COPYRIGHT));
    auto latitude = Coordinate(static_cast<ExifTag>(EXIF_TAG_GPS_LATITUDE),
                               static_cast<ExifTag>(EXIF_TAG_GPS_LATITUDE_REF), 90);
    auto longitude = Coordinate(static_cast<ExifTag>(EXIF_TAG_GPS_LONGITUDE),
                                static_cast<ExifTag>(EXIF_TAG_GPS_LONGITUDE_REF), 180);
    if (latitude && longitude) {
      AddExtra(meta, "gps_latitude", fmt::format("{:.6f}", *latitude));
      AddExtra(meta, "gps_longitude", fmt::format("{:.6f}", *longitude));
      if (auto altitude = Rational(EXIF_IFD_GPS, static_cast<ExifTag>(EXIF_TAG_GPS_ALTITUDE), 0)) {
        // AltitudeRef 1 means below sea level.
        ExifEntry* ref = Entry(EXIF_IFD_GPS, static_cast<ExifTag>(EXIF_TAG_GPS_ALTITUDE_REF));
        bool below = ref != nullptr && ref->size >= 1 && ref->data != nullptr && ref->data[0] == 1;
        if (std::isfinite(*altitude)) {
          AddExtra(meta, "gps_altitude", fmt::format("{:.1f}", below ? -*altitude : *altitude));
        }
      }
    }
    if (auto orientation = Short(EXIF_IFD_0, EXIF_TAG_ORIENTATION))
      facts.orientation = *orientation;
    return facts;
  }

 private:
  ExifEntry* Entry(ExifIfd ifd, ExifTag tag) const {
    if (!data_ || data_->ifd[ifd] == nullptr) return nullptr;
    return exif_content_get_entry(data_->ifd[ifd], tag);
  }

  std::unique_ptr<ExifData, ExifFree> data_;
  ExifByteOrder order_ = EXIF_BYTE_ORDER_MOTOROLA;
};

// ---------------------------------------------------------------------------------------------
// PNG chunks: tEXt (keyword, NUL, Latin-1 text) and eXIf. Walked by hand: the chunk layout is
// simple, and libpng would decode the whole picture to reach chunks that follow it.

uint32_t BigEndian32(std::string_view s, size_t pos) {
  return (uint32_t{static_cast<unsigned char>(s[pos])} << 24) |
         (uint32_t{static_cast<unsigned char>(s[pos + 1])} << 16) |
         (uint32_t{static_cast<unsigned char>(s[pos + 2])} << 8) |
         uint32_t{static_cast<unsigned char>(s[pos + 3])};
}

ExifFacts ReadPngMetadata(std::string_view bytes, model::Metadata& meta) {
  ExifFacts facts;
  size_t pos = 8;  // past the signature
  for (int chunks = 0; pos + 12 <= bytes.size() && chunks < 100000; ++chunks) {
    const uint32_t length = BigEndian32(bytes, pos);
    std::string_view type = bytes.substr(pos + 4, 4);
    if (length > bytes.size() - pos - 12) break;
    std::string_view data = bytes.substr(pos + 8, length);
    if (type == "tEXt") {
      size_t nul = data.find('\0');
      if (nul != std::string_view::npos) {
        std::string_view keyword = data.substr(0, nul);
        Result<std::string> value = ConvertToUtf8(data.substr(nul + 1), "ISO-8859-1");
        std::string text = value.ok() ? std::string(TrimAscii(*value)) : std::string();
        if (keyword == "Title" && meta.title.empty()) {
          meta.title = text;
        } else if (keyword == "Author" && meta.author.empty()) {
          meta.author = text;
        } else if (keyword == "Description" || keyword == "Comment") {
          AddExtra(meta, "description", text);
        } else if (keyword == "Software") {
          AddExtra(meta, "software", text);
        } else if (keyword == "Copyright") {
          AddExtra(meta, "copyright", text);
        }
      }
    } else if (type == "eXIf") {
      std::string with_header = std::string("Exif\0\0", 6) + std::string(data);
      facts = Exif(with_header).AddTo(meta);
    } else if (type == "IEND") {
      break;
    }
    pos += 12 + length;
  }
  return facts;
}

// What is wrong with a PNG's chunk list, or "" when every chunk up to IEND lies inside the file.
// libpng allocates a text chunk's declared length before reading it (Debian's build sets no
// limit), so 169 bytes declaring a 1.9 GB tEXt chunk made it ask for 1.9 GB (found by fuzzing,
// fuzz/crashes/image/). A chunk longer than what is left is a truncated or damaged file anyway.
// A chunk type as printable ASCII (a damaged file may put anything there).
std::string SafeType(std::string_view type) {
  std::string out;
  for (char c : type) out += (c >= 0x21 && c <= 0x7E) ? c : '?';
  return out;
}

std::string PngChunkOverrun(std::string_view bytes) {
  size_t pos = 8;  // past the signature
  for (int chunks = 0; pos + 12 <= bytes.size() && chunks < 100000; ++chunks) {
    const uint32_t length = BigEndian32(bytes, pos);
    std::string_view type = bytes.substr(pos + 4, 4);
    if (length > bytes.size() - pos - 12) {
      return fmt::format("PNG chunk '{}' at byte {} declares {} bytes, but only {} remain",
                         SafeType(type), pos, length, bytes.size() - pos - 12);
    }
    if (type == "IEND") return "";
    pos += 12 + length;
  }
  return "";
}

// ---------------------------------------------------------------------------------------------
// TIFF (libtiff): the baseline tags, the EXIF directory's original date, and the page count.

struct MemoryTiff {
  std::string_view bytes;
  uint64_t pos = 0;

  static tmsize_t Read(thandle_t handle, void* buffer, tmsize_t size) {
    auto* self = static_cast<MemoryTiff*>(handle);
    if (size <= 0 || self->pos >= self->bytes.size()) return 0;
    size_t n = std::min<size_t>(static_cast<size_t>(size), self->bytes.size() - self->pos);
    std::memcpy(buffer, self->bytes.data() + self->pos, n);
    self->pos += n;
    return static_cast<tmsize_t>(n);
  }
  static tmsize_t Write(thandle_t, void*, tmsize_t) { return -1; }
  static toff_t Seek(thandle_t handle, toff_t offset, int whence) {
    auto* self = static_cast<MemoryTiff*>(handle);
    uint64_t base = whence == SEEK_CUR ? self->pos : whence == SEEK_END ? self->bytes.size() : 0;
    self->pos = base + offset;
    return self->pos;
  }
  static int Close(thandle_t) { return 0; }
  static toff_t Size(thandle_t handle) { return static_cast<MemoryTiff*>(handle)->bytes.size(); }
  static int Map(thandle_t, void**, toff_t*) { return 0; }
  static void Unmap(thandle_t, void*, toff_t) {}
};

std::string TiffString(TIFF* tif, uint32_t tag) {
  char* value = nullptr;
  if (TIFFGetField(tif, tag, &value) != 1 || value == nullptr) return {};
  return CleanString(value);
}

// Returns the number of pages (directories), 0 if libtiff cannot open the file.
int ReadTiffMetadata(std::string_view bytes, model::Metadata& meta, ExifFacts& facts) {
  MemoryTiff memory{bytes};
  // "m": no memory mapping, the bytes are already in memory.
  TIFF* tif =
      TIFFClientOpen("image", "rm", &memory, MemoryTiff::Read, MemoryTiff::Write, MemoryTiff::Seek,
                     MemoryTiff::Close, MemoryTiff::Size, MemoryTiff::Map, MemoryTiff::Unmap);
  if (tif == nullptr) return 0;
  meta.modified = ParseExifDate(TiffString(tif, TIFFTAG_DATETIME));
  meta.author = TiffString(tif, TIFFTAG_ARTIST);
  meta.title = TiffString(tif, TIFFTAG_DOCUMENTNAME);
  AddExtra(meta, "make", TiffString(tif, TIFFTAG_MAKE));
  AddExtra(meta, "model", TiffString(tif, TIFFTAG_MODEL));
  AddExtra(meta, "software", TiffString(tif, TIFFTAG_SOFTWARE));
  AddExtra(meta, "description", TiffString(tif, TIFFTAG_IMAGEDESCRIPTION));
  AddExtra(meta, "copyright", TiffString(tif, TIFFTAG_COPYRIGHT));
  uint16_t orientation = 0;
  if (TIFFGetField(tif, TIFFTAG_ORIENTATION, &orientation) == 1) facts.orientation = orientation;
  toff_t exif_offset = 0;
  if (TIFFGetField(tif, TIFFTAG_EXIFIFD, &exif_offset) == 1 && exif_offset != 0 &&
      TIFFReadEXIFDirectory(tif, exif_offset) == 1) {
    meta.created = ParseExifDate(TiffString(tif, EXIFTAG_DATETIMEORIGINAL));
  }
  // libtiff follows the chain of directories and stops at a loop.
  TIFFSetDirectory(tif, 0);
  int pages = static_cast<int>(std::min<tdir_t>(TIFFNumberOfDirectories(tif), INT32_MAX));
  TIFFClose(tif);
  return pages;
}

// ---------------------------------------------------------------------------------------------

const char* FormatName(int format) {
  switch (format) {
    case IFF_BMP:
      return "BMP";
    case IFF_JFIF_JPEG:
      return "JPEG";
    case IFF_PNG:
      return "PNG";
    case IFF_PNM:
      return "PNM";
    case IFF_GIF:
      return "GIF";
    case IFF_JP2:
      return "JPEG 2000";
    case IFF_WEBP:
      return "WebP";
    default:
      return L_FORMAT_IS_TIFF(format) ? "TIFF" : "unknown";
  }
}

// Turns the picture upright as EXIF or TIFF orientation says: Tesseract reads upright text only.
PixPtr Upright(PixPtr pix, int orientation) {
  int quarter_turns = orientation == 6 ? 1 : orientation == 3 ? 2 : orientation == 8 ? 3 : 0;
  if (quarter_turns == 0 || !pix) return pix;
  PixPtr turned(pixRotateOrth(pix.get(), quarter_turns));
  return turned ? std::move(turned) : std::move(pix);
}

class ImageReader final : public Reader {
 public:
  std::string_view name() const override { return "image"; }
  std::vector<std::string> mime_types() const override {
    return {"image/tiff",
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/bmp",
            "image/x-ms-bmp",
            "image/webp",
            "image/jp2",
            "image/x-portable-bitmap",
            "image/x-portable-greymap",
            "image/x-portable-pixmap",
            "image/x-portable-anymap"};
  }
  bool isolated() const override { return true; }
  std::string_view tool() const override { return "tesseract"; }

  Status Read(const Input& input, ReadContext& context) const override {
    try {
      return ReadImage(input, context);
    } catch (const std::bad_alloc&) {
      return ResourceExhaustedError("out of memory reading the picture");
    } catch (const std::exception& e) {
      return InternalError("Tesseract threw: {}", e.what());
    }
  }

 private:
  Status ReadImage(const Input& input, ReadContext& context) const {
    QuietLibraries();
    BATES_ASSIGN_OR_RETURN(std::string_view bytes, input.bytes());
    const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
    int format = IFF_UNKNOWN;
    if (bytes.size() < 12 || findFileFormatBuffer(data, &format) != 0 || format == IFF_UNKNOWN) {
      return UnsupportedFormatError("not a picture format leptonica reads");
    }
    int width = 0;
    int height = 0;
    int bits = 0;
    int samples = 0;
    if (pixReadHeaderMem(data, bytes.size(), nullptr, &width, &height, &bits, &samples, nullptr) !=
            0 ||
        width <= 0 || height <= 0) {
      // Leptonica reads plain JPEG 2000 only; JPX extensions and odd codestreams are not damage.
      if (format == IFF_JP2) {
        return UnsupportedFormatError("JPEG 2000 variant that leptonica does not read");
      }
      return CorruptError("{} picture has no readable header", FormatName(format));
    }

    Extracted out;
    model::Metadata& meta = out.meta;
    ExifFacts facts;
    int pages = 1;
    const bool tiff = L_FORMAT_IS_TIFF(format);
    if (format == IFF_JFIF_JPEG) {
      facts = Exif(bytes).AddTo(meta);
    } else if (format == IFF_PNG) {
      facts = ReadPngMetadata(bytes, meta);
    } else if (tiff) {
      pages = std::max(ReadTiffMetadata(bytes, meta, facts), 1);
    }
    meta.extra.emplace_back("image_format", FormatName(format));
    meta.extra.emplace_back("image_width", std::to_string(width));
    meta.extra.emplace_back("image_height", std::to_string(height));
    if (tiff) meta.extra.emplace_back("page_count", std::to_string(pages));

    if (format == IFF_PNG) {
      if (std::string overrun = PngChunkOverrun(bytes); !overrun.empty()) {
        out.flags |= model::kFlagNoText;
        BATES_RETURN_IF_ERROR(context.SetDocument(std::move(out)));
        return CorruptError("{}", overrun);
      }
    }
    // Too large to decode: the metadata is still the item's, the reason is the exception's.
    const uint64_t pixels = static_cast<uint64_t>(width) * static_cast<uint64_t>(height);
    int reduction = 1;
    while (format == IFF_JFIF_JPEG && reduction < 8 &&
           pixels / (static_cast<uint64_t>(reduction) * reduction) > kMaxDecodePixels) {
      reduction *= 2;
    }
    if (pixels / (static_cast<uint64_t>(reduction) * reduction) > kMaxDecodePixels) {
      out.flags |= model::kFlagNoText;
      BATES_RETURN_IF_ERROR(context.SetDocument(std::move(out)));
      return ResourceExhaustedError("picture of {}x{} pixels is too large to decode for OCR", width,
                                    height);
    }

    ocr::OcrBudget budget(context.limits());
    std::vector<std::string> texts;
    int confidence_sum = 0;
    int confidence_pages = 0;
    std::string incomplete;
    Status failure;
    size_t offset = 0;
    for (int page = 0; page < pages; ++page) {
      if (page >= ocr::kMaxPages) {
        incomplete = fmt::format("OCR stopped at the page limit of {}", ocr::kMaxPages);
        break;
      }
      if (budget.Spent()) {
        incomplete = fmt::format("OCR stopped after {} of {} pages: time budget of {} s spent",
                                 page, pages, budget.total().count());
        break;
      }
      PixPtr pix;
      if (tiff) {
        pix.reset(pixReadMemFromMultipageTiff(data, bytes.size(), &offset));
      } else if (format == IFF_JFIF_JPEG) {
        l_int32 warnings = 0;
        pix.reset(pixReadMemJpeg(data, bytes.size(), 0, reduction, &warnings, 0));
      } else {
        pix.reset(pixReadMem(data, bytes.size()));
      }
      if (!pix) {
        failure = CorruptError("{} picture{} cannot be decoded", FormatName(format),
                               pages > 1 ? fmt::format(" page {}", page + 1) : std::string());
        break;
      }
      const int dpi = pixGetXRes(pix.get());
      pix = Upright(std::move(pix), facts.orientation);
      Result<ocr::OcrText> text = ocr::RecognizePix(pix.get(), dpi, budget);
      if (!text.ok()) {
        failure = text.status();
        break;
      }
      if (text->confidence >= 0) {
        confidence_sum += text->confidence;
        ++confidence_pages;
      }
      texts.push_back(std::move(text->text));
      if (text->timed_out) {
        incomplete = fmt::format("OCR stopped in page {} of {}: time budget of {} s spent",
                                 page + 1, pages, budget.total().count());
        break;
      }
      // The last page of a chain says so; a count from a damaged header says more.
      if (tiff && offset == 0) break;
    }

    for (size_t i = 0; i < texts.size(); ++i) {
      if (i > 0) out.text += '\f';
      out.text += texts[i];
    }
    if (ocr::HasText(out.text)) {
      out.flags |= model::kFlagOcr;
      meta.extra.emplace_back("ocr_confidence",
                              std::to_string(confidence_sum / std::max(confidence_pages, 1)));
    } else {
      out.flags |= model::kFlagNoText;
    }
    if (tiff || texts.size() > 1) {
      meta.extra.emplace_back("ocr_pages", std::to_string(texts.size()));
    }
    if (!incomplete.empty()) {
      out.flags |= model::kFlagTruncated;
      meta.extra.emplace_back("ocr_incomplete", incomplete);
    }
    BATES_RETURN_IF_ERROR(context.SetDocument(std::move(out)));
    // A page that could not be decoded after others were is an exception with their text kept.
    return failure;
  }
};

}  // namespace

BATES_REGISTER_READER(ImageReader)

}  // namespace bates::ingest
