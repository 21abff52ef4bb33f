// The production specification: what an ESI protocol prescribes about a volume — image format,
// load-file fields (which, named how, in what order), date and time formats, files per folder,
// Bates format and endorsements. Read from a small text file (`--spec`), one `key = value` per
// line, '#' comments:
//
//   image_format     = pdf | tiff          (tiff: single-page Group IV, 300 dpi)
//   bates_digits     = 6
//   date_format      = %m/%d/%Y            (strftime-style: %Y %m %d)
//   time_format      = %H:%M:%S            (%H %M %S)
//   files_per_folder = 1000
//   fields           = BEGBATES:BegDoc, ENDBATES:EndDoc, CUSTODIAN, ...   (NAME or NAME:RENAMED)
//   endorsement_left = CONFIDENTIAL        (lower left of every page; default: the item's
//                                           confidentiality, if any)
//   native_types     = spreadsheet, audio  (extra MIME substrings produced natively with a slip)
//
// Thread safety: values only.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace bates::produce {

enum class ImageFormat { kPdf, kTiff };

// The standard fields, in their default order.
const std::vector<std::string>& StandardFields();

struct ProductionSpec {
  ImageFormat image_format = ImageFormat::kPdf;
  int bates_digits = 6;
  std::string date_format = "%m/%d/%Y";
  std::string time_format = "%H:%M:%S";
  int files_per_folder = 1000;
  // (standard field, name written in the load file), in load-file order.
  std::vector<std::pair<std::string, std::string>> fields;
  std::string endorsement_left;
  std::vector<std::string> native_types;

  ProductionSpec();
};

// Parses a spec file's text. Unknown keys and fields are InvalidArgument, naming the line.
Result<ProductionSpec> ParseSpec(std::string_view text);
// "BEGBATES:BegDoc, ENDBATES, ..." → (standard, written) pairs.
Result<std::vector<std::pair<std::string, std::string>>> ParseFieldList(std::string_view text);

// Formats a civil date and time by a spec format (%Y %m %d %H %M %S; other characters as is).
std::string FormatDateTime(std::string_view format, int year, int month, int day, int hour,
                           int minute, int second);

}  // namespace bates::produce
