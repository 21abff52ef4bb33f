// Detection: what a document is, judged by its content, not its name. Our own sniffers answer
// first for mail (libmagic calls most RFC 822 messages text/plain, knows nothing of mbox "From "
// separators, and costs about 2 ms a call — too slow for a mailbox of a million messages); when
// they see a text header block or an mbox separator, libmagic is not asked. Everything else goes
// to libmagic. The name and a declared type are hints used only where the content is ambiguous
// (plain text versus CSV, say); binary content named .eml stays binary.
//
// Thread safety: Detect() may be called from any thread (libmagic handles are per thread).
#pragma once

#include <string>
#include <string_view>

namespace bates::ingest {

// How many leading bytes Detect() needs to see.
inline constexpr size_t kDetectHeadBytes = 64 * 1024;

struct Detection {
  std::string mime_type;    // "message/rfc822", "application/mbox", "application/pdf", ...
  std::string charset;      // for text types when known ("utf-8", "us-ascii"), else empty
  std::string description;  // libmagic's words, kept for exception reasons
};

// `head`: the first kDetectHeadBytes of the content (or all of it); `total_size`: the whole size.
Detection Detect(std::string_view head, uint64_t total_size, std::string_view name,
                 std::string_view declared_type = {});

// Content sniffers, exposed for tests.
bool LooksLikeRfc822(std::string_view head);
bool LooksLikeMbox(std::string_view head);

}  // namespace bates::ingest
