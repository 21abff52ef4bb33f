// Extractor: turns one collected file into its items — detects the type, runs the reader
// (in-process or in a helper), recurses into every child depth first, hashes everything, applies
// the limits, and turns every failure into an exception item. Nothing is skipped silently: every
// child a reader reports becomes an item, processed or exception.
//
// Thread safety: an Extractor is immutable after construction; Extract() runs on many threads.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "core/limits.h"
#include "core/result.h"
#include "ingest/extracted_item.h"
#include "ingest/reader.h"

namespace bates::ingest {

struct ExtractorOptions {
  Limits limits;
  // The bates-extract helper program, for isolated readers. Empty: isolated readers run in
  // process (tests and the helper itself).
  std::filesystem::path helper_path;
  // Where spilled members and helper inputs go; must exist.
  std::filesystem::path temp_dir;
  const ReaderRegistry* registry = &ReaderRegistry::Global();
};

class Extractor {
 public:
  explicit Extractor(ExtractorOptions options) : options_(std::move(options)) {}

  // Extracts the file at `path` (named `name`), emitting its items in pre-order through `emit` and
  // late failures of containers through `fail`. Returns non-ok only when `emit` or `fail` did
  // (the consumer wants to stop); any problem with the file itself is an exception item.
  using EmitFn = std::function<Status(ExtractedItem)>;
  using FailFn = std::function<Status(uint32_t local_id, const Status&, const std::string& tool)>;
  Status ExtractFile(const std::filesystem::path& path, const std::string& name, const EmitFn& emit,
                     const FailFn& fail) const;

  // The same for a document in memory (tests, fuzzing).
  Status ExtractMemory(std::string_view bytes, const std::string& name, const EmitFn& emit,
                       const FailFn& fail) const;

  const ExtractorOptions& options() const { return options_; }

 private:
  ExtractorOptions options_;
};

}  // namespace bates::ingest
