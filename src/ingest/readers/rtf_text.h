// RTF to text, for the RTF reader and for Outlook's RTF message bodies: the text a reader of the
// document sees, in order, and the \info metadata. Written for hostile input: one linear pass,
// group nesting and output bounded, \binN skipped without reading past the end, never an
// exception.
//
// What is kept: body text, tables (cells separated by tabs, rows by line breaks), headers and
// footers, footnotes, annotations, field results (not field instructions), list numbering as
// rendered, shape text. What is skipped: font, colour, style, list and revision tables, pictures,
// object data (counted: `objects`), field instructions and every destination marked \* that we do
// not know. Bytes escaped as \'hh are decoded in the code page of the current font's charset, else
// the document's \ansicpg (runs of them together, so double-byte code pages decode whole);
// \uN is read as UTF-16 with \ucN fallback characters skipped.
//
// Outlook's HTML-in-RTF ([MS-OXRTFEX], \fromhtml1) is recognised: `html` then holds the
// de-encapsulated HTML, which a caller may prefer to the plain rendering.
//
// Also here: LZFu decompression of Outlook's compressed RTF ([MS-OXRTFCP]).
//
// Thread safety: free functions, safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/time.h"

namespace bates::ingest {

struct RtfOptions {
  uint64_t max_text_bytes = uint64_t{256} << 20;  // past this the text is cut (truncated = true)
  int max_depth = 1024;                           // groups nested deeper are skipped whole
};

struct RtfText {
  std::string text;  // valid UTF-8, line breaks as '\n'
  bool truncated = false;
  // \info
  std::string title, subject, author, last_author, keywords, comments, company, category, manager;
  std::optional<Timestamp> created, modified;  // RTF dates have no zone: floating
  int objects = 0;                             // \object groups (embedded OLE objects), skipped
  int pictures = 0;                            // \pict groups, skipped
  bool from_html = false;                      // \fromhtml1: `html` holds the original HTML
  std::string html;                            // de-encapsulated HTML, as UTF-8
  bool too_deep = false;                       // some groups were past max_depth
};

// Reads an RTF document. Corrupt when it does not begin with "{\rtf"; anything after that is
// read as well as it can be.
Result<RtfText> RtfToText(std::string_view rtf, const RtfOptions& options = {});

// True when `bytes` begin like an RTF document ("{\rtf", possibly after white space).
bool LooksLikeRtf(std::string_view bytes);

// Decompresses Outlook's compressed RTF (PR_RTF_COMPRESSED): LZFu ("LZFu" magic) or stored
// ("MELA"). The output is cut at `max_bytes`. Corrupt on a bad header or a reference outside the
// dictionary's written part.
Result<std::string> DecompressRtf(std::string_view compressed,
                                  uint64_t max_bytes = uint64_t{256} << 20);

}  // namespace bates::ingest
