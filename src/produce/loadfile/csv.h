// The production's metadata as CSV (RFC 4180, UTF-8 with a BOM, CRLF), for readers that open load
// files in a spreadsheet rather than a review platform. Same fields and rows as the DAT.
#pragma once

#include <string>

#include "produce/loadfile/dat.h"

namespace bates::produce::loadfile {

std::string WriteCsv(const LoadTable& table);

}  // namespace bates::produce::loadfile
