#include "demand/letters/html_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace bates::demand::letters {
namespace {

constexpr double kPageWidth = 612;  // US Letter, points
constexpr double kPageHeight = 792;
constexpr double kMargin = 72;
constexpr double kFooterGap = 36;

// One paragraph to set: Pango markup plus how it is set.
struct Block {
  std::string markup;
  double font_size = 11;
  bool bold = false;
  bool centered = false;
  double indent = 0;
  double space_before = 0;
  double space_after = 6;
};

std::string Escape(std::string_view text) {
  gchar* escaped = g_markup_escape_text(text.data(), static_cast<gssize>(text.size()));
  std::string out(escaped);
  g_free(escaped);
  return out;
}

std::string_view Name(const xmlNode* node) {
  return node->name ? std::string_view(reinterpret_cast<const char*>(node->name))
                    : std::string_view();
}

bool IsHeading(std::string_view n) {
  return n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6';
}

bool IsBlock(std::string_view n) {
  static constexpr std::string_view kBlocks[] = {
      "p",      "div",    "li",      "tr", "address", "blockquote", "dt", "dd", "pre",  "section",
      "header", "footer", "article", "hr", "table",   "ul",         "ol", "dl", "body", "html"};
  if (IsHeading(n)) return true;
  for (std::string_view b : kBlocks)
    if (n == b) return true;
  return false;
}

bool HasClass(const xmlNode* node, std::string_view cls) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>("class"));
  if (!value) return false;
  std::string classes = " " + std::string(reinterpret_cast<const char*>(value)) + " ";
  xmlFree(value);
  return classes.find(" " + std::string(cls) + " ") != std::string::npos;
}

// Collapses runs of whitespace to one space, as HTML does outside <pre>.
std::string CollapseSpace(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
    } else {
      if (space) out += ' ';  // a leading space is kept: it separates this text from the tag before
      space = false;
      out += c;
    }
  }
  if (space) out += ' ';
  return out;
}

class BlockCollector {
 public:
  std::vector<Block> Collect(xmlNode* root) {
    Walk(root, 0);
    Flush();
    return std::move(blocks_);
  }

 private:
  void Flush() {
    // Bold or italic still open (HTML lets them span blocks; Pango markup does not): close them
    // here and open them again in the next block.
    for (auto it = open_inline_.rbegin(); it != open_inline_.rend(); ++it) {
      current_.markup += "</" + *it + ">";
    }
    // Drop blocks with nothing visible in them.
    std::string visible = current_.markup;
    for (std::string_view tag : {"<b>", "</b>", "<i>", "</i>", " ", "\n"}) {
      for (size_t at; (at = visible.find(tag)) != std::string::npos;) visible.erase(at, tag.size());
    }
    if (!visible.empty()) blocks_.push_back(current_);
    current_ = Block{};
    current_.indent = list_depth_ * 18.0;
    block_has_text_ = false;
    for (const std::string& tag : open_inline_) current_.markup += "<" + tag + ">";
  }

  void StartBlock(std::string_view n, xmlNode* node) {
    Flush();
    if (IsHeading(n)) {
      current_.bold = true;
      current_.font_size = n == "h1" ? 16 : n == "h2" ? 13 : 11.5;
      current_.space_before = n == "h1" ? 6 : 10;
      current_.space_after = 6;
    }
    if (HasClass(node, "center") || HasClass(node, "banner")) current_.centered = true;
    if (HasClass(node, "banner")) current_.bold = true;
  }

  void Walk(xmlNode* node, int depth) {
    for (xmlNode* child = node; child; child = child->next) {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
        // Repaired, so a stray byte in a user's template prints U+FFFD instead of failing.
        std::string text = CollapseSpace(RepairUtf8(reinterpret_cast<const char*>(child->content)));
        bool after_space =
            !block_has_text_ || current_.markup.back() == ' ' || current_.markup.back() == '\n';
        if (after_space && !text.empty() && text.front() == ' ') text.erase(0, 1);
        if (!text.empty()) block_has_text_ = true;
        current_.markup += Escape(text);
        continue;
      }
      if (child->type != XML_ELEMENT_NODE) continue;
      std::string_view n = Name(child);
      if (n == "head" || n == "style" || n == "script" || n == "title") continue;
      if (n == "br") {
        current_.markup += "\n";
        continue;
      }
      bool block = IsBlock(n);
      bool list = n == "ul" || n == "ol";
      if (list) {
        ordered_.push_back(n == "ol");
        counters_.push_back(0);
        ++list_depth_;
      }
      if (block) StartBlock(n, child);
      if (n == "li") {
        current_.indent = list_depth_ * 18.0;
        current_.markup += ordered_.empty() || !ordered_.back()
                               ? std::string("\u2022 ")
                               : fmt::format("{}. ", ++counters_.back());
      }
      if ((n == "td" || n == "th") && !current_.markup.empty()) current_.markup += "    ";
      std::string inline_tag;
      if (n == "b" || n == "strong" || n == "th") inline_tag = "b";
      if (n == "i" || n == "em") inline_tag = "i";
      if (!inline_tag.empty()) {
        current_.markup += "<" + inline_tag + ">";
        open_inline_.push_back(inline_tag);
      }
      Walk(child->children, depth + 1);
      if (!inline_tag.empty()) {
        current_.markup += "</" + inline_tag + ">";
        open_inline_.pop_back();
      }
      if (list) {
        ordered_.pop_back();
        counters_.pop_back();
        --list_depth_;
      }
      if (block) Flush();
    }
  }

  std::vector<Block> blocks_;
  Block current_;
  bool block_has_text_ = false;
  std::vector<std::string> open_inline_;  // "b", "i": open at this point of the walk
  std::vector<bool> ordered_;
  std::vector<int> counters_;
  int list_depth_ = 0;
};

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct SurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoFree {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct GObjectFree {
  void operator()(void* o) const { g_object_unref(o); }
};

std::unique_ptr<PangoLayout, GObjectFree> MakeLayout(cairo_t* cr, const Block& b) {
  std::unique_ptr<PangoLayout, GObjectFree> layout(pango_cairo_create_layout(cr));
  std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> font(
      pango_font_description_from_string("DejaVu Serif"), pango_font_description_free);
  pango_font_description_set_absolute_size(font.get(), b.font_size * PANGO_SCALE);
  if (b.bold) pango_font_description_set_weight(font.get(), PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_width(layout.get(),
                         static_cast<int>((kPageWidth - 2 * kMargin - b.indent) * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  if (b.centered) pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
  pango_layout_set_markup(layout.get(), b.markup.c_str(), -1);
  return layout;
}

}  // namespace

Result<std::string> RenderHtmlToPdf(const std::string& html, const PdfOptions& options) {
  std::unique_ptr<xmlDoc, DocFree> doc(htmlReadMemory(
      html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET));
  if (!doc) return InvalidArgumentError("the letter is empty or not HTML: nothing to lay out");
  std::vector<Block> blocks = BlockCollector().Collect(xmlDocGetRootElement(doc.get()));
  // Markup we built is checked by Pango; a bad fragment would print as raw text, so validate.
  for (Block& b : blocks) {
    if (!pango_parse_markup(b.markup.c_str(), -1, 0, nullptr, nullptr, nullptr, nullptr)) {
      return InternalError("letter text could not be laid out: {}",
                           std::string(TruncateUtf8(b.markup, 60)));
    }
  }

  std::string pdf;
  std::unique_ptr<cairo_surface_t, SurfaceFree> surface(
      cairo_pdf_surface_create_for_stream(AppendToString, &pdf, kPageWidth, kPageHeight));
  if (!options.title.empty()) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, options.title.c_str());
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "bates");
  std::unique_ptr<cairo_t, CairoFree> cr(cairo_create(surface.get()));

  // First pass: place each line and remember which page it lands on, so footers can say
  // "page N of M". Lines are placed one by one so a paragraph may break across pages.
  struct PlacedLine {
    size_t block;
    int line;
    int page;
    double baseline;
  };
  std::vector<std::unique_ptr<PangoLayout, GObjectFree>> layouts;
  std::vector<PlacedLine> placed;
  const double bottom = kPageHeight - kMargin;
  double y = kMargin;
  int page = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    layouts.push_back(MakeLayout(cr.get(), blocks[i]));
    PangoLayout* layout = layouts.back().get();
    if (y > kMargin) y += blocks[i].space_before;
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    int line = 0;
    double block_top = y;
    double consumed_before_page = 0;  // layout offset at which the current page's part starts
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter, nullptr, &logical);
      double top = logical.y / static_cast<double>(PANGO_SCALE);
      double height = logical.height / static_cast<double>(PANGO_SCALE);
      double baseline = pango_layout_iter_get_baseline(iter) / static_cast<double>(PANGO_SCALE);
      if (block_top + (top - consumed_before_page) + height > bottom && y > kMargin) {
        ++page;
        block_top = kMargin;
        consumed_before_page = top;
      }
      placed.push_back({i, line, page, block_top + (baseline - consumed_before_page)});
      y = block_top + (top - consumed_before_page) + height;
      ++line;
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    y += blocks[i].space_after;
  }
  int pages = page + 1;

  auto draw_footer = [&](int p) {
    std::string text = options.footer.empty() ? "" : options.footer + "    ";
    text += fmt::format("page {} of {}", p + 1, pages);
    Block footer;
    footer.markup = Escape(text);
    footer.font_size = 8;
    footer.centered = true;
    auto layout = MakeLayout(cr.get(), footer);
    cairo_move_to(cr.get(), kMargin, kPageHeight - kMargin + kFooterGap / 2);
    pango_cairo_show_layout(cr.get(), layout.get());
  };
  int current_page = 0;
  cairo_set_source_rgb(cr.get(), 0, 0, 0);
  for (const PlacedLine& pl : placed) {
    while (pl.page > current_page) {
      draw_footer(current_page);
      cairo_show_page(cr.get());
      ++current_page;
    }
    PangoLayoutLine* line = pango_layout_get_line_readonly(layouts[pl.block].get(), pl.line);
    PangoRectangle logical;
    pango_layout_line_get_extents(line, nullptr, &logical);
    double x = kMargin + blocks[pl.block].indent;
    if (blocks[pl.block].centered) {
      double width = kPageWidth - 2 * kMargin - blocks[pl.block].indent;
      x += (width - logical.width / static_cast<double>(PANGO_SCALE)) / 2;
    }
    cairo_move_to(cr.get(), x, pl.baseline);
    pango_cairo_show_layout_line(cr.get(), line);
  }
  draw_footer(current_page);
  cairo_show_page(cr.get());
  cr.reset();
  cairo_surface_finish(surface.get());
  cairo_status_t status = cairo_surface_status(surface.get());
  if (status != CAIRO_STATUS_SUCCESS) {
    return InternalError("writing the PDF: {}", cairo_status_to_string(status));
  }
  surface.reset();
  return pdf;
}

}  // namespace bates::demand::letters
