#include "produce/imaging/cairo_util.h"

namespace bates::produce::imaging {
namespace {

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

cairo_surface_t* NewPdfSurface(std::string& out, double width_pt, double height_pt) {
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(AppendToString, &out, width_pt, height_pt);
  // cairo stamps the current time as CreationDate unless told otherwise; a fixed date keeps a
  // rerun byte-identical (the production's own date is in its records, not in each page).
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "bates");
  return surface;
}

Status FinishSurface(cairo_surface_t* surface) {
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return InternalError("cairo: {}", cairo_status_to_string(status));
  }
  return Status::Ok();
}

}  // namespace bates::produce::imaging
