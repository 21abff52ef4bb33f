#include "produce/imaging/stamp.h"

#include <poppler.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "core/file.h"
#include "produce/imaging/cairo_util.h"
#include "produce/imaging/tiff_writer.h"
#include "produce/write_file.h"

namespace bates::produce::imaging {
namespace {

constexpr int kTiffDpi = 300;
// Redacted pages in a PDF volume: enough to read 9-point type, small enough to keep files modest.
constexpr int kRedactedPdfDpi = 150;
constexpr double kStampSize = 9;
constexpr double kBand = 16;  // height of the white band the stamps sit in, in points

void DrawStamps(cairo_t* cr, double width, double height, const Endorsement& e) {
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size(cr, kStampSize);
  auto stamp = [&](const std::string& text, bool right) {
    if (text.empty()) return;
    cairo_text_extents_t ext;
    cairo_text_extents(cr, text.c_str(), &ext);
    double x = right ? width - 18 - ext.x_advance : 18;
    double y = height - 6;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x - 3, height - kBand, ext.x_advance + 6, kBand);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, text.c_str());
  };
  stamp(e.right, true);
  stamp(e.left, false);
}

// Each box filled black, its reason in white bold type sized to the box and clipped to it.
void DrawRedactionBoxes(cairo_t* cr, const std::vector<RedactionBox>& boxes) {
  for (const RedactionBox& b : boxes) {
    cairo_save(cr);
    cairo_rectangle(cr, b.x, b.y, b.width, b.height);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_fill_preserve(cr);
    cairo_clip(cr);
    if (!b.reason.empty()) {
      cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size(cr, std::min(9.0, b.height * 0.75));
      cairo_font_extents_t font;
      cairo_font_extents(cr, &font);
      cairo_set_source_rgb(cr, 1, 1, 1);
      cairo_move_to(cr, b.x + 2, b.y + (b.height + font.ascent - font.descent) / 2);
      cairo_show_text(cr, b.reason.c_str());
    }
    cairo_restore(cr);
  }
}

// The page drawn to pixels at `dpi` on white, boxes burnt in, stamps on top. Caller destroys.
cairo_surface_t* RenderPixels(PopplerPage* page, double width, double height, int dpi,
                              const Endorsement& endorsement,
                              const std::vector<RedactionBox>& boxes) {
  int w = static_cast<int>(width * dpi / 72.0 + 0.5);
  int h = static_cast<int>(height * dpi / 72.0 + 0.5);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, dpi / 72.0, dpi / 72.0);
  poppler_page_render_for_printing(page, cr);
  DrawRedactionBoxes(cr, boxes);
  DrawStamps(cr, width, height, endorsement);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  return surface;
}

}  // namespace

struct StampablePdf::Impl {
  std::string bytes;  // poppler reads from it for the document's lifetime
  PopplerDocument* doc = nullptr;
  ~Impl() {
    if (doc) g_object_unref(doc);
  }
};

StampablePdf::StampablePdf(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StampablePdf::~StampablePdf() = default;

Result<std::unique_ptr<StampablePdf>> StampablePdf::Load(std::string pdf_bytes) {
  auto impl = std::make_unique<Impl>();
  impl->bytes = std::move(pdf_bytes);
  GBytes* bytes = g_bytes_new_static(impl->bytes.data(), impl->bytes.size());
  GError* error = nullptr;
  impl->doc = poppler_document_new_from_bytes(bytes, nullptr, &error);
  g_bytes_unref(bytes);
  if (!impl->doc) {
    bool encrypted =
        error && error->domain == POPPLER_ERROR && error->code == POPPLER_ERROR_ENCRYPTED;
    std::string message = error ? error->message : "unknown error";
    if (error) g_error_free(error);
    if (encrypted) return EncryptedError("PDF is encrypted: {}", message);
    return CorruptError("PDF cannot be read: {}", message);
  }
  if (poppler_document_get_n_pages(impl->doc) < 1) return CorruptError("PDF has no pages");
  return std::unique_ptr<StampablePdf>(new StampablePdf(std::move(impl)));
}

int StampablePdf::page_count() const { return poppler_document_get_n_pages(impl_->doc); }

namespace {

// A page's text without whitespace, each code point with its rectangle on the page.
struct PageGlyphs {
  std::u32string text;
  std::vector<PopplerRectangle> boxes;
};

PageGlyphs ReadGlyphs(PopplerPage* page) {
  PageGlyphs g;
  char* text = poppler_page_get_text(page);
  PopplerRectangle* rects = nullptr;
  guint n = 0;
  if (text && poppler_page_get_text_layout(page, &rects, &n)) {
    // The layout holds one rectangle per character of poppler_page_get_text's text.
    guint i = 0;
    for (const char* p = text; *p && i < n; p = g_utf8_next_char(p), ++i) {
      gunichar c = g_utf8_get_char(p);
      if (g_unichar_isspace(c)) continue;
      g.text.push_back(static_cast<char32_t>(c));
      g.boxes.push_back(rects[i]);
    }
  }
  g_free(rects);
  g_free(text);
  return g;
}

std::u32string WithoutSpaces(const std::string& utf8) {
  std::u32string out;
  if (!g_utf8_validate(utf8.data(), static_cast<gssize>(utf8.size()), nullptr)) return out;
  for (const char* p = utf8.c_str(); *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (!g_unichar_isspace(c)) out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

}  // namespace

std::string StampablePdf::VisibleText(const std::map<int, std::vector<RedactionBox>>& boxes) const {
  std::string out;
  for (int i = 0; i < page_count(); ++i) {
    PopplerPage* page = poppler_document_get_page(impl_->doc, i);
    if (!page) continue;
    char* text = poppler_page_get_text(page);
    PopplerRectangle* rects = nullptr;
    guint n = 0;
    auto on_page = boxes.find(i + 1);
    if (text && (on_page == boxes.end() || poppler_page_get_text_layout(page, &rects, &n))) {
      const RedactionBox* inside = nullptr;  // the box the previous character was under
      guint k = 0;
      for (const char* p = text; *p; p = g_utf8_next_char(p), ++k) {
        const RedactionBox* under = nullptr;
        if (on_page != boxes.end() && k < n) {
          double cx = (rects[k].x1 + rects[k].x2) / 2, cy = (rects[k].y1 + rects[k].y2) / 2;
          for (const RedactionBox& b : on_page->second) {
            if (cx >= b.x && cx <= b.x + b.width && cy >= b.y && cy <= b.y + b.height) under = &b;
          }
        }
        gunichar c = g_utf8_get_char(p);
        if (under && under != inside) {
          out += under->reason.empty() ? "[REDACTED]" : "[REDACTED: " + under->reason + "]";
        }
        // A line break under a box still ends the line; nothing else under a box is kept.
        if (!under || c == '\n') out.append(p, static_cast<size_t>(g_utf8_next_char(p) - p));
        inside = c == '\n' ? nullptr : under;
      }
    }
    g_free(rects);
    g_free(text);
    g_object_unref(page);
    if (!out.empty() && out.back() != '\n') out += '\n';
    if (i + 1 < page_count()) out += '\f';
  }
  return out;
}

Result<std::map<int, std::vector<RedactionBox>>> StampablePdf::LocateText(
    const std::vector<TextRedaction>& redactions) const {
  std::vector<PageGlyphs> pages;
  for (int i = 0; i < page_count(); ++i) {
    PopplerPage* page = poppler_document_get_page(impl_->doc, i);
    if (!page) return CorruptError("PDF page {} cannot be read", i + 1);
    pages.push_back(ReadGlyphs(page));
    g_object_unref(page);
  }
  constexpr double kPad = 1.5;  // points around the glyphs, so no edge of a letter shows
  std::map<int, std::vector<RedactionBox>> out;
  for (const TextRedaction& r : redactions) {
    std::u32string needle = WithoutSpaces(r.value);
    if (needle.empty()) continue;  // whitespace: nothing to see on the page
    int found = 0;
    for (size_t p = 0; p < pages.size(); ++p) {
      const PageGlyphs& g = pages[p];
      for (size_t at = g.text.find(needle); at != std::u32string::npos;
           at = g.text.find(needle, at + needle.size())) {
        ++found;
        // One box per line the occurrence spans.
        std::optional<RedactionBox> box;
        for (size_t k = at; k < at + needle.size(); ++k) {
          const PopplerRectangle& c = g.boxes[k];
          bool same_line = box && c.y1 < box->y + box->height && c.y2 > box->y;
          if (!same_line) {
            if (box) out[static_cast<int>(p) + 1].push_back(*box);
            box = RedactionBox{c.x1, c.y1, c.x2 - c.x1, c.y2 - c.y1, r.reason};
            continue;
          }
          double x1 = std::min(box->x, c.x1), y1 = std::min(box->y, c.y1);
          double x2 = std::max(box->x + box->width, c.x2);
          double y2 = std::max(box->y + box->height, c.y2);
          *box = RedactionBox{x1, y1, x2 - x1, y2 - y1, r.reason};
        }
        if (box) out[static_cast<int>(p) + 1].push_back(*box);
      }
    }
    if (found < r.occurrences) {
      return NotFoundError("a redacted value was found {} of {} times on the pages", found,
                           r.occurrences);
    }
  }
  for (auto& [page, boxes] : out) {
    for (RedactionBox& b : boxes) {
      b.x -= kPad;
      b.y -= kPad;
      b.width += 2 * kPad;
      b.height += 2 * kPad;
    }
  }
  return out;
}

Status StampablePdf::WritePage(int index, const Endorsement& endorsement, ImageFormat format,
                               const std::filesystem::path& out,
                               const PageRedaction& redaction) const {
  PopplerPage* page = poppler_document_get_page(impl_->doc, index);
  if (!page) return CorruptError("PDF page {} cannot be read", index + 1);
  double width = 0, height = 0;
  poppler_page_get_size(page, &width, &height);
  Status status;
  if (format == ImageFormat::kPdf && !redaction.rasterise) {
    std::string pdf;
    cairo_surface_t* surface = NewPdfSurface(pdf, width, height);
    cairo_t* cr = cairo_create(surface);
    poppler_page_render_for_printing(page, cr);
    DrawStamps(cr, width, height, endorsement);
    cairo_destroy(cr);
    status = FinishSurface(surface);
    if (status.ok()) status = WriteVolumeFile(out, pdf);
  } else if (format == ImageFormat::kPdf) {
    // Only the picture goes into the PDF: a page that is one image, no text to extract.
    cairo_surface_t* image =
        RenderPixels(page, width, height, kRedactedPdfDpi, endorsement, redaction.boxes);
    std::string pdf;
    cairo_surface_t* surface = NewPdfSurface(pdf, width, height);
    cairo_t* cr = cairo_create(surface);
    cairo_scale(cr, 72.0 / kRedactedPdfDpi, 72.0 / kRedactedPdfDpi);
    cairo_set_source_surface(cr, image, 0, 0);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(image);
    status = FinishSurface(surface);
    if (status.ok()) status = WriteVolumeFile(out, pdf);
  } else {
    cairo_surface_t* surface =
        RenderPixels(page, width, height, kTiffDpi, endorsement, redaction.boxes);
    int w = cairo_image_surface_get_width(surface);
    int h = cairo_image_surface_get_height(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    std::vector<uint8_t> gray(static_cast<size_t>(w) * static_cast<size_t>(h));
    for (int y = 0; y < h; ++y) {
      const uint32_t* row = reinterpret_cast<const uint32_t*>(
          data + static_cast<size_t>(y) * static_cast<size_t>(stride));
      for (int x = 0; x < w; ++x) {
        uint32_t px = row[x];
        uint32_t r = (px >> 16) & 0xFF, g = (px >> 8) & 0xFF, b = px & 0xFF;
        gray[static_cast<size_t>(y) * static_cast<size_t>(w) + static_cast<size_t>(x)] =
            static_cast<uint8_t>((r * 299 + g * 587 + b * 114) / 1000);
      }
    }
    cairo_surface_destroy(surface);
    status = WriteGroup4Tiff(out, gray, w, h, kTiffDpi);
  }
  g_object_unref(page);
  return status;
}

}  // namespace bates::produce::imaging
