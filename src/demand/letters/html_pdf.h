// Lays out a rendered letter (HTML) as a text-searchable PDF, so the one template a user edits
// drives both formats. The HTML is parsed with libxml2's forgiving HTML parser; block elements
// (headings, paragraphs, list items, table rows, address, div) become paragraphs set with Pango
// (proper word wrapping, real fonts embedded by cairo, so pdftotext reads the words back),
// bold/italic carry over, and pages break between lines. Styling (CSS) is not interpreted: the
// PDF is a plain, readable letter, not a browser rendering.
//
// Thread safety: reentrant (each call has its own cairo surface and Pango context).
#pragma once

#include <string>

#include "core/result.h"

namespace bates::demand::letters {

struct PdfOptions {
  std::string title;   // PDF document title (metadata)
  std::string footer;  // printed at the foot of every page before "page N of M"; may be empty
};

// US Letter, 1-inch margins, serif 11 pt. Errors: InvalidArgument (unparsable HTML),
// Internal (cairo failed).
Result<std::string> RenderHtmlToPdf(const std::string& html, const PdfOptions& options);

}  // namespace bates::demand::letters
