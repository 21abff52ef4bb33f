// OpenDocument reader (ODF 1.0-1.3, and OpenOffice.org 1.x's .sxw/.sxc/.sxi/.sxd): text
// documents, spreadsheets, presentations, drawings, charts — packaged (ZIP, read with libarchive)
// or flat (.fodt, .fods, .fodp: one XML document) — parsed with pugixml.
//
// Text in reading order: page headers (styles.xml), then the body — paragraphs and headings, lists,
// tables and spreadsheets as tab-separated rows (each sheet under its name), text boxes and
// shapes, each slide ("Slide N") with its speaker notes — then page footers. Comments are kept as
// "[comment by AUTHOR: …]" and tracked changes marked "[inserted: …]", "[deleted: …]". Metadata
// from meta.xml (initial-creator → author, creator → last_author, creation-date, date, title,
// user-defined fields). Embedded objects ("Object N/" sub-documents) become children, each
// repackaged as an OpenDocument file of its own; embedded binary objects are children as they are.
//
// A package whose manifest lists encryption data for its content is password-protected: an
// Encrypted error. Isolated: libarchive and pugixml parse hostile input in bulk; every XML part is
// read through a size cap, and a part whose DTD declares entities is an error (package.h).
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
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
constexpr int kMaxRepeat = 256;  // repeated cells with content are written out at most this often

bool Is(pugi::xml_node node, std::string_view local) { return LocalName(node.name()) == local; }

// What a tracked change region did.
struct Change {
  bool insertion = false;
  std::string deleted_text;
};

class OdfText {
 public:
  OdfText(std::string& out, const std::map<std::string, Change>* changes)
      : out_(&out), changes_(changes) {}

  void set_spreadsheet(bool spreadsheet) { spreadsheet_ = spreadsheet; }
  // In page headers and footers, fields (page number, sheet name, date...) have no value of
  // their own: their stored text is a placeholder ("???", "Page 1 / 99").
  void set_page_furniture(bool furniture) { furniture_ = furniture; }

  // The text of `node`'s children.
  void Walk(pugi::xml_node node, int depth) {
    if (depth > kMaxXmlDepth) return;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        if (in_paragraph_ > 0) *out_ += c.value();
      } else if (c.type() == pugi::node_element) {
        Element(c, depth);
      }
    }
  }

 private:
  void Element(pugi::xml_node c, int depth) {
    std::string_view name = LocalName(c.name());
    std::string_view full = c.name();
    if (name == "p" || name == "h") {
      ++in_paragraph_;
      Walk(c, depth + 1);
      --in_paragraph_;
      Newline();
    } else if (name == "s") {
      int count = std::clamp(c.attribute("text:c").as_int(1), 1, 1000);
      out_->append(static_cast<size_t>(count), ' ');
    } else if (name == "tab") {
      *out_ += '\t';
    } else if (name == "line-break") {
      *out_ += '\n';
    } else if (name == "table") {
      Table(c, depth + 1);
    } else if (name == "page") {
      Page(c, depth + 1);
    } else if (name == "annotation") {
      Annotation(c, depth + 1);
    } else if (name == "change" || name == "change-start" || name == "change-end") {
      ChangeMark(c, name);
    } else if (name == "note") {
      // A footnote's text where it is anchored, set apart from the words around it.
      std::string body;
      std::string* saved = out_;
      int paragraph = in_paragraph_;
      out_ = &body;
      in_paragraph_ = 0;
      Walk(ChildElement(c, "note-body"), depth + 1);
      out_ = saved;
      in_paragraph_ = paragraph;
      for (char& ch : body) {
        if (ch == '\n') ch = ' ';
      }
      *out_ += " " + std::string(TrimAscii(body)) + " ";
    } else if (name == "footer-decl" || name == "header-decl") {
      *out_ += c.child_value();
      *out_ += '\n';
    } else if (furniture_ &&
               (name == "page-number" || name == "page-count" || name == "sheet-name" ||
                name == "date" || name == "time" || name == "file-name" || name == "title" ||
                name == "chapter" || name == "date-time" || name == "page-continuation")) {
      return;
    } else if (full == "svg:title" || full == "svg:desc" || name == "binary-data" ||
               name == "event-listeners" || name == "note-citation" || name == "tracked-changes" ||
               name == "annotation-end" || name == "sequence-decls" || name == "variable-decls" ||
               name == "user-field-decls" || name == "forms" || name == "scripts" ||
               name == "table-columns" || name == "table-column" || name == "bookmark" ||
               name == "soft-page-break" || name == "named-expressions" ||
               name == "database-ranges" || name == "calculation-settings" ||
               name == "content-validations") {
      return;
    } else {
      Walk(c, depth + 1);  // spans, links, lists, sections, frames, text boxes, shapes, notes
    }
  }

  void Newline() {
    if (!out_->empty() && out_->back() != '\n') *out_ += '\n';
  }

  // A comment, kept where it is anchored.
  void Annotation(pugi::xml_node note, int depth) {
    std::string author(TrimAscii(ChildElement(note, "creator").child_value()));
    std::string body;
    std::string* saved = out_;
    int paragraph = in_paragraph_;
    out_ = &body;
    in_paragraph_ = 0;
    for (pugi::xml_node c = note.first_child(); c; c = c.next_sibling()) {
      std::string_view name = LocalName(c.name());
      if (c.type() == pugi::node_element && name != "creator" && name != "date" &&
          name != "sender-initials") {
        Element(c, depth + 1);
      }
    }
    out_ = saved;
    in_paragraph_ = paragraph;
    for (char& ch : body) {
      if (ch == '\n') ch = ' ';
    }
    std::string text(TrimAscii(body));
    if (text.empty()) return;
    *out_ += " [comment";
    if (!author.empty()) *out_ += " by " + author;
    *out_ += ": " + text + "] ";
  }

  void ChangeMark(pugi::xml_node mark, std::string_view name) {
    if (changes_ == nullptr) return;
    auto it = changes_->find(std::string(Attribute(mark, "change-id")));
    if (it == changes_->end()) return;
    if (name == "change" && !it->second.deleted_text.empty()) {
      *out_ += "[deleted: " + it->second.deleted_text + "]";
    } else if (name == "change-start" && it->second.insertion) {
      *out_ += "[inserted: ";
    } else if (name == "change-end" && it->second.insertion) {
      *out_ += "]";
    }
  }

  // A table (a spreadsheet's sheet, or a table in a text): its name, then rows of cells.
  void Table(pugi::xml_node table, int depth) {
    Newline();
    std::string_view name = Attribute(table, "name");
    if (spreadsheet_ && !name.empty()) {
      *out_ += '\n';
      *out_ += name;
      *out_ += '\n';
    }
    Rows(table, depth);
  }

  void Rows(pugi::xml_node parent, int depth) {
    if (depth > kMaxXmlDepth) return;
    for (pugi::xml_node row = parent.first_child(); row; row = row.next_sibling()) {
      std::string_view name = LocalName(row.name());
      if (name == "table-header-rows" || name == "table-rows" || name == "table-row-group") {
        Rows(row, depth + 1);
        continue;
      }
      if (name != "table-row") continue;
      std::string line;
      int pending_tabs = 0;
      bool any = false;
      for (pugi::xml_node cell = row.first_child(); cell; cell = cell.next_sibling()) {
        std::string_view cell_name = LocalName(cell.name());
        if (cell_name != "table-cell" && cell_name != "covered-table-cell") continue;
        std::string repeated(Attribute(cell, "number-columns-repeated"));
        int repeat = repeated.empty() ? 1 : std::max(1, std::atoi(repeated.c_str()));
        std::string text;
        std::string* saved = out_;
        int paragraph = in_paragraph_;
        out_ = &text;
        in_paragraph_ = 0;
        Walk(cell, depth + 1);
        out_ = saved;
        in_paragraph_ = paragraph;
        for (char& ch : text) {
          if (ch == '\n' || ch == '\t') ch = ' ';
        }
        std::string value(TrimAscii(text));
        if (value.empty()) {
          std::string_view raw = Attribute(cell, "value");
          if (raw.empty()) raw = Attribute(cell, "date-value");
          if (raw.empty()) raw = Attribute(cell, "string-value");
          value = std::string(raw);
        }
        if (value.empty()) {
          pending_tabs += std::min(repeat, kMaxRepeat);
          continue;
        }
        for (int r = 0; r < std::min(repeat, kMaxRepeat); ++r) {
          if (any) ++pending_tabs;
          line.append(static_cast<size_t>(std::min(pending_tabs, 64)), '\t');
          pending_tabs = 0;
          line += value;
          any = true;
        }
      }
      if (any) {
        *out_ += line;
        *out_ += '\n';
      }
    }
  }

  // A presentation's or drawing's page: its shapes, then its speaker notes.
  void Page(pugi::xml_node page, int depth) {
    ++slide_;
    Newline();
    *out_ += "\nSlide " + std::to_string(slide_) + "\n";
    for (pugi::xml_node c = page.first_child(); c; c = c.next_sibling()) {
      if (c.type() == pugi::node_element && !Is(c, "notes")) Element(c, depth + 1);
    }
    pugi::xml_node notes = ChildElement(page, "notes");
    if (!notes) return;
    std::string text;
    std::string* saved = out_;
    out_ = &text;
    for (pugi::xml_node c = notes.first_child(); c; c = c.next_sibling()) {
      // The notes page shows a picture of the slide: no text of its own.
      if (c.type() == pugi::node_element && !Is(c, "page-thumbnail")) Element(c, depth + 1);
    }
    out_ = saved;
    if (!TrimAscii(text).empty()) {
      Newline();
      *out_ += "Notes:\n" + text;
    }
  }

  std::string* out_;
  const std::map<std::string, Change>* changes_;
  int in_paragraph_ = 0;
  int slide_ = 0;
  bool spreadsheet_ = false;
  bool furniture_ = false;
};

// The tracked changes of a body: each region's kind and, for a deletion, the text it removed.
std::map<std::string, Change> TrackedChanges(pugi::xml_node body) {
  std::map<std::string, Change> changes;
  pugi::xml_node tracked;
  for (pugi::xml_node c = body.first_child(); c && !tracked; c = c.next_sibling()) {
    if (Is(c, "tracked-changes")) tracked = c;
    for (pugi::xml_node d = c.first_child(); d && !tracked; d = d.next_sibling()) {
      if (Is(d, "tracked-changes")) tracked = d;
    }
  }
  if (!tracked) return changes;
  for (pugi::xml_node region = tracked.first_child(); region; region = region.next_sibling()) {
    if (!Is(region, "changed-region")) continue;
    Change change;
    std::string id(Attribute(region, "id"));
    for (pugi::xml_node kind = region.first_child(); kind; kind = kind.next_sibling()) {
      if (Is(kind, "insertion")) change.insertion = true;
      if (Is(kind, "deletion")) {
        std::string text;
        OdfText walker(text, nullptr);
        walker.Walk(kind, 0);
        for (char& ch : text) {
          if (ch == '\n') ch = ' ';
        }
        change.deleted_text = std::string(TrimAscii(text));
      }
    }
    if (!id.empty() && changes.size() < 100000) changes[id] = std::move(change);
  }
  return changes;
}

// Headers and footers of the master pages (styles.xml, or the flat document's master styles):
// a text document's style:header and style:footer, a presentation's header and footer frames.
void HeadersFooters(pugi::xml_node master_styles, std::string& headers, std::string& footers) {
  std::set<std::string> seen;
  auto add = [&](pugi::xml_node part, bool header) {
    std::string text;
    OdfText walker(text, nullptr);
    walker.set_page_furniture(true);
    walker.Walk(part, 0);
    // Lines that held only fields keep only their punctuation ("()", ","): dropped.
    std::string kept;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string::npos) nl = text.size();
      std::string_view line = std::string_view(text).substr(pos, nl - pos);
      bool words = std::any_of(line.begin(), line.end(), [](char ch) {
        return std::isalnum(static_cast<unsigned char>(ch)) ||
               static_cast<unsigned char>(ch) >= 0x80;
      });
      if (words) kept += std::string(TrimAscii(line)) + "\n";
      pos = nl + 1;
    }
    std::string trimmed(TrimAscii(kept));
    if (!trimmed.empty() && seen.insert(trimmed).second) {
      (header ? headers : footers) += trimmed + "\n";
    }
  };
  for (pugi::xml_node page = master_styles.first_child(); page; page = page.next_sibling()) {
    if (!Is(page, "master-page")) continue;
    for (pugi::xml_node part = page.first_child(); part; part = part.next_sibling()) {
      std::string_view name = LocalName(part.name());
      if (name == "header" || name == "header-left" || name == "header-first") add(part, true);
      if (name == "footer" || name == "footer-left" || name == "footer-first") add(part, false);
      if (name == "frame") {
        std::string_view kind = Attribute(part, "class");
        if (kind == "header") add(part, true);
        if (kind == "footer") add(part, false);
      }
    }
  }
}

void MetaFields(pugi::xml_node meta, model::Metadata& out) {
  for (pugi::xml_node c = meta.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = LocalName(c.name());
    std::string value(TrimAscii(c.child_value()));
    if (name == "document-statistic") {
      for (pugi::xml_attribute a = c.first_attribute(); a; a = a.next_attribute()) {
        out.extra.emplace_back(std::string(LocalName(a.name())), a.value());
      }
      continue;
    }
    if (name == "user-defined") {
      std::string field(Attribute(c, "name"));
      if (!field.empty() && !value.empty()) out.extra.emplace_back("custom:" + field, value);
      continue;
    }
    if (value.empty()) continue;
    if (name == "title") {
      out.title = value;
    } else if (name == "initial-creator") {
      out.author = value;
    } else if (name == "creator") {
      out.last_author = value;
    } else if (name == "creation-date") {
      out.created = package::ParseW3cDate(value);
    } else if (name == "date") {
      out.modified = package::ParseW3cDate(value);
    } else if (name == "description") {
      out.extra.emplace_back("comments", value);
    } else if (name == "subject" || name == "keyword" || name == "generator" ||
               name == "language" || name == "editing-cycles" || name == "editing-duration" ||
               name == "print-date" || name == "printed-by") {
      out.extra.emplace_back(std::string(name == "keyword" ? "keywords" : name), value);
    }
  }
}

// The office:body's content element (office:text, office:spreadsheet...), or the body itself for
// OpenOffice.org 1.x files, which put the content straight in it.
pugi::xml_node ContentOf(pugi::xml_node body) {
  for (pugi::xml_node c = body.first_child(); c; c = c.next_sibling()) {
    std::string_view name = LocalName(c.name());
    if (name == "text" || name == "spreadsheet" || name == "presentation" || name == "drawing" ||
        name == "chart" || name == "image" || name == "database") {
      return c;
    }
  }
  return body;
}

Status BodyText(pugi::xml_node root, pugi::xml_node master_styles, TextSink& sink) {
  pugi::xml_node body = ChildElement(root, "body");
  if (!body) {
    // A formula object's content is MathML, with no office:body: all the text there is.
    std::string text;
    for (pugi::xpath_node n : root.select_nodes(".//text()")) {
      text += n.node().value();
      text += ' ';
    }
    sink.Append(CollapseWhitespace(text));
    return Status::Ok();
  }
  pugi::xml_node content = ContentOf(body);
  std::map<std::string, Change> changes = TrackedChanges(content);
  std::string headers, footers;
  if (master_styles) HeadersFooters(master_styles, headers, footers);
  std::string text;
  OdfText walker(text, &changes);
  walker.set_spreadsheet(LocalName(content.name()) == "spreadsheet" ||
                         LocalName(content.name()) == "body");
  walker.Walk(content, 0);
  if (text.empty() && LocalName(content.name()) != "text") {
    // Formulas (MathML) and anything else: all the text there is.
    for (pugi::xpath_node n : content.select_nodes(".//text()")) {
      text += n.node().value();
      text += ' ';
    }
  }
  sink.Append(headers);
  sink.BlankLine();
  sink.Append(text);
  sink.BlankLine();
  sink.Append(footers);
  return Status::Ok();
}

// A ZIP written in memory, for an embedded object repackaged as a file of its own.
class ZipWriter {
 public:
  ZipWriter() : a_(archive_write_new()) {
    archive_write_set_format_zip(a_);
    // Stored: the first member must be an uncompressed "mimetype" for detection, and the
    // objects are small.
    archive_write_set_format_option(a_, "zip", "compression", "store");
    archive_write_open(a_, this, nullptr, &ZipWriter::Write, nullptr);
  }
  ~ZipWriter() {
    if (a_ != nullptr) archive_write_free(a_);
  }
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  void Add(const std::string& name, std::string_view data) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, name.c_str());
    archive_entry_set_size(entry, static_cast<la_int64_t>(data.size()));
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_write_header(a_, entry);
    archive_write_data(a_, data.data(), data.size());
    archive_entry_free(entry);
  }
  std::string Finish() {
    archive_write_close(a_);
    archive_write_free(a_);
    a_ = nullptr;
    return std::move(out_);
  }

 private:
  static la_ssize_t Write(archive*, void* self, const void* buffer, size_t length) {
    static_cast<ZipWriter*>(self)->out_.append(static_cast<const char*>(buffer), length);
    return static_cast<la_ssize_t>(length);
  }
  archive* a_;
  std::string out_;
};

std::string ExtensionOf(std::string_view media_type) {
  static constexpr std::pair<std::string_view, std::string_view> kExtensions[] = {
      {"text", ".odt"},  {"spreadsheet", ".ods"}, {"presentation", ".odp"}, {"graphics", ".odg"},
      {"chart", ".odc"}, {"formula", ".odf"},     {"image", ".odi"}};
  for (const auto& [kind, ext] : kExtensions) {
    if (media_type == "application/vnd.oasis.opendocument." + std::string(kind)) {
      return std::string(ext);
    }
  }
  return {};
}

class OdfReader final : public Reader {
 public:
  std::string_view name() const override { return "odf"; }
  std::vector<std::string> mime_types() const override {
    std::vector<std::string> types;
    for (const char* kind :
         {"text", "spreadsheet", "presentation", "graphics", "chart", "formula", "image",
          "text-template", "spreadsheet-template", "presentation-template", "graphics-template",
          "text-master", "text-web"}) {
      types.push_back(std::string("application/vnd.oasis.opendocument.") + kind);
    }
    for (const char* kind : {"text", "spreadsheet", "presentation", "graphics"}) {
      types.push_back(std::string("application/vnd.oasis.opendocument.") + kind + "-flat-xml");
    }
    for (const char* kind : {"writer", "calc", "impress", "draw"}) {
      types.push_back(std::string("application/vnd.sun.xml.") + kind);
    }
    return types;
  }
  bool isolated() const override { return true; }
  std::string_view tool() const override { return "pugixml"; }

  Status Read(const Input& input, ReadContext& context) const override {
    const Limits& limits = context.limits();
    uint64_t part_cap = std::min(limits.max_text_bytes, kMaxPartBytes);
    BATES_ASSIGN_OR_RETURN(std::string head, input.Head(64));
    if (!head.starts_with("PK")) return ReadFlat(input, context, part_cap);

    auto wanted = [](std::string_view name) {
      return name == "content.xml" || name == "meta.xml" || name == "styles.xml" ||
             name == "META-INF/manifest.xml" || name == "mimetype" ||
             (name.starts_with("Object ") && name.ends_with(".xml"));
    };
    BATES_ASSIGN_OR_RETURN(Package pkg,
                           Package::Open(input, wanted, part_cap, limits.max_children + 1000));

    // The manifest says which members are encrypted and what the embedded objects are.
    std::map<std::string, std::string> media_types;  // "Object 1/" -> type
    bool encrypted = false;
    if (const std::string* manifest = pkg.Part("META-INF/manifest.xml")) {
      pugi::xml_document doc;
      if (package::ParseXml(*manifest, "META-INF/manifest.xml", doc).ok()) {
        for (pugi::xml_node e = doc.document_element().first_child(); e; e = e.next_sibling()) {
          if (!Is(e, "file-entry")) continue;
          std::string path(Attribute(e, "full-path"));
          media_types[path] = std::string(Attribute(e, "media-type"));
          if (ChildElement(e, "encryption-data") &&
              (path == "content.xml" || path == "styles.xml" || path == "meta.xml")) {
            encrypted = true;
          }
        }
      }
    }
    for (const package::Member& m : pkg.members()) encrypted = encrypted || m.encrypted;
    if (encrypted) {
      Extracted out;
      out.flags |= model::kFlagEncrypted;
      BATES_RETURN_IF_ERROR(context.SetDocument(std::move(out)));
      return EncryptedError(
          "OpenDocument file is password-protected (its manifest lists "
          "encryption data for content.xml)");
    }

    Extracted out;
    if (const std::string* mimetype = pkg.Part("mimetype")) {
      std::string type(TrimAscii(*mimetype));
      if (type.starts_with("application/vnd.oasis.opendocument.")) out.mime_type = type;
    }
    if (const std::string* meta = pkg.Part("meta.xml")) {
      pugi::xml_document doc;
      if (package::ParseXml(*meta, "meta.xml", doc).ok()) {
        MetaFields(ChildElement(doc.document_element(), "meta"), out.meta);
      }
    }
    if (pkg.TooLarge("content.xml")) {
      BATES_RETURN_IF_ERROR(context.SetDocument(std::move(out)));
      return ResourceExhaustedError("content.xml is larger than the part limit of {} bytes",
                                    part_cap);
    }
    const std::string* content = pkg.Part("content.xml");
    if (content == nullptr) return CorruptError("OpenDocument package has no content.xml");
    pugi::xml_document content_doc, styles_doc;
    BATES_RETURN_IF_ERROR(package::ParseXml(*content, "content.xml", content_doc));
    pugi::xml_node master_styles;
    if (const std::string* styles = pkg.Part("styles.xml")) {
      if (package::ParseXml(*styles, "styles.xml", styles_doc).ok()) {
        master_styles = ChildElement(styles_doc.document_element(), "master-styles");
      }
    }
    TextSink sink(limits.max_text_bytes);
    BATES_RETURN_IF_ERROR(BodyText(content_doc.document_element(), master_styles, sink));
    if (sink.truncated()) out.flags |= model::kFlagTruncated;
    out.text = sink.Take();
    if (out.text.empty()) out.flags |= model::kFlagNoText;
    BATES_RETURN_IF_ERROR(context.SetDocument(std::move(out)));
    return EmitObjects(input, pkg, media_types, context);
  }

 private:
  // Embedded objects: a sub-document folder "Object N/" is repackaged; a binary object
  // ("Object N" as one member, an OLE object) is handed on as it is.
  static Status EmitObjects(const Input& input, const Package& pkg,
                            const std::map<std::string, std::string>& media_types,
                            ReadContext& context) {
    std::map<std::string, std::vector<const package::Member*>> folders;
    for (const package::Member& m : pkg.members()) {
      if (!m.name.starts_with("Object ")) continue;
      size_t slash = m.name.find('/');
      if (slash != std::string::npos) folders[m.name.substr(0, slash + 1)].push_back(&m);
    }
    for (const auto& [folder, members] : folders) {
      Child child;
      auto it = media_types.find(folder);
      std::string type = it == media_types.end() ? std::string() : it->second;
      std::string base = folder.substr(0, folder.size() - 1);
      child.name = base + ExtensionOf(type);
      child.meta.file_name = child.name;
      child.declared_type = type;
      ZipWriter zip;
      if (!type.empty()) zip.Add("mimetype", type);
      bool complete = true;
      for (const package::Member* m : members) {
        const std::string* data = pkg.Part(m->name);
        if (data == nullptr) {
          if (m->name.ends_with(".xml")) complete = false;
          continue;  // pictures of the object are not needed to read it
        }
        zip.Add(m->name.substr(folder.size()), *data);
      }
      child.bytes = zip.Finish();
      if (!complete) {
        child.failure =
            ResourceExhaustedError("embedded object {} has a part over the size limit", base);
      }
      BATES_RETURN_IF_ERROR(context.AddChild(std::move(child)));
    }
    return pkg.EmitMembers(
        input,
        [&](std::string_view name) {
          return name.starts_with("Object ") && name.find('/') == std::string_view::npos;
        },
        [&](std::string_view name) {
          auto it = media_types.find(std::string(name));
          return it == media_types.end() ? std::string() : it->second;
        },
        context);
  }

  static Status ReadFlat(const Input& input, ReadContext& context, uint64_t part_cap) {
    if (input.size() > part_cap) {
      return ResourceExhaustedError("flat OpenDocument file of {} bytes is over the part limit",
                                    input.size());
    }
    BATES_ASSIGN_OR_RETURN(std::string_view bytes, input.bytes());
    pugi::xml_document doc;
    BATES_RETURN_IF_ERROR(package::ParseXml(bytes, input.name(), doc));
    pugi::xml_node root = doc.document_element();
    Extracted out;
    std::string_view type = Attribute(root, "mimetype");
    if (!type.empty()) out.mime_type = std::string(type) + "-flat-xml";
    MetaFields(ChildElement(root, "meta"), out.meta);
    TextSink sink(context.limits().max_text_bytes);
    BATES_RETURN_IF_ERROR(BodyText(root, ChildElement(root, "master-styles"), sink));
    if (sink.truncated()) out.flags |= model::kFlagTruncated;
    out.text = sink.Take();
    if (out.text.empty()) out.flags |= model::kFlagNoText;
    return context.SetDocument(std::move(out));
  }
};

}  // namespace

BATES_REGISTER_READER(OdfReader)

}  // namespace bates::ingest
