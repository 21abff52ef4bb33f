#include "produce/imaging/stamp.h"

#include <poppler.h>

#include <algorithm>
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
    cairo_surface_t* image = RenderPixels(page, width, height, kRedactedPdfDpi, endorsement,
                                          redaction.boxes);
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
