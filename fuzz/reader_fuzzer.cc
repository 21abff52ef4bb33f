// libFuzzer entry point for one reader: fuzz/CMakeLists.txt compiles this file once per reader
// name with BATES_FUZZ_READER set to it ("pdf", "archive", ...).
#include <cstdio>
#include <cstdlib>

#include "harness.h"

#ifndef BATES_FUZZ_READER
#error "BATES_FUZZ_READER must name the reader to fuzz"
#endif

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  // A target for a reader that has not landed yet builds from the same list; it says so and
  // ends cleanly instead of fuzzing nothing.
  if (!bates::fuzz::ReaderExists(BATES_FUZZ_READER)) {
    std::fprintf(stderr, "reader_fuzzer: no reader named '%s' is linked in; nothing to fuzz\n",
                 BATES_FUZZ_READER);
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!bates::fuzz::RunReader(BATES_FUZZ_READER, data, size)) {
    // A broken ReadContext contract is a bug even without a memory error: make it a crash.
    std::abort();
  }
  return 0;
}
