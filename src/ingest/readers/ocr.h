// OCR: English text from pictures with Tesseract, shared by the image reader (scans, photos) and
// the PDF reader (pages with no text layer). Pictures come as leptonica images or as 8-bit grey
// rasters (what poppler renders); the caller owns them.
//
// OCR is slow and its libraries may crash on hostile input, so the readers that use it are
// isolated (they run in the bates-extract helper, helper.h). Inside that allowance an OcrBudget
// gives the whole document a wall-time limit: Tesseract is told the time left for each page, so a
// document with more pages than time yields the text of the pages done and says so, instead of
// the helper being killed with nothing.
//
// Thread safety: each thread gets its own Tesseract engine, loaded on first use (about half a
// second and 50 MB) and kept for the thread's life; the helper reads one document per process,
// so there it is loaded once per document.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/limits.h"
#include "core/result.h"

struct Pix;  // leptonica's image

namespace bates::ingest::ocr {

// The most pages of one document that are OCRed; the rest are left without text and the item is
// flagged truncated.
inline constexpr int kMaxPages = 500;
// Pictures larger than this are scaled down before OCR; text in them is still legible at this
// size, and Tesseract needs several times the picture's size in memory.
inline constexpr uint64_t kMaxPixels = uint64_t{36} << 20;
// The resolution PDF pages are rendered at for OCR (less for pages too large for kMaxPixels).
inline constexpr double kRenderDpi = 300.0;

// The wall time a document's OCR may take: three quarters of the helper's time limit, leaving
// the rest for parsing and for sending the results.
class OcrBudget {
 public:
  explicit OcrBudget(const Limits& limits);
  // Milliseconds left, at least 1 while time remains; 0 once the budget is spent.
  int64_t RemainingMs() const;
  bool Spent() const { return RemainingMs() == 0; }
  std::chrono::seconds total() const { return total_; }

 private:
  std::chrono::seconds total_;
  std::chrono::steady_clock::time_point deadline_;
};

struct OcrText {
  std::string text;        // UTF-8, as Tesseract lays it out (lines, blank lines between blocks)
  int confidence = -1;     // Tesseract's mean word confidence, 0..100; -1 when no word was found
  bool timed_out = false;  // the budget ran out before Tesseract finished the page
};

// The directory holding eng.traineddata, found among the places Debian and other distributions
// install it; empty if none has it (Tesseract then tries its compiled-in default).
const std::string& TessdataDir();

// Recognises the text of a leptonica image of any depth; `dpi` 0 when unknown. The image is
// converted and scaled as Tesseract needs; `pix` is not modified.
Result<OcrText> RecognizePix(const Pix* pix, int dpi, const OcrBudget& budget);

// Recognises an 8-bit grey raster (0 black, 255 white) of `width` x `height` pixels, rows
// `bytes_per_row` apart.
Result<OcrText> RecognizeGray(const uint8_t* pixels, int width, int height, int bytes_per_row,
                              int dpi, const OcrBudget& budget);

// True when the text has something other than white space.
bool HasText(std::string_view text);

}  // namespace bates::ingest::ocr
