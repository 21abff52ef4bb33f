// pdf_extract_bench: runs bates' PDF reader on each file named and reports what it took, one JSON
// object per line, for bench/pdf_bench.py to set beside poppler's pdftotext.
//
//   pdf_extract_bench [--helper PATH] FILE...
//
// In process by default: the reader alone, one file after another on one thread, as pdftotext
// works. With --helper, each file goes through the bates-extract helper process (RunIsolated),
// as `bates add` runs it: process start, the wire stream and the replay are included.
//
// Each line: {"file", "bytes", "pages", "ocr_pages", "text_bytes", "seconds", "status"}.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/helper.h"
#include "ingest/reader.h"

namespace {

using bates::Status;
namespace ingest = bates::ingest;

// Keeps what the report needs and drops the rest (embedded files are not read further here).
class CountingContext final : public ingest::ReadContext {
 public:
  Status SetDocument(ingest::Extracted document) override {
    text_bytes = document.text.size();
    for (const auto& [key, value] : document.meta.extra) {
      if (key == "page_count") pages = value;
      if (key == "ocr_pages") ocr_pages = value;
    }
    return Status::Ok();
  }
  Status AddChild(ingest::Child child) override {
    if (!child.spill_path.empty()) {
      std::error_code ignored;
      std::filesystem::remove(child.spill_path, ignored);
    }
    return Status::Ok();
  }
  const bates::Limits& limits() const override { return limits_; }
  const std::filesystem::path& temp_dir() const override { return temp_dir_; }

  size_t text_bytes = 0;
  std::string pages = "0";
  std::string ocr_pages = "0";

 private:
  bates::Limits limits_;
  std::filesystem::path temp_dir_ = std::filesystem::temp_directory_path();
};

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path helper;
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--helper" && i + 1 < argc) {
      helper = argv[++i];
    } else {
      files.emplace_back(arg);
    }
  }
  const ingest::Reader* pdf = ingest::ReaderRegistry::Global().ByName("pdf");
  if (pdf == nullptr || files.empty()) {
    std::fputs("usage: pdf_extract_bench [--helper PATH] FILE...\n", stderr);
    return 2;
  }
  for (const std::filesystem::path& file : files) {
    std::error_code ec;
    const uint64_t size = std::filesystem::file_size(file, ec);
    if (ec) continue;
    ingest::Input input = ingest::Input::FromFile(file, size, file.filename().string());
    CountingContext context;
    const auto start = std::chrono::steady_clock::now();
    Status status = helper.empty() ? pdf->Read(input, context)
                                   : ingest::RunIsolated(*pdf, input, context, helper);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf(
        "{\"file\": %s, \"bytes\": %llu, \"pages\": %s, \"ocr_pages\": %s, \"text_bytes\": %zu, "
        "\"seconds\": %.6f, \"status\": %s}\n",
        JsonString(file.string()).c_str(), static_cast<unsigned long long>(size),
        context.pages.c_str(), context.ocr_pages.c_str(), context.text_bytes, seconds,
        JsonString(status.ok() ? "ok" : status.ToString()).c_str());
    std::fflush(stdout);
  }
  return 0;
}
