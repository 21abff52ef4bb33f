// Concordance DAT load files: the table of metadata every review platform (Relativity,
// Concordance, Eclipse...) loads. The dialect is the industry's default: field delimiter ASCII 20
// (U+0014), text qualifier þ (U+00FE), a newline inside a field written as ® (U+00AE), one record
// per CRLF-ended line, the first record the field names. bates writes UTF-8 with a BOM.
//
// ReadDat parses what bates writes and what other tools write (see encoding.h for encodings; CRLF
// or LF; qualified or bare fields; a raw newline inside a qualified field). The format has no
// escape for ® itself, so a ® in data reads back as a newline — as every platform reads it.
//
// Thread safety: free functions, no state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "produce/loadfile/encoding.h"

namespace bates::produce::loadfile {

struct DatDialect {
  char32_t delimiter = 0x14;
  char32_t qualifier = 0xFE;
  char32_t newline = 0xAE;
};

struct LoadTable {
  std::vector<std::string> fields;             // header, in order
  std::vector<std::vector<std::string>> rows;  // one per record, as many values as fields
  TextEncoding encoding = TextEncoding::kUtf8Bom;

  // The column of `name` (ASCII case-insensitive), or -1.
  int Column(std::string_view name) const;
};

std::string WriteDat(const LoadTable& table, const DatDialect& dialect = {});

// Values of columns whose name contains "BATES" (BEGBATES, PARENTBATES...) have Unicode hyphens
// read as '-' (NormalizeBatesText). A record with the wrong number of values is Corrupt, naming
// its line.
Result<LoadTable> ReadDat(std::string_view bytes, const DatDialect& dialect = {});

}  // namespace bates::produce::loadfile
