#include "ingest/readers/ole.h"

#include <fcntl.h>
// Debian's libolecf headers announce libbfio support but Debian ships no libbfio headers; we use
// none of the libbfio entry points, so the announcement is withdrawn before libolecf.h reads it.
#include <libolecf/features.h>
#undef LIBOLECF_HAVE_BFIO
#include <libolecf.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/file.h"
#include "core/text.h"
#include "ingest/readers/codepage.h"

namespace bates::ingest::ole {
namespace {

std::string OlecfMessage(libolecf_error_t* error) {
  if (error == nullptr) return "libolecf gave no reason";
  char buffer[512] = {};
  libolecf_error_sprint(error, buffer, sizeof buffer);
  libolecf_error_free(&error);
  std::string message(buffer);
  // libolecf prints a backtrace of "function: message" lines; the last one says most.
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  size_t nl = message.rfind('\n');
  if (nl != std::string::npos) message.erase(0, nl + 1);
  return message;
}

uint64_t Le(std::string_view s, size_t at, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v |= uint64_t{static_cast<unsigned char>(s[at + i])} << (8 * i);
  return v;
}

}  // namespace

bool HasSignature(std::string_view head) {
  return head.size() >= 8 &&
         head.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

Status CheckHeader(std::string_view header, uint64_t file_size) {
  if (header.size() < 512 || !HasSignature(header)) {
    return CorruptError("not a compound file: no complete 512-byte header");
  }
  uint64_t sector_shift = Le(header, 0x1E, 2);
  uint64_t mini_shift = Le(header, 0x20, 2);
  if (sector_shift != 9 && sector_shift != 12) {
    return CorruptError("compound file header names a sector size of 2^{} bytes (512 or 4096 only)",
                        sector_shift);
  }
  if (mini_shift != 6) {
    return CorruptError("compound file header names a mini sector size of 2^{} bytes (64 only)",
                        mini_shift);
  }
  uint64_t sectors = (file_size + (uint64_t{1} << sector_shift) - 1) >> sector_shift;
  struct Count {
    const char* what;
    size_t at;
  };
  for (Count count : {Count{"FAT", 0x2C}, Count{"mini FAT", 0x40}, Count{"DIFAT", 0x48}}) {
    uint64_t n = Le(header, count.at, 4);
    if (n > sectors) {
      return CorruptError(
          "compound file header counts {} {} sectors in a file of {} sectors: damaged or crafted",
          n, count.what, sectors);
    }
  }
  return Status::Ok();
}

struct File::Impl {
  libolecf_file_t* file = nullptr;
  std::vector<libolecf_item_t*> items;  // parallel to nodes_
  std::filesystem::path temp_copy;

  ~Impl() {
    for (libolecf_item_t*& item : items) {
      if (item != nullptr) libolecf_item_free(&item, nullptr);
    }
    if (file != nullptr) {
      libolecf_file_close(file, nullptr);
      libolecf_file_free(&file, nullptr);
    }
    if (!temp_copy.empty()) {
      std::error_code ignored;
      std::filesystem::remove(temp_copy, ignored);
    }
  }
};

File::File(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
File::~File() = default;

// Lists the tree depth first, bounded in entries and depth.
struct Lister {
  File& file;
  Status Add(libolecf_item_t* item, int parent, int depth) {
    if (file.nodes_.size() >= kMaxEntries) {
      libolecf_item_free(&item, nullptr);
      return ResourceExhaustedError("compound file has more than {} entries", kMaxEntries);
    }
    int index = static_cast<int>(file.nodes_.size());
    file.impl_->items.push_back(item);
    file.nodes_.emplace_back();
    File::Node node;
    node.parent = parent;
    uint8_t type = 0;
    libolecf_item_get_type(item, &type, nullptr);
    node.storage = type == LIBOLECF_ITEM_TYPE_STORAGE || type == LIBOLECF_ITEM_TYPE_ROOT_STORAGE;
    size_t name_size = 0;
    if (libolecf_item_get_utf8_name_size(item, &name_size, nullptr) == 1 && name_size > 0 &&
        name_size < 4096) {
      std::string name(name_size, '\0');
      if (libolecf_item_get_utf8_name(item, reinterpret_cast<uint8_t*>(name.data()), name_size,
                                      nullptr) == 1) {
        name.resize(std::strlen(name.c_str()));
        node.name = RepairUtf8(name);
      }
    }
    uint32_t size = 0;
    if (!node.storage && libolecf_item_get_size(item, &size, nullptr) == 1) node.size = size;
    if (parent >= 0) file.nodes_[static_cast<size_t>(parent)].children.push_back(index);
    file.nodes_[static_cast<size_t>(index)] = std::move(node);
    if (!file.nodes_[static_cast<size_t>(index)].storage) return Status::Ok();
    if (depth >= kMaxDepth) {
      return ResourceExhaustedError("compound file storages nested deeper than {}", kMaxDepth);
    }
    int count = 0;
    if (libolecf_item_get_number_of_sub_items(item, &count, nullptr) != 1) return Status::Ok();
    for (int i = 0; i < count; ++i) {
      libolecf_item_t* sub = nullptr;
      libolecf_error_t* error = nullptr;
      if (libolecf_item_get_sub_item(item, i, &sub, &error) != 1 || sub == nullptr) {
        return CorruptError("compound file entry {} of {} unreadable: {}", i, file.PathOf(index),
                            OlecfMessage(error));
      }
      BATES_RETURN_IF_ERROR(Add(sub, index, depth + 1));
    }
    return Status::Ok();
  }
};

Result<std::unique_ptr<File>> File::Open(const Input& input,
                                         const std::filesystem::path& temp_dir) {
  {
    BATES_ASSIGN_OR_RETURN(std::string header, input.Head(512));
    BATES_RETURN_IF_ERROR(CheckHeader(header, input.size()));
  }
  auto impl = std::make_unique<Impl>();
  std::string path;
  if (input.path() != nullptr) {
    path = input.path()->string();
  } else {
    BATES_ASSIGN_OR_RETURN(std::string_view bytes, input.bytes());
    std::string pattern = (temp_dir / "bates-ole-XXXXXX").string();
    int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
      return IoError("cannot create a temporary file in {}: {}", temp_dir.string(),
                     ErrnoMessage(errno));
    }
    impl->temp_copy = pattern;
    size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        int err = errno;
        ::close(fd);
        return IoError("writing {}: {}", pattern, ErrnoMessage(err));
      }
      done += static_cast<size_t>(n);
    }
    ::close(fd);
    path = pattern;
  }
  libolecf_error_t* error = nullptr;
  if (libolecf_file_initialize(&impl->file, &error) != 1) {
    return ResourceExhaustedError("libolecf: {}", OlecfMessage(error));
  }
  if (libolecf_file_open(impl->file, path.c_str(), LIBOLECF_OPEN_READ, &error) != 1) {
    std::string why = OlecfMessage(error);
    libolecf_file_free(&impl->file, nullptr);
    return CorruptError("not a readable compound file: {}", why);
  }
  libolecf_item_t* root = nullptr;
  if (libolecf_file_get_root_item(impl->file, &root, &error) != 1 || root == nullptr) {
    return CorruptError("compound file has no root storage: {}", OlecfMessage(error));
  }
  std::unique_ptr<File> file(new File(std::move(impl)));
  Lister lister{*file};
  BATES_RETURN_IF_ERROR(lister.Add(root, -1, 0));
  return file;
}

int File::Child(int parent, std::string_view name) const {
  if (parent < 0 || static_cast<size_t>(parent) >= nodes_.size()) return -1;
  std::string wanted = AsciiLower(name);
  for (int child : nodes_[static_cast<size_t>(parent)].children) {
    if (AsciiLower(nodes_[static_cast<size_t>(child)].name) == wanted) return child;
  }
  return -1;
}

std::string File::PathOf(int index) const {
  std::string path;
  for (int i = index; i > 0 && static_cast<size_t>(i) < nodes_.size();
       i = nodes_[static_cast<size_t>(i)].parent) {
    path = nodes_[static_cast<size_t>(i)].name + (path.empty() ? "" : "/") + path;
  }
  return path;
}

Status File::ReadTo(int stream, const std::function<Status(std::string_view)>& sink) const {
  if (stream < 0 || static_cast<size_t>(stream) >= nodes_.size() ||
      nodes_[static_cast<size_t>(stream)].storage) {
    return InternalError("not a stream");
  }
  libolecf_item_t* item = impl_->items[static_cast<size_t>(stream)];
  uint64_t size = nodes_[static_cast<size_t>(stream)].size;
  std::string buffer(static_cast<size_t>(std::min<uint64_t>(size, 1 << 20)), '\0');
  uint64_t offset = 0;
  while (offset < size) {
    size_t want = static_cast<size_t>(std::min<uint64_t>(buffer.size(), size - offset));
    libolecf_error_t* error = nullptr;
    ssize_t n =
        libolecf_stream_read_buffer_at_offset(item, reinterpret_cast<uint8_t*>(buffer.data()), want,
                                              static_cast<off64_t>(offset), &error);
    if (n <= 0) {
      return CorruptError("stream {} unreadable at byte {}: {}", PathOf(stream), offset,
                          OlecfMessage(error));
    }
    BATES_RETURN_IF_ERROR(sink(std::string_view(buffer.data(), static_cast<size_t>(n))));
    offset += static_cast<uint64_t>(n);
  }
  return Status::Ok();
}

Result<std::string> File::Read(int stream, uint64_t max_bytes) const {
  if (stream < 0 || static_cast<size_t>(stream) >= nodes_.size()) {
    return InternalError("not a stream");
  }
  uint64_t size = nodes_[static_cast<size_t>(stream)].size;
  if (size > max_bytes) {
    return ResourceExhaustedError("stream {} of {} bytes is over the limit of {}", PathOf(stream),
                                  size, max_bytes);
  }
  std::string out;
  out.reserve(static_cast<size_t>(size));
  BATES_RETURN_IF_ERROR(ReadTo(stream, [&](std::string_view piece) {
    out.append(piece);
    return Status::Ok();
  }));
  return out;
}

Result<std::string> File::ReadPrefix(int stream, size_t n) const {
  if (stream < 0 || static_cast<size_t>(stream) >= nodes_.size() ||
      nodes_[static_cast<size_t>(stream)].storage) {
    return InternalError("not a stream");
  }
  size_t want =
      static_cast<size_t>(std::min<uint64_t>(n, nodes_[static_cast<size_t>(stream)].size));
  std::string out(want, '\0');
  if (want == 0) return out;
  libolecf_error_t* error = nullptr;
  ssize_t got = libolecf_stream_read_buffer_at_offset(impl_->items[static_cast<size_t>(stream)],
                                                      reinterpret_cast<uint8_t*>(out.data()), want,
                                                      0, &error);
  if (got < 0) {
    return CorruptError("stream {} unreadable: {}", PathOf(stream), OlecfMessage(error));
  }
  out.resize(static_cast<size_t>(got));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Property sets.

std::vector<PropertyValue> ParsePropertySet(std::string_view s, int section) {
  std::vector<PropertyValue> out;
  // PropertySetStream header: byte order, version, system id, CLSID, count, then (FMTID, offset).
  if (s.size() < 28 || Le(s, 0, 2) != 0xFFFE) return out;
  uint64_t sets = Le(s, 24, 4);
  if (section < 0 || static_cast<uint64_t>(section) >= sets || sets > 16) return out;
  size_t entry = 28 + static_cast<size_t>(section) * 20;
  if (entry + 20 > s.size()) return out;
  uint64_t base = Le(s, entry + 16, 4);
  if (base + 8 > s.size()) return out;
  uint64_t set_size = Le(s, base, 4);
  uint64_t count = Le(s, base + 4, 4);
  uint64_t end = std::min<uint64_t>(s.size(), base + set_size);
  if (count > (end - base) / 8) return out;
  int codepage = 1252;
  struct Slot {
    uint32_t id;
    uint64_t offset;
  };
  std::vector<Slot> slots;
  for (uint64_t i = 0; i < count; ++i) {
    size_t at = static_cast<size_t>(base + 8 + i * 8);
    if (at + 8 > end) break;
    slots.push_back({static_cast<uint32_t>(Le(s, at, 4)), base + Le(s, at + 4, 4)});
  }
  // The code page (property 1) decides how the strings read, wherever it sits.
  for (const Slot& slot : slots) {
    if (slot.id == 1 && slot.offset + 6 <= end && Le(s, static_cast<size_t>(slot.offset), 2) == 2) {
      codepage = static_cast<int>(Le(s, static_cast<size_t>(slot.offset) + 4, 2));
    }
  }
  for (const Slot& slot : slots) {
    if (slot.id == 0 || slot.offset + 4 > end) continue;  // 0 is the dictionary
    size_t at = static_cast<size_t>(slot.offset);
    PropertyValue v;
    v.id = slot.id;
    v.type = static_cast<uint32_t>(Le(s, at, 2));
    size_t value = at + 4;
    switch (v.type) {
      case 0x02:  // VT_I2
        if (value + 2 <= end) v.number = static_cast<int16_t>(Le(s, value, 2));
        break;
      case 0x03:  // VT_I4
      case 0x16:  // VT_INT
        if (value + 4 <= end) v.number = static_cast<int32_t>(Le(s, value, 4));
        break;
      case 0x12:  // VT_UI2
        if (value + 2 <= end) v.number = static_cast<int64_t>(Le(s, value, 2));
        break;
      case 0x13:  // VT_UI4
      case 0x17:  // VT_UINT
        if (value + 4 <= end) v.number = static_cast<int64_t>(Le(s, value, 4));
        break;
      case 0x0B:  // VT_BOOL
        if (value + 2 <= end) v.number = Le(s, value, 2) != 0 ? 1 : 0;
        break;
      case 0x1E: {  // VT_LPSTR: size in bytes including the NUL
        if (value + 4 > end) break;
        uint64_t size = Le(s, value, 4);
        if (size > end - value - 4) break;
        std::string_view bytes = s.substr(value + 4, static_cast<size_t>(size));
        if (codepage == 1200) {
          v.text = Utf16LeToUtf8(bytes);
        } else {
          size_t nul = bytes.find('\0');
          v.text = DecodeCodepage(bytes.substr(0, nul), codepage == 65001 ? 65001 : codepage);
        }
        break;
      }
      case 0x1F: {  // VT_LPWSTR: length in characters including the NUL
        if (value + 4 > end) break;
        uint64_t chars = Le(s, value, 4);
        if (chars > (end - value - 4) / 2) break;
        v.text = Utf16LeToUtf8(s.substr(value + 4, static_cast<size_t>(chars * 2)));
        break;
      }
      case 0x40: {  // VT_FILETIME
        if (value + 8 > end) break;
        uint64_t ft = Le(s, value, 8);
        constexpr uint64_t kTicks = 10'000'000;
        constexpr int64_t kDelta = 11'644'473'600;
        if (ft != 0 && ft / kTicks > static_cast<uint64_t>(kDelta)) {
          v.time = Timestamp{static_cast<int64_t>(ft / kTicks) - kDelta, 0, false};
        }
        v.number = static_cast<int64_t>(ft / kTicks);
        break;
      }
      default:
        break;
    }
    v.text = std::string(TrimAscii(v.text));
    out.push_back(std::move(v));
  }
  return out;
}

void ReadSummaryInformation(std::string_view stream, SummaryInformation& out) {
  for (const PropertyValue& v : ParsePropertySet(stream)) {
    switch (v.id) {
      case 0x02:
        out.title = v.text;
        break;
      case 0x03:
        out.subject = v.text;
        break;
      case 0x04:
        out.author = v.text;
        break;
      case 0x05:
        out.keywords = v.text;
        break;
      case 0x06:
        out.comments = v.text;
        break;
      case 0x07:
        out.template_name = v.text;
        break;
      case 0x08:
        out.last_author = v.text;
        break;
      case 0x09:
        out.revision = v.text;
        break;
      case 0x0B:
        out.printed = v.time;
        break;
      case 0x0C:
        out.created = v.time;
        break;
      case 0x0D:
        out.modified = v.time;
        break;
      case 0x0E:
        out.pages = v.number;
        break;
      case 0x0F:
        out.words = v.number;
        break;
      case 0x10:
        out.characters = v.number;
        break;
      case 0x12:
        out.application = v.text;
        break;
      case 0x13:
        out.security = v.number;
        break;
      default:
        break;
    }
  }
}

void ReadDocumentSummaryInformation(std::string_view stream, SummaryInformation& out) {
  for (const PropertyValue& v : ParsePropertySet(stream)) {
    switch (v.id) {
      case 0x02:
        out.category = v.text;
        break;
      case 0x0E:
        out.manager = v.text;
        break;
      case 0x0F:
        out.company = v.text;
        break;
      default:
        break;
    }
  }
}

}  // namespace bates::ingest::ole
