#include "produce/loadfile/csv.h"

namespace bates::produce::loadfile {

std::string WriteCsv(const LoadTable& table) {
  std::string out = "\xEF\xBB\xBF";
  auto record = [&](const std::vector<std::string>& values) {
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out += ',';
      out += '"';
      for (char c : values[i]) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
    out += "\r\n";
  };
  record(table.fields);
  for (const auto& row : table.rows) record(row);
  return out;
}

}  // namespace bates::produce::loadfile
