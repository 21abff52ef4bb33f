// Privilege logs in a received volume: any CSV whose file name contains PRIVLOG (any case). The
// column `Bates` holds each withheld item's slip-sheet number or BEG-END range; without it,
// BEGBATES, else the first column. bates writes DATA/<VOLUME>_PRIVLOG.csv this way.
//
// Thread safety: free functions, no state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "demand/intake/bates_run.h"

namespace bates::demand::intake {

// RFC 4180 CSV (quoted fields, "" for a quote, CRLF or LF, a UTF-8 BOM skipped). A quote left
// open at the end is Corrupt.
Result<std::vector<std::vector<std::string>>> ParseCsv(std::string_view bytes);

// The Bates ranges a privilege log lists; rows whose Bates value does not parse are skipped.
Result<std::vector<BatesRange>> ReadPrivilegeLog(std::string_view csv_bytes);

}  // namespace bates::demand::intake
