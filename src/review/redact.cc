#include "review/redact.h"

#include <algorithm>

namespace bates::review {

std::string RedactionMarker(std::string_view reason) {
  return reason.empty() ? std::string("[REDACTED]") : fmt::format("[REDACTED: {}]", reason);
}

Result<std::string> ApplyTextRedactions(std::string_view text, std::vector<TextSpan> spans) {
  // Code point i starts at byte starts[i]; starts[n] is the text's end.
  std::vector<uint64_t> starts;
  for (uint64_t b = 0; b < text.size(); ++b) {
    if ((static_cast<unsigned char>(text[b]) & 0xC0) != 0x80) starts.push_back(b);
  }
  const uint64_t length = starts.size();
  starts.push_back(text.size());
  for (const TextSpan& s : spans) {
    if (s.start >= s.end || s.end > length) {
      return InvalidArgumentError("redaction {}..{} is outside the text (0..{})", s.start, s.end,
                                  length);
    }
  }
  std::sort(spans.begin(), spans.end(),
            [](const TextSpan& a, const TextSpan& b) { return a.start < b.start; });
  struct Merged {
    uint64_t start, end;
    std::vector<std::string> reasons;
  };
  std::vector<Merged> merged;
  for (const TextSpan& s : spans) {
    if (!merged.empty() && s.start <= merged.back().end) {
      Merged& m = merged.back();
      m.end = std::max(m.end, s.end);
      if (std::find(m.reasons.begin(), m.reasons.end(), s.reason) == m.reasons.end()) {
        m.reasons.push_back(s.reason);
      }
    } else {
      merged.push_back(Merged{s.start, s.end, {s.reason}});
    }
  }
  std::string out;
  out.reserve(text.size());
  uint64_t at = 0;  // bytes
  for (const Merged& m : merged) {
    out.append(text.substr(at, starts[m.start] - at));
    std::string reason;
    for (const std::string& r : m.reasons) {
      if (!r.empty()) reason += (reason.empty() ? "" : "; ") + r;
    }
    out += RedactionMarker(reason);
    at = starts[m.end];
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace bates::review
