// Writing a file of a volume being built. No fsync per file, unlike core's WriteFileAtomic: a
// volume is thousands of small files in a folder that is new and is discarded if the run fails,
// and per-file syncs made production I/O-bound (an fdatasync for every page image). The manifest,
// written last, is what says a volume is complete.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/status.h"

namespace bates::produce {

Status WriteVolumeFile(const std::filesystem::path& path, std::string_view bytes);

}  // namespace bates::produce
