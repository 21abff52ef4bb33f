#include "review/privilege_log.h"

#include "review/xlsx.h"

namespace bates::review {
namespace {

std::vector<std::string> Cells(const PrivilegeLogRow& r) {
  return {r.document, r.date,        r.author, r.to,        r.cc,
          r.bcc,      r.description, r.basis,  r.treatment, r.family};
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

const std::vector<std::string>& PrivilegeLogColumns() {
  static const std::vector<std::string> kColumns = {
      "Bates", "Date",        "Author",          "To",        "CC",
      "BCC",   "Description", "Privilege basis", "Treatment", "Family relation"};
  return kColumns;
}

std::string PrivilegeLogCsv(const std::vector<PrivilegeLogRow>& rows) {
  std::string out;
  auto line = [&out](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + CsvField(cells[i]);
    out += "\r\n";
  };
  line(PrivilegeLogColumns());
  for (const PrivilegeLogRow& r : rows) line(Cells(r));
  return out;
}

Result<std::string> PrivilegeLogXlsx(const std::vector<PrivilegeLogRow>& rows) {
  std::vector<std::vector<std::string>> table = {PrivilegeLogColumns()};
  for (const PrivilegeLogRow& r : rows) table.push_back(Cells(r));
  return XlsxWorkbook("Privilege log", table);
}

}  // namespace bates::review
