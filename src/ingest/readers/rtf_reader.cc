// RTF reader: Rich Text Format documents, converted by our own parser (rtf_text.h) — text in
// order, tables as tab-separated rows, \info metadata. The parser is one bounded linear pass over
// the bytes, so the reader runs in process. Embedded OLE objects (\object) are not extracted; how
// many the document holds is recorded in meta.extra "rtf_objects".
#include <string>
#include <string_view>
#include <vector>

#include "ingest/html_text.h"
#include "ingest/reader.h"
#include "ingest/readers/rtf_text.h"

namespace bates::ingest {
namespace {

class RtfReader final : public Reader {
 public:
  std::string_view name() const override { return "rtf"; }
  std::vector<std::string> mime_types() const override {
    return {"text/rtf", "application/rtf", "text/richtext"};
  }

  Status Read(const Input& input, ReadContext& context) const override {
    BATES_ASSIGN_OR_RETURN(std::string_view bytes, input.bytes());
    RtfOptions options;
    options.max_text_bytes = context.limits().max_text_bytes;
    BATES_ASSIGN_OR_RETURN(RtfText rtf, RtfToText(bytes, options));

    Extracted out;
    if (rtf.from_html && !rtf.html.empty()) {
      HtmlTextOptions html_options;
      html_options.charset = "utf-8";
      html_options.include_title = false;
      std::string text = HtmlToText(rtf.html, html_options).text;
      out.text = text.empty() ? std::move(rtf.text) : std::move(text);
    } else {
      out.text = std::move(rtf.text);
    }
    if (rtf.truncated) out.flags |= model::kFlagTruncated;
    if (out.text.empty()) out.flags |= model::kFlagNoText;
    model::Metadata& meta = out.meta;
    meta.title = rtf.title;
    meta.author = rtf.author;
    meta.last_author = rtf.last_author;
    meta.created = rtf.created;
    meta.modified = rtf.modified;
    for (const auto& [key, value] :
         {std::pair<const char*, const std::string&>{"subject", rtf.subject},
          {"keywords", rtf.keywords},
          {"comments", rtf.comments},
          {"company", rtf.company},
          {"category", rtf.category},
          {"manager", rtf.manager}}) {
      if (!value.empty()) meta.extra.emplace_back(key, value);
    }
    if (rtf.objects > 0) meta.extra.emplace_back("rtf_objects", std::to_string(rtf.objects));
    if (rtf.too_deep) meta.extra.emplace_back("rtf_defects", "groups nested too deep were skipped");
    return context.SetDocument(std::move(out));
  }
};

}  // namespace

BATES_REGISTER_READER(RtfReader)

}  // namespace bates::ingest
