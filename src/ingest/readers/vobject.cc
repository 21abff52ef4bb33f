#include "ingest/readers/vobject.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"
#include "ingest/charset.h"

namespace bates::ingest::vobject {
namespace {

std::string Upper(std::string_view s) {
  std::string out(TrimAscii(s));
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Where the property's name and parameters end: the first colon outside double quotes.
size_t HeaderEnd(std::string_view line) {
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    if (line[i] == ':' && !quoted) return i;
  }
  return std::string_view::npos;
}

// Splits on `separator` outside double quotes.
std::vector<std::string_view> SplitOutsideQuotes(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  bool quoted = false;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '"') quoted = !quoted;
    if (s[i] == separator && !quoted) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(s.substr(start));
  return parts;
}

std::string Unquote(std::string_view s) {
  s = TrimAscii(s);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return std::string(s);
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string DecodeQuotedPrintable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '=' && i + 2 < s.size()) {
      const int high = HexDigit(s[i + 1]);
      const int low = HexDigit(s[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

// The header of a logical line says quoted-printable: its value may continue on the next line
// after a trailing '=' (vCard 2.1's soft line break), with no leading space.
bool HeaderSaysQuotedPrintable(std::string_view line) {
  size_t end = HeaderEnd(line);
  std::string_view header = line.substr(0, end == std::string_view::npos ? line.size() : end);
  for (size_t i = 0; i + 16 <= header.size(); ++i) {
    if (EqualsNoCase(header.substr(i, 16), "QUOTED-PRINTABLE")) return true;
  }
  return false;
}

class Parser {
 public:
  explicit Parser(const ComponentFn& on_component) : on_component_(on_component) {}

  Status Line(std::string_view line) {
    const size_t colon = HeaderEnd(line);
    if (colon == std::string_view::npos) return Status::Ok();
    std::vector<std::string_view> header = SplitOutsideQuotes(line.substr(0, colon), ';');
    Property property;
    property.name = Upper(header[0]);
    if (size_t dot = property.name.rfind('.'); dot != std::string::npos) {
      property.group = property.name.substr(0, dot);
      property.name.erase(0, dot + 1);
    }
    std::string_view value = line.substr(colon + 1);

    if (property.name == "BEGIN") {
      if (stack_.size() >= kMaxNesting) {
        ++flattened_;
      } else {
        stack_.push_back(Component{Upper(value), {}, {}});
      }
      return Status::Ok();
    }
    if (property.name == "END") return End(Upper(value));
    if (stack_.empty()) return Status::Ok();

    for (size_t i = 1; i < header.size(); ++i) {
      std::string_view param = TrimAscii(header[i]);
      if (param.empty()) continue;
      size_t eq = param.find('=');
      if (eq == std::string_view::npos) {
        property.params.emplace_back("TYPE", std::string(param));  // vCard 2.1: "TEL;HOME:"
        continue;
      }
      std::string name = Upper(param.substr(0, eq));
      for (std::string_view v : SplitOutsideQuotes(param.substr(eq + 1), ',')) {
        property.params.emplace_back(name, Unquote(v));
      }
    }
    std::string encoding = Upper(property.Param("ENCODING"));
    if (encoding == "QUOTED-PRINTABLE") {
      std::string decoded = DecodeQuotedPrintable(value);
      std::string charset = property.Param("CHARSET");
      property.value =
          IsValidUtf8(decoded) && charset.empty() ? decoded : DecodeToUtf8(decoded, charset);
    } else {
      property.binary = encoding == "B" || encoding == "BASE64";
      property.value = std::string(value);
    }
    stack_.back().properties.push_back(std::move(property));
    return Status::Ok();
  }

  // Closes what is still open, innermost first.
  Status Finish() {
    while (!stack_.empty()) BATES_RETURN_IF_ERROR(Close());
    return Status::Ok();
  }

 private:
  Status End(const std::string& name) {
    if (flattened_ > 0) {
      --flattened_;
      return Status::Ok();
    }
    size_t match = stack_.size();
    while (match > 0 && stack_[match - 1].name != name) --match;
    if (match == 0) return Status::Ok();  // an END with no BEGIN
    // Components opened inside it and never closed end with it.
    while (stack_.size() >= match) BATES_RETURN_IF_ERROR(Close());
    return Status::Ok();
  }

  Status Close() {
    Component component = std::move(stack_.back());
    stack_.pop_back();
    bool taken = false;
    BATES_RETURN_IF_ERROR(on_component_(component, stack_, &taken));
    if (!taken && !stack_.empty()) stack_.back().children.push_back(std::move(component));
    return Status::Ok();
  }

  const ComponentFn& on_component_;
  std::vector<Component> stack_;
  size_t flattened_ = 0;
};

}  // namespace

std::string Property::Param(std::string_view param_name) const {
  for (const auto& [k, v] : params) {
    if (k == param_name) return v;
  }
  return {};
}

std::vector<std::string> Property::Types() const {
  std::vector<std::string> types;
  for (const auto& [k, v] : params) {
    if (k != "TYPE") continue;
    std::string lower = AsciiLower(v);
    if (!lower.empty()) types.push_back(std::move(lower));
  }
  return types;
}

const Property* Component::Find(std::string_view property_name) const {
  for (const Property& p : properties) {
    if (p.name == property_name) return &p;
  }
  return nullptr;
}

std::string Component::Text(std::string_view property_name) const {
  const Property* p = Find(property_name);
  return p == nullptr || p->binary ? std::string() : Unescape(p->value);
}

std::string_view ToUtf8(std::string_view bytes, std::string& storage) {
  size_t bom = 0;
  std::string_view charset = CharsetFromBom(bytes, &bom);
  if (bom > 0 && charset != "utf-8") {
    storage = DecodeToUtf8(bytes);
    return storage;
  }
  std::string_view text = bytes.substr(bom);
  if (IsValidUtf8(text) && text.find('\0') == std::string_view::npos) return text;
  storage.clear();
  storage.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    // CRLF or LF followed by a blank: a fold.
    size_t nl = text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n' ? i + 1 : i;
    if (text[nl] == '\n' && nl + 1 < text.size() && (text[nl + 1] == ' ' || text[nl + 1] == '\t')) {
      i = nl + 1;
      continue;
    }
    storage.push_back(text[i]);
  }
  if (IsValidUtf8(storage) && storage.find('\0') == std::string::npos) return storage;
  storage = DecodeToUtf8(text);
  return storage;
}

Status Parse(std::string_view utf8, const ComponentFn& on_component) {
  Parser parser(on_component);
  std::string logical;
  bool have = false;
  bool quoted_printable = false;
  // Lines end in CRLF or LF; a file with neither but CRs (classic Mac OS) ends them in CR.
  const char eol = utf8.find('\n') == std::string_view::npos ? '\r' : '\n';
  size_t pos = 0;
  while (pos < utf8.size()) {
    size_t end = utf8.find(eol, pos);
    if (end == std::string_view::npos) end = utf8.size();
    std::string_view line = utf8.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    if (have && quoted_printable && !logical.empty() && logical.back() == '=') {
      logical.pop_back();  // a soft line break: the value goes on, as written
      logical.append(line);
      continue;
    }
    if (have && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      logical.append(line.substr(1));  // folded: the break and one blank are not content
      continue;
    }
    if (have) BATES_RETURN_IF_ERROR(parser.Line(logical));
    logical.assign(line);
    have = !line.empty();
    quoted_printable = have && HeaderSaysQuotedPrintable(logical);
  }
  if (have) BATES_RETURN_IF_ERROR(parser.Line(logical));
  return parser.Finish();
}

std::string Unescape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '\\' || i + 1 >= value.size()) {
      out.push_back(value[i]);
      continue;
    }
    char next = value[i + 1];
    if (next == 'n' || next == 'N') {
      out.push_back('\n');
    } else if (next == ',' || next == ';' || next == ':' || next == '\\') {
      out.push_back(next);
    } else {
      out.push_back('\\');
      out.push_back(next);
    }
    ++i;
  }
  return out;
}

std::vector<std::string> SplitUnescaped(std::string_view value, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\') {
      ++i;
    } else if (value[i] == separator) {
      parts.push_back(Unescape(value.substr(start, i - start)));
      start = i + 1;
    }
  }
  parts.push_back(Unescape(value.substr(std::min(start, value.size()))));
  return parts;
}

}  // namespace bates::ingest::vobject
