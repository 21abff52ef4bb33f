// Renders documents that have no page layout of their own — emails, plain text, HTML, Office files
// read as text — to a paginated PDF (US Letter): a block of header lines (From, To, Date...), the
// body, and the list of attachments; and slip sheets, the one-page stand-in for a document
// produced natively or withheld. Text is wrapped by code points in a monospaced face.
//
// Thread safety: free functions; cairo's toy font API is thread safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace bates::produce::imaging {

struct TextDocument {
  std::vector<std::pair<std::string, std::string>> header;  // label, value
  std::string body;
  std::vector<std::string> attachments;  // names, in order
};

Result<std::string> RenderTextPdf(const TextDocument& doc);

// A one-page sheet: a heading in large type, then lines.
Result<std::string> RenderSlipSheet(const std::string& heading,
                                    const std::vector<std::string>& lines);

}  // namespace bates::produce::imaging
