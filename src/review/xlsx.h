// A minimal XLSX writer: one worksheet of text cells (inline strings), packed in a ZIP with its
// members stored, not compressed. Enough for a privilege log that Excel, LibreOffice and
// openpyxl open; no styles, formulas or numbers. Output is deterministic (fixed member dates).
#pragma once

#include <string>
#include <vector>

namespace bates::review {

std::string XlsxWorkbook(const std::string& sheet_name,
                         const std::vector<std::vector<std::string>>& rows);

// The ZIP container, exposed for its test: members stored, DOS date 1980-01-01.
std::string StoredZip(const std::vector<std::pair<std::string, std::string>>& members);

}  // namespace bates::review
