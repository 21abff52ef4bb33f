#include "produce/imaging/text_pdf.h"

#include "produce/imaging/cairo_util.h"
#include "produce/loadfile/encoding.h"

namespace bates::produce::imaging {
namespace {

constexpr double kWidth = 612, kHeight = 792;  // US Letter, points
constexpr double kMargin = 54;
constexpr double kBottom = 40;  // above the endorsement band
constexpr double kFontSize = 9.5;
constexpr double kLeading = 12;
constexpr size_t kColumns = 88;  // monospace at 9.5 pt across the text width

// Splits text into display lines of at most kColumns code points: tabs to spaces, other controls
// dropped, long lines broken at the last space when there is one.
std::vector<std::string> WrapLines(const std::string& text, size_t indent = 0) {
  std::vector<std::string> out;
  std::vector<char32_t> line;
  auto flush = [&](size_t upto) {
    std::string s(out.empty() ? 0 : indent, ' ');
    for (size_t i = 0; i < upto; ++i) loadfile::AppendUtf8(s, line[i]);
    out.push_back(std::move(s));
    size_t next = upto;
    while (next < line.size() && line[next] == ' ') ++next;
    line.erase(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(next));
  };
  size_t pos = 0;
  size_t width = kColumns - indent;
  while (pos < text.size()) {
    char32_t cp = loadfile::NextCodePoint(text, pos);
    if (cp == '\n') {
      flush(line.size());
      continue;
    }
    if (cp == '\t') {
      do line.push_back(' ');
      while (line.size() % 4 != 0);
    } else if (cp >= 0x20 && cp != 0x7F) {
      line.push_back(cp);
    }
    while (line.size() > width) {
      size_t brk = width;
      for (size_t i = width; i > width / 2; --i) {
        if (line[i] == ' ') {
          brk = i;
          break;
        }
      }
      flush(brk);
    }
  }
  if (!line.empty()) flush(line.size());
  return out;
}

struct Line {
  std::string text;
  bool bold = false;
};

Result<std::string> RenderLines(const std::vector<Line>& lines, double first_size = kFontSize) {
  std::string pdf;
  cairo_surface_t* surface = NewPdfSurface(pdf, kWidth, kHeight);
  cairo_t* cr = cairo_create(surface);
  double y = kMargin;
  bool page_has_content = false;
  for (size_t i = 0; i < lines.size() || !page_has_content; ++i) {
    if (y + kLeading > kHeight - kBottom) {
      cairo_show_page(cr);
      y = kMargin;
    }
    page_has_content = true;
    if (i >= lines.size()) break;
    double size = i == 0 ? first_size : kFontSize;
    cairo_select_font_face(cr, "monospace", CAIRO_FONT_SLANT_NORMAL,
                           lines[i].bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    y += size > kFontSize ? size * 1.4 : kLeading;
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, kMargin, y);
    cairo_show_text(cr, lines[i].text.c_str());
  }
  cairo_show_page(cr);
  cairo_destroy(cr);
  BATES_RETURN_IF_ERROR(FinishSurface(surface));
  return pdf;
}

}  // namespace

Result<std::string> RenderTextPdf(const TextDocument& doc) {
  std::vector<Line> lines;
  for (const auto& [label, value] : doc.header) {
    std::vector<std::string> wrapped = WrapLines(label + ": " + value, 4);
    for (std::string& w : wrapped) lines.push_back({std::move(w), true});
  }
  if (!doc.header.empty()) lines.push_back({"", false});
  for (std::string& w : WrapLines(doc.body)) lines.push_back({std::move(w), false});
  if (!doc.attachments.empty()) {
    lines.push_back({"", false});
    lines.push_back({"Attachments:", true});
    for (const std::string& a : doc.attachments) {
      for (std::string& w : WrapLines("  " + a, 4)) lines.push_back({std::move(w), false});
    }
  }
  return RenderLines(lines);
}

Result<std::string> RenderSlipSheet(const std::string& heading,
                                    const std::vector<std::string>& lines) {
  std::vector<Line> out;
  out.push_back({heading, true});
  out.push_back({"", false});
  for (const std::string& l : lines) {
    for (std::string& w : WrapLines(l, 4)) out.push_back({std::move(w), false});
  }
  return RenderLines(out, 16);
}

}  // namespace bates::produce::imaging
