// bates-fuzz-replay: runs a reader on saved fuzz inputs under the normal build, so the seed
// corpus and every past crash (fuzz/corpus/READER/*, fuzz/crashes/READER/*) replay in ctest.
//
//   bates-fuzz-replay READER FILE...
//
// Exit codes: 0 all inputs ran; 1 an input broke the ReadContext contract or could not be read;
// 2 usage; 77 no reader of that name is linked in (ctest reports the case as skipped).
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "harness.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fputs("usage: bates-fuzz-replay READER FILE...\n", stderr);
    return 2;
  }
  std::string_view reader = argv[1];
  if (!bates::fuzz::ReaderExists(reader)) {
    std::fprintf(stderr, "bates-fuzz-replay: no reader named '%s' is linked in\n", argv[1]);
    return 77;
  }
  int failures = 0;
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "bates-fuzz-replay: cannot read %s\n", argv[i]);
      ++failures;
      continue;
    }
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!bates::fuzz::RunReader(reader, reinterpret_cast<const uint8_t*>(bytes.data()),
                                bytes.size())) {
      std::fprintf(stderr, "bates-fuzz-replay: %s broke the ReadContext contract on %s\n", argv[1],
                   argv[i]);
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}
