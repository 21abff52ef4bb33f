// Bates numbers: a prefix and a zero-padded number ("CITY000123"), one per produced page (or one
// per document produced only natively or withheld, for its slip sheet). A matter's run never
// repeats or skips a number across its productions; the engine keeps where it stands.
//
// Thread safety: values only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace bates::produce {

struct BatesFormat {
  std::string prefix = "BATES";
  int digits = 6;  // zero padding; a number wider than this is written in full

  std::string Format(int64_t number) const;
  // The number of a Bates label of this format (Unicode hyphens read as '-'). InvalidArgument if
  // the prefix differs or what follows is not a number.
  Result<int64_t> Parse(std::string_view label) const;
};

// A prefix must be usable in file names and load files: letters, digits, '-', '_' and '.'.
Status ValidateBatesPrefix(std::string_view prefix);

}  // namespace bates::produce
