// The privilege log: one row per item withheld or produced with redactions, with the columns
// courts expect, as CSV (RFC 4180, UTF-8, CRLF) and as XLSX. The rows are assembled by the
// engine from the store (items, coding, redactions); this file only lays them out, so a
// production (issue 8) writes the same log into its volume.
//
// The description is the reviewer's (coding field "description"), never generated from the
// document.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace bates::review {

struct PrivilegeLogRow {
  std::string document;  // Bates number once produced, else the item id (DOC-000123)
  std::string date;      // local, YYYY-MM-DD
  std::string author;    // sender or author
  std::string to, cc, bcc;
  std::string description;
  std::string basis;      // "attorney-client; work-product", or the redactions' reasons
  std::string treatment;  // "withheld" or "redacted"
  std::string family;     // "attachment to DOC-000120", "parent of DOC-000124, DOC-000125", ""
};

// The header row's titles, in column order. The first is "Bates": a production's intake check
// reads that column of DATA/<VOLUME>_PRIVLOG.csv, so keep the name.
const std::vector<std::string>& PrivilegeLogColumns();

std::string PrivilegeLogCsv(const std::vector<PrivilegeLogRow>& rows);

// A one-sheet workbook (the bytes of an .xlsx file): a header row, then the rows, every cell text.
Result<std::string> PrivilegeLogXlsx(const std::vector<PrivilegeLogRow>& rows);

}  // namespace bates::review
