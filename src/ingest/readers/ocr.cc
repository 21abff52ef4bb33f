#include "ingest/readers/ocr.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

namespace bates::ingest::ocr {
namespace {

struct PixFree {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, PixFree>;

// Leptonica reports every problem on standard error; the readers turn failures into statuses.
void QuietLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

// Resolutions a scanner or renderer would write; anything else (0, 1, 72 of a phone photo read
// as a page) misleads Tesseract's size estimates, and 300 is what it is tuned for.
int UsableDpi(int dpi) { return dpi >= 100 && dpi <= 2400 ? dpi : 300; }

class Engine {
 public:
  Status Ready() {
    if (api_) return Status::Ok();
    if (!error_.ok()) return error_;
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    const std::string& dir = TessdataDir();
    // LSTM only: the legacy engine is slower and, on scans, less accurate.
    if (api->Init(dir.empty() ? nullptr : dir.c_str(), "eng", tesseract::OEM_LSTM_ONLY) != 0) {
      error_ = InternalError("Tesseract cannot load its English model from {}",
                             dir.empty() ? "its default location" : dir);
      return error_;
    }
    // Tesseract's diagnostics go to this file instead of standard error.
    api->SetVariable("debug_file", "/dev/null");
    api_ = std::move(api);
    return Status::Ok();
  }
  tesseract::TessBaseAPI& api() { return *api_; }

 private:
  std::unique_ptr<tesseract::TessBaseAPI> api_;
  Status error_;
};

Engine& ThreadEngine() {
  thread_local Engine engine;
  return engine;
}

// `set_image` hands the picture to Tesseract.
template <typename SetImage>
Result<OcrText> Recognize(const SetImage& set_image, int dpi, const OcrBudget& budget) {
  OcrText out;
  int64_t remaining = budget.RemainingMs();
  if (remaining == 0) {
    out.timed_out = true;
    return out;
  }
  Engine& engine = ThreadEngine();
  BATES_RETURN_IF_ERROR(engine.Ready());
  tesseract::TessBaseAPI& api = engine.api();
  set_image(api);
  api.SetSourceResolution(UsableDpi(dpi));
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(static_cast<int32_t>(std::min<int64_t>(remaining, INT32_MAX)));
  int recognized = api.Recognize(&monitor);
  out.timed_out = monitor.deadline_exceeded();
  if (recognized != 0 && !out.timed_out) {
    api.Clear();
    return CorruptError("Tesseract could not recognise the picture");
  }
  std::unique_ptr<char[]> text(api.GetUTF8Text());
  if (text) out.text = text.get();
  out.confidence = HasText(out.text) ? api.MeanTextConf() : -1;
  // The picture and the page layout are large; only the model is worth keeping.
  api.Clear();
  return out;
}

}  // namespace

OcrBudget::OcrBudget(const Limits& limits)
    : total_(std::max<std::chrono::seconds>(limits.helper_time_limit * 3 / 4,
                                            std::chrono::seconds(1))),
      deadline_(std::chrono::steady_clock::now() + total_) {}

int64_t OcrBudget::RemainingMs() const {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                  deadline_ - std::chrono::steady_clock::now())
                  .count();
  return left > 0 ? std::max<int64_t>(left, 1) : 0;
}

const std::string& TessdataDir() {
  static const std::string dir = [] {
    namespace fs = std::filesystem;
    std::vector<fs::path> candidates;
    std::error_code ec;
    // Debian and Ubuntu: /usr/share/tesseract-ocr/<version>/tessdata; the newest version first.
    for (const char* root : {"/usr/share/tesseract-ocr", "/usr/local/share/tesseract-ocr"}) {
      std::vector<fs::path> versions;
      for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        versions.push_back(it->path() / "tessdata");
      }
      std::sort(versions.rbegin(), versions.rend());
      candidates.insert(candidates.end(), versions.begin(), versions.end());
    }
    // Fedora, Arch, Homebrew and source installs.
    for (const char* other : {"/usr/share/tessdata", "/usr/local/share/tessdata",
                              "/opt/homebrew/share/tessdata", "/usr/share/tesseract/tessdata"}) {
      candidates.emplace_back(other);
    }
    for (const fs::path& candidate : candidates) {
      if (fs::is_regular_file(candidate / "eng.traineddata", ec)) return candidate.string();
    }
    return std::string();
  }();
  return dir;
}

Result<OcrText> RecognizePix(const Pix* source, int dpi, const OcrBudget& budget) {
  QuietLeptonica();
  Pix* pix = const_cast<Pix*>(source);  // leptonica's API is not const-correct; nothing changes
  const int width = pixGetWidth(pix);
  const int height = pixGetHeight(pix);
  // Smaller than a letter: nothing to read, and Tesseract complains.
  if (width < 8 || height < 8) return OcrText{};
  // Tesseract reads 1-bit and 8-bit grey best; colour maps, 2, 4, 16 and 32 bits become grey.
  PixPtr grey(pixGetDepth(pix) == 1 ? pixClone(pix) : pixConvertTo8(pix, 0));
  if (!grey) return CorruptError("picture of depth {} cannot be converted", pixGetDepth(pix));
  const uint64_t pixels = static_cast<uint64_t>(width) * static_cast<uint64_t>(height);
  if (pixels > kMaxPixels) {
    const float factor = static_cast<float>(std::sqrt(static_cast<double>(kMaxPixels) / pixels));
    // Scaling a 1-bit picture down loses strokes; grey keeps them.
    PixPtr eight(pixGetDepth(grey.get()) == 1 ? pixConvertTo8(grey.get(), 0)
                                              : pixClone(grey.get()));
    PixPtr scaled(eight ? pixScale(eight.get(), factor, factor) : nullptr);
    if (!scaled) return ResourceExhaustedError("picture of {}x{} cannot be scaled", width, height);
    grey = std::move(scaled);
    dpi = dpi > 0 ? static_cast<int>(dpi * factor) : 0;
  }
  return Recognize([&](tesseract::TessBaseAPI& api) { api.SetImage(grey.get()); }, dpi, budget);
}

Result<OcrText> RecognizeGray(const uint8_t* pixels, int width, int height, int bytes_per_row,
                              int dpi, const OcrBudget& budget) {
  if (width < 8 || height < 8) return OcrText{};
  if (bytes_per_row < width) return InvalidArgumentError("raster rows are shorter than its width");
  return Recognize(
      [&](tesseract::TessBaseAPI& api) {
        api.SetImage(pixels, width, height, /*bytes_per_pixel=*/1, bytes_per_row);
      },
      dpi, budget);
}

bool HasText(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return !std::isspace(static_cast<unsigned char>(c)); });
}

}  // namespace bates::ingest::ocr
