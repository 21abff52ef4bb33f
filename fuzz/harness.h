// The fuzzing harness: runs one reader, by name, on one input held in memory, in this process,
// through a FakeReadContext with tight limits. Shared by the libFuzzer targets (reader_fuzzer.cc,
// one binary per reader) and the replay runner (replay_main.cc), so a crash found by a fuzzer
// replays through exactly the same code under the normal build.
//
// The helper process is not used: a fuzzer must see the reader's own crashes. Children are kept
// as the reader reports them (not detected or read further), and their spill files are deleted.
//
// Thread safety: one call at a time per process (libFuzzer runs one input at a time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/limits.h"

namespace bates::fuzz {

// The limits every fuzz run uses: small enough that a run stays well under libFuzzer's time and
// memory limits, large enough that the readers' own limit checks are reached.
Limits FuzzLimits();

// Whether a reader of that name is linked in. Names of readers not written yet are not errors.
bool ReaderExists(std::string_view reader_name);

// Runs the reader on the bytes. Returns false only when the reader broke the ReadContext
// contract (a document reported twice, a child without its content); a Status of any kind from
// the reader is a normal outcome.
bool RunReader(std::string_view reader_name, const uint8_t* data, size_t size);

}  // namespace bates::fuzz
