// HTML to text: the visible text of an HTML document, as a reader of the page would see it — for
// the HTML reader and for HTML-only mail bodies. libxml2's lenient HTML parser builds the tree;
// script, style, comments and the head (all but its <title>) are dropped, block elements become
// line breaks, table cells are separated by tabs, entities are decoded. The charset comes from,
// in order: a byte-order mark, the caller (a MIME charset parameter), the document's own <meta>,
// detection (charset.h).
//
// libxml2 types stay inside html_text.cc. Thread safety: free functions, safe from any thread
// (libxml2 is initialised once, its error output silenced per thread).
#pragma once

#include <string>
#include <string_view>

namespace bates::ingest {

struct HtmlTextOptions {
  // The charset the transport declared (a MIME part's charset parameter); empty when none.
  std::string_view charset;
  // Begin the text with the document's <title> (a web page's title is part of what it shows; a
  // mail body's <title> is usually boilerplate, and the subject is already metadata).
  bool include_title = true;
};

struct HtmlText {
  std::string text;         // visible text, valid UTF-8, trimmed, at most one blank line in a row
  std::string title;        // <title>, whitespace collapsed
  std::string author;       // <meta name="author">
  std::string description;  // <meta name="description">
  std::string keywords;     // <meta name="keywords">
  std::string charset;      // the charset the bytes were read as
};

HtmlText HtmlToText(std::string_view html, const HtmlTextOptions& options = {});

// The charset a <meta charset> or <meta http-equiv="Content-Type" content="...; charset=...">
// near the start of `html` declares (lower-case), or empty. Exposed for tests.
std::string HtmlDeclaredCharset(std::string_view html);

}  // namespace bates::ingest
