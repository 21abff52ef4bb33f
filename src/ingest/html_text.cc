#include "ingest/html_text.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <cstring>
#include <mutex>

#include "core/text.h"
#include "ingest/charset.h"

namespace bates::ingest {
namespace {

// How far into a document a <meta> charset declaration is looked for. The HTML standard says 1024
// bytes; real pages put long scripts and styles first, so look further.
constexpr size_t kMetaScanBytes = 8192;

// Without it libxml2 stops at 256 levels of nesting, and old HTML (a Word export with thousands of
// unclosed <font> tags) goes deeper; the parser and our walk are iterative, so depth is safe.
constexpr int kParseHuge = XML_PARSE_HUGE;

void IgnoreStructuredError(void* /*context*/, xmlErrorPtr /*error*/) {}
void IgnoreGenericError(void* /*context*/, const char* /*format*/, ...) {}

void InitLibxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
  // libxml2's error handlers are per thread; the parse options silence the parser, this silences
  // everything else (encoding handlers, tree functions) that might print on hostile input.
  thread_local bool silenced = [] {
    xmlSetStructuredErrorFunc(nullptr, &IgnoreStructuredError);
    xmlSetGenericErrorFunc(nullptr, &IgnoreGenericError);
    return true;
  }();
  (void)silenced;
}

std::string_view Name(const xmlNode* node) {
  return node->name ? reinterpret_cast<const char*>(node->name) : std::string_view();
}

std::string Attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

bool OneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (name == n) return true;
  }
  return false;
}

// Elements whose content is never shown.
bool IsHidden(std::string_view name) {
  return OneOf(name, {"script", "style", "template", "iframe", "object", "embed", "applet",
                      "noembed", "noframes"});
}

// Line breaks around an element: 2 for a paragraph-like block (a blank line), 1 for other
// blocks, 0 for inline elements.
int BreaksAround(std::string_view name) {
  if (OneOf(name, {"p",          "h1",      "h2",       "h3",  "h4",      "h5",       "h6",
                   "blockquote", "pre",     "table",    "hr",  "ul",      "ol",       "dl",
                   "figure",     "address", "fieldset", "xmp", "listing", "plaintext"})) {
    return 2;
  }
  if (OneOf(name, {"div",     "li",         "tr",       "dt",      "dd",       "section", "article",
                   "header",  "footer",     "nav",      "aside",   "main",     "form",    "center",
                   "caption", "figcaption", "legend",   "details", "summary",  "dialog",  "menu",
                   "dir",     "hgroup",     "option",   "body",    "frameset", "frame",   "tbody",
                   "thead",   "tfoot",      "textarea", "select"})) {
    return 1;
  }
  return 0;
}

bool KeepsWhitespace(std::string_view name) {
  return OneOf(name, {"pre", "textarea", "xmp", "listing", "plaintext"});
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Accumulates text with HTML's whitespace rules: runs of white space become one space, breaks
// asked for by blocks are emitted only before the next visible character, never at the start.
class TextBuilder {
 public:
  void Text(std::string_view s, bool keep_whitespace) {
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (keep_whitespace) {
        if (c == '\r') {
          if (i + 1 < s.size() && s[i + 1] == '\n') continue;
          c = '\n';
        }
        if (c == '\n') {
          Flush();
          out_.push_back('\n');
          continue;
        }
        Flush();
        out_.push_back(c);
        continue;
      }
      if (IsSpace(c)) {
        if (pending_breaks_ == 0 && separator_ == 0) separator_ = ' ';
        continue;
      }
      // U+00A0 (no-break space) shows as a space and is searched as one.
      if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
        Flush();
        out_.push_back(' ');
        ++i;
        continue;
      }
      Flush();
      out_.push_back(c);
    }
  }
  void Break(int n) {
    if (n > pending_breaks_) pending_breaks_ = n;
    separator_ = 0;
  }
  void LineBreak() {
    if (out_.empty()) return;
    pending_breaks_ = 0;
    separator_ = 0;
    out_.push_back('\n');
  }
  void Tab() {
    if (pending_breaks_ == 0) separator_ = '\t';
  }
  std::string Finish() {
    // Trailing blanks on lines and more than one blank line in a row carry nothing.
    std::string result;
    result.reserve(out_.size());
    int newlines = 0;
    for (char c : out_) {
      if (c == '\n') {
        while (!result.empty() && (result.back() == ' ' || result.back() == '\t')) {
          result.pop_back();
        }
        if (++newlines > 2) continue;
      } else {
        newlines = 0;
      }
      result.push_back(c);
    }
    while (!result.empty() && IsSpace(result.back())) result.pop_back();
    size_t begin = 0;
    while (begin < result.size() && IsSpace(result[begin])) ++begin;
    return result.substr(begin);
  }

 private:
  void Flush() {
    if (!out_.empty()) {
      if (pending_breaks_ > 0) {
        out_.append(static_cast<size_t>(pending_breaks_), '\n');
      } else if (separator_ != 0) {
        out_.push_back(separator_);
      }
    }
    pending_breaks_ = 0;
    separator_ = 0;
  }

  std::string out_;
  int pending_breaks_ = 0;
  char separator_ = 0;
};

class Walker {
 public:
  explicit Walker(HtmlText& result) : result_(result) {}

  void Walk(xmlNode* first) {
    xmlNode* node = first;
    int depth = 0;
    while (node != nullptr) {
      bool entered = Enter(node);
      if (entered && node->children != nullptr) {
        node = node->children;
        ++depth;
        continue;
      }
      if (entered) Leave(node);
      while (node->next == nullptr && depth > 0) {
        node = node->parent;
        --depth;
        Leave(node);
      }
      node = node->next;
    }
  }

  std::string Text() { return text_.Finish(); }
  std::string Title() { return std::string(CollapseWhitespace(title_)); }

 private:
  // Returns whether the node's children are to be visited (and Leave called).
  bool Enter(xmlNode* node) {
    switch (node->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE: {
        if (node->content == nullptr) return false;
        std::string_view content(reinterpret_cast<const char*>(node->content));
        if (in_title_ > 0) {
          title_.append(content);
        } else if (in_head_ == 0) {
          text_.Text(content, keep_whitespace_ > 0);
        }
        return false;
      }
      case XML_ELEMENT_NODE:
        break;
      default:
        return false;  // comments, processing instructions, DTDs
    }
    std::string_view name = Name(node);
    if (IsHidden(name)) return false;
    if (name == "meta") {
      ReadMeta(node);
      return false;
    }
    if (name == "head") ++in_head_;
    if (name == "title") ++in_title_;
    if (in_head_ > 0 || in_title_ > 0) return true;
    if (name == "br") {
      text_.LineBreak();
      return false;
    }
    if (name == "td" || name == "th") text_.Tab();
    if (KeepsWhitespace(name)) ++keep_whitespace_;
    if (int breaks = BreaksAround(name); breaks > 0) text_.Break(breaks);
    return true;
  }

  void Leave(xmlNode* node) {
    if (node->type != XML_ELEMENT_NODE) return;
    std::string_view name = Name(node);
    if (name == "title") {
      --in_title_;
      if (!title_.empty() && title_.back() != ' ') title_.push_back(' ');
      return;
    }
    if (name == "head") {
      --in_head_;
      return;
    }
    if (in_head_ > 0 || in_title_ > 0) return;
    if (KeepsWhitespace(name) && keep_whitespace_ > 0) --keep_whitespace_;
    if (int breaks = BreaksAround(name); breaks > 0) text_.Break(breaks);
  }

  void ReadMeta(xmlNode* node) {
    std::string name = AsciiLower(TrimAscii(Attribute(node, "name")));
    if (name.empty()) return;
    std::string* target = nullptr;
    if (name == "author") target = &result_.author;
    if (name == "description") target = &result_.description;
    if (name == "keywords") target = &result_.keywords;
    if (target != nullptr && target->empty()) {
      *target = CollapseWhitespace(Attribute(node, "content"));
    }
  }

  HtmlText& result_;
  TextBuilder text_;
  std::string title_;
  int in_head_ = 0;
  int in_title_ = 0;
  int keep_whitespace_ = 0;
};

}  // namespace

std::string HtmlDeclaredCharset(std::string_view html) {
  std::string head = AsciiLower(html.substr(0, kMetaScanBytes));
  for (size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
    size_t end = head.find('>', at);
    std::string_view tag =
        std::string_view(head).substr(at, end == std::string::npos ? std::string::npos : end - at);
    // Both forms carry "charset" then "=": <meta charset="x"> and content="text/html; charset=x".
    size_t pos = tag.find("charset");
    while (pos != std::string_view::npos) {
      size_t p = pos + 7;
      while (p < tag.size() && IsSpace(tag[p])) ++p;
      if (p < tag.size() && tag[p] == '=') {
        ++p;
        while (p < tag.size() && (IsSpace(tag[p]) || tag[p] == '"' || tag[p] == '\'')) ++p;
        size_t q = p;
        while (q < tag.size() && !IsSpace(tag[q]) && tag[q] != '"' && tag[q] != '\'' &&
               tag[q] != ';' && tag[q] != '/' && tag[q] != '>') {
          ++q;
        }
        if (q > p) return std::string(tag.substr(p, q - p));
      }
      pos = tag.find("charset", pos + 7);
    }
  }
  return {};
}

HtmlText HtmlToText(std::string_view html, const HtmlTextOptions& options) {
  HtmlText result;
  std::string declared(options.charset);
  if (NormalizeCharsetLabel(declared).empty()) declared = HtmlDeclaredCharset(html);
  std::string utf8 = DecodeToUtf8(html, declared, &result.charset);
  if (utf8.empty()) return result;

  InitLibxml();
  // Our own decoding is authoritative (ICU knows more charsets than libxml2's iconv build), so the
  // parser gets UTF-8 and is told to ignore the document's <meta>.
  int size = static_cast<int>(std::min<size_t>(utf8.size(), INT_MAX));
  htmlDocPtr doc = htmlReadMemory(utf8.data(), size, nullptr, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NONET | HTML_PARSE_COMPACT |
                                      HTML_PARSE_IGNORE_ENC | kParseHuge);
  if (doc == nullptr) {
    // Nothing libxml2 recognises as markup: the bytes are the text.
    result.text = std::string(TrimAscii(utf8));
    return result;
  }
  Walker walker(result);
  walker.Walk(doc->children);
  xmlFreeDoc(doc);
  result.title = RepairUtf8(walker.Title());
  result.text = RepairUtf8(walker.Text());
  if (options.include_title && !result.title.empty()) {
    result.text = result.text.empty() ? result.title : result.title + "\n\n" + result.text;
  }
  return result;
}

}  // namespace bates::ingest
