// ZIP packages (Office Open XML, OpenDocument) as the Office readers need them: a listing of every
// member, the small XML parts read into memory by name, and a second pass that hands chosen
// members (embedded files) on as children. Read with libarchive.
//
// Limits: a part read into memory is capped at `max_part_bytes` (a part past it is recorded as
// too large rather than read, so an entity- or compression-bomb of a part costs nothing); members
// streamed as children spill to a temporary file past limits().max_in_memory_bytes; the member
// count is capped by limits().max_children.
//
// Also here: small XML helpers over pugixml for the readers that parse the parts.
//
// Thread safety: a Package is used by one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "ingest/input.h"
#include "ingest/reader.h"

namespace bates::ingest::package {

struct Member {
  std::string name;
  uint64_t size = 0;
  uint64_t compressed_size = 0;
  bool encrypted = false;
};

class Package {
 public:
  // Lists `input`'s members and reads into memory those for which `wanted(name)` is true, each up
  // to `max_part_bytes`. Corrupt when `input` is not a ZIP archive.
  static Result<Package> Open(const Input& input,
                              const std::function<bool(std::string_view)>& wanted,
                              uint64_t max_part_bytes, uint64_t max_members);

  const std::vector<Member>& members() const { return members_; }
  bool Has(std::string_view name) const;
  // The part's bytes; nullptr when it is absent or was not wanted.
  const std::string* Part(std::string_view name) const;
  // True when the part was wanted but larger than max_part_bytes.
  bool TooLarge(std::string_view name) const;

  // Streams every member for which `chosen(name)` is true to `context` as a child named by the
  // member's path, with `declared_type(name)` as its declared type. Stops at the first non-ok
  // status of the context.
  Status EmitMembers(const Input& input, const std::function<bool(std::string_view)>& chosen,
                     const std::function<std::string(std::string_view)>& declared_type,
                     ReadContext& context) const;

 private:
  std::vector<Member> members_;
  std::map<std::string, std::string, std::less<>> parts_;
  std::vector<std::string> too_large_;
};

// Resolves a relationship target against the folder of the part that names it ("word/" +
// "../media/a.png" → "media/a.png"); absolute targets ("/xl/x.xml") lose their slash.
// Limits shared by the package readers (OOXML, ODF): how deep an XML part may nest, and how
// large one part may be once expanded.
inline constexpr int kMaxXmlDepth = 512;
inline constexpr uint64_t kMaxPartBytes = uint64_t{512} << 20;

std::string ResolveTarget(std::string_view source_part, std::string_view target);

// The local name of an element or attribute ("w:p" → "p").
std::string_view LocalName(const char* name);
// The first child element with local name `local`.
pugi::xml_node ChildElement(pugi::xml_node node, std::string_view local);
// The value of the attribute with local name `local` (any prefix).
std::string_view Attribute(pugi::xml_node node, std::string_view local);

// Parses `xml` (whitespace-only text kept; pugixml only knows the five predefined entities and
// character references). Corrupt with pugixml's reason when the part is not well-formed, and
// Corrupt when its DTD declares entities (an entity bomb or external entity: never expanded, and
// never silently read without them).
Status ParseXml(std::string_view xml, std::string_view part_name, pugi::xml_document& doc);

// Where the DTD of `xml`'s prolog declares an entity ("<!ENTITY"), if it does.
std::optional<size_t> EntityDeclarationAt(std::string_view xml);

// A W3CDTF date ("2012-01-03T22:14:00Z", "2012-01-03T22:14:00.52+01:00", "2012-01-03"); without a
// zone it is floating.
std::optional<Timestamp> ParseW3cDate(std::string_view text);

// Text with a size cap: appends until `max_bytes`, then drops the rest and remembers it did.
class TextSink {
 public:
  explicit TextSink(uint64_t max_bytes) : max_bytes_(max_bytes) {}
  void Append(std::string_view text);
  void Newline();    // a line break, unless the text already ends with one (or is empty)
  void BlankLine();  // a paragraph break: the text ends with an empty line
  bool truncated() const { return truncated_; }
  std::string Take();

 private:
  std::string text_;
  uint64_t max_bytes_;
  bool truncated_ = false;
};

}  // namespace bates::ingest::package
