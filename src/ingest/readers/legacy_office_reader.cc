// Legacy Office reader: Word 97-2003 (.doc), Excel 97-2003 (.xls) and PowerPoint 97-2003 (.ppt)
// binary documents, and every other OLE2 compound file detection hands us.
//
// Text of Word and Excel comes from Debian's catdoc package — catdoc and xls2csv — run as
// subprocesses with the helper's time and memory limits and the document on standard input: they
// are mature, small, packaged, and read Word 6 to 2003 and BIFF5/BIFF8 workbooks, where no C/C++
// library in Debian does (libwv is unmaintained and Word-only). Their output is UTF-8 text; a
// workbook's sheets come out separated by form feeds and get their names back from the
// workbook's BOUNDSHEET records, which we read ourselves. PowerPoint's text we read ourselves from
// its records (catppt, the package's third tool, finds next to nothing in files saved by
// PowerPoint 2007 and later); catppt remains the fallback when the records cannot be followed.
//
// Metadata comes from the \005SummaryInformation and \005DocumentSummaryInformation property
// sets ([MS-OLEPS]), parsed by us from the streams libolecf reads (ole.h).
//
// Encryption is recognised before any text is asked for: Word's FIB fEncrypted flag, an Excel
// FILEPASS record, PowerPoint's encrypted CurrentUserAtom token, and OOXML packages encrypted
// into a compound file (EncryptionInfo + EncryptedPackage) — each an Encrypted error, flagged.
//
// Embedded objects of Word (ObjectPool) and Excel (MBD storages) become children, each as a
// compound file of its own; OLE "Package" objects (\001Ole10Native) give up the file they wrap.
// A compound file that is an Outlook message is handed to the MSG reader.
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/file.h"
#include "core/subprocess.h"
#include "core/text.h"
#include "ingest/reader.h"
#include "ingest/readers/cfb_writer.h"
#include "ingest/readers/codepage.h"
#include "ingest/readers/ole.h"

namespace bates::ingest {
namespace {

uint64_t Le(std::string_view s, size_t at, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n && at + i < s.size(); ++i) {
    v |= uint64_t{static_cast<unsigned char>(s[at + i])} << (8 * i);
  }
  return v;
}

enum class Kind { kWord, kExcel, kPowerPoint, kEncryptedPackage, kMessage, kPackage, kUnknown };

Kind KindOf(const ole::File& file) {
  int root = file.root();
  if (file.Child(root, "EncryptedPackage") >= 0 && file.Child(root, "EncryptionInfo") >= 0) {
    return Kind::kEncryptedPackage;
  }
  if (file.Child(root, "__properties_version1.0") >= 0) return Kind::kMessage;
  if (file.Child(root, "WordDocument") >= 0) return Kind::kWord;
  if (file.Child(root, "Workbook") >= 0 || file.Child(root, "Book") >= 0) return Kind::kExcel;
  if (file.Child(root, "PowerPoint Document") >= 0) return Kind::kPowerPoint;
  if (file.Child(root, "\001Ole10Native") >= 0 || file.Child(root, "Package") >= 0 ||
      file.Child(root, "CONTENTS") >= 0 || file.Child(root, "EmbeddedOdf") >= 0) {
    return Kind::kPackage;
  }
  return Kind::kUnknown;
}

std::string_view MimeOf(Kind kind) {
  switch (kind) {
    case Kind::kWord:
      return "application/msword";
    case Kind::kExcel:
      return "application/vnd.ms-excel";
    case Kind::kPowerPoint:
      return "application/vnd.ms-powerpoint";
    case Kind::kEncryptedPackage:
      return "application/x-ooxml-encrypted";
    default:
      return {};
  }
}

// ---------------------------------------------------------------------------------------------
// Encryption flags.

// [MS-DOC] 2.5.1 FibBase: wIdent 0xA5EC, then at offset 0x0A the flags; bit 8 is fEncrypted.
bool WordEncrypted(const ole::File& file) {
  int stream = file.Child(file.root(), "WordDocument");
  Result<std::string> fib = file.ReadPrefix(stream, 32);
  if (!fib.ok() || fib->size() < 12) return false;
  if (Le(*fib, 0, 2) != 0xA5EC) return false;
  return (Le(*fib, 0x0A, 2) & 0x0100) != 0;
}

// [MS-XLS] 2.4.117 FilePass: record 0x002F, in the workbook globals before the first sheet.
bool ExcelEncrypted(const ole::File& file) {
  int stream = file.Child(file.root(), "Workbook");
  if (stream < 0) stream = file.Child(file.root(), "Book");
  Result<std::string> head = file.ReadPrefix(stream, 1 << 16);
  if (!head.ok()) return false;
  size_t pos = 0;
  for (int records = 0; pos + 4 <= head->size() && records < 2000; ++records) {
    uint64_t type = Le(*head, pos, 2);
    uint64_t size = Le(*head, pos + 2, 2);
    if (type == 0x002F) return true;
    if (type == 0x0085 || type == 0x000A) return false;  // BoundSheet8 or EOF: past FilePass
    pos += 4 + size;
  }
  return false;
}

// Information Rights Management ([MS-OFFCRYPTO] 2.2.11): the content of a 97-2003 document is in
// an encrypted \tDRMContent stream; what the document shows otherwise is a placeholder.
bool RightsManaged(const ole::File& file) { return file.Child(file.root(), "\tDRMContent") >= 0; }

// [MS-PPT] 2.3.2 CurrentUserAtom: headerToken 0xF3D1C4DF when the document is encrypted.
bool PowerPointEncrypted(const ole::File& file) {
  if (file.Child(file.root(), "EncryptedSummary") >= 0) return true;
  int stream = file.Child(file.root(), "Current User");
  Result<std::string> atom = file.ReadPrefix(stream, 16);
  if (!atom.ok() || atom->size() < 16) return false;
  return Le(*atom, 12, 4) == 0xF3D1C4DFu;
}

// ---------------------------------------------------------------------------------------------
// Sheet names ([MS-XLS] 2.4.28 BoundSheet8), for labelling xls2csv's form-feed-separated sheets.

std::vector<std::string> SheetNames(const ole::File& file) {
  std::vector<std::string> names;
  int stream = file.Child(file.root(), "Workbook");
  bool biff8 = stream >= 0;
  if (stream < 0) stream = file.Child(file.root(), "Book");
  Result<std::string> data = file.Read(stream, uint64_t{256} << 20);
  if (!data.ok()) return names;
  size_t pos = 0;
  int codepage = 1252;
  while (pos + 4 <= data->size()) {
    uint64_t type = Le(*data, pos, 2);
    uint64_t size = Le(*data, pos + 2, 2);
    size_t body = pos + 4;
    if (body + size > data->size()) break;
    if (type == 0x0042 && size >= 2) codepage = static_cast<int>(Le(*data, body, 2));
    if (type == 0x0085 && size >= 8) {
      bool worksheet = Le(*data, body + 5, 1) == 0;  // dt: 0 is a worksheet or macro sheet
      size_t length = static_cast<size_t>(Le(*data, body + 6, 1));
      std::string name;
      if (biff8 && size >= 8) {
        bool wide = (Le(*data, body + 7, 1) & 1) != 0;
        std::string_view chars = std::string_view(*data).substr(body + 8, size - 8);
        if (wide) {
          name = Utf16LeToUtf8(chars.substr(0, std::min(chars.size(), length * 2)));
        } else {
          name = DecodeCodepage(chars.substr(0, std::min(chars.size(), length)), 1252);
        }
      } else {
        std::string_view chars = std::string_view(*data).substr(body + 7, size - 7);
        name = DecodeCodepage(chars.substr(0, std::min(chars.size(), length)), codepage);
      }
      if (worksheet) names.push_back(name);
    }
    if (type == 0x000A && !names.empty()) break;  // the globals' EOF: all sheets are listed
    pos = body + size;
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// PowerPoint text ([MS-PPT]), read by us: catppt finds next to nothing in presentations saved by
// PowerPoint 2007 and later (it prints the theme's name), so the records are walked here. The
// current edit's persist directory (Current User → UserEditAtom chain → PersistDirectoryAtoms,
// newest first) names every slide's and notes page's container; the slides come in the order of
// the document's slide list, each with the text of its text atoms (TextCharsAtom, UTF-16;
// TextBytesAtom, Latin-1), then its speaker notes. Text left over from older edits, which a
// fast-saved file still holds, is not read.

struct PptRecord {
  uint16_t version = 0;
  uint16_t instance = 0;
  uint16_t type = 0;
  size_t body = 0;  // offset of the record's data
  size_t length = 0;
};

std::optional<PptRecord> PptRecordAt(std::string_view s, size_t at) {
  if (at > s.size() || s.size() - at < 8) return std::nullopt;
  PptRecord r;
  auto first = static_cast<uint16_t>(Le(s, at, 2));
  r.version = first & 0x0F;
  r.instance = first >> 4;
  r.type = static_cast<uint16_t>(Le(s, at + 2, 2));
  r.length = static_cast<size_t>(Le(s, at + 4, 4));
  r.body = at + 8;
  if (r.length > s.size() - r.body) return std::nullopt;
  return r;
}

std::string PptAtomText(std::string_view s, const PptRecord& r) {
  std::string_view data = s.substr(r.body, r.length);
  std::string text = r.type == 0x0FA0 ? Utf16LeToUtf8(data) : DecodeCodepage(data, 28591);
  for (char& ch : text) {
    if (ch == '\r' || ch == '\v') ch = '\n';
  }
  return text;
}

// The text atoms of the records in [begin, end), depth first, in order.
void PptTextAtoms(std::string_view s, size_t begin, size_t end, int depth,
                  std::vector<std::string>& out, size_t& budget) {
  size_t at = begin;
  while (at < end && budget > 0) {
    std::optional<PptRecord> r = PptRecordAt(s, at);
    if (!r || r->body + r->length > end) return;
    --budget;
    if (r->type == 0x0FA0 || r->type == 0x0FA8) {
      std::string text = PptAtomText(s, *r);
      if (!TrimAscii(text).empty()) out.push_back(std::move(text));
    } else if (r->version == 0x0F && depth < 64) {
      PptTextAtoms(s, r->body, r->body + r->length, depth + 1, out, budget);
    }
    at = r->body + r->length;
  }
}

struct PptDocument {
  std::map<uint32_t, uint32_t> persist;  // persist id -> stream offset
  uint32_t document_ref = 0;
};

bool PptPersistDirectory(std::string_view s, uint32_t edit_offset, PptDocument& doc) {
  std::set<uint32_t> seen;
  bool first = true;
  while (seen.insert(edit_offset).second && seen.size() < 10000) {
    std::optional<PptRecord> edit = PptRecordAt(s, edit_offset);
    if (!edit || edit->type != 0x0FF5 || edit->length < 28) return !first;
    uint32_t last_edit = static_cast<uint32_t>(Le(s, edit->body + 8, 4));
    uint32_t directory = static_cast<uint32_t>(Le(s, edit->body + 12, 4));
    if (first) doc.document_ref = static_cast<uint32_t>(Le(s, edit->body + 16, 4));
    first = false;
    std::optional<PptRecord> dir = PptRecordAt(s, directory);
    if (dir && dir->type == 0x1772) {
      size_t at = dir->body;
      size_t end = dir->body + dir->length;
      while (at + 4 <= end) {
        uint32_t head = static_cast<uint32_t>(Le(s, at, 4));
        uint32_t id = head & 0xFFFFF;
        uint32_t count = head >> 20;
        at += 4;
        for (uint32_t k = 0; k < count && at + 4 <= end; ++k, at += 4) {
          // The newest edit comes first: an id already placed keeps its newer offset.
          doc.persist.emplace(id + k, static_cast<uint32_t>(Le(s, at, 4)));
        }
      }
    }
    if (last_edit == 0) break;
    edit_offset = last_edit;
  }
  return true;
}

std::optional<PptRecord> PptPersisted(std::string_view s, const PptDocument& doc, uint32_t id) {
  auto it = doc.persist.find(id);
  if (it == doc.persist.end()) return std::nullopt;
  return PptRecordAt(s, it->second);
}

std::string PptJoin(std::vector<std::string> parts) {
  std::string out;
  std::set<std::string> seen;
  for (std::string& p : parts) {
    std::string key(TrimAscii(p));
    // Placeholder text appears both in the slide list and in the shape that shows it.
    if (!seen.insert(key).second) continue;
    out += key;
    out += '\n';
  }
  return out;
}

// The presentation's text, or nullopt when its structure cannot be followed.
std::optional<std::string> PowerPointText(const ole::File& file, uint64_t max_stream) {
  int user = file.Child(file.root(), "Current User");
  int stream = file.Child(file.root(), "PowerPoint Document");
  if (user < 0 || stream < 0 || file.node(stream).size > max_stream) return std::nullopt;
  Result<std::string> current = file.ReadPrefix(user, 64);
  Result<std::string> document = file.Read(stream, max_stream);
  if (!current.ok() || !document.ok() || current->size() < 20) return std::nullopt;
  std::string_view s = *document;
  PptDocument doc;
  if (!PptPersistDirectory(s, static_cast<uint32_t>(Le(*current, 16, 4)), doc)) {
    return std::nullopt;
  }
  std::optional<PptRecord> container = PptPersisted(s, doc, doc.document_ref);
  if (!container || container->type != 0x03E8) return std::nullopt;

  // The slide list: each SlidePersistAtom names a slide; the text atoms after it, up to the
  // next, are its outline text.
  struct Slide {
    uint32_t persist = 0;
    std::vector<std::string> text;
  };
  std::vector<Slide> slides;
  size_t budget = 2'000'000;
  for (size_t at = container->body; at < container->body + container->length;) {
    std::optional<PptRecord> r = PptRecordAt(s, at);
    if (!r) break;
    if (r->type == 0x0FF0 && r->instance == 0) {
      for (size_t in = r->body; in < r->body + r->length;) {
        std::optional<PptRecord> atom = PptRecordAt(s, in);
        if (!atom) break;
        if (atom->type == 0x03F3 && atom->length >= 4) {
          slides.push_back({static_cast<uint32_t>(Le(s, atom->body, 4)), {}});
        } else if ((atom->type == 0x0FA0 || atom->type == 0x0FA8) && !slides.empty()) {
          slides.back().text.push_back(PptAtomText(s, *atom));
        }
        in = atom->body + atom->length;
      }
    }
    at = r->body + r->length;
  }
  std::string out;
  int number = 0;
  for (Slide& slide : slides) {
    std::vector<std::string> parts = slide.text;
    std::string notes;
    if (std::optional<PptRecord> sc = PptPersisted(s, doc, slide.persist);
        sc && sc->type == 0x03EE) {
      PptTextAtoms(s, sc->body, sc->body + sc->length, 0, parts, budget);
      std::optional<PptRecord> atom = PptRecordAt(s, sc->body);
      if (atom && atom->type == 0x03EF && atom->length >= 20) {
        uint32_t notes_ref = static_cast<uint32_t>(Le(s, atom->body + 16, 4));
        if (std::optional<PptRecord> nc = PptPersisted(s, doc, notes_ref);
            notes_ref != 0 && nc && nc->type == 0x03F0) {
          std::vector<std::string> note_parts;
          PptTextAtoms(s, nc->body, nc->body + nc->length, 0, note_parts, budget);
          notes = PptJoin(std::move(note_parts));
        }
      }
    }
    out += (out.empty() ? "" : "\n") + std::string("Slide ") + std::to_string(++number) + "\n";
    out += PptJoin(std::move(parts));
    if (!TrimAscii(notes).empty()) out += "Notes:\n" + notes;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The converters.

std::string FindTool(std::string_view name) {
  // Library code reads no environment (no $PATH): Debian installs catdoc's tools in /usr/bin.
  for (const char* dir : {"/usr/bin", "/usr/local/bin", "/bin"}) {
    std::string path = std::string(dir) + "/" + std::string(name);
    if (::access(path.c_str(), X_OK) == 0) return path;
  }
  return {};
}

// A descriptor the tool can read the document from: the file itself, or a memory file.
Result<int> InputFd(const Input& input) {
  if (input.path() != nullptr) {
    int fd = ::open(input.path()->c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return IoError("cannot open {}: {}", input.path()->string(), ErrnoMessage(errno));
    return fd;
  }
  BATES_ASSIGN_OR_RETURN(std::string_view bytes, input.bytes());
  int fd = ::memfd_create("bates-office-input", MFD_CLOEXEC);
  if (fd < 0) return IoError("memfd_create: {}", ErrnoMessage(errno));
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return IoError("writing the tool's input: {}", ErrnoMessage(err));
    }
    done += static_cast<size_t>(n);
  }
  ::lseek(fd, 0, SEEK_SET);
  return fd;
}

struct ToolOutput {
  std::string text;
  bool truncated = false;
};

Result<ToolOutput> RunTool(const std::vector<std::string>& args, const Input& input,
                           const Limits& limits) {
  std::string tool = FindTool(args[0]);
  if (tool.empty()) {
    return UnsupportedFormatError("{} is not installed (Debian package catdoc)", args[0]);
  }
  std::vector<std::string> argv = args;
  argv[0] = tool;
  BATES_ASSIGN_OR_RETURN(int fd, InputFd(input));
  SubprocessOptions options;
  options.time_limit =
      std::chrono::duration_cast<std::chrono::milliseconds>(limits.helper_time_limit);
  options.memory_limit_bytes = limits.helper_memory_bytes;
  options.stdin_fd = fd;
  Result<Subprocess> started = Subprocess::Start(argv, options);
  ::close(fd);
  if (!started.ok()) return started.status();
  Subprocess& process = *started;
  ToolOutput out;
  std::string buffer(1 << 16, '\0');
  while (true) {
    Result<size_t> n = process.Read(buffer.data(), buffer.size());
    if (!n.ok()) {
      process.Kill();
      ExitInfo info = process.Wait();
      return TimeoutError("{} {}", args[0], info.Describe());
    }
    if (*n == 0) break;
    if (out.text.size() + *n > limits.max_text_bytes) {
      out.text.append(buffer.data(), static_cast<size_t>(limits.max_text_bytes - out.text.size()));
      out.truncated = true;
      process.Kill();
      process.Wait();
      return out;
    }
    out.text.append(buffer.data(), *n);
  }
  ExitInfo info = process.Wait();
  if (!info.success()) {
    std::string why(TrimAscii(info.stderr_tail));
    size_t nl = why.rfind('\n');
    if (nl != std::string::npos) why.erase(0, nl + 1);
    return CorruptError("{} failed ({}){}{}", args[0], info.Describe(), why.empty() ? "" : ": ",
                        why.substr(0, 300));
  }
  return out;
}

// catdoc's tools look streams up by their exact names ("WordDocument"); the format says names
// compare without regard to case, and some writers use "worddocument". Such a file is rewritten
// with the canonical names for the tool.
std::optional<std::string> WithCanonicalNames(const ole::File& file, uint64_t max_bytes) {
  static constexpr std::string_view kCanonical[] = {"WordDocument",
                                                    "1Table",
                                                    "0Table",
                                                    "Data",
                                                    "ObjectPool",
                                                    "Workbook",
                                                    "Book",
                                                    "PowerPoint Document",
                                                    "Current User",
                                                    "Pictures",
                                                    "\005SummaryInformation",
                                                    "\005DocumentSummaryInformation"};
  bool renamed = false;
  uint64_t total = 0;
  for (int child : file.node(file.root()).children) {
    const std::string& name = file.node(child).name;
    total += file.node(child).size;
    for (std::string_view canonical : kCanonical) {
      if (name != canonical && AsciiLower(name) == AsciiLower(canonical)) renamed = true;
    }
  }
  if (!renamed || total > max_bytes) return std::nullopt;
  CfbWriter writer;
  std::function<bool(int, const std::string&, int)> copy =
      [&](int storage, const std::string& prefix, int depth) {
        if (depth > ole::kMaxDepth) return false;
        for (int child : file.node(storage).children) {
          std::string name = file.node(child).name;
          if (depth == 0) {
            for (std::string_view canonical : kCanonical) {
              if (AsciiLower(name) == AsciiLower(canonical)) name = std::string(canonical);
            }
          }
          std::string path = prefix.empty() ? name : prefix + "/" + name;
          if (file.node(child).storage) {
            writer.AddStorage(path);
            if (!copy(child, path, depth + 1)) return false;
          } else {
            Result<std::string> bytes = file.Read(child, max_bytes);
            if (!bytes.ok()) return false;
            writer.AddStream(path, std::move(*bytes));
          }
        }
        return true;
      };
  if (!copy(file.root(), "", 0)) return std::nullopt;
  return writer.Finish();
}

// Lines lose trailing blanks (xls2csv writes a tab for every empty cell); more than one empty line
// in a row becomes one.
std::string Tidy(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  int newlines = 0;
  for (char c : text) {
    if (c == '\r') continue;
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
  return begin == std::string::npos ? std::string() : out.substr(begin, end - begin + 1);
}

std::string LabelSheets(const std::string& csv, const std::vector<std::string>& names) {
  std::vector<std::string> sheets;
  size_t pos = 0;
  while (pos <= csv.size()) {
    size_t ff = csv.find('\f', pos);
    if (ff == std::string::npos) ff = csv.size();
    sheets.push_back(csv.substr(pos, ff - pos));
    pos = ff + 1;
  }
  while (!sheets.empty() && TrimAscii(sheets.back()).empty() && sheets.size() > names.size()) {
    sheets.pop_back();
  }
  std::string out;
  for (size_t i = 0; i < sheets.size(); ++i) {
    if (!out.empty()) out += "\n\n";
    if (sheets.size() == names.size()) out += names[i] + "\n";
    out += Tidy(sheets[i]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Embedded objects.

Status CopyStorage(const ole::File& file, int storage, const std::string& prefix, CfbWriter& writer,
                   uint64_t& total, uint64_t max, int depth) {
  if (depth > ole::kMaxDepth) return CorruptError("embedded object nested too deep");
  for (int child : file.node(storage).children) {
    const ole::File::Node& node = file.node(child);
    std::string path = prefix.empty() ? node.name : prefix + "/" + node.name;
    if (node.storage) {
      writer.AddStorage(path);
      BATES_RETURN_IF_ERROR(CopyStorage(file, child, path, writer, total, max, depth + 1));
      continue;
    }
    total += node.size;
    if (total > max) return ResourceExhaustedError("embedded object larger than {} bytes", max);
    BATES_ASSIGN_OR_RETURN(std::string bytes, file.Read(child, max));
    writer.AddStream(path, std::move(bytes));
  }
  return Status::Ok();
}

// The file an OLE Packager object wraps (\001Ole10Native: size, then type 2, label, path, flags,
// temporary path, data), or, for any other native data, the data itself.
Child PackagedFile(std::string_view native) {
  Child child;
  child.name = "embedded object";
  if (native.size() < 4) {
    child.failure = CorruptError("\\001Ole10Native stream shorter than its size field");
    return child;
  }
  uint64_t size = std::min<uint64_t>(Le(native, 0, 4), native.size() - 4);
  std::string_view data = native.substr(4, static_cast<size_t>(size));
  auto cstring = [&](size_t& pos) -> std::string_view {
    size_t end = data.find('\0', pos);
    if (end == std::string_view::npos) {
      pos = data.size() + 1;
      return {};
    }
    std::string_view s = data.substr(pos, end - pos);
    pos = end + 1;
    return s;
  };
  if (data.size() >= 2 && Le(data, 0, 2) == 2) {
    size_t pos = 2;
    std::string_view label = cstring(pos);
    std::string_view path = cstring(pos);
    pos += 4;  // flags and an unknown word
    if (pos + 4 <= data.size()) {
      uint64_t temp_length = Le(data, pos, 4);
      pos += 4 + static_cast<size_t>(temp_length);
      if (pos + 4 <= data.size()) {
        uint64_t length = Le(data, pos, 4);
        pos += 4;
        if (pos + length <= data.size()) {
          std::string name = DecodeCodepage(label.empty() ? path : label, 1252);
          size_t slash = name.find_last_of("/\\");
          if (slash != std::string::npos) name.erase(0, slash + 1);
          if (!name.empty()) child.name = name;
          child.meta.file_name = child.name;
          child.bytes = std::string(data.substr(pos, static_cast<size_t>(length)));
          return child;
        }
      }
    }
  }
  child.bytes = std::string(data);
  return child;
}

Status EmitEmbedded(const ole::File& file, Kind kind, ReadContext& context) {
  const Limits& limits = context.limits();
  std::vector<int> storages;
  if (kind == Kind::kWord) {
    int pool = file.Child(file.root(), "ObjectPool");
    if (pool >= 0) storages = file.node(pool).children;
  } else if (kind == Kind::kExcel) {
    for (int child : file.node(file.root()).children) {
      if (file.node(child).storage && file.node(child).name.starts_with("MBD")) {
        storages.push_back(child);
      }
    }
  }
  uint64_t count = 0;
  for (int storage : storages) {
    if (!file.node(storage).storage) continue;
    if (++count > limits.max_children) {
      return ResourceExhaustedError("more than {} embedded objects", limits.max_children);
    }
    Child child;
    child.name = file.node(storage).name;
    CfbWriter writer;
    uint64_t total = 0;
    Status copied = CopyStorage(file, storage, "", writer, total, limits.max_in_memory_bytes, 0);
    if (copied.ok()) {
      child.bytes = writer.Finish();
    } else {
      child.failure = copied;
    }
    BATES_RETURN_IF_ERROR(context.AddChild(std::move(child)));
  }
  return Status::Ok();
}

// A compound file that only wraps another file: an OLE package, an embedded OOXML or ODF
// document, an Acrobat document.
Status ReadWrapper(const ole::File& file, ReadContext& context) {
  const Limits& limits = context.limits();
  Extracted out;
  out.flags |= model::kFlagNoText;
  BATES_RETURN_IF_ERROR(context.SetDocument(std::move(out)));
  int root = file.root();
  if (int native = file.Child(root, "\001Ole10Native"); native >= 0) {
    Result<std::string> bytes = file.Read(native, limits.max_in_memory_bytes);
    if (!bytes.ok()) {
      Child child;
      child.name = "embedded object";
      child.failure = bytes.status();
      return context.AddChild(std::move(child));
    }
    return context.AddChild(PackagedFile(*bytes));
  }
  for (const char* name : {"Package", "CONTENTS", "EmbeddedOdf"}) {
    int stream = file.Child(root, name);
    if (stream < 0 || file.node(stream).storage) continue;
    Child child;
    child.name = name;
    Result<std::string> bytes = file.Read(stream, limits.max_in_memory_bytes);
    if (bytes.ok()) {
      child.bytes = std::move(*bytes);
    } else {
      child.failure = bytes.status();
    }
    return context.AddChild(std::move(child));
  }
  return Status::Ok();
}

void SetMetadata(const ole::File& file, model::Metadata& meta) {
  ole::SummaryInformation info;
  int summary = file.Child(file.root(), "\005SummaryInformation");
  if (summary >= 0) {
    Result<std::string> bytes = file.Read(summary, 16 << 20);
    if (bytes.ok()) ole::ReadSummaryInformation(*bytes, info);
  }
  int document = file.Child(file.root(), "\005DocumentSummaryInformation");
  if (document >= 0) {
    Result<std::string> bytes = file.Read(document, 16 << 20);
    if (bytes.ok()) ole::ReadDocumentSummaryInformation(*bytes, info);
  }
  meta.title = info.title;
  meta.author = info.author;
  meta.last_author = info.last_author;
  meta.created = info.created;
  meta.modified = info.modified;
  for (const auto& [key, value] :
       {std::pair<const char*, const std::string*>{"subject", &info.subject},
        {"keywords", &info.keywords},
        {"comments", &info.comments},
        {"template", &info.template_name},
        {"revision", &info.revision},
        {"application", &info.application},
        {"category", &info.category},
        {"manager", &info.manager},
        {"company", &info.company}}) {
    if (!value->empty()) meta.extra.emplace_back(key, *value);
  }
  if (info.printed) meta.extra.emplace_back("last_printed", FormatIso8601(*info.printed));
  if (info.pages) meta.extra.emplace_back("page_count", std::to_string(*info.pages));
  if (info.words) meta.extra.emplace_back("word_count", std::to_string(*info.words));
}

class LegacyOfficeReader final : public Reader {
 public:
  std::string_view name() const override { return "legacy_office"; }
  std::vector<std::string> mime_types() const override {
    return {"application/msword",       "application/vnd.ms-word",
            "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
            "application/mspowerpoint", "application/x-ooxml-encrypted",
            "application/encrypted",    "application/x-ole-storage",
            "application/cdfv2",        "application/cdfv2-unknown",
            "application/vnd.ms-office"};
  }
  bool isolated() const override { return true; }
  std::string_view tool() const override { return "catdoc"; }

  Status Read(const Input& input, ReadContext& context) const override {
    BATES_ASSIGN_OR_RETURN(std::string head, input.Head(8));
    if (!ole::HasSignature(head)) {
      // Excel 2.x to 4.0 kept a worksheet as a bare BIFF stream (BOF 0x0009/0x0209/0x0409), with
      // no compound file around it; catdoc's tools and this reader take only BIFF5 and later.
      if (head.size() >= 2 && (head[1] == '\x00' || head[1] == '\x02' || head[1] == '\x04') &&
          head[0] == '\x09') {
        return UnsupportedFormatError(
            "Excel 2.x-4.0 worksheet (bare BIFF2-4 stream): only "
            "Excel 5.0 and later workbooks are read");
      }
      return UnsupportedFormatError("not an OLE2 compound file: no Office 97-2003 reader applies");
    }
    BATES_ASSIGN_OR_RETURN(std::unique_ptr<ole::File> file,
                           ole::File::Open(input, context.temp_dir()));
    Kind kind = KindOf(*file);
    if (kind == Kind::kMessage) {
      const Reader* msg = ReaderRegistry::Global().ByName("msg");
      if (msg == nullptr) return UnsupportedFormatError("no Outlook message reader is linked");
      file.reset();
      return msg->Read(input, context);
    }
    if (kind == Kind::kPackage) return ReadWrapper(*file, context);
    if (kind == Kind::kUnknown) {
      std::string streams;
      for (int child : file->node(file->root()).children) {
        if (streams.size() > 200) break;
        streams += (streams.empty() ? "" : ", ") + file->node(child).name;
      }
      return UnsupportedFormatError("OLE2 compound file of no known kind (top-level entries: {})",
                                    RepairUtf8(streams));
    }

    Extracted out;
    out.mime_type = std::string(MimeOf(kind));
    SetMetadata(*file, out.meta);
    if (RightsManaged(*file)) {
      // What can be read is the placeholder Office shows without rights; it is kept, and said.
      Result<ToolOutput> placeholder =
          kind == Kind::kWord
              ? RunTool({"catdoc", "-w", "-d", "utf-8", "/dev/stdin"}, input, context.limits())
              : Result<ToolOutput>(ToolOutput{});
      if (placeholder.ok()) out.text = Tidy(RepairUtf8(placeholder->text));
      out.flags |= model::kFlagEncrypted;
      BATES_RETURN_IF_ERROR(context.SetDocument(std::move(out)));
      return EncryptedError(
          "document is rights-managed (IRM): its content is in an encrypted "
          "DRMContent stream");
    }
    bool encrypted = kind == Kind::kEncryptedPackage ||
                     (kind == Kind::kWord && WordEncrypted(*file)) ||
                     (kind == Kind::kExcel && ExcelEncrypted(*file)) ||
                     (kind == Kind::kPowerPoint && PowerPointEncrypted(*file));
    if (encrypted) {
      out.flags |= model::kFlagEncrypted;
      BATES_RETURN_IF_ERROR(context.SetDocument(std::move(out)));
      switch (kind) {
        case Kind::kEncryptedPackage:
          return EncryptedError(
              "Office Open XML document is password-protected (an encrypted package: "
              "EncryptionInfo and EncryptedPackage streams)");
        case Kind::kWord:
          return EncryptedError("Word document is password-protected (FIB fEncrypted is set)");
        case Kind::kExcel:
          return EncryptedError("Excel workbook is password-protected (it has a FILEPASS record)");
        default:
          return EncryptedError(
              "PowerPoint presentation is password-protected (encrypted CurrentUserAtom)");
      }
    }

    std::vector<std::string> command;
    // The document is the tools' standard input, named as a file: xls2csv and catppt crash when
    // they read an unnamed standard input, and /dev/stdin reopens the same file (or memory
    // file) for them to seek in.
    if (kind == Kind::kWord) command = {"catdoc", "-w", "-d", "utf-8", "/dev/stdin"};
    if (kind == Kind::kExcel) {
      command = {"xls2csv", "-d", "utf-8", "-q", "0", "-c", "\t", "/dev/stdin"};
    }
    if (kind == Kind::kPowerPoint) command = {"catppt", "-d", "utf-8", "/dev/stdin"};
    std::optional<std::string> canonical =
        WithCanonicalNames(*file, context.limits().max_in_memory_bytes);
    Input canonical_input =
        canonical ? Input::FromMemory(*canonical, input.name()) : Input::FromMemory({}, {});
    std::optional<std::string> slides;
    if (kind == Kind::kPowerPoint) {
      slides = PowerPointText(
          *file, std::max<uint64_t>(context.limits().max_in_memory_bytes, uint64_t{512} << 20));
    }
    Result<ToolOutput> text =
        slides && !TrimAscii(*slides).empty()
            ? Result<ToolOutput>(ToolOutput{std::move(*slides), false})
            : RunTool(command, canonical ? canonical_input : input, context.limits());
    Status text_status;
    if (text.ok()) {
      std::string utf8 = RepairUtf8(text->text);
      out.text = kind == Kind::kExcel ? LabelSheets(utf8, SheetNames(*file)) : Tidy(utf8);
      if (text->truncated) out.flags |= model::kFlagTruncated;
    } else {
      text_status = text.status();
    }
    if (out.text.empty()) out.flags |= model::kFlagNoText;
    BATES_RETURN_IF_ERROR(context.SetDocument(std::move(out)));
    BATES_RETURN_IF_ERROR(EmitEmbedded(*file, kind, context));
    return text_status;
  }
};

}  // namespace

BATES_REGISTER_READER(LegacyOfficeReader)

}  // namespace bates::ingest
