#include "demand/intake/privilege_log.h"

#include "core/text.h"

namespace bates::demand::intake {

Result<std::vector<std::vector<std::string>>> ParseCsv(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, was_quoted = false;
  size_t line = 1;
  auto end_row = [&] {
    row.push_back(std::move(field));
    field.clear();
    // A blank line is no record.
    if (!(row.size() == 1 && row[0].empty() && !was_quoted)) rows.push_back(std::move(row));
    row.clear();
    was_quoted = false;
  };
  for (size_t i = 0; i < bytes.size(); ++i) {
    char c = bytes[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < bytes.size() && bytes[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') {
      // CRLF: the LF ends the row.
    } else if (c == '\n') {
      end_row();
      ++line;
    } else {
      field += c;
    }
  }
  if (quoted) return CorruptError("CSV: a quoted field opened by line {} is never closed", line);
  if (!field.empty() || !row.empty() || was_quoted) end_row();
  return rows;
}

Result<std::vector<BatesRange>> ReadPrivilegeLog(std::string_view csv_bytes) {
  BATES_ASSIGN_OR_RETURN(auto rows, ParseCsv(csv_bytes));
  std::vector<BatesRange> out;
  if (rows.empty()) return out;
  size_t column = 0;
  bool found = false;
  for (const char* name : {"bates", "begbates"}) {
    for (size_t i = 0; i < rows[0].size() && !found; ++i) {
      if (AsciiLower(rows[0][i]) == name) {
        column = i;
        found = true;
      }
    }
  }
  for (size_t r = 1; r < rows.size(); ++r) {
    if (column >= rows[r].size()) continue;
    if (auto range = ParseBatesRange(rows[r][column])) out.push_back(std::move(*range));
  }
  return out;
}

}  // namespace bates::demand::intake
