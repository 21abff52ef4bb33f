// bates-extract: runs one isolated reader on one document and writes what it finds to standard
// output in the framing of ingest/wire.h. Started by the parent (ingest/helper.h) with a time and
// memory limit; not meant to be run by hand, though it can be to reproduce a failure:
//
//   bates-extract [--max-item-bytes=N ...] [--] READER PATH|-
//   bates-extract [--max-item-bytes=N ...] -- --serve     (documents requested on standard input)
//   bates-extract --version
//
// The hidden modes --test-crash, --test-hang, --test-alloc and --test-garbage misbehave on
// purpose so tests can prove the parent contains each failure. Exit codes are listed in wire.h.
#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.h"
#include "ingest/helper.h"
#include "ingest/reader.h"
#include "ingest/wire.h"

namespace {

constexpr char kUsage[] =
    "usage: bates-extract [--max-item-bytes=N] [--max-in-memory-bytes=N] [--max-expanded-bytes=N]\n"
    "                     [--max-compression-ratio=N] [--ratio-floor-bytes=N]\n"
    "                     [--max-text-bytes=N] [--max-children=N] [--max-depth=N]\n"
    "                     [--] READER PATH|-\n"
    "       bates-extract --version\n";

bool ParseNumber(std::string_view text, uint64_t& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && ec == std::errc() && ptr == text.data() + text.size();
}

// Sets the limit named by `arg` ("--max-item-bytes=123"); false if the name or value is bad.
bool ParseLimit(std::string_view arg, bates::Limits& limits) {
  size_t eq = arg.find('=');
  if (eq == std::string_view::npos) return false;
  std::string_view name = arg.substr(2, eq - 2);
  uint64_t value = 0;
  if (!ParseNumber(arg.substr(eq + 1), value)) return false;
  if (name == "max-item-bytes") {
    limits.max_item_bytes = value;
  } else if (name == "max-in-memory-bytes") {
    limits.max_in_memory_bytes = value;
  } else if (name == "max-expanded-bytes") {
    limits.max_expanded_bytes = value;
  } else if (name == "max-compression-ratio") {
    limits.max_compression_ratio = value;
  } else if (name == "ratio-floor-bytes") {
    limits.ratio_floor_bytes = value;
  } else if (name == "max-text-bytes") {
    limits.max_text_bytes = value;
  } else if (name == "max-children") {
    limits.max_children = value;
  } else if (name == "max-depth") {
    if (value > 1'000'000) return false;
    limits.max_depth = static_cast<int>(value);
  } else {
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  bates::Limits limits;
  std::vector<std::string_view> positional;
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    // A test mode stands where the reader's name goes.
    if (options_done || !arg.starts_with("--") || arg.starts_with("--test-")) {
      positional.push_back(arg);
    } else if (arg == "--") {
      options_done = true;
    } else if (arg == "--version") {
      std::printf("bates-extract (bates), wire protocol %u\nisolated readers:",
                  bates::ingest::wire::kWireVersion);
      for (const bates::ingest::Reader* reader : bates::ingest::ReaderRegistry::Global().All()) {
        if (reader->isolated()) {
          std::printf(" %.*s", static_cast<int>(reader->name().size()), reader->name().data());
        }
      }
      std::printf("\n");
      return bates::ingest::wire::kExitOk;
    } else if (arg == "--help") {
      std::fputs(kUsage, stdout);
      return bates::ingest::wire::kExitOk;
    } else if (!ParseLimit(arg, limits)) {
      std::fprintf(stderr, "bates-extract: bad option %s\n%s", argv[i], kUsage);
      return bates::ingest::wire::kExitUsage;
    }
  }
  // Serving reads its documents from standard input, as a test mode may.
  if (positional.size() == 1 &&
      (positional[0].starts_with("--test-") || positional[0] == "--serve")) {
    positional.push_back("-");
  }
  if (positional.size() != 2) {
    std::fputs(kUsage, stderr);
    return bates::ingest::wire::kExitUsage;
  }
  return bates::ingest::HelperMain(positional[0], std::filesystem::path(positional[1]), limits);
}
