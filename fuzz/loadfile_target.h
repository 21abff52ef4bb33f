// The load-file parsers as a fuzz target ("loadfile"): a requester's intake reads DAT and OPT
// files that another party wrote (produce/loadfile/), so they are untrusted input like any
// document. Shares the harness's entry points, so `fuzz_loadfile` and the replay runner use it.
#pragma once

#include <cstddef>
#include <cstdint>

namespace bates::fuzz {

inline constexpr const char* kLoadFileTarget = "loadfile";

// Runs the encoding detection, the DAT reader, the OPT reader and intake's privilege-log CSV and
// Bates-range readers on the bytes. Any Status is a
// normal outcome; only a crash, a sanitizer report or a hang is a finding.
void RunLoadFileParsers(const uint8_t* data, size_t size);

}  // namespace bates::fuzz
