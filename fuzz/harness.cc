#include "harness.h"

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "ingest/reader.h"
#include "ingest/testing/fake_read_context.h"
#include "loadfile_target.h"

namespace bates::fuzz {
namespace {

// One private folder per process for members the readers spill; emptied after every input so a
// long fuzzing run does not fill the disk.
const std::filesystem::path& SpillDir() {
  static const std::filesystem::path dir = [] {
    std::error_code ec;
    std::string pattern = (std::filesystem::temp_directory_path(ec) / "bates-fuzz-XXXXXX").string();
    const char* made = ::mkdtemp(pattern.data());
    return made != nullptr ? std::filesystem::path(made) : std::filesystem::temp_directory_path();
  }();
  return dir;
}

}  // namespace

Limits FuzzLimits() {
  Limits limits;
  limits.max_depth = 4;
  limits.max_item_bytes = uint64_t{4} << 20;
  limits.max_in_memory_bytes = uint64_t{1} << 20;
  limits.max_expanded_bytes = uint64_t{16} << 20;
  limits.max_compression_ratio = 200;
  limits.ratio_floor_bytes = uint64_t{64} << 10;
  limits.max_text_bytes = uint64_t{2} << 20;
  limits.max_children = 200;
  // Readers that budget their own work (OCR) read this as their wall-time allowance.
  limits.helper_time_limit = std::chrono::seconds(4);
  limits.helper_memory_bytes = uint64_t{1} << 30;
  return limits;
}

bool ReaderExists(std::string_view reader_name) {
  if (reader_name == kLoadFileTarget) return true;
  return ingest::ReaderRegistry::Global().ByName(reader_name) != nullptr;
}

bool RunReader(std::string_view reader_name, const uint8_t* data, size_t size) {
  if (reader_name == kLoadFileTarget) {
    RunLoadFileParsers(data, size);
    return true;
  }
  const ingest::Reader* reader = ingest::ReaderRegistry::Global().ByName(reader_name);
  if (reader == nullptr) return true;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ingest::testing::FakeReadContext context(FuzzLimits(), SpillDir());
  ingest::Input input = ingest::Input::FromMemory(bytes, "fuzz-input");
  Status status = reader->Read(input, context);
  bool contract_kept = true;
  for (const ingest::Child& child : context.children) {
    if (child.spill_path.empty()) continue;
    std::error_code ec;
    // A spill file must exist and be the child's whole content; the framework relies on it.
    if (!child.failure.ok() || !std::filesystem::is_regular_file(child.spill_path, ec)) {
      contract_kept = false;
    }
    std::filesystem::remove(child.spill_path, ec);
  }
  // FakeReadContext refuses a second document, or one after a child, with this code; a reader
  // that passes the refusal on has broken the contract.
  if (status.code() == StatusCode::kInternal &&
      status.message().find("SetDocument") != std::string::npos) {
    contract_kept = false;
  }
  return contract_kept;
}

}  // namespace bates::fuzz
