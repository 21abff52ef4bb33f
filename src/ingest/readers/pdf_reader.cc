// PDF, read with poppler-cpp: the text of every page in reading order (pages separated by form
// feeds), the document information dictionary, and embedded files as children. A page with no
// text layer, or only a stamp's worth (a scan), is rendered at 300 dpi and read by OCR (ocr.h);
// the item is then flagged OCR. Isolated: poppler parses hostile input and can crash or run away,
// and OCR is slow, so the extractor runs this reader in the bates-extract helper (helper.h).

#include <poppler-document.h>
#include <poppler-embedded-file.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <cctype>
#include <climits>
#include <cmath>
#include <ctime>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "ingest/reader.h"
#include "ingest/readers/ocr.h"
#include "model/item.h"

namespace bates::ingest {
namespace {

// poppler reports problems through one process-wide callback. We keep the last message of the
// current thread (the thread that is parsing) to explain a load failure, and print nothing.
thread_local std::string last_poppler_error;

void SilencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function(
        [](const std::string& message, void*) { last_poppler_error = message.substr(0, 300); },
        nullptr);
  });
}

std::string Utf8(const poppler::ustring& text) {
  poppler::byte_array bytes = text.to_utf8();
  std::string out(bytes.begin(), bytes.end());
  // Info strings sometimes end in NULs or stray whitespace; they are noise.
  while (!out.empty() &&
         (out.back() == '\0' || std::isspace(static_cast<unsigned char>(out.back())))) {
    out.pop_back();
  }
  return out;
}

bool AllWhitespace(std::string_view text) {
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c)) && c != '\f') return false;
  }
  return true;
}

size_t VisibleChars(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += std::isspace(static_cast<unsigned char>(c)) ? 0 : 1;
  return n;
}

// A page whose text layer has fewer characters than this is read by OCR as well: a scanned page
// often carries a line of real text — a Bates number, a header stamped by the scanning software —
// over a picture of the words that matter.
constexpr size_t kSparsePageChars = 40;

// Reads `n` digits at `pos` into `out`; false (nothing consumed) if they are not there.
bool Digits(std::string_view s, size_t& pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  pos += n;
  return true;
}

// A PDF date, "D:YYYYMMDDHHmmSSOHH'mm'" (everything after the year optional). With no zone the
// PDF says nothing of where it was written, so the result is floating.
std::optional<Timestamp> ParsePdfDate(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  if (s.starts_with("D:")) s.remove_prefix(2);
  size_t pos = 0;
  CivilDateTime t;
  t.date.month = 1;
  t.date.day = 1;
  if (!Digits(s, pos, 4, t.date.year)) return std::nullopt;
  if (Digits(s, pos, 2, t.date.month) && Digits(s, pos, 2, t.date.day) &&
      Digits(s, pos, 2, t.hour) && Digits(s, pos, 2, t.minute)) {
    Digits(s, pos, 2, t.second);
  }
  if (t.date.month < 1 || t.date.month > 12 || t.date.day < 1 || t.date.day > 31 || t.hour > 23 ||
      t.minute > 59 || t.second > 60) {
    return std::nullopt;
  }
  if (t.second == 60) t.second = 59;
  int64_t local = UnixSecondsFromCivil(t);
  if (pos >= s.size() || s[pos] == ' ') return Timestamp{local, 0, true};
  char sign = s[pos++];
  if (sign == 'Z' || sign == 'z') return Timestamp{local, 0, false};
  if (sign != '+' && sign != '-') return Timestamp{local, 0, true};
  int hours = 0;
  int minutes = 0;
  if (!Digits(s, pos, 2, hours) || hours > 23) return Timestamp{local, 0, true};
  if (pos < s.size() && s[pos] == '\'') ++pos;
  if (!Digits(s, pos, 2, minutes) || minutes > 59) minutes = 0;
  int32_t offset = (hours * 60 + minutes) * (sign == '-' ? -1 : 1);
  return Timestamp{local - int64_t{offset} * 60, offset, false};
}

std::optional<Timestamp> InfoDate(const poppler::document& doc, const std::string& key) {
  if (auto parsed = ParsePdfDate(Utf8(doc.info_key(key)))) return parsed;
  time_t t = doc.info_date_t(key);
  if (t == static_cast<time_t>(-1) || t == 0) return std::nullopt;
  return Timestamp{static_cast<int64_t>(t), 0, false};
}

std::optional<Timestamp> FromTimeT(time_t t) {
  if (t == static_cast<time_t>(-1) || t == 0) return std::nullopt;
  return Timestamp{static_cast<int64_t>(t), 0, false};
}

// poppler-cpp does not say why a load failed. A PDF that names an /Encrypt dictionary in its
// trailer and still fails to load is, in practice, one we lack the password for.
bool MentionsEncrypt(std::string_view bytes) {
  constexpr size_t kTail = 1 << 16;
  std::string_view tail = bytes.size() > kTail ? bytes.substr(bytes.size() - kTail) : bytes;
  return tail.find("/Encrypt") != std::string_view::npos ||
         bytes.substr(0, kTail).find("/Encrypt") != std::string_view::npos;
}

// OCR of the pages that have no text layer, one page at a time, within the document's budget.
class PageOcr {
 public:
  explicit PageOcr(const Limits& limits) : budget_(limits) {
    renderer_.set_image_format(poppler::image::format_gray8);
    renderer_.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer_.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  }

  // The text of `page`, or empty when OCR found none, could not run, or was stopped.
  std::string Read(const poppler::page& page, int index, int pages) {
    if (!incomplete_.empty()) return {};
    if (attempted_ >= ocr::kMaxPages) {
      incomplete_ = fmt::format("OCR stopped at the page limit of {}", ocr::kMaxPages);
      return {};
    }
    if (budget_.Spent()) {
      incomplete_ = fmt::format("OCR stopped before page {} of {}: time budget of {} s spent",
                                index + 1, pages, budget_.total().count());
      return {};
    }
    ++attempted_;
    // Points to inches; a page too large for kMaxPixels at 300 dpi is rendered at less.
    poppler::rectf box = page.page_rect(poppler::crop_box);
    const double inches = (box.width() / 72.0) * (box.height() / 72.0);
    if (!(inches > 0) || !std::isfinite(inches)) return {};
    const double dpi =
        std::min(ocr::kRenderDpi, std::sqrt(static_cast<double>(ocr::kMaxPixels) / inches));
    poppler::image image = renderer_.render_page(&page, dpi, dpi);
    if (!image.is_valid() || image.format() != poppler::image::format_gray8) {
      if (error_.empty()) error_ = fmt::format("page {} could not be rendered for OCR", index + 1);
      return {};
    }
    Result<ocr::OcrText> text =
        ocr::RecognizeGray(reinterpret_cast<const uint8_t*>(image.const_data()), image.width(),
                           image.height(), image.bytes_per_row(), static_cast<int>(dpi), budget_);
    if (!text.ok()) {
      if (error_.empty()) error_ = text.status().message();
      return {};
    }
    if (text->timed_out) {
      incomplete_ = fmt::format("OCR stopped in page {} of {}: time budget of {} s spent",
                                index + 1, pages, budget_.total().count());
    }
    if (text->confidence >= 0) {
      confidence_sum_ += text->confidence;
      ++confidence_pages_;
    }
    return std::move(text->text);
  }

  int attempted() const { return attempted_; }
  int mean_confidence() const { return confidence_sum_ / std::max(confidence_pages_, 1); }
  const std::string& incomplete() const { return incomplete_; }
  const std::string& error() const { return error_; }

 private:
  ocr::OcrBudget budget_;
  poppler::page_renderer renderer_;
  int attempted_ = 0;
  int confidence_sum_ = 0;
  int confidence_pages_ = 0;
  std::string incomplete_;
  std::string error_;
};

class PdfReader final : public Reader {
 public:
  std::string_view name() const override { return "pdf"; }
  std::vector<std::string> mime_types() const override { return {"application/pdf"}; }
  bool isolated() const override { return true; }
  std::string_view tool() const override { return "poppler"; }

  Status Read(const Input& input, ReadContext& context) const override {
    try {
      return ReadPdf(input, context);
    } catch (const std::bad_alloc&) {
      // In the helper the new-handler exits first; this is for in-process runs.
      return ResourceExhaustedError("poppler ran out of memory");
    } catch (const std::exception& e) {
      return InternalError("poppler threw: {}", e.what());
    }
  }

 private:
  Status ReadPdf(const Input& input, ReadContext& context) const {
    SilencePoppler();
    last_poppler_error.clear();
    const Limits& limits = context.limits();
    std::unique_ptr<poppler::document> doc;
    if (input.path() != nullptr) {
      doc.reset(poppler::document::load_from_file(input.path()->string()));
    } else {
      BATES_ASSIGN_OR_RETURN(std::string_view bytes, input.bytes());
      if (bytes.size() > static_cast<size_t>(INT_MAX)) {
        return ResourceExhaustedError("PDF of {} bytes is too large for poppler in memory",
                                      bytes.size());
      }
      doc.reset(
          poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    }
    if (!doc) {
      Result<std::string_view> bytes = input.bytes();
      if (bytes.ok() && MentionsEncrypt(*bytes)) {
        return EncryptedError("PDF is password-protected");
      }
      return CorruptError("poppler cannot open the PDF: {}",
                          last_poppler_error.empty() ? "not a readable PDF" : last_poppler_error);
    }
    if (doc->is_locked()) return EncryptedError("PDF is password-protected");

    Extracted out;
    const int pages = doc->pages();
    bool any_text = false;
    bool any_ocr_text = false;
    PageOcr page_ocr(limits);
    for (int i = 0; i < pages; ++i) {
      if (i > 0) out.text += '\f';
      std::unique_ptr<poppler::page> page(doc->create_page(i));
      if (!page) continue;
      // Reading order: poppler's default for pdftotext, the one that keeps columns apart.
      std::string text =
          Utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
      if (const size_t layer = VisibleChars(text); layer < kSparsePageChars) {
        // No text layer, or only a stamp: a scanned page, or one with only drawings. The OCR
        // text replaces the layer's when it finds more (it reads the stamp too).
        std::string recognised = page_ocr.Read(*page, i, pages);
        if (VisibleChars(recognised) > layer) {
          text = std::move(recognised);
          any_ocr_text = true;
        }
      }
      if (!AllWhitespace(text)) any_text = true;
      out.text += text;
      if (out.text.size() > limits.max_text_bytes) {
        size_t cut = static_cast<size_t>(limits.max_text_bytes);
        while (cut > 0 && (static_cast<unsigned char>(out.text[cut]) & 0xC0) == 0x80) --cut;
        out.text.resize(cut);
        out.flags |= model::kFlagTruncated;
        break;
      }
    }
    if (!any_text) out.flags |= model::kFlagNoText;
    if (any_ocr_text) out.flags |= model::kFlagOcr;

    model::Metadata& meta = out.meta;
    meta.title = Utf8(doc->info_key("Title"));
    meta.author = Utf8(doc->info_key("Author"));
    meta.created = InfoDate(*doc, "CreationDate");
    meta.modified = InfoDate(*doc, "ModDate");
    for (const auto& [key, field] :
         {std::pair{"Subject", "subject"}, std::pair{"Keywords", "keywords"},
          std::pair{"Creator", "creator"}, std::pair{"Producer", "producer"}}) {
      std::string value = Utf8(doc->info_key(key));
      if (!value.empty()) meta.extra.emplace_back(field, std::move(value));
    }
    meta.extra.emplace_back("page_count", std::to_string(pages));
    int major = 0;
    int minor = 0;
    doc->get_pdf_version(&major, &minor);
    if (major > 0) meta.extra.emplace_back("pdf_version", fmt::format("{}.{}", major, minor));
    if (doc->is_encrypted()) meta.extra.emplace_back("pdf_encryption", "owner password only");
    if (page_ocr.attempted() > 0) {
      meta.extra.emplace_back("ocr_pages", std::to_string(page_ocr.attempted()));
      if (any_ocr_text) {
        meta.extra.emplace_back("ocr_confidence", std::to_string(page_ocr.mean_confidence()));
      }
    }
    if (!page_ocr.incomplete().empty()) {
      out.flags |= model::kFlagTruncated;
      meta.extra.emplace_back("ocr_incomplete", page_ocr.incomplete());
    }
    if (!page_ocr.error().empty()) meta.extra.emplace_back("ocr_error", page_ocr.error());
    // A scan whose OCR could not run at all would otherwise pass for a document with no words.
    const bool ocr_failed = !any_text && !page_ocr.error().empty();
    const std::string ocr_error = page_ocr.error();
    BATES_RETURN_IF_ERROR(context.SetDocument(std::move(out)));
    if (ocr_failed) return InternalError("PDF has no text layer and OCR failed: {}", ocr_error);

    if (!doc->has_embedded_files()) return Status::Ok();
    uint64_t count = 0;
    for (poppler::embedded_file* file : doc->embedded_files()) {
      if (++count > limits.max_children) {
        return ResourceExhaustedError("more than {} embedded files (max_children)",
                                      limits.max_children);
      }
      Child child;
      child.name = file != nullptr ? file->name() : "";
      if (child.name.empty()) child.name = fmt::format("embedded file {}", count);
      child.meta.file_name = child.name;
      if (file == nullptr || !file->is_valid()) {
        child.failure = CorruptError("embedded file cannot be read");
        BATES_RETURN_IF_ERROR(context.AddChild(std::move(child)));
        continue;
      }
      child.declared_type = file->mime_type();
      child.meta.created = FromTimeT(file->creation_date_t());
      child.meta.modified = FromTimeT(file->modification_date_t());
      std::string description = Utf8(file->description());
      if (!description.empty()) child.meta.extra.emplace_back("description", description);
      if (file->size() > 0 && static_cast<uint64_t>(file->size()) > limits.max_item_bytes) {
        child.failure = ResourceExhaustedError(
            "embedded file is larger than {} bytes (max_item_bytes)", limits.max_item_bytes);
      } else {
        poppler::byte_array data = file->data();
        if (data.size() > limits.max_item_bytes) {
          child.failure = ResourceExhaustedError(
              "embedded file is larger than {} bytes (max_item_bytes)", limits.max_item_bytes);
        } else {
          child.bytes.assign(data.begin(), data.end());
        }
      }
      BATES_RETURN_IF_ERROR(context.AddChild(std::move(child)));
    }
    return Status::Ok();
  }
};

}  // namespace

BATES_REGISTER_READER(PdfReader)

}  // namespace bates::ingest
