// Page images of one document, stamped: each page of a PDF is written as its own single-page image
// (PDF, vectors kept; or TIFF Group IV at 300 dpi) with the Bates number at lower right and a
// legend (confidentiality) at lower left, in a white band so the stamp stays legible over content.
// Only this file and text_pdf.cc touch poppler and cairo; only tiff_writer.cc touches libtiff.
//
// A redacted page is rasterised instead: the page is drawn to pixels, each redaction box filled
// black with its reason in white, and only that picture is written (a PDF page holding one image,
// or the TIFF), so no text layer or vector content of the original survives beneath a box.
//
// PDF output carries no creation date, so the same input stamps to the same bytes on every run.
//
// Thread safety: a StampablePdf is used by one thread; separate objects are independent.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "produce/spec.h"

namespace bates::produce::imaging {

struct Endorsement {
  std::string right;  // the page's Bates number
  std::string left;   // confidentiality legend; may be empty
};

// A box burnt into a page: PDF points from the page's top-left corner.
struct RedactionBox {
  double x = 0, y = 0, width = 0, height = 0;
  std::string reason;  // printed in white inside the box
};

// How a page is written: as it is (vectors and text kept), or rasterised with boxes burnt in.
struct PageRedaction {
  bool rasterise = false;
  std::vector<RedactionBox> boxes;
};

// A value cut from the document's text, to be found on its pages and boxed.
struct TextRedaction {
  std::string value;    // as it stood in the extracted text
  std::string reason;   // the box's label
  int occurrences = 1;  // how often the extracted text holds it: each must be found on a page
};

class StampablePdf {
 public:
  // Encrypted (password-protected) PDFs fail with Encrypted; unreadable ones with Corrupt.
  static Result<std::unique_ptr<StampablePdf>> Load(std::string pdf_bytes);
  ~StampablePdf();

  int page_count() const;
  // Boxes over every occurrence of each value on the pages, by 1-based page, from poppler's text
  // layout (whitespace ignored, so a value wrapped across lines is still found, one box a line).
  // NotFound when some occurrence cannot be placed: the caller must not trust the page then.
  Result<std::map<int, std::vector<RedactionBox>>> LocateText(
      const std::vector<TextRedaction>& redactions) const;
  // The pages' text as poppler extracts it, with every character whose centre lies under a box
  // left out and each run of them replaced by "[REDACTED: reason]": the produced text of a
  // document with page boxes, which must not hold what its images hide.
  std::string VisibleText(const std::map<int, std::vector<RedactionBox>>& boxes) const;
  Status WritePage(int page, const Endorsement& endorsement, ImageFormat format,
                   const std::filesystem::path& out, const PageRedaction& redaction = {}) const;

 private:
  struct Impl;
  explicit StampablePdf(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace bates::produce::imaging
