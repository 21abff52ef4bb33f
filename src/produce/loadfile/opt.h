// Opticon OPT image load files: one line per page image,
//   IMAGEKEY,VOLUME,PATH,DOCBREAK,FOLDERBREAK,BOXBREAK,PAGECOUNT
// where IMAGEKEY is the page's Bates number, DOCBREAK is "Y" on a document's first page and
// PAGECOUNT is given there. The format has no quoting, so a path may not hold a comma.
//
// Thread safety: free functions, no state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace bates::produce::loadfile {

struct OptRecord {
  std::string image_key;  // Bates number of the page
  std::string volume;
  std::string path;  // relative to the volume, with backslashes as platforms expect
  bool doc_break = false;
  std::string folder_break, box_break;
  int64_t page_count = 0;  // on a document's first page; 0 elsewhere
};

std::string WriteOpt(const std::vector<OptRecord>& records);
// Any encoding DecodeLoadFile reads; CRLF or LF; blank lines skipped; Unicode hyphens in keys
// read as '-'.
Result<std::vector<OptRecord>> ReadOpt(std::string_view bytes);

}  // namespace bates::produce::loadfile
