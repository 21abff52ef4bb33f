// Test fixtures for the Office and Outlook readers, made in the tests themselves: ZIP packages
// (DOCX, XLSX, PPTX, ODF) written member by member, Outlook .msg files written into a compound
// file, and small helpers around them. Only the readers' tests include this header; all the
// content it makes is fictional and uses .example domains.
//
// Thread safety: plain functions and builders used by one thread.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/readers/cfb_writer.h"
#include "ingest/readers/codepage.h"

namespace bates::ingest::testing {

// The ZIP CRC-32 (polynomial 0xEDB88320, inverted in and out).
inline uint32_t Crc32(std::string_view data) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  uint32_t c = 0xFFFFFFFFu;
  for (char ch : data) c = table[(c ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

inline void PutLe(std::string& out, uint64_t v, int n) {
  for (int i = 0; i < n; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// A ZIP archive of stored members, with exact control of its size (the archive comment pads).
class ZipBuilder {
 public:
  ZipBuilder& Add(std::string name, std::string data) {
    members_.emplace_back(std::move(name), std::move(data));
    return *this;
  }
  std::string Finish(std::string comment = {}) const {
    std::string local, central;
    for (const auto& [name, data] : members_) {
      uint32_t offset = static_cast<uint32_t>(local.size());
      uint32_t crc = Crc32(data);
      local += std::string("PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x21\x00", 14);
      PutLe(local, crc, 4);
      PutLe(local, data.size(), 4);
      PutLe(local, data.size(), 4);
      PutLe(local, name.size(), 2);
      PutLe(local, 0, 2);
      local += name + data;
      central += std::string("PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x21\x00", 16);
      PutLe(central, crc, 4);
      PutLe(central, data.size(), 4);
      PutLe(central, data.size(), 4);
      PutLe(central, name.size(), 2);
      central += std::string(12, '\0');
      PutLe(central, offset, 4);
      central += name;
    }
    std::string end("PK\x05\x06\x00\x00\x00\x00", 8);
    PutLe(end, members_.size(), 2);
    PutLe(end, members_.size(), 2);
    PutLe(end, central.size(), 4);
    PutLe(end, local.size(), 4);
    PutLe(end, comment.size(), 2);
    return local + central + end + comment;
  }
  // The archive padded with its comment to exactly `size` bytes (when it fits).
  std::string FinishWithSize(size_t size) const {
    std::string bare = Finish();
    if (size <= bare.size() || size - bare.size() > 65535) return bare;
    return Finish(std::string(size - bare.size(), ' '));
  }

 private:
  std::vector<std::pair<std::string, std::string>> members_;
};

inline constexpr std::string_view kXmlDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
inline constexpr std::string_view kWordNs =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

inline std::string CoreXml(std::string_view title, std::string_view creator,
                           std::string_view last_modified_by, std::string_view created,
                           std::string_view modified) {
  return std::string(kXmlDecl) +
         "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
         "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
         "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
         "<dc:title>" +
         std::string(title) + "</dc:title><dc:creator>" + std::string(creator) +
         "</dc:creator><cp:lastModifiedBy>" + std::string(last_modified_by) +
         "</cp:lastModifiedBy><dcterms:created xsi:type=\"dcterms:W3CDTF\">" +
         std::string(created) + "</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">" +
         std::string(modified) + "</dcterms:modified></cp:coreProperties>";
}

inline std::string Rels(const std::vector<std::array<std::string, 3>>& rels) {
  std::string xml = std::string(kXmlDecl) +
                    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    "relationships\">";
  for (const auto& [id, type, target] : rels) {
    xml += "<Relationship Id=\"" + id +
           "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" + type +
           "\" Target=\"" + target + "\"/>";
  }
  return xml + "</Relationships>";
}

inline std::string ContentTypesXml(const std::vector<std::pair<std::string, std::string>>& parts) {
  std::string xml = std::string(kXmlDecl) +
                    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    "<Default Extension=\"rels\" ContentType=\"application/"
                    "vnd.openxmlformats-package.relationships+xml\"/>"
                    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    "<Default Extension=\"xlsx\" ContentType=\"application/"
                    "vnd.openxmlformats-officedocument.spreadsheetml.sheet\"/>";
  for (const auto& [part, type] : parts) {
    xml += "<Override PartName=\"/" + part + "\" ContentType=\"" + type + "\"/>";
  }
  return xml + "</Types>";
}

// An XLSX workbook: sheets of rows of cells; a cell beginning with '=' is a formula whose cached
// value follows a '|' ("=A1*2|84"), a cell that parses as a number is a number, anything else a
// shared string.
inline std::string MakeXlsx(
    const std::vector<std::pair<std::string, std::vector<std::vector<std::string>>>>& sheets) {
  std::vector<std::string> shared;
  ZipBuilder zip;
  std::vector<std::pair<std::string, std::string>> types = {
      {"xl/workbook.xml",
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"}};
  std::string workbook = std::string(kXmlDecl) +
                         "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
                         "2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
                         "officeDocument/2006/relationships\"><sheets>";
  std::vector<std::array<std::string, 3>> workbook_rels;
  std::vector<std::pair<std::string, std::string>> sheet_parts;
  for (size_t s = 0; s < sheets.size(); ++s) {
    std::string id = "rId" + std::to_string(s + 1);
    std::string part = "worksheets/sheet" + std::to_string(s + 1) + ".xml";
    workbook += "<sheet name=\"" + sheets[s].first + "\" sheetId=\"" + std::to_string(s + 1) +
                "\" r:id=\"" + id + "\"/>";
    workbook_rels.push_back({id, "worksheet", part});
    std::string xml = std::string(kXmlDecl) +
                      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
                      "main\"><sheetData>";
    for (size_t r = 0; r < sheets[s].second.size(); ++r) {
      xml += "<row r=\"" + std::to_string(r + 1) + "\">";
      for (size_t c = 0; c < sheets[s].second[r].size(); ++c) {
        const std::string& v = sheets[s].second[r][c];
        if (v.empty()) continue;
        std::string ref = std::string(1, static_cast<char>('A' + c)) + std::to_string(r + 1);
        char* end = nullptr;
        std::strtod(v.c_str(), &end);
        if (v[0] == '=') {
          size_t bar = v.find('|');
          xml += "<c r=\"" + ref + "\"><f>" + v.substr(1, bar - 1) + "</f><v>" + v.substr(bar + 1) +
                 "</v></c>";
        } else if (end != nullptr && *end == '\0') {
          xml += "<c r=\"" + ref + "\"><v>" + v + "</v></c>";
        } else {
          xml += "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(shared.size()) + "</v></c>";
          shared.push_back(v);
        }
      }
      xml += "</row>";
    }
    xml += "</sheetData></worksheet>";
    sheet_parts.emplace_back("xl/" + part, xml);
    types.emplace_back("xl/" + part,
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
  }
  workbook += "</sheets></workbook>";
  workbook_rels.push_back({"rIdS", "sharedStrings", "sharedStrings.xml"});
  std::string strings = std::string(kXmlDecl) +
                        "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
                        "main\">";
  for (const std::string& s : shared) strings += "<si><t>" + s + "</t></si>";
  strings += "</sst>";
  zip.Add("[Content_Types].xml", ContentTypesXml(types));
  zip.Add("_rels/.rels", Rels({{"rId1", "officeDocument", "xl/workbook.xml"}}));
  zip.Add("xl/workbook.xml", workbook);
  zip.Add("xl/_rels/workbook.xml.rels", Rels(workbook_rels));
  zip.Add("xl/sharedStrings.xml", strings);
  for (const auto& [part, xml] : sheet_parts) zip.Add(part, xml);
  return zip.Finish();
}

// A DOCX whose body is `body_xml` (inside <w:body>), embedding `embedded` files under
// word/embeddings/, with core properties.
inline std::string MakeDocx(
    const std::string& body_xml,
    const std::vector<std::pair<std::string, std::string>>& embedded = {},
    const std::vector<std::pair<std::string, std::string>>& extra_parts = {},
    const std::vector<std::array<std::string, 3>>& document_rels = {}, size_t exact_size = 0) {
  ZipBuilder zip;
  zip.Add("[Content_Types].xml",
          ContentTypesXml({{"word/document.xml",
                            "application/vnd.openxmlformats-officedocument.wordprocessingml."
                            "document.main+xml"}}));
  zip.Add("_rels/.rels", Rels({{"rId1", "officeDocument", "word/document.xml"},
                               {"rId2", "../package/2006/relationships/metadata/core-properties",
                                "docProps/core.xml"}}));
  zip.Add("docProps/core.xml", CoreXml("Fictional Budget Memo", "A. Clerk", "B. Auditor",
                                       "2019-03-04T10:15:00Z", "2019-03-05T08:00:00-05:00"));
  zip.Add("word/document.xml", std::string(kXmlDecl) + "<w:document " + std::string(kWordNs) +
                                   "><w:body>" + body_xml + "</w:body></w:document>");
  std::vector<std::array<std::string, 3>> rels = document_rels;
  for (size_t i = 0; i < embedded.size(); ++i) {
    rels.push_back({"rIdE" + std::to_string(i), "package", "embeddings/" + embedded[i].first});
  }
  zip.Add("word/_rels/document.xml.rels", Rels(rels));
  for (const auto& [name, data] : extra_parts) zip.Add(name, data);
  for (const auto& [name, data] : embedded) zip.Add("word/embeddings/" + name, data);
  return exact_size > 0 ? zip.FinishWithSize(exact_size) : zip.Finish();
}

inline std::string Paragraph(std::string_view text) {
  return "<w:p><w:r><w:t xml:space=\"preserve\">" + std::string(text) + "</w:t></w:r></w:p>";
}

// ---------------------------------------------------------------------------------------------
// Outlook .msg files ([MS-OXMSG]).

// One property for a .msg: fixed-size values go to the property stream, the rest to
// __substg1.0_ streams.
struct MsgProperty {
  uint16_t id;
  uint16_t type;
  std::string value;  // raw bytes (strings: UTF-16LE for 0x001F)
};

inline MsgProperty Unicode(uint16_t id, std::string_view utf8) {
  return {id, 0x001F, Utf8ToUtf16Le(utf8)};
}
inline MsgProperty Int32(uint16_t id, int32_t v) {
  std::string b;
  PutLe(b, static_cast<uint32_t>(v), 4);
  return {id, 0x0003, b};
}
inline MsgProperty Binary(uint16_t id, std::string bytes) { return {id, 0x0102, std::move(bytes)}; }
// A time as a FILETIME from Unix seconds.
inline MsgProperty Time(uint16_t id, int64_t unix_seconds) {
  std::string b;
  PutLe(b, static_cast<uint64_t>((unix_seconds + 11644473600LL) * 10000000LL), 8);
  return {id, 0x0040, b};
}

struct MsgAttachment {
  std::vector<MsgProperty> props;
  std::string data;                         // PR_ATTACH_DATA_BIN
  std::vector<MsgProperty> embedded_props;  // set with embedded = true: an attached message
  bool embedded = false;
};

// Writes a message's storage (properties, recipients, attachments) under `prefix` ("" for the
// root). `header` is the property stream's header size: 32 top level, 24 embedded.
inline void WriteMsgStorage(CfbWriter& cfb, const std::string& prefix,
                            const std::vector<MsgProperty>& props,
                            const std::vector<std::vector<MsgProperty>>& recipients,
                            const std::vector<MsgAttachment>& attachments, size_t header) {
  auto path = [&](const std::string& name) { return prefix.empty() ? name : prefix + "/" + name; };
  auto write_props = [&](const std::string& storage, const std::vector<MsgProperty>& list,
                         size_t header_size) {
    std::string stream(header_size, '\0');
    if (header_size >= 24) {
      std::string counts;
      PutLe(counts, recipients.size(), 4);   // next recipient id
      PutLe(counts, attachments.size(), 4);  // next attachment id
      PutLe(counts, recipients.size(), 4);
      PutLe(counts, attachments.size(), 4);
      stream.replace(8, 16, counts);
    }
    auto sub = [&](const std::string& name) {
      return storage.empty() ? name : storage + "/" + name;
    };
    for (const MsgProperty& p : list) {
      std::string entry;
      PutLe(entry, (static_cast<uint32_t>(p.id) << 16) | p.type, 4);
      PutLe(entry, 6, 4);  // readable, writable
      bool fixed = p.type == 0x0002 || p.type == 0x0003 || p.type == 0x000B || p.type == 0x0040 ||
                   p.type == 0x0014 || p.type == 0x0005;
      if (fixed) {
        std::string value = p.value;
        value.resize(8, '\0');
        entry += value;
      } else {
        std::string value;
        PutLe(value, p.value.size() + (p.type == 0x001F ? 2 : 0), 4);
        PutLe(value, 0, 4);
        entry += value;
        char tag[32];
        std::snprintf(tag, sizeof tag, "__substg1.0_%04X%04X", p.id, p.type);
        cfb.AddStream(sub(tag), p.value);
      }
      stream += entry;
    }
    cfb.AddStream(sub("__properties_version1.0"), stream);
  };
  write_props(prefix, props, header);
  for (size_t r = 0; r < recipients.size(); ++r) {
    char name[64];
    std::snprintf(name, sizeof name, "__recip_version1.0_#%08zX", r);
    cfb.AddStorage(path(name));
    write_props(path(name), recipients[r], 8);
  }
  for (size_t a = 0; a < attachments.size(); ++a) {
    char name[64];
    std::snprintf(name, sizeof name, "__attach_version1.0_#%08zX", a);
    std::string storage = path(name);
    cfb.AddStorage(storage);
    write_props(storage, attachments[a].props, 8);
    if (attachments[a].embedded) {
      std::string inner = storage + "/__substg1.0_3701000D";
      cfb.AddStorage(inner);
      WriteMsgStorage(cfb, inner, attachments[a].embedded_props, {}, {}, 24);
    } else if (!attachments[a].data.empty()) {
      cfb.AddStream(storage + "/__substg1.0_37010102", attachments[a].data);
    }
  }
}

// Named properties: (property id >= 0x8000, property set GUID, lid) as __nameid_version1.0 holds
// them.
struct MsgName {
  uint16_t id;
  std::array<uint8_t, 16> guid;
  uint32_t lid;
};

inline std::string MakeMsg(const std::vector<MsgProperty>& props,
                           const std::vector<std::vector<MsgProperty>>& recipients,
                           const std::vector<MsgAttachment>& attachments,
                           const std::vector<MsgName>& names = {}) {
  CfbWriter cfb;
  WriteMsgStorage(cfb, "", props, recipients, attachments, 32);
  std::string guids, entries;
  for (const MsgName& n : names) {
    size_t index = guids.size() / 16 + 3;
    guids.append(reinterpret_cast<const char*>(n.guid.data()), 16);
    PutLe(entries, n.lid, 4);
    PutLe(entries, (static_cast<uint32_t>(n.id - 0x8000) << 16) | (index << 1), 4);
  }
  cfb.AddStorage("__nameid_version1.0");
  cfb.AddStream("__nameid_version1.0/__substg1.0_00020102", guids);
  cfb.AddStream("__nameid_version1.0/__substg1.0_00030102", entries);
  cfb.AddStream("__nameid_version1.0/__substg1.0_00040102", "");
  return cfb.Finish();
}

// Compressed RTF ([MS-OXRTFCP]) with literals only: a control byte of zeros before every eight
// bytes, then the end reference (the dictionary's write offset).
inline std::string CompressRtfLiterals(std::string_view rtf) {
  std::string body;
  size_t write = 207;
  for (size_t i = 0; i < rtf.size(); i += 8) {
    size_t n = std::min<size_t>(8, rtf.size() - i);
    if (n < 8) break;
    body.push_back('\0');
    body.append(rtf.substr(i, 8));
    write = (write + 8) & 0xFFF;
  }
  size_t tail = rtf.size() % 8;
  body.push_back(static_cast<char>(1u << tail));
  body.append(rtf.substr(rtf.size() - tail));
  write = (write + tail) & 0xFFF;
  body.push_back(static_cast<char>((write >> 4) & 0xFF));
  body.push_back(static_cast<char>((write & 0x0F) << 4));
  std::string out;
  PutLe(out, body.size() + 12, 4);
  PutLe(out, rtf.size(), 4);
  out += "LZFu";
  PutLe(out, 0, 4);
  return out + body;
}

inline std::filesystem::path TikaFiles() {
  const char* root = std::getenv("BATES_CORPORA");
  if (root == nullptr) return {};
  std::filesystem::path dir = std::filesystem::path(root) / "tika-test-documents" / "files";
  return std::filesystem::is_directory(dir) ? dir : std::filesystem::path();
}

}  // namespace bates::ingest::testing
