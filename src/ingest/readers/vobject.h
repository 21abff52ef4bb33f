// VObject: the content-line syntax iCalendar (RFC 5545, and vCalendar 1.0) and vCard (RFC 6350,
// 2426, and vCard 2.1) share — "NAME;PARAM=VALUE:value" lines, folded at 75 octets, nested in
// BEGIN:X ... END:X components. Shared by the calendar (ics_reader.cc) and contacts
// (vcf_reader.cc) readers.
//
// The parser streams: it hands each finished component to a callback as soon as its END line is
// read (with what it holds nested inside), keeping only the components still open, so memory is
// bounded by one component, not by the file. Lines are unfolded (a line break followed by a space
// or tab), vCard 2.1 quoted-printable values are joined across their soft line breaks and decoded,
// and a CHARSET parameter is honoured. Text escapes (\n, \, ...) are left to the caller, since a
// structured value (N, ADR) must be split on ';' before it is unescaped.
//
// Malformed input never fails: an END with no BEGIN is ignored, components left open at the end
// are closed, a line without a colon is skipped, and nesting past kMaxNesting is flattened.
//
// Thread safety: a parser is used by one thread; the free functions are pure.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace bates::ingest::vobject {

inline constexpr size_t kMaxNesting = 32;

struct Property {
  std::string group;                                        // "item1" of "item1.EMAIL", else empty
  std::string name;                                         // upper case
  std::vector<std::pair<std::string, std::string>> params;  // names upper case; values unquoted
  std::string value;    // UTF-8, quoted-printable decoded; text escapes still in place
  bool binary = false;  // ENCODING=B or BASE64 (a photo, a sound): `value` is base64, not text

  // The first value of a parameter, or empty. Bare vCard 2.1 parameters ("TEL;HOME:") are TYPE.
  std::string Param(std::string_view name) const;
  // Every TYPE value, lower case, from all TYPE parameters ("work", "voice", "pref").
  std::vector<std::string> Types() const;
};

struct Component {
  std::string name;  // upper case: VCALENDAR, VEVENT, VCARD...
  std::vector<Property> properties;
  std::vector<Component> children;  // nested components the callback did not take

  // The first property of that name, or nullptr.
  const Property* Find(std::string_view name) const;
  // The unescaped text of the first property of that name, or empty.
  std::string Text(std::string_view name) const;
};

// Called for each component as its END is read. `ancestors` are the components still open around
// it, outermost first, with the properties read so far. Returning true takes the component; false
// leaves it in its parent's `children`. A non-ok status stops the parse and is returned by Parse.
using ComponentFn = std::function<Status(Component& component,
                                         const std::vector<Component>& ancestors, bool* taken)>;

// The file's text as UTF-8, for Parse: as it stands when it is valid UTF-8 (the standards'
// charset); else unfolded first, since a fold may split a multi-byte character; else, for files in
// a writer's code page, converted from the charset detected (charset.h). A byte-order mark is
// removed. The result points into `bytes` or into `storage`.
std::string_view ToUtf8(std::string_view bytes, std::string& storage);

// Parses `utf8` (valid UTF-8, a byte-order mark already removed). Top-level properties outside
// any component are ignored.
Status Parse(std::string_view utf8, const ComponentFn& on_component);

// Undoes text escapes: \n and \N are line breaks, \, \; \: and \\ the character itself.
std::string Unescape(std::string_view value);
// Splits a structured value on unescaped `separator` (';' for N and ADR, ',' for lists), then
// unescapes each part.
std::vector<std::string> SplitUnescaped(std::string_view value, char separator);

}  // namespace bates::ingest::vobject
