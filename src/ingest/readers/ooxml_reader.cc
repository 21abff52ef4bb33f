// Office Open XML reader (ECMA-376): Word (.docx/.docm/.dotx), Excel (.xlsx/.xlsm/.xltx) and
// PowerPoint (.pptx/.pptm/.ppsx/.potx) packages, read with libarchive (package.h) and pugixml.
//
// Text in reading order:
// - Word: headers, then the body (paragraphs; tables as tab-separated rows; text boxes; tracked
//   changes marked "[inserted: …]", "[deleted: …]", "[moved from: …]", "[moved to: …]"), then
//   footers, footnotes, endnotes and comments ("[comment by AUTHOR: …]").
// - Excel: each sheet in workbook order under its name, cells tab-separated in column order
//   (shared strings, inline strings, numbers and booleans as written, formulas by their cached
//   value; dates stay serial numbers), then the sheet's comments, text boxes, headers and footers.
// - PowerPoint: each slide in presentation order ("Slide N"), its text, tables, comments and
//   speaker notes.
// Metadata from docProps/core.xml (creator → author, lastModifiedBy → last_author, created,
// modified, title...), docProps/app.xml and docProps/custom.xml. Files embedded in the package
// (*/embeddings/*: OLE objects and nested packages; Word's alternative-format chunks) are
// children.
//
// Hostile packages: every XML part is read through a size cap (a part larger than the text limit
// is an error, not an allocation), and a part whose DTD declares entities (an entity bomb, an
// external entity) is an error too (package.h): never expanded, never read silently without them.
// Isolated all the same: libarchive and pugixml parse hostile input in bulk.
#include <algorithm>
#include <map>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "ingest/reader.h"
#include "ingest/readers/package.h"

namespace bates::ingest {
namespace {

using package::Attribute;
using package::ChildElement;
using package::LocalName;
using package::Package;
using package::TextSink;

using package::kMaxPartBytes;
using package::kMaxXmlDepth;

struct Relationship {
  std::string id;
  std::string type;    // the last segment of the type URI ("header", "image", "slide"...)
  std::string target;  // resolved part name
  bool external = false;
};

std::vector<Relationship> ReadRels(const Package& pkg, std::string_view part) {
  std::vector<Relationship> out;
  size_t slash = part.find_last_of('/');
  std::string folder =
      slash == std::string_view::npos ? "" : std::string(part.substr(0, slash + 1));
  std::string file = std::string(slash == std::string_view::npos ? part : part.substr(slash + 1));
  std::string rels_name = folder + "_rels/" + file + ".rels";
  const std::string* rels = pkg.Part(rels_name);
  if (rels == nullptr) return out;
  pugi::xml_document doc;
  if (!package::ParseXml(*rels, rels_name, doc).ok()) return out;
  for (pugi::xml_node r = doc.document_element().first_child(); r; r = r.next_sibling()) {
    if (LocalName(r.name()) != "Relationship") continue;
    Relationship rel;
    rel.id = std::string(Attribute(r, "Id"));
    std::string_view type = Attribute(r, "Type");
    size_t last = type.find_last_of('/');
    rel.type = std::string(last == std::string_view::npos ? type : type.substr(last + 1));
    rel.external = Attribute(r, "TargetMode") == "External";
    rel.target = rel.external ? std::string(Attribute(r, "Target"))
                              : package::ResolveTarget(part, Attribute(r, "Target"));
    out.push_back(std::move(rel));
  }
  return out;
}

// The relationship id of an element (r:id, r:embed...): an attribute in a namespace, which an
// element may carry beside a plain "id" of its own (p:sldId has both).
std::string_view RelationshipId(pugi::xml_node node) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    std::string_view name = a.name();
    if (name.find(':') != std::string_view::npos && LocalName(a.name()) == "id") return a.value();
  }
  return {};
}

const Relationship* RelById(const std::vector<Relationship>& rels, std::string_view id) {
  for (const Relationship& r : rels) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

// [Content_Types].xml: the declared type of a part.
class ContentTypes {
 public:
  explicit ContentTypes(const Package& pkg) {
    const std::string* xml = pkg.Part("[Content_Types].xml");
    if (xml == nullptr) return;
    pugi::xml_document doc;
    if (!package::ParseXml(*xml, "[Content_Types].xml", doc).ok()) return;
    for (pugi::xml_node n = doc.document_element().first_child(); n; n = n.next_sibling()) {
      if (LocalName(n.name()) == "Default") {
        defaults_[AsciiLower(Attribute(n, "Extension"))] = std::string(Attribute(n, "ContentType"));
      } else if (LocalName(n.name()) == "Override") {
        std::string_view part = Attribute(n, "PartName");
        if (part.starts_with("/")) part.remove_prefix(1);
        overrides_[AsciiLower(part)] = std::string(Attribute(n, "ContentType"));
      }
    }
  }
  std::string Of(std::string_view part) const {
    auto it = overrides_.find(AsciiLower(part));
    if (it != overrides_.end()) return it->second;
    size_t dot = part.find_last_of('.');
    if (dot == std::string_view::npos) return {};
    auto d = defaults_.find(AsciiLower(part.substr(dot + 1)));
    return d == defaults_.end() ? std::string() : d->second;
  }

 private:
  std::map<std::string, std::string> defaults_, overrides_;
};

// ---------------------------------------------------------------------------------------------
// Word.

class WordText {
 public:
  explicit WordText(std::string& out) : out_(&out) {}

  void Walk(pugi::xml_node node, int depth) {
    if (depth > kMaxXmlDepth) return;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view name = LocalName(c.name());
      std::string_view parent = LocalName(node.name());
      if (name == "p") {
        Walk(c, depth + 1);
        Newline();
      } else if (name == "tbl") {
        Table(c, depth + 1);
      } else if (name == "t" || name == "delText") {
        *out_ += c.text().get();
      } else if (name == "tab") {
        if (parent == "r") *out_ += '\t';
      } else if (name == "br" || name == "cr") {
        if (parent == "r") *out_ += '\n';
      } else if (name == "noBreakHyphen") {
        *out_ += '-';
      } else if (name == "sym") {
        Symbol(c);
      } else if (name == "ins" || name == "del" || name == "moveFrom" || name == "moveTo") {
        Marked(c, name, depth);
      } else if (name == "AlternateContent") {
        // One rendering of the content: the preferred one, else the fallback.
        pugi::xml_node choice = ChildElement(c, "Choice");
        Walk(choice ? choice : ChildElement(c, "Fallback"), depth + 1);
      } else if (name == "pPr" || name == "rPr" || name == "sectPr" || name == "tblPr" ||
                 name == "tcPr" || name == "trPr" || name == "tblGrid" || name == "instrText" ||
                 name == "delInstrText" || name == "fldChar" || name == "footnoteReference" ||
                 name == "endnoteReference" || name == "commentReference" ||
                 name == "bookmarkStart" || name == "bookmarkEnd" || name == "proofErr") {
        continue;
      } else {
        Walk(c, depth + 1);  // runs, hyperlinks, fields, content controls, drawings, text boxes
      }
    }
  }

 private:
  void Newline() {
    if (!out_->empty() && out_->back() != '\n') *out_ += '\n';
  }

  void Symbol(pugi::xml_node sym) {
    std::string_view code = Attribute(sym, "char");
    if (code.empty() || code.size() > 6) return;
    unsigned value = 0;
    for (char ch : code) {
      if (!std::isxdigit(static_cast<unsigned char>(ch))) return;
      value = value * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(ch))
                                                     ? ch - '0'
                                                     : std::tolower(ch) - 'a' + 10);
    }
    // Symbol fonts map their glyphs to the private use area: no character to show.
    if (value < 0x20 || (value >= 0xE000 && value <= 0xF8FF)) return;
    std::string utf8;
    if (value < 0x80) {
      utf8.push_back(static_cast<char>(value));
    } else if (value < 0x800) {
      utf8.push_back(static_cast<char>(0xC0 | (value >> 6)));
      utf8.push_back(static_cast<char>(0x80 | (value & 0x3F)));
    } else if (value < 0x10000) {
      utf8.push_back(static_cast<char>(0xE0 | (value >> 12)));
      utf8.push_back(static_cast<char>(0x80 | ((value >> 6) & 0x3F)));
      utf8.push_back(static_cast<char>(0x80 | (value & 0x3F)));
    }
    *out_ += utf8;
  }

  void Marked(pugi::xml_node change, std::string_view kind, int depth) {
    std::string inner;
    std::string* saved = out_;
    out_ = &inner;
    Walk(change, depth + 1);
    out_ = saved;
    if (TrimAscii(inner).empty()) {
      *out_ += inner;
      return;
    }
    const char* label = kind == "ins"        ? "inserted"
                        : kind == "del"      ? "deleted"
                        : kind == "moveFrom" ? "moved from"
                                             : "moved to";
    bool block = inner.find('\n') != std::string::npos;
    *out_ += "[";
    *out_ += label;
    *out_ += ": ";
    if (block) {
      while (!inner.empty() && inner.back() == '\n') inner.pop_back();
    }
    *out_ += inner;
    *out_ += "]";
    if (block) *out_ += '\n';
  }

  void Table(pugi::xml_node table, int depth) {
    if (depth > kMaxXmlDepth) return;
    Newline();
    for (pugi::xml_node row = table.first_child(); row; row = row.next_sibling()) {
      if (LocalName(row.name()) != "tr") continue;
      bool first = true;
      for (pugi::xml_node cell = row.first_child(); cell; cell = cell.next_sibling()) {
        std::string_view name = LocalName(cell.name());
        if (name != "tc" && name != "sdt" && name != "customXml") continue;
        std::string text;
        std::string* saved = out_;
        out_ = &text;
        Walk(cell, depth + 1);
        out_ = saved;
        for (char& ch : text) {
          if (ch == '\n' || ch == '\t') ch = ' ';
        }
        if (!first) *out_ += '\t';
        *out_ += TrimAscii(text);
        first = false;
      }
      *out_ += '\n';
    }
  }

  std::string* out_;
};

std::string WordPartText(const Package& pkg, const std::string& part, Status* error) {
  const std::string* xml = pkg.Part(part);
  if (xml == nullptr) return {};
  pugi::xml_document doc;
  Status parsed = package::ParseXml(*xml, part, doc);
  if (!parsed.ok()) {
    if (error != nullptr && error->ok()) *error = parsed;
    return {};
  }
  std::string text;
  WordText walker(text);
  walker.Walk(doc.document_element(), 0);
  return text;
}

// Footnotes, endnotes: the notes that are not separators.
std::string WordNotes(const Package& pkg, const std::string& part) {
  const std::string* xml = pkg.Part(part);
  if (xml == nullptr) return {};
  pugi::xml_document doc;
  if (!package::ParseXml(*xml, part, doc).ok()) return {};
  std::string text;
  for (pugi::xml_node note = doc.document_element().first_child(); note;
       note = note.next_sibling()) {
    std::string_view type = Attribute(note, "type");
    if (type == "separator" || type == "continuationSeparator" || type == "continuationNotice") {
      continue;
    }
    WordText walker(text);
    walker.Walk(note, 0);
  }
  return text;
}

std::string WordComments(const Package& pkg, const std::string& part) {
  const std::string* xml = pkg.Part(part);
  if (xml == nullptr) return {};
  pugi::xml_document doc;
  if (!package::ParseXml(*xml, part, doc).ok()) return {};
  std::string text;
  for (pugi::xml_node c = doc.document_element().first_child(); c; c = c.next_sibling()) {
    if (LocalName(c.name()) != "comment") continue;
    std::string body;
    WordText walker(body);
    walker.Walk(c, 0);
    while (!body.empty() && body.back() == '\n') body.pop_back();
    std::string_view author = Attribute(c, "author");
    text += "[comment";
    if (!author.empty()) {
      text += " by ";
      text += author;
    }
    text += ": " + body + "]\n";
  }
  return text;
}

Status WordDocument(const Package& pkg, const std::string& main, TextSink& sink,
                    std::vector<std::string>& chunks) {
  std::vector<Relationship> rels = ReadRels(pkg, main);
  std::vector<std::string> headers, footers, notes, comments;
  for (const Relationship& r : rels) {
    if (r.external) continue;
    if (r.type == "header") headers.push_back(r.target);
    if (r.type == "footer") footers.push_back(r.target);
    if (r.type == "footnotes" || r.type == "endnotes") notes.push_back(r.target);
    if (r.type == "comments") comments.push_back(r.target);
    if (r.type == "aFChunk") chunks.push_back(r.target);
  }
  std::sort(headers.begin(), headers.end());
  std::sort(footers.begin(), footers.end());
  if (pkg.TooLarge(main)) {
    return ResourceExhaustedError("{} is larger than the part limit", main);
  }
  Status error;
  for (const std::string& h : headers) {
    sink.Append(WordPartText(pkg, h, nullptr));
    sink.Newline();
  }
  sink.BlankLine();
  std::string body = WordPartText(pkg, main, &error);
  BATES_RETURN_IF_ERROR(error);
  sink.Append(body);
  sink.BlankLine();
  for (const std::string& f : footers) {
    sink.Append(WordPartText(pkg, f, nullptr));
    sink.Newline();
  }
  for (const std::string& n : notes) {
    sink.BlankLine();
    sink.Append(WordNotes(pkg, n));
  }
  for (const std::string& c : comments) {
    sink.BlankLine();
    sink.Append(WordComments(pkg, c));
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// DrawingML text (PowerPoint shapes, Excel drawings).

class DrawingText {
 public:
  // Shapes whose placeholder type is in `skip_placeholders` are left out (a notes page's slide
  // image and slide number).
  explicit DrawingText(std::string& out, std::vector<std::string_view> skip_placeholders = {})
      : out_(out), skip_(std::move(skip_placeholders)) {}

  void Walk(pugi::xml_node node, int depth) {
    if (depth > kMaxXmlDepth) return;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view name = LocalName(c.name());
      if (name == "p") {
        Walk(c, depth + 1);
        if (!out_.empty() && out_.back() != '\n') out_ += '\n';
      } else if (name == "t") {
        out_ += c.text().get();
      } else if (name == "br") {
        out_ += '\n';
      } else if (name == "tbl") {
        Table(c, depth + 1);
      } else if (name == "AlternateContent") {
        pugi::xml_node choice = ChildElement(c, "Choice");
        Walk(choice ? choice : ChildElement(c, "Fallback"), depth + 1);
      } else if (name == "sp" && Skipped(c)) {
        continue;
      } else if (name == "rPr" || name == "pPr" || name == "spPr" || name == "bodyPr" ||
                 name == "lstStyle" || name == "endParaRPr" || name == "style" ||
                 name == "nvSpPr" || name == "xfrm") {
        continue;
      } else {
        Walk(c, depth + 1);
      }
    }
  }

 private:
  bool Skipped(pugi::xml_node shape) {
    if (skip_.empty()) return false;
    pugi::xml_node nv = ChildElement(ChildElement(ChildElement(shape, "nvSpPr"), "nvPr"), "ph");
    if (!nv) return false;
    std::string_view type = Attribute(nv, "type");
    return std::find(skip_.begin(), skip_.end(), type) != skip_.end();
  }

  void Table(pugi::xml_node table, int depth) {
    for (pugi::xml_node row = table.first_child(); row; row = row.next_sibling()) {
      if (LocalName(row.name()) != "tr") continue;
      bool first = true;
      for (pugi::xml_node cell = row.first_child(); cell; cell = cell.next_sibling()) {
        if (LocalName(cell.name()) != "tc") continue;
        std::string text;
        DrawingText inner(text);
        inner.Walk(cell, depth + 1);
        for (char& ch : text) {
          if (ch == '\n' || ch == '\t') ch = ' ';
        }
        if (!first) out_ += '\t';
        out_ += TrimAscii(text);
        first = false;
      }
      out_ += '\n';
    }
  }

  std::string& out_;
  std::vector<std::string_view> skip_;
};

std::string DrawingPartText(const Package& pkg, const std::string& part,
                            std::vector<std::string_view> skip = {}) {
  const std::string* xml = pkg.Part(part);
  if (xml == nullptr) return {};
  pugi::xml_document doc;
  if (!package::ParseXml(*xml, part, doc).ok()) return {};
  std::string text;
  DrawingText walker(text, std::move(skip));
  walker.Walk(doc.document_element(), 0);
  return text;
}

// ---------------------------------------------------------------------------------------------
// Excel.

// The text of a shared or inline string item: its own <t> or its runs' <t>, not the phonetic
// guides (<rPh>) written above East Asian text.
std::string StringItem(pugi::xml_node si) {
  std::string text;
  for (pugi::xml_node c = si.first_child(); c; c = c.next_sibling()) {
    std::string_view name = LocalName(c.name());
    if (name == "t") {
      text += c.text().get();
    } else if (name == "r") {
      pugi::xml_node t = ChildElement(c, "t");
      if (t) text += t.text().get();
    }
  }
  return text;
}

int ColumnOf(std::string_view reference) {
  int column = 0;
  for (char ch : reference) {
    if (ch >= 'A' && ch <= 'Z') {
      column = column * 26 + (ch - 'A' + 1);
    } else if (ch >= 'a' && ch <= 'z') {
      column = column * 26 + (ch - 'a' + 1);
    } else {
      break;
    }
    if (column > 1'000'000) break;
  }
  return column;
}

// Header and footer codes: &L &C &R sections, &P page, &N pages, &D date, &T time, &F file, &A
// sheet, &"font", &nn size, &B &I &U &S &X &Y &E &K formatting.
std::string HeaderFooterText(std::string_view code) {
  std::string out;
  for (size_t i = 0; i < code.size(); ++i) {
    if (code[i] != '&' || i + 1 >= code.size()) {
      out.push_back(code[i]);
      continue;
    }
    char next = code[++i];
    if (next == '&') {
      out.push_back('&');
    } else if (next == '"') {
      size_t close = code.find('"', i + 1);
      i = close == std::string_view::npos ? code.size() : close;
    } else if (next == 'K') {
      i = std::min(code.size() - 1, i + 6);
    } else if (std::isdigit(static_cast<unsigned char>(next))) {
      while (i + 1 < code.size() && std::isdigit(static_cast<unsigned char>(code[i + 1]))) ++i;
    } else if (next == 'L' || next == 'C' || next == 'R') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    }
  }
  return std::string(TrimAscii(out));
}

Status ExcelSheet(const Package& pkg, const std::string& part, const std::string& name,
                  const std::vector<std::string>& shared, TextSink& sink) {
  sink.BlankLine();
  sink.Append(name);
  sink.Newline();
  if (pkg.TooLarge(part)) {
    return ResourceExhaustedError("sheet {} ({}) is larger than the part limit", name, part);
  }
  const std::string* xml = pkg.Part(part);
  if (xml == nullptr) return Status::Ok();
  pugi::xml_document doc;
  BATES_RETURN_IF_ERROR(package::ParseXml(*xml, part, doc));
  pugi::xml_node root = doc.document_element();
  std::string line;
  for (pugi::xml_node row = ChildElement(ChildElement(root, "sheetData"), "row"); row;
       row = row.next_sibling()) {
    if (LocalName(row.name()) != "row") continue;
    line.clear();
    int last_column = 0;
    bool any = false;
    for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
      if (LocalName(c.name()) != "c") continue;
      std::string_view type = Attribute(c, "t");
      std::string value;
      if (type == "inlineStr") {
        value = StringItem(ChildElement(c, "is"));
      } else {
        pugi::xml_node v = ChildElement(c, "v");
        std::string_view raw = v ? v.text().get() : "";
        if (type == "s") {
          char* end = nullptr;
          std::string digits(raw);
          unsigned long index = std::strtoul(digits.c_str(), &end, 10);
          if (end != digits.c_str() && index < shared.size()) value = shared[index];
        } else if (type == "b") {
          value = raw == "1" ? "TRUE" : raw == "0" ? "FALSE" : std::string(raw);
        } else {
          value = std::string(raw);  // numbers, cached formula results ("str"), errors ("e")
        }
      }
      if (value.empty()) continue;
      int column = ColumnOf(Attribute(c, "r"));
      if (column <= 0) column = last_column + 1;
      int gap = std::clamp(column - last_column, 1, 64);
      if (any || column > 1) line.append(static_cast<size_t>(any ? gap : gap - 1), '\t');
      for (char& ch : value) {
        if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
      }
      line += value;
      last_column = column;
      any = true;
    }
    if (any) {
      sink.Append(line);
      sink.Newline();
    }
  }
  // Headers and footers as printed.
  if (pugi::xml_node hf = ChildElement(root, "headerFooter")) {
    for (pugi::xml_node c = hf.first_child(); c; c = c.next_sibling()) {
      std::string text = HeaderFooterText(c.text().get());
      if (!text.empty()) {
        sink.Append(text);
        sink.Newline();
      }
    }
  }
  // Comments and drawings (text boxes, shapes) of the sheet.
  for (const Relationship& r : ReadRels(pkg, part)) {
    if (r.external) continue;
    if (r.type == "comments") {
      const std::string* comments = pkg.Part(r.target);
      pugi::xml_document cdoc;
      if (comments == nullptr || !package::ParseXml(*comments, r.target, cdoc).ok()) continue;
      pugi::xml_node list = ChildElement(cdoc.document_element(), "commentList");
      for (pugi::xml_node c = list.first_child(); c; c = c.next_sibling()) {
        if (LocalName(c.name()) != "comment") continue;
        std::string text = StringItem(ChildElement(c, "text"));
        if (TrimAscii(text).empty()) continue;
        sink.Append("[comment " + std::string(Attribute(c, "ref")) + ": " + text + "]");
        sink.Newline();
      }
    } else if (r.type == "drawing") {
      std::string text = DrawingPartText(pkg, r.target);
      if (!TrimAscii(text).empty()) {
        sink.Append(text);
        sink.Newline();
      }
    }
  }
  return Status::Ok();
}

Status ExcelWorkbook(const Package& pkg, const std::string& main, TextSink& sink) {
  if (pkg.TooLarge(main)) return ResourceExhaustedError("{} is larger than the part limit", main);
  const std::string* xml = pkg.Part(main);
  if (xml == nullptr) return CorruptError("workbook part {} is missing", main);
  pugi::xml_document doc;
  BATES_RETURN_IF_ERROR(package::ParseXml(*xml, main, doc));
  std::vector<Relationship> rels = ReadRels(pkg, main);
  std::vector<std::string> shared;
  for (const Relationship& r : rels) {
    if (r.type != "sharedStrings") continue;
    if (pkg.TooLarge(r.target)) {
      return ResourceExhaustedError("{} is larger than the part limit", r.target);
    }
    const std::string* strings = pkg.Part(r.target);
    pugi::xml_document sdoc;
    if (strings == nullptr) continue;
    BATES_RETURN_IF_ERROR(package::ParseXml(*strings, r.target, sdoc));
    for (pugi::xml_node si = sdoc.document_element().first_child(); si; si = si.next_sibling()) {
      if (LocalName(si.name()) == "si") shared.push_back(StringItem(si));
    }
  }
  pugi::xml_node sheets = ChildElement(doc.document_element(), "sheets");
  for (pugi::xml_node sheet = sheets.first_child(); sheet; sheet = sheet.next_sibling()) {
    if (LocalName(sheet.name()) != "sheet") continue;
    const Relationship* rel = RelById(rels, RelationshipId(sheet));
    if (rel == nullptr || rel->external) continue;
    BATES_RETURN_IF_ERROR(
        ExcelSheet(pkg, rel->target, std::string(Attribute(sheet, "name")), shared, sink));
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// PowerPoint.

std::string SlideComments(const Package& pkg, const std::string& part) {
  const std::string* xml = pkg.Part(part);
  if (xml == nullptr) return {};
  pugi::xml_document doc;
  if (!package::ParseXml(*xml, part, doc).ok()) return {};
  std::string out;
  for (pugi::xml_node cm = doc.document_element().first_child(); cm; cm = cm.next_sibling()) {
    if (LocalName(cm.name()) != "cm") continue;
    std::string text;
    if (pugi::xml_node t = ChildElement(cm, "text")) {
      text = t.text().get();
    } else {
      DrawingText walker(text);  // modern comments keep their text in DrawingML
      walker.Walk(cm, 0);
    }
    while (!text.empty() && text.back() == '\n') text.pop_back();
    if (!TrimAscii(text).empty()) out += "[comment: " + text + "]\n";
  }
  return out;
}

Status PowerPointPresentation(const Package& pkg, const std::string& main, TextSink& sink) {
  if (pkg.TooLarge(main)) return ResourceExhaustedError("{} is larger than the part limit", main);
  const std::string* xml = pkg.Part(main);
  if (xml == nullptr) return CorruptError("presentation part {} is missing", main);
  pugi::xml_document doc;
  BATES_RETURN_IF_ERROR(package::ParseXml(*xml, main, doc));
  std::vector<Relationship> rels = ReadRels(pkg, main);
  pugi::xml_node list = ChildElement(doc.document_element(), "sldIdLst");
  int number = 0;
  for (pugi::xml_node id = list.first_child(); id; id = id.next_sibling()) {
    if (LocalName(id.name()) != "sldId") continue;
    const Relationship* rel = RelById(rels, RelationshipId(id));
    if (rel == nullptr || rel->external) continue;
    ++number;
    if (pkg.TooLarge(rel->target)) {
      return ResourceExhaustedError("slide {} is larger than the part limit", number);
    }
    sink.BlankLine();
    sink.Append("Slide " + std::to_string(number));
    sink.Newline();
    sink.Append(DrawingPartText(pkg, rel->target));
    sink.Newline();
    for (const Relationship& r : ReadRels(pkg, rel->target)) {
      if (r.external) continue;
      if (r.type == "comments" || r.type == "comment") {
        sink.Append(SlideComments(pkg, r.target));
      }
    }
    for (const Relationship& r : ReadRels(pkg, rel->target)) {
      if (r.external || r.type != "notesSlide") continue;
      std::string notes = DrawingPartText(pkg, r.target, {"sldImg", "sldNum", "hdr", "ftr", "dt"});
      if (!TrimAscii(notes).empty()) {
        sink.Append("Notes:\n");
        sink.Append(notes);
        sink.Newline();
      }
    }
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// Metadata.

std::string NodeText(pugi::xml_node node) { return std::string(TrimAscii(node.child_value())); }

void CoreProperties(const Package& pkg, model::Metadata& meta) {
  const std::string* xml = pkg.Part("docProps/core.xml");
  if (xml == nullptr) return;
  pugi::xml_document doc;
  if (!package::ParseXml(*xml, "docProps/core.xml", doc).ok()) return;
  for (pugi::xml_node c = doc.document_element().first_child(); c; c = c.next_sibling()) {
    std::string_view name = LocalName(c.name());
    std::string value = NodeText(c);
    if (value.empty()) continue;
    if (name == "title") {
      meta.title = value;
    } else if (name == "creator") {
      meta.author = value;
    } else if (name == "lastModifiedBy") {
      meta.last_author = value;
    } else if (name == "created") {
      meta.created = package::ParseW3cDate(value);
    } else if (name == "modified") {
      meta.modified = package::ParseW3cDate(value);
    } else if (name == "subject" || name == "keywords" || name == "description" ||
               name == "category" || name == "revision" || name == "contentStatus" ||
               name == "language" || name == "identifier" || name == "version") {
      meta.extra.emplace_back(name == "description" ? "comments" : std::string(name), value);
    } else if (name == "lastPrinted") {
      meta.extra.emplace_back("last_printed", value);
    }
  }
}

void AppProperties(const Package& pkg, model::Metadata& meta) {
  const std::string* xml = pkg.Part("docProps/app.xml");
  if (xml == nullptr) return;
  pugi::xml_document doc;
  if (!package::ParseXml(*xml, "docProps/app.xml", doc).ok()) return;
  static constexpr std::pair<std::string_view, std::string_view> kFields[] = {
      {"Application", "application"}, {"AppVersion", "app_version"},
      {"Company", "company"},         {"Manager", "manager"},
      {"Template", "template"},       {"Pages", "page_count"},
      {"Words", "word_count"},        {"Characters", "character_count"},
      {"Slides", "slide_count"},      {"Notes", "notes_count"},
      {"TotalTime", "edit_minutes"},  {"DocSecurity", "doc_security"}};
  for (pugi::xml_node c = doc.document_element().first_child(); c; c = c.next_sibling()) {
    std::string_view name = LocalName(c.name());
    for (const auto& [field, key] : kFields) {
      if (name != field) continue;
      std::string value = NodeText(c);
      if (!value.empty()) meta.extra.emplace_back(std::string(key), value);
    }
  }
}

void CustomProperties(const Package& pkg, model::Metadata& meta) {
  const std::string* xml = pkg.Part("docProps/custom.xml");
  if (xml == nullptr) return;
  pugi::xml_document doc;
  if (!package::ParseXml(*xml, "docProps/custom.xml", doc).ok()) return;
  for (pugi::xml_node p = doc.document_element().first_child(); p; p = p.next_sibling()) {
    if (LocalName(p.name()) != "property") continue;
    std::string name(Attribute(p, "name"));
    pugi::xml_node value = p.first_child();
    while (value && value.type() != pugi::node_element) value = value.next_sibling();
    if (name.empty() || !value) continue;
    std::string text = NodeText(value);
    if (!text.empty()) meta.extra.emplace_back("custom:" + name, text);
  }
}

// ---------------------------------------------------------------------------------------------

enum class Kind { kWord, kExcel, kPowerPoint, kUnknown };

Kind KindOf(std::string_view content_type) {
  if (content_type.find("wordprocessingml") != std::string_view::npos ||
      content_type.find("ms-word") != std::string_view::npos) {
    return Kind::kWord;
  }
  if (content_type.find("spreadsheetml") != std::string_view::npos ||
      content_type.find("ms-excel") != std::string_view::npos) {
    return Kind::kExcel;
  }
  if (content_type.find("presentationml") != std::string_view::npos ||
      content_type.find("ms-powerpoint") != std::string_view::npos) {
    return Kind::kPowerPoint;
  }
  return Kind::kUnknown;
}

// The package's MIME type from its main part's content type ("...document.main+xml" →
// "...document"; Microsoft's macro-enabled types gain their ".12").
std::string PackageMimeType(std::string content_type) {
  for (std::string_view suffix : {".main+xml", ".main"}) {
    if (content_type.ends_with(suffix)) content_type.resize(content_type.size() - suffix.size());
  }
  if (content_type.starts_with("application/vnd.ms-")) content_type += ".12";
  return content_type;
}

bool IsXmlPart(std::string_view name) {
  std::string lower = AsciiLower(name);
  return lower.ends_with(".xml") || lower.ends_with(".rels") || lower == "[content_types].xml";
}

bool IsEmbedded(std::string_view name, const std::vector<std::string>& chunks) {
  for (std::string_view folder : {"word/embeddings/", "xl/embeddings/", "ppt/embeddings/"}) {
    if (name.starts_with(folder) && name.size() > folder.size()) return true;
  }
  return std::find(chunks.begin(), chunks.end(), name) != chunks.end();
}

class OoxmlReader final : public Reader {
 public:
  std::string_view name() const override { return "ooxml"; }
  std::vector<std::string> mime_types() const override {
    return {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
            "application/vnd.ms-word.document.macroenabled.12",
            "application/vnd.ms-word.template.macroenabled.12",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.template",
            "application/vnd.ms-excel.sheet.macroenabled.12",
            "application/vnd.ms-excel.template.macroenabled.12",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.openxmlformats-officedocument.presentationml.slideshow",
            "application/vnd.openxmlformats-officedocument.presentationml.template",
            "application/vnd.ms-powerpoint.presentation.macroenabled.12",
            "application/vnd.ms-powerpoint.slideshow.macroenabled.12",
            "application/vnd.ms-powerpoint.template.macroenabled.12"};
  }
  bool isolated() const override { return true; }
  std::string_view tool() const override { return "pugixml"; }

  Status Read(const Input& input, ReadContext& context) const override {
    const Limits& limits = context.limits();
    uint64_t part_cap = std::min(limits.max_text_bytes, kMaxPartBytes);
    BATES_ASSIGN_OR_RETURN(Package pkg,
                           Package::Open(input, IsXmlPart, part_cap, limits.max_children + 1000));
    ContentTypes types(pkg);

    // The main part, by the package relationship (any name), else by the usual names.
    std::string main;
    for (const Relationship& r : ReadRels(pkg, "")) {
      if (r.type == "officeDocument" && !r.external) main = r.target;
    }
    if (main.empty()) {
      for (const char* guess : {"word/document.xml", "xl/workbook.xml", "ppt/presentation.xml"}) {
        if (pkg.Has(guess)) main = guess;
      }
    }
    if (main.empty()) return CorruptError("not an Office Open XML package: no main document part");
    std::string content_type = types.Of(main);
    Kind kind = KindOf(content_type);
    if (kind == Kind::kUnknown) {
      kind = main.starts_with("word/")  ? Kind::kWord
             : main.starts_with("xl/")  ? Kind::kExcel
             : main.starts_with("ppt/") ? Kind::kPowerPoint
                                        : Kind::kUnknown;
    }

    Extracted out;
    if (!content_type.empty()) out.mime_type = AsciiLower(PackageMimeType(content_type));
    CoreProperties(pkg, out.meta);
    AppProperties(pkg, out.meta);
    CustomProperties(pkg, out.meta);

    TextSink sink(limits.max_text_bytes);
    std::vector<std::string> chunks;
    Status text_status;
    bool binary_workbook = content_type.find("sheet.binary") != std::string::npos;
    if (binary_workbook) {
      text_status = UnsupportedFormatError(
          "Excel binary workbook (XLSB): metadata and embedded files are read, cell text is not");
    } else if (kind == Kind::kWord) {
      text_status = WordDocument(pkg, main, sink, chunks);
    } else if (kind == Kind::kExcel) {
      text_status = ExcelWorkbook(pkg, main, sink);
    } else if (kind == Kind::kPowerPoint) {
      text_status = PowerPointPresentation(pkg, main, sink);
    } else {
      text_status = UnsupportedFormatError("Office Open XML package of type {}", content_type);
    }
    if (sink.truncated()) out.flags |= model::kFlagTruncated;
    out.text = sink.Take();
    if (out.text.empty()) out.flags |= model::kFlagNoText;
    BATES_RETURN_IF_ERROR(context.SetDocument(std::move(out)));

    BATES_RETURN_IF_ERROR(pkg.EmitMembers(
        input, [&](std::string_view name) { return IsEmbedded(name, chunks); },
        [&](std::string_view name) { return AsciiLower(types.Of(name)); }, context));
    return text_status;
  }
};

}  // namespace

BATES_REGISTER_READER(OoxmlReader)

}  // namespace bates::ingest
