// Bates continuity: a production's documents, as Bates ranges, must form one unbroken run per
// prefix with no number produced twice. A Bates number is a prefix and a decimal number
// ("CITY000123", "ABC-0001"); the number's width is kept to print gaps as the producer wrote them.
//
// Thread safety: free functions, no state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bates::demand::intake {

struct BatesNumber {
  std::string prefix;
  int64_t number = 0;
  int width = 0;  // digits as written
};

// The trailing digits are the number; nullopt when there are none or too many.
std::optional<BatesNumber> ParseBatesNumber(std::string_view text);
std::string FormatBatesNumber(const std::string& prefix, int64_t number, int width);

struct BatesRange {
  BatesNumber beg;
  int64_t end = 0;  // same prefix as beg
};

// "CITY000001" or "CITY000001-CITY000004" (also with " - " or an en dash read as '-').
std::optional<BatesRange> ParseBatesRange(std::string_view text);

struct RunFinding {
  bool gap = false;    // else a duplicate (overlap)
  std::string detail;  // e.g. "CITY000005-CITY000007 missing between CITY000004 and CITY000008"
};

// Sorts `ranges` and reports every gap and overlap within each prefix.
std::vector<RunFinding> CheckBatesRun(std::vector<BatesRange> ranges);

}  // namespace bates::demand::intake
