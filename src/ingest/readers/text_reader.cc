// Text reader: plain text and the other text/* types that are neither markup nor mail (source
// code, CSV, logs...), in any charset, as UTF-8. The whole file is the text, up to the
// text limit; past it the text is cut and the item flagged truncated.
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "ingest/charset.h"
#include "ingest/reader.h"

namespace bates::ingest {
namespace {

class TextReader final : public Reader {
 public:
  std::string_view name() const override { return "text"; }
  std::vector<std::string> mime_types() const override {
    // Detection reports libmagic's specific types; all of these are read as they stand.
    // Calendars and contacts have their own readers (ics_reader.cc, vcf_reader.cc).
    return {"text/plain",
            "text/csv",
            "text/tab-separated-values",
            "text/markdown",
            "text/x-markdown",
            "text/x-log",
            "text/x-c",
            "text/x-c++",
            "text/x-csrc",
            "text/x-chdr",
            "text/x-java",
            "text/x-java-source",
            "text/x-python",
            "text/x-script.python",
            "text/x-perl",
            "text/x-ruby",
            "text/x-shellscript",
            "text/x-msdos-batch",
            "text/x-makefile",
            "text/x-diff",
            "text/x-patch",
            "text/x-tex",
            "text/x-asm",
            "text/x-awk",
            "text/x-lisp",
            "text/x-tcl",
            "text/x-m4",
            "text/x-lua",
            "text/x-php",
            "text/x-objective-c",
            "text/x-pascal",
            "text/x-fortran",
            "text/x-po",
            "text/x-nawk",
            "text/x-gawk",
            "text/x-bibtex",
            "text/x-info",
            "text/x-ssa",
            "text/troff",
            "text/x-troff",
            "text/x-sql",
            "text/x-yaml",
            "text/x-json",
            "text/x-systemd-unit",
            "text/x-wine-extension-ini",
            "text/x-ini",
            "text/x-nfo",
            "text/x-asciidoc",
            "text/x-rst",
            "text/x-setext",
            "text/x-uuencode",
            "text/x-bcpl",
            "text/x-dmtf-mif",
            "text/x-hex",
            "text/x-pgp-signature",
            "text/pgp"};
  }

  Status Read(const Input& input, ReadContext& context) const override {
    BATES_ASSIGN_OR_RETURN(std::string_view bytes, input.bytes());
    Extracted document;
    uint64_t limit = context.limits().max_text_bytes;
    if (bytes.size() > limit) {
      // Cut the input, not only the output, so a huge file is never converted whole; the cut is
      // moved back to a line end where one is near, so no character is split.
      size_t cut = static_cast<size_t>(limit);
      size_t newline = bytes.rfind('\n', cut);
      if (newline != std::string_view::npos && cut - newline < 4096) cut = newline + 1;
      bytes = bytes.substr(0, cut);
      document.flags |= model::kFlagTruncated;
    }
    document.text = DecodeToUtf8(bytes);
    if (document.text.size() > limit) {
      // Conversion from a single-byte charset can grow the text; cut at a character boundary.
      size_t cut = static_cast<size_t>(limit);
      while (cut > 0 && (static_cast<unsigned char>(document.text[cut]) & 0xC0) == 0x80) --cut;
      document.text.resize(cut);
      document.flags |= model::kFlagTruncated;
    }
    return context.SetDocument(std::move(document));
  }
};

}  // namespace

BATES_REGISTER_READER(TextReader)

}  // namespace bates::ingest
