// Text redaction: the produced text of an item with its redacted spans replaced by a labelled
// marker, "[REDACTED: <reason>]". Spans are [start, end) in code points of the extracted text
// (as PII hits, highlights and the store's redaction rows count them); overlapping or touching
// spans merge, the merged span keeping each distinct reason once. Nothing of a redacted span
// survives: the marker is the only text in its place, whatever the span held.
//
// Area redactions (rectangles on page images) are data for production, which burns them into
// the page images it rasterises; see docs/ARCHITECTURE.md, "Redactions".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace bates::review {

struct TextSpan {
  uint64_t start = 0;  // code points
  uint64_t end = 0;
  std::string reason;
};

// The marker that stands for a span: "[REDACTED: reason]" (or "[REDACTED]" with no reason).
std::string RedactionMarker(std::string_view reason);

// InvalidArgument for a span that is empty or ends past the text.
Result<std::string> ApplyTextRedactions(std::string_view text, std::vector<TextSpan> spans);

}  // namespace bates::review
