#include "produce/loadfile/dat.h"

#include "core/text.h"

namespace bates::produce::loadfile {

int LoadTable::Column(std::string_view name) const {
  std::string want = AsciiLower(name);
  for (size_t i = 0; i < fields.size(); ++i) {
    if (AsciiLower(fields[i]) == want) return static_cast<int>(i);
  }
  return -1;
}

namespace {

void AppendField(std::string& out, std::string_view value, const DatDialect& d) {
  AppendUtf8(out, d.qualifier);
  size_t pos = 0;
  while (pos < value.size()) {
    char32_t cp = NextCodePoint(value, pos);
    if (cp == '\r' && pos < value.size() && value[pos] == '\n') continue;  // CRLF: one newline
    // A qualifier or delimiter inside a value would end the field: the format has no escape, so
    // they become spaces rather than breaking the record.
    if (cp == '\n' || cp == '\r') {
      cp = d.newline;
    } else if (cp == d.qualifier || cp == d.delimiter) {
      cp = ' ';
    }
    AppendUtf8(out, cp);
  }
  AppendUtf8(out, d.qualifier);
}

}  // namespace

std::string WriteDat(const LoadTable& table, const DatDialect& dialect) {
  std::string out = "\xEF\xBB\xBF";
  auto record = [&](const std::vector<std::string>& values) {
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) AppendUtf8(out, dialect.delimiter);
      AppendField(out, values[i], dialect);
    }
    out += "\r\n";
  };
  record(table.fields);
  for (const auto& row : table.rows) record(row);
  return out;
}

Result<LoadTable> ReadDat(std::string_view bytes, const DatDialect& dialect) {
  BATES_ASSIGN_OR_RETURN(DecodedText decoded, DecodeLoadFile(bytes));
  const std::string& s = decoded.utf8;
  LoadTable table;
  table.encoding = decoded.encoding;

  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::vector<size_t> record_lines;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  size_t line = 1;
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    bool blank = record.empty() && field.empty() && !field_started;
    if (!blank) {
      end_field();
      records.push_back(std::move(record));
      record_lines.push_back(line);
    }
    record.clear();
  };
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = NextCodePoint(s, pos);
    if (quoted) {
      if (cp == dialect.qualifier) {
        // A doubled qualifier is a literal one (some tools write it so); otherwise it closes.
        size_t peek = pos;
        if (peek < s.size() && NextCodePoint(s, peek) == dialect.qualifier) {
          AppendUtf8(field, cp);
          pos = peek;
        } else {
          quoted = false;
        }
      } else if (cp == '\r') {
        if (pos < s.size() && s[pos] == '\n') ++pos;
        field += '\n';
        ++line;
      } else if (cp == '\n') {
        field += '\n';
        ++line;
      } else {
        if (cp == dialect.newline) cp = '\n';
        AppendUtf8(field, cp);
      }
      continue;
    }
    if (cp == dialect.qualifier && field.empty()) {
      quoted = true;
      field_started = true;
    } else if (cp == dialect.delimiter) {
      field_started = true;
      end_field();
      field_started = true;
    } else if (cp == '\r' || cp == '\n') {
      if (cp == '\r' && pos < s.size() && s[pos] == '\n') ++pos;
      end_record();
      ++line;
    } else {
      field_started = true;
      if (cp == dialect.newline) cp = '\n';
      AppendUtf8(field, cp);
    }
  }
  if (quoted) return CorruptError("DAT: a text qualifier is not closed at the end of the file");
  end_record();
  if (records.empty()) return CorruptError("DAT: no header record");
  table.fields = std::move(records[0]);
  std::vector<bool> bates_column(table.fields.size());
  for (size_t i = 0; i < table.fields.size(); ++i) {
    table.fields[i] = std::string(TrimAscii(table.fields[i]));
    bates_column[i] = AsciiLower(table.fields[i]).find("bates") != std::string::npos;
  }
  for (size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != table.fields.size()) {
      return CorruptError("DAT: the record ending on line {} has {} values, the header {}",
                          record_lines[r], records[r].size(), table.fields.size());
    }
    for (size_t i = 0; i < records[r].size(); ++i) {
      if (bates_column[i]) records[r][i] = NormalizeBatesText(records[r][i]);
    }
    table.rows.push_back(std::move(records[r]));
  }
  return table;
}

}  // namespace bates::produce::loadfile
