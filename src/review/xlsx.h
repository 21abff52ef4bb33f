// A one-sheet workbook of text cells, written by libxlsxwriter. Enough for a privilege log that
// Excel, LibreOffice and openpyxl open; no styles, formulas or numbers.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace bates::review {

// The bytes of an .xlsx file: `rows` in order, row 1 first, every cell a string. Empty cells are
// left blank. InvalidArgument for a cell longer than Excel's 32,767 characters.
Result<std::string> XlsxWorkbook(const std::string& sheet_name,
                                 const std::vector<std::vector<std::string>>& rows);

}  // namespace bates::review
