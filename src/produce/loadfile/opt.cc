#include "produce/loadfile/opt.h"

#include <charconv>

#include "core/text.h"
#include "produce/loadfile/encoding.h"

namespace bates::produce::loadfile {

std::string WriteOpt(const std::vector<OptRecord>& records) {
  std::string out;
  for (const OptRecord& r : records) {
    out += r.image_key + "," + r.volume + "," + r.path + "," + (r.doc_break ? "Y" : "") + "," +
           r.folder_break + "," + r.box_break + "," +
           (r.page_count > 0 ? std::to_string(r.page_count) : "") + "\r\n";
  }
  return out;
}

Result<std::vector<OptRecord>> ReadOpt(std::string_view bytes) {
  BATES_ASSIGN_OR_RETURN(DecodedText decoded, DecodeLoadFile(bytes));
  std::vector<OptRecord> out;
  std::string_view rest = decoded.utf8;
  size_t line_number = 0;
  while (!rest.empty()) {
    size_t eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (TrimAscii(line).empty()) continue;
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t comma; (comma = line.find(',', start)) != std::string_view::npos;
         start = comma + 1) {
      parts.push_back(line.substr(start, comma - start));
    }
    parts.push_back(line.substr(start));
    if (parts.size() < 3 || parts.size() > 7) {
      return CorruptError("OPT line {}: {} values, expected 7", line_number, parts.size());
    }
    parts.resize(7);
    OptRecord r;
    r.image_key = NormalizeBatesText(TrimAscii(parts[0]));
    r.volume = std::string(parts[1]);
    r.path = std::string(parts[2]);
    std::string_view brk = TrimAscii(parts[3]);
    r.doc_break = brk == "Y" || brk == "y";
    r.folder_break = std::string(parts[4]);
    r.box_break = std::string(parts[5]);
    std::string_view count = TrimAscii(parts[6]);
    if (!count.empty()) {
      auto [p, ec] = std::from_chars(count.data(), count.data() + count.size(), r.page_count);
      if (ec != std::errc() || p != count.data() + count.size() || r.page_count < 0) {
        return CorruptError("OPT line {}: page count '{}' is not a number", line_number, count);
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace bates::produce::loadfile
