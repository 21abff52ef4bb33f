#include "produce/spec.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/text.h"

namespace bates::produce {

const std::vector<std::string>& StandardFields() {
  static const std::vector<std::string> kFields = {
      "BEGBATES",    "ENDBATES",    "BEGATTACH",       "ENDATTACH",  "PARENTBATES",
      "ATTACHCOUNT", "CUSTODIAN",   "ALLCUSTODIANS",   "FROM",       "TO",
      "CC",          "BCC",         "SUBJECT",         "DATESENT",   "TIMESENT",
      "TIMEZONE",    "DATECREATED", "DATEMODIFIED",    "AUTHOR",     "FILENAME",
      "FILEEXT",     "MD5HASH",     "SHA1HASH",        "NATIVEPATH", "TEXTPATH",
      "PAGECOUNT",   "REDACTED",    "CONFIDENTIALITY", "REQUESTS",   "PRODVOL"};
  return kFields;
}

ProductionSpec::ProductionSpec() {
  for (const std::string& f : StandardFields()) fields.emplace_back(f, f);
}

namespace {

std::vector<std::string_view> SplitTrim(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t end = text.find(sep, start);
    std::string_view part = TrimAscii(text.substr(start, end - start));
    if (!part.empty()) out.push_back(part);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

Result<int> ParsePositive(std::string_view value, std::string_view key, int max) {
  int n = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || p != value.data() + value.size() || n < 1 || n > max) {
    return InvalidArgumentError("spec: {} must be a number from 1 to {}, not '{}'", key, max,
                                value);
  }
  return n;
}

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> ParseFieldList(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  const std::vector<std::string>& standard = StandardFields();
  for (std::string_view entry : SplitTrim(text, ',')) {
    size_t colon = entry.find(':');
    std::string name(TrimAscii(entry.substr(0, colon)));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
    std::string written =
        colon == std::string_view::npos ? name : std::string(TrimAscii(entry.substr(colon + 1)));
    if (std::find(standard.begin(), standard.end(), name) == standard.end()) {
      return InvalidArgumentError("spec: unknown load-file field '{}'", name);
    }
    if (written.empty()) return InvalidArgumentError("spec: field {} renamed to nothing", name);
    out.emplace_back(std::move(name), std::move(written));
  }
  if (out.empty()) return InvalidArgumentError("spec: the field list is empty");
  return out;
}

Result<ProductionSpec> ParseSpec(std::string_view text) {
  ProductionSpec spec;
  size_t line_number = 0;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end - start);
    start = end == std::string_view::npos ? text.size() + 1 : end + 1;
    ++line_number;
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = TrimAscii(line);
    if (line.empty()) continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return InvalidArgumentError("spec line {}: expected key = value", line_number);
    }
    std::string key = AsciiLower(TrimAscii(line.substr(0, eq)));
    std::string_view value = TrimAscii(line.substr(eq + 1));
    if (key == "image_format") {
      std::string v = AsciiLower(value);
      if (v == "pdf") {
        spec.image_format = ImageFormat::kPdf;
      } else if (v == "tiff" || v == "tif") {
        spec.image_format = ImageFormat::kTiff;
      } else {
        return InvalidArgumentError("spec line {}: image_format is pdf or tiff", line_number);
      }
    } else if (key == "bates_digits") {
      BATES_ASSIGN_OR_RETURN(spec.bates_digits, ParsePositive(value, key, 12));
    } else if (key == "files_per_folder") {
      BATES_ASSIGN_OR_RETURN(spec.files_per_folder, ParsePositive(value, key, 1000000));
    } else if (key == "date_format") {
      spec.date_format = std::string(value);
    } else if (key == "time_format") {
      spec.time_format = std::string(value);
    } else if (key == "fields") {
      BATES_ASSIGN_OR_RETURN(spec.fields, ParseFieldList(value));
    } else if (key == "endorsement_left") {
      spec.endorsement_left = std::string(value);
    } else if (key == "native_types") {
      for (std::string_view t : SplitTrim(value, ',')) spec.native_types.push_back(AsciiLower(t));
    } else {
      return InvalidArgumentError("spec line {}: unknown key '{}'", line_number, key);
    }
  }
  return spec;
}

std::string FormatDateTime(std::string_view format, int year, int month, int day, int hour,
                           int minute, int second) {
  std::string out;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 == format.size()) {
      out += format[i];
      continue;
    }
    switch (format[++i]) {
      case 'Y':
        out += fmt::format("{:04d}", year);
        break;
      case 'm':
        out += fmt::format("{:02d}", month);
        break;
      case 'd':
        out += fmt::format("{:02d}", day);
        break;
      case 'H':
        out += fmt::format("{:02d}", hour);
        break;
      case 'M':
        out += fmt::format("{:02d}", minute);
        break;
      case 'S':
        out += fmt::format("{:02d}", second);
        break;
      default:
        out += '%';
        out += format[i];
    }
  }
  return out;
}

}  // namespace bates::produce
