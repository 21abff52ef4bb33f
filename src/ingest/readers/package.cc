#include "ingest/readers/package.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "core/file.h"
#include "core/text.h"

namespace bates::ingest::package {
namespace {

constexpr size_t kBlock = size_t{64} << 10;

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

std::string ArchiveMessage(archive* a) {
  const char* message = archive_error_string(a);
  return message != nullptr && *message != '\0' ? message : "libarchive gave no reason";
}

Result<ArchivePtr> OpenZip(const Input& input) {
  ArchivePtr a(archive_read_new());
  if (!a) return ResourceExhaustedError("libarchive could not allocate a reader");
  archive_read_support_format_zip(a.get());
  int r;
  if (input.path() != nullptr) {
    r = archive_read_open_filename(a.get(), input.path()->c_str(), kBlock);
  } else {
    BATES_ASSIGN_OR_RETURN(std::string_view bytes, input.bytes());
    r = archive_read_open_memory(a.get(), bytes.data(), bytes.size());
  }
  if (r != ARCHIVE_OK)
    return CorruptError("not a readable ZIP package: {}", ArchiveMessage(a.get()));
  return a;
}

std::string EntryName(archive_entry* entry) {
  const char* utf8 = archive_entry_pathname_utf8(entry);
  const char* native = archive_entry_pathname(entry);
  std::string name = utf8 != nullptr ? utf8 : native != nullptr ? native : "";
  if (!IsValidUtf8(name)) name = RepairUtf8(name);
  while (name.starts_with("/")) name.erase(0, 1);
  return name;
}

}  // namespace

Result<Package> Package::Open(const Input& input,
                              const std::function<bool(std::string_view)>& wanted,
                              uint64_t max_part_bytes, uint64_t max_members) {
  BATES_ASSIGN_OR_RETURN(ArchivePtr a, OpenZip(input));
  Package package;
  std::unique_ptr<char[]> block(new char[kBlock]);
  while (true) {
    archive_entry* entry = nullptr;
    int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) {
      if (package.members_.empty()) {
        return CorruptError("not a readable ZIP package: {}", ArchiveMessage(a.get()));
      }
      return CorruptError("ZIP package damaged after {} members: {}", package.members_.size(),
                          ArchiveMessage(a.get()));
    }
    if (package.members_.size() >= max_members) {
      return ResourceExhaustedError("package has more than {} members", max_members);
    }
    Member member;
    member.name = EntryName(entry);
    member.size =
        archive_entry_size_is_set(entry) ? static_cast<uint64_t>(archive_entry_size(entry)) : 0;
    member.encrypted = archive_entry_is_encrypted(entry) != 0;
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    package.members_.push_back(member);
    if (member.encrypted || !wanted(member.name)) continue;
    if (member.size > max_part_bytes) {
      package.too_large_.push_back(member.name);
      continue;
    }
    std::string data;
    bool too_large = false;
    while (true) {
      la_ssize_t n = archive_read_data(a.get(), block.get(), kBlock);
      if (n == 0) break;
      if (n < 0) {
        return CorruptError("member {} unreadable: {}", member.name, ArchiveMessage(a.get()));
      }
      // The declared size can lie; the bytes read are what counts.
      if (data.size() + static_cast<size_t>(n) > max_part_bytes) {
        too_large = true;
        break;
      }
      data.append(block.get(), static_cast<size_t>(n));
    }
    if (too_large) {
      package.too_large_.push_back(member.name);
      continue;
    }
    package.parts_[member.name] = std::move(data);
  }
  return package;
}

bool Package::Has(std::string_view name) const {
  return std::any_of(members_.begin(), members_.end(),
                     [&](const Member& m) { return m.name == name; });
}

const std::string* Package::Part(std::string_view name) const {
  auto it = parts_.find(name);
  return it == parts_.end() ? nullptr : &it->second;
}

bool Package::TooLarge(std::string_view name) const {
  return std::find(too_large_.begin(), too_large_.end(), name) != too_large_.end();
}

Status Package::EmitMembers(const Input& input, const std::function<bool(std::string_view)>& chosen,
                            const std::function<std::string(std::string_view)>& declared_type,
                            ReadContext& context) const {
  bool any = std::any_of(members_.begin(), members_.end(),
                         [&](const Member& m) { return chosen(m.name); });
  if (!any) return Status::Ok();
  BATES_ASSIGN_OR_RETURN(ArchivePtr a, OpenZip(input));
  const Limits& limits = context.limits();
  std::unique_ptr<char[]> block(new char[kBlock]);
  uint64_t emitted = 0;
  while (true) {
    archive_entry* entry = nullptr;
    int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) return CorruptError("ZIP package damaged: {}", ArchiveMessage(a.get()));
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    std::string name = EntryName(entry);
    if (!chosen(name)) continue;
    if (++emitted > limits.max_children) {
      return ResourceExhaustedError("package embeds more than {} files", limits.max_children);
    }
    Child child;
    size_t slash = name.find_last_of('/');
    child.name = name;
    child.meta.file_name = slash == std::string::npos ? name : name.substr(slash + 1);
    child.declared_type = declared_type(name);
    if (archive_entry_is_encrypted(entry)) {
      child.failure = EncryptedError("package member {} is encrypted", name);
      BATES_RETURN_IF_ERROR(context.AddChild(std::move(child)));
      continue;
    }
    std::string data;
    int fd = -1;
    std::string spill;
    uint64_t total = 0;
    Status failure;
    while (true) {
      la_ssize_t n = archive_read_data(a.get(), block.get(), kBlock);
      if (n == 0) break;
      if (n < 0) {
        failure = CorruptError("member {} unreadable: {}", name, ArchiveMessage(a.get()));
        break;
      }
      total += static_cast<uint64_t>(n);
      if (total > limits.max_item_bytes) {
        failure = ResourceExhaustedError("embedded file larger than {} bytes (max_item_bytes)",
                                         limits.max_item_bytes);
        break;
      }
      if (fd < 0 && data.size() + static_cast<size_t>(n) > limits.max_in_memory_bytes) {
        spill = (context.temp_dir() / "bates-pkg-XXXXXX").string();
        fd = ::mkstemp(spill.data());
        if (fd < 0) {
          failure = IoError("cannot create a temporary file: {}", ErrnoMessage(errno));
          break;
        }
        if (::write(fd, data.data(), data.size()) != static_cast<ssize_t>(data.size())) {
          failure = IoError("writing {}: {}", spill, ErrnoMessage(errno));
          break;
        }
        data.clear();
      }
      if (fd >= 0) {
        if (::write(fd, block.get(), static_cast<size_t>(n)) != n) {
          failure = IoError("writing {}: {}", spill, ErrnoMessage(errno));
          break;
        }
      } else {
        data.append(block.get(), static_cast<size_t>(n));
      }
    }
    if (fd >= 0) ::close(fd);
    if (!failure.ok()) {
      if (!spill.empty()) {
        std::error_code ignored;
        std::filesystem::remove(spill, ignored);
      }
      child.failure = failure;
    } else if (!spill.empty()) {
      child.spill_path = spill;
    } else {
      child.bytes = std::move(data);
    }
    BATES_RETURN_IF_ERROR(context.AddChild(std::move(child)));
  }
  return Status::Ok();
}

std::string ResolveTarget(std::string_view source_part, std::string_view target) {
  std::string path;
  if (target.starts_with("/")) {
    path = std::string(target.substr(1));
  } else {
    size_t slash = source_part.find_last_of('/');
    path = (slash == std::string_view::npos ? std::string()
                                            : std::string(source_part.substr(0, slash + 1))) +
           std::string(target);
  }
  // Normalise "." and ".." segments.
  std::vector<std::string> parts;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t next = path.find('/', pos);
    if (next == std::string::npos) next = path.size();
    std::string segment = path.substr(pos, next - pos);
    if (segment == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!segment.empty() && segment != ".") {
      parts.push_back(segment);
    }
    pos = next + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  // Percent-encoded names ("my%20file.xml") as ZIP member names have them.
  std::string decoded;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '%' && i + 2 < out.size() &&
        std::isxdigit(static_cast<unsigned char>(out[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(out[i + 2]))) {
      decoded.push_back(static_cast<char>(std::stoi(out.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      decoded.push_back(out[i]);
    }
  }
  return decoded;
}

std::string_view LocalName(const char* name) {
  std::string_view n(name);
  size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node ChildElement(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c.name()) == local) return c;
  }
  return {};
}

std::string_view Attribute(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (LocalName(a.name()) == local) return a.value();
  }
  return {};
}

std::optional<size_t> EntityDeclarationAt(std::string_view xml) {
  // The prolog only: the XML declaration, comments, processing instructions and white space may
  // come before a DOCTYPE; the first element ends the search.
  size_t at = 0;
  while (at < xml.size()) {
    at = xml.find('<', at);
    if (at == std::string_view::npos) return std::nullopt;
    std::string_view rest = xml.substr(at);
    if (rest.starts_with("<?")) {
      size_t end = xml.find("?>", at + 2);
      if (end == std::string_view::npos) return std::nullopt;
      at = end + 2;
    } else if (rest.starts_with("<!--")) {
      size_t end = xml.find("-->", at + 4);
      if (end == std::string_view::npos) return std::nullopt;
      at = end + 3;
    } else if (rest.starts_with("<!DOCTYPE")) {
      // The internal subset ends at "]>"; without one the DOCTYPE ends at the first '>'.
      size_t open = xml.find_first_of("[>", at);
      if (open == std::string_view::npos || xml[open] == '>') return std::nullopt;
      size_t close = xml.find("]>", open);
      size_t entity = xml.substr(0, close).find("<!ENTITY", open);
      if (entity != std::string_view::npos) return entity;
      return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

Status ParseXml(std::string_view xml, std::string_view part_name, pugi::xml_document& doc) {
  if (std::optional<size_t> entity = EntityDeclarationAt(xml)) {
    // pugixml would not expand them either, but the text that uses them would then be read
    // without it, silently: an entity bomb (billion laughs) or an external entity is an
    // exception instead. Office never writes a DTD into a package part (OPC forbids them).
    return CorruptError(
        "{} declares XML entities in a DTD (at byte {}), which Office documents never do: not "
        "expanded (an entity bomb?)",
        part_name, *entity);
  }
  pugi::xml_parse_result result =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  if (!result) {
    return CorruptError("{} is not well-formed XML: {} at byte {}", part_name, result.description(),
                        result.offset);
  }
  return Status::Ok();
}

std::optional<Timestamp> ParseW3cDate(std::string_view text) {
  std::string s(TrimAscii(text));
  if (s.empty()) return std::nullopt;
  // Fractions of a second: dropped, the zone after them kept.
  size_t dot = s.find('.', 10);
  if (dot != std::string::npos) {
    size_t end = dot + 1;
    while (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) ++end;
    s.erase(dot, end - dot);
  }
  Result<Timestamp> t = ParseIso8601(s);
  if (!t.ok()) return std::nullopt;
  // Office writes 1601-01-01 or 0001-01-01 for "never".
  if (t->utc_seconds < -11'644'473'600LL + 86400) return std::nullopt;
  return *t;
}

void TextSink::Append(std::string_view text) {
  if (truncated_ || text.empty()) return;
  if (text_.size() + text.size() > max_bytes_) {
    truncated_ = true;
    size_t room = static_cast<size_t>(max_bytes_ - std::min<uint64_t>(max_bytes_, text_.size()));
    while (room > 0 && (static_cast<unsigned char>(text[room]) & 0xC0) == 0x80) --room;
    text_.append(text.substr(0, room));
    return;
  }
  text_.append(text);
}

void TextSink::Newline() {
  if (!text_.empty() && text_.back() != '\n') Append("\n");
}

void TextSink::BlankLine() {
  if (text_.empty()) return;
  Newline();
  if (text_.size() < 2 || text_[text_.size() - 2] != '\n') Append("\n");
}

std::string TextSink::Take() {
  // Lines lose trailing blanks; more than one empty line in a row becomes one.
  std::string out;
  out.reserve(text_.size());
  int newlines = 0;
  for (char c : text_) {
    if (c == '\n') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
      if (++newlines <= 2) out.push_back('\n');
      continue;
    }
    newlines = 0;
    out.push_back(c);
  }
  size_t begin = out.find_first_not_of(" \t\n");
  size_t end = out.find_last_not_of(" \t\n");
  text_.clear();
  return begin == std::string::npos ? std::string() : out.substr(begin, end - begin + 1);
}

}  // namespace bates::ingest::package
