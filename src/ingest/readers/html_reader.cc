// HTML reader: the visible text of a web page or HTML file (html_text.h), its <title> as the
// title and its author and description <meta> as metadata.
#include <string>
#include <string_view>
#include <vector>

#include "ingest/html_text.h"
#include "ingest/reader.h"

namespace bates::ingest {
namespace {

class HtmlReader final : public Reader {
 public:
  std::string_view name() const override { return "html"; }
  std::vector<std::string> mime_types() const override {
    return {"text/html", "application/xhtml+xml"};
  }
  std::string_view tool() const override { return "libxml2"; }

  Status Read(const Input& input, ReadContext& context) const override {
    BATES_ASSIGN_OR_RETURN(std::string_view bytes, input.bytes());
    Extracted document;
    // The parse tree costs several times the input; past the text limit the rest of the page
    // could not be kept anyway.
    if (bytes.size() > context.limits().max_text_bytes) {
      bytes = bytes.substr(0, context.limits().max_text_bytes);
      document.flags |= model::kFlagTruncated;
    }
    HtmlText html = HtmlToText(bytes);
    document.text = std::move(html.text);
    document.meta.title = std::move(html.title);
    document.meta.author = std::move(html.author);
    if (!html.description.empty())
      document.meta.extra.emplace_back("description", html.description);
    if (!html.keywords.empty()) document.meta.extra.emplace_back("keywords", html.keywords);
    if (!html.charset.empty()) document.meta.extra.emplace_back("charset", html.charset);
    return context.SetDocument(std::move(document));
  }
};

}  // namespace

BATES_REGISTER_READER(HtmlReader)

}  // namespace bates::ingest
