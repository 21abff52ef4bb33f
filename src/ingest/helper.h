// Helper process: how isolated readers run. Each worker thread keeps a `bates-extract --serve`
// running and sends it one document at a time (wire.h, "Requests"); the helper runs the named
// reader and writes each ReadContext call (SetDocument, AddChild) to its standard output in the
// framing of wire.h; the parent replays them onto the real ReadContext, so children are detected
// and read by the parent as usual. A crash, a hang past the time limit or an allocation past the
// memory limit ends only the helper: the document becomes an exception item whose reason says which
// ("poppler crashed: killed by signal 11").
//
// Thread safety: RunIsolated may be called from many threads at once.
#pragma once

#include <filesystem>

#include "core/result.h"
#include "ingest/reader.h"

namespace bates::ingest {

// Runs `reader` on `input` in the helper program at `helper_path`, replaying its results onto
// `context`. Input held in memory is handed to the helper through a memory file, not the disk.
Status RunIsolated(const Reader& reader, const Input& input, ReadContext& context,
                   const std::filesystem::path& helper_path);

// Helper processes started by this process so far (each serves many documents, one after
// another, and is replaced after a failure or a few hundred documents).
uint64_t HelpersStarted();

// The helper's side: runs the reader named `reader_name` on the file at `path` (or standard input
// when `path` is "-"), writing results to standard output. Returns the process exit code.
int HelperMain(std::string_view reader_name, const std::filesystem::path& path,
               const Limits& limits);

}  // namespace bates::ingest
