// PST and OST reader: Outlook's personal and offline stores ([MS-PST]), read with libpff. Every
// folder is walked depth first (pst_walk.h: each folder once, depth-limited, a cyclic tree is an
// error, not a hang), and every item of every folder — messages, appointments, contacts, tasks,
// notes — becomes a child holding the item in bates' serialised MAPI form (mapi.h), named by its
// folder path; the "mapi" reader reads it back in process, with its attachments as its children and
// embedded messages recursively. Items libpff finds without a folder (orphans) follow under
// "(orphans)".
//
// Streaming: one item is in memory at a time; attachment contents are streamed from libpff into
// the child (a temporary file past limits().max_in_memory_bytes), never held whole when large.
// Isolated: libpff parses hostile input.
#include <fcntl.h>
// Debian's libpff headers announce libbfio support but Debian ships no libbfio headers; we use
// none of the libbfio entry points, so the announcement is withdrawn before libpff.h reads it.
#include <libpff/features.h>
#undef LIBPFF_HAVE_BFIO
#include <libpff.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/file.h"
#include "core/text.h"
#include "ingest/reader.h"
#include "ingest/readers/mapi.h"
#include "ingest/readers/pst_walk.h"

namespace bates::ingest {
namespace {

constexpr uint16_t kAttachDataBin = 0x3701;
constexpr uint16_t kMessageCodepage = 0x3FFD;
constexpr uint16_t kInternetCodepage = 0x3FDE;
constexpr int kMaxEmbeddedDepth = 32;

// libpff's reason: the first line of its backtrace (where it went wrong) and the last (what it
// was doing), when they differ.
std::string PffMessage(libpff_error_t* error) {
  if (error == nullptr) return "libpff gave no reason";
  std::string trace(4096, '\0');
  libpff_error_backtrace_sprint(error, trace.data(), trace.size());
  libpff_error_free(&error);
  trace.resize(std::strlen(trace.c_str()));
  while (!trace.empty() && (trace.back() == '\n' || trace.back() == ' ')) trace.pop_back();
  size_t first_end = trace.find('\n');
  if (first_end == std::string::npos) return trace;
  std::string first = trace.substr(0, first_end);
  std::string last = trace.substr(trace.rfind('\n') + 1);
  return first == last ? first : first + "; " + last;
}

// An owned libpff item.
struct ItemFree {
  void operator()(libpff_item_t* item) const {
    if (item != nullptr) libpff_item_free(&item, nullptr);
  }
};
using ItemPtr = std::unique_ptr<libpff_item_t, ItemFree>;

struct RecordSetFree {
  void operator()(libpff_record_set_t* set) const {
    if (set != nullptr) libpff_record_set_free(&set, nullptr);
  }
};
struct RecordEntryFree {
  void operator()(libpff_record_entry_t* entry) const {
    if (entry != nullptr) libpff_record_entry_free(&entry, nullptr);
  }
};

// Reads one record set (one property context or one table row) into a property bag.
Status ReadRecordSet(libpff_record_set_t* set, bool skip_attachment_data, uint64_t max_value,
                     mapi::PropertyBag& bag) {
  int entries = 0;
  libpff_error_t* error = nullptr;
  if (libpff_record_set_get_number_of_entries(set, &entries, &error) != 1) {
    return CorruptError("property set unreadable: {}", PffMessage(error));
  }
  for (int i = 0; i < entries; ++i) {
    libpff_record_entry_t* raw = nullptr;
    if (libpff_record_set_get_entry_by_index(set, i, &raw, &error) != 1 || raw == nullptr) {
      return CorruptError("property {} unreadable: {}", i, PffMessage(error));
    }
    std::unique_ptr<libpff_record_entry_t, RecordEntryFree> entry(raw);
    uint32_t id = 0, type = 0;
    if (libpff_record_entry_get_entry_type(entry.get(), &id, nullptr) != 1 ||
        libpff_record_entry_get_value_type(entry.get(), &type, nullptr) != 1) {
      continue;
    }
    if (skip_attachment_data && id == kAttachDataBin) continue;
    mapi::Property p;
    p.id = static_cast<uint16_t>(id);
    p.type = static_cast<uint16_t>(type);
    if (id >= 0x8000) {
      libpff_name_to_id_map_entry_t* named = nullptr;
      if (libpff_record_entry_get_name_to_id_map_entry(entry.get(), &named, nullptr) == 1 &&
          named != nullptr) {
        mapi::PropertyName name;
        uint8_t kind = 0;
        libpff_name_to_id_map_entry_get_type(named, &kind, nullptr);
        libpff_name_to_id_map_entry_get_guid(named, name.guid.data(), 16, nullptr);
        if (kind == LIBPFF_NAME_TO_ID_MAP_ENTRY_TYPE_STRING) {
          name.is_string = true;
          size_t size = 0;
          if (libpff_name_to_id_map_entry_get_utf8_string_size(named, &size, nullptr) == 1 &&
              size > 0 && size < 4096) {
            std::string text(size, '\0');
            if (libpff_name_to_id_map_entry_get_utf8_string(
                    named, reinterpret_cast<uint8_t*>(text.data()), size, nullptr) == 1) {
              text.resize(std::strlen(text.c_str()));
              name.name = RepairUtf8(text);
            }
          }
        } else {
          libpff_name_to_id_map_entry_get_number(named, &name.lid, nullptr);
        }
        p.name = std::move(name);
      }
    }
    size_t size = 0;
    if (libpff_record_entry_get_data_size(entry.get(), &size, nullptr) != 1) continue;
    if (size > max_value) continue;  // larger than any text we would keep
    std::string data(size, '\0');
    if (size > 0 && libpff_record_entry_get_data(
                        entry.get(), reinterpret_cast<uint8_t*>(data.data()), size, &error) != 1) {
      // One unreadable value (a damaged subnode) costs that value, not the message.
      libpff_error_free(&error);
      continue;
    }
    if ((p.type & mapi::kTypeMulti) != 0) {
      size_t fixed = mapi::FixedSize(p.type);
      if (fixed > 0) {
        for (size_t at = 0; at + fixed <= data.size(); at += fixed) {
          p.values.push_back(data.substr(at, fixed));
        }
      } else if (data.size() >= 4) {
        // [MS-PST] 2.3.3.4.2: a count, the offsets of the values, then the values.
        uint32_t count = 0;
        std::memcpy(&count, data.data(), 4);
        if (count <= (data.size() - 4) / 4) {
          for (uint32_t k = 0; k < count; ++k) {
            uint32_t begin = 0, end = static_cast<uint32_t>(data.size());
            std::memcpy(&begin, data.data() + 4 + 4 * k, 4);
            if (k + 1 < count) std::memcpy(&end, data.data() + 8 + 4 * k, 4);
            if (begin > end || end > data.size()) break;
            p.values.push_back(data.substr(begin, end - begin));
          }
        }
      }
    } else {
      p.value = std::move(data);
    }
    bag.Add(std::move(p));
  }
  return Status::Ok();
}

Status ReadItemProps(libpff_item_t* item, bool attachment, uint64_t max_value,
                     mapi::PropertyBag& bag) {
  int sets = 0;
  libpff_error_t* error = nullptr;
  if (libpff_item_get_number_of_record_sets(item, &sets, &error) != 1) {
    return CorruptError("item properties unreadable: {}", PffMessage(error));
  }
  for (int s = 0; s < sets && s < 1; ++s) {  // an item's own properties are its first set
    libpff_record_set_t* raw = nullptr;
    if (libpff_item_get_record_set_by_index(item, s, &raw, &error) != 1 || raw == nullptr) {
      return CorruptError("item properties unreadable: {}", PffMessage(error));
    }
    std::unique_ptr<libpff_record_set_t, RecordSetFree> set(raw);
    BATES_RETURN_IF_ERROR(ReadRecordSet(set.get(), attachment, max_value, bag));
  }
  return Status::Ok();
}

// Converts one libpff message (or appointment, contact...) into the MAPI model. libpff items
// that must outlive the model (attachments whose data is streamed later) go to `keep`.
class Converter {
 public:
  Converter(const Limits& limits, int codepage)
      : max_value_(std::max(limits.max_in_memory_bytes, limits.max_text_bytes)),
        max_children_(limits.max_children),
        codepage_(codepage) {}

  Result<mapi::Message> Convert(libpff_item_t* item, std::vector<ItemPtr>& keep, int depth) {
    if (depth > kMaxEmbeddedDepth) {
      return CorruptError("messages embedded deeper than {} levels", kMaxEmbeddedDepth);
    }
    mapi::Message message;
    BATES_RETURN_IF_ERROR(ReadItemProps(item, false, max_value_, message.props));
    if (message.props.Find(kMessageCodepage) == nullptr &&
        message.props.Find(kInternetCodepage) == nullptr) {
      mapi::Property cp;
      cp.id = kMessageCodepage;
      cp.type = mapi::kTypeInt32;
      for (int i = 0; i < 4; ++i)
        cp.value.push_back(static_cast<char>((codepage_ >> (8 * i)) & 0xFF));
      message.props.Add(std::move(cp));
    }
    libpff_error_t* error = nullptr;
    libpff_item_t* recipients = nullptr;
    int found = libpff_message_get_recipients(item, &recipients, &error);
    if (found == 1 && recipients != nullptr) {
      ItemPtr owner(recipients);
      int rows = 0;
      if (libpff_item_get_number_of_record_sets(recipients, &rows, nullptr) == 1) {
        for (int r = 0; r < rows && static_cast<uint64_t>(r) < max_children_; ++r) {
          libpff_record_set_t* raw = nullptr;
          if (libpff_item_get_record_set_by_index(recipients, r, &raw, nullptr) != 1) continue;
          std::unique_ptr<libpff_record_set_t, RecordSetFree> set(raw);
          mapi::PropertyBag bag;
          if (ReadRecordSet(set.get(), false, max_value_, bag).ok()) {
            message.recipients.push_back(std::move(bag));
          }
        }
      }
    } else if (error != nullptr) {
      libpff_error_free(&error);
    }

    int count = 0;
    if (libpff_message_get_number_of_attachments(item, &count, &error) != 1) {
      libpff_error_free(&error);
      count = 0;
    }
    for (int a = 0; a < count; ++a) {
      if (static_cast<uint64_t>(a) >= max_children_) {
        return ResourceExhaustedError("message has more than {} attachments", max_children_);
      }
      libpff_item_t* raw = nullptr;
      mapi::Attachment attachment;
      if (libpff_message_get_attachment(item, a, &raw, &error) != 1 || raw == nullptr) {
        // Kept as an attachment without data: it becomes an exception item, not a silent gap.
        libpff_error_free(&error);
        message.attachments.push_back(std::move(attachment));
        continue;
      }
      ItemPtr owned(raw);
      ReadItemProps(raw, true, max_value_, attachment.props).IgnoreError();
      int type = 0;
      libpff_attachment_get_type(raw, &type, nullptr);
      if (type == LIBPFF_ATTACHMENT_TYPE_ITEM) {
        libpff_item_t* embedded = nullptr;
        if (libpff_attachment_get_item(raw, &embedded, &error) == 1 && embedded != nullptr) {
          ItemPtr embedded_owner(embedded);
          Result<mapi::Message> inner = Convert(embedded, keep, depth + 1);
          if (inner.ok()) {
            attachment.embedded = std::make_unique<mapi::Message>(std::move(*inner));
          }
          keep.push_back(std::move(embedded_owner));
        } else {
          libpff_error_free(&error);
        }
      } else if (type == LIBPFF_ATTACHMENT_TYPE_DATA) {
        size64_t size = 0;
        if (libpff_attachment_get_data_size(raw, &size, nullptr) == 1 && size > 0) {
          libpff_item_t* source = raw;
          attachment.data.size = size;
          attachment.data.stream =
              [source, size](const std::function<Status(std::string_view)>& sink) -> Status {
            libpff_error_t* read_error = nullptr;
            if (libpff_attachment_data_seek_offset(source, 0, SEEK_SET, &read_error) < 0) {
              return CorruptError("attachment data unreadable: {}", PffMessage(read_error));
            }
            std::string buffer(static_cast<size_t>(std::min<uint64_t>(size, 1 << 20)), '\0');
            uint64_t done = 0;
            while (done < size) {
              size_t want = static_cast<size_t>(std::min<uint64_t>(buffer.size(), size - done));
              ssize_t n = libpff_attachment_data_read_buffer(
                  source, reinterpret_cast<uint8_t*>(buffer.data()), want, &read_error);
              if (n <= 0) {
                return CorruptError("attachment data unreadable after {} of {} bytes: {}", done,
                                    size, PffMessage(read_error));
              }
              BATES_RETURN_IF_ERROR(sink(std::string_view(buffer.data(), static_cast<size_t>(n))));
              done += static_cast<uint64_t>(n);
            }
            return Status::Ok();
          };
        }
      }
      keep.push_back(std::move(owned));
      message.attachments.push_back(std::move(attachment));
    }
    return message;
  }

 private:
  uint64_t max_value_;
  uint64_t max_children_;
  int codepage_;
};

uint64_t DataSize(const mapi::Message& m, int depth = 0) {
  uint64_t size = 0;
  for (const mapi::Property& p : m.props.all()) size += p.value.size();
  for (const mapi::Attachment& a : m.attachments) {
    size += a.data.length();
    if (a.embedded && depth < kMaxEmbeddedDepth) size += DataSize(*a.embedded, depth + 1);
  }
  return size;
}

Result<std::filesystem::path> SpillMessage(const mapi::Message& message,
                                           const std::filesystem::path& dir) {
  std::string path = (dir / "bates-pst-XXXXXX").string();
  int fd = ::mkstemp(path.data());
  if (fd < 0) {
    return IoError("cannot create a temporary file in {}: {}", dir.string(), ErrnoMessage(errno));
  }
  Status written = mapi::Serialize(message, [&](std::string_view piece) -> Status {
    while (!piece.empty()) {
      ssize_t n = ::write(fd, piece.data(), piece.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return IoError("writing {}: {}", path, ErrnoMessage(errno));
      piece.remove_prefix(static_cast<size_t>(n));
    }
    return Status::Ok();
  });
  if (::close(fd) != 0 && written.ok()) written = IoError("closing {}", path);
  if (!written.ok()) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    return written;
  }
  return std::filesystem::path(path);
}

std::string FolderName(libpff_item_t* folder) {
  size_t size = 0;
  if (libpff_folder_get_utf8_name_size(folder, &size, nullptr) != 1 || size == 0 || size > 4096) {
    return {};
  }
  std::string name(size, '\0');
  if (libpff_folder_get_utf8_name(folder, reinterpret_cast<uint8_t*>(name.data()), size, nullptr) !=
      1) {
    return {};
  }
  name.resize(std::strlen(name.c_str()));
  // '/' separates folders in paths; one inside a name is shown as a look-alike.
  std::string clean;
  for (char c : RepairUtf8(name)) {
    if (c == '/') {
      clean += "\u2215";
    } else {
      clean.push_back(c);
    }
  }
  return std::string(TrimAscii(clean));
}

// One store being read.
class Store {
 public:
  Store(libpff_file_t* file, ReadContext& context, int codepage)
      : file_(file), context_(context), converter_(context.limits(), codepage) {}

  // pst_walk.h's operations.
  Result<uint32_t> Id(const ItemPtr& folder) {
    uint32_t id = 0;
    libpff_error_t* error = nullptr;
    if (libpff_item_get_identifier(folder.get(), &id, &error) != 1) {
      return CorruptError("folder without an identifier: {}", PffMessage(error));
    }
    return id;
  }
  Result<int> SubFolderCount(const ItemPtr& folder) {
    int count = 0;
    libpff_error_t* error = nullptr;
    if (libpff_folder_get_number_of_sub_folders(folder.get(), &count, &error) != 1) {
      return CorruptError("sub-folders unreadable: {}", PffMessage(error));
    }
    return count;
  }
  Result<ItemPtr> SubFolder(const ItemPtr& folder, int index) {
    libpff_item_t* sub = nullptr;
    libpff_error_t* error = nullptr;
    if (libpff_folder_get_sub_folder(folder.get(), index, &sub, &error) != 1 || sub == nullptr) {
      return CorruptError("sub-folder {} unreadable: {}", index, PffMessage(error));
    }
    return ItemPtr(sub);
  }
  std::string Name(const ItemPtr& folder) { return FolderName(folder.get()); }
  Status Visit(const ItemPtr& folder, const std::string& path) {
    int count = 0;
    libpff_error_t* error = nullptr;
    if (libpff_folder_get_number_of_sub_messages(folder.get(), &count, &error) != 1) {
      // A folder whose contents table is damaged: its messages cannot be listed, which is said.
      return EmitFailure(path, "folder contents",
                         CorruptError("messages of folder \"{}\" "
                                      "unreadable: {}",
                                      path, PffMessage(error)));
    }
    for (int i = 0; i < count; ++i) {
      libpff_item_t* raw = nullptr;
      if (libpff_folder_get_sub_message(folder.get(), i, &raw, &error) != 1 || raw == nullptr) {
        BATES_RETURN_IF_ERROR(EmitFailure(
            path, fmt::format("item {}", messages_ + 1),
            CorruptError("item {} of folder \"{}\" unreadable: {}", i, path, PffMessage(error))));
        continue;
      }
      ItemPtr message(raw);
      BATES_RETURN_IF_ERROR(EmitItem(message.get(), path));
    }
    return Status::Ok();
  }

  Status EmitItem(libpff_item_t* item, const std::string& path) {
    Child child;
    child.name = fmt::format("{}{}message {}", path, path.empty() ? "" : "/", ++messages_);
    child.declared_type = std::string(mapi::kSerialMimeType);
    child.meta.extra.emplace_back("folder", path);
    std::vector<ItemPtr> keep;
    Result<mapi::Message> message = converter_.Convert(item, keep, 0);
    if (!message.ok()) {
      child.failure = message.status();
      return Add(std::move(child));
    }
    if (DataSize(*message) > context_.limits().max_in_memory_bytes) {
      Result<std::filesystem::path> spilled = SpillMessage(*message, context_.temp_dir());
      if (spilled.ok()) {
        child.spill_path = *spilled;
      } else {
        child.failure = spilled.status();
      }
    } else {
      Result<std::string> bytes = mapi::SerializeToString(*message);
      if (bytes.ok()) {
        child.bytes = std::move(*bytes);
      } else {
        child.failure = bytes.status();
      }
    }
    return Add(std::move(child));
  }

  Status EmitFailure(const std::string& path, const std::string& what, Status why) {
    Child child;
    child.name = path.empty() ? what : path + "/" + what;
    child.meta.extra.emplace_back("folder", path);
    child.failure = std::move(why);
    return Add(std::move(child));
  }

  Status Add(Child child) {
    if (++children_ > context_.limits().max_children) {
      return ResourceExhaustedError("store holds more than {} items (max_children)",
                                    context_.limits().max_children);
    }
    return context_.AddChild(std::move(child));
  }

  uint64_t messages() const { return messages_; }
  libpff_file_t* file() const { return file_; }

 private:
  libpff_file_t* file_;
  ReadContext& context_;
  Converter converter_;
  uint64_t messages_ = 0;
  uint64_t children_ = 0;
};

struct FileCloser {
  void operator()(libpff_file_t* file) const {
    if (file == nullptr) return;
    libpff_file_close(file, nullptr);
    libpff_file_free(&file, nullptr);
  }
};

class PstReader final : public Reader {
 public:
  std::string_view name() const override { return "pst"; }
  std::vector<std::string> mime_types() const override {
    return {"application/vnd.ms-outlook-pst", "application/x-outlook-pst",
            "application/vnd.ms-outlook-ost"};
  }
  bool is_container() const override { return true; }
  bool isolated() const override { return true; }
  std::string_view tool() const override { return "libpff"; }

  Status Read(const Input& input, ReadContext& context) const override {
    // libpff reads files only: a store held in memory (an attachment) is written out first.
    std::filesystem::path path;
    std::filesystem::path temp_copy;
    struct Remover {
      std::filesystem::path* p;
      ~Remover() {
        std::error_code ignored;
        if (!p->empty()) std::filesystem::remove(*p, ignored);
      }
    } remover{&temp_copy};
    if (input.path() != nullptr) {
      path = *input.path();
    } else {
      BATES_ASSIGN_OR_RETURN(std::string_view bytes, input.bytes());
      std::string pattern = (context.temp_dir() / "bates-pst-in-XXXXXX").string();
      int fd = ::mkstemp(pattern.data());
      if (fd < 0) return IoError("cannot create a temporary file: {}", ErrnoMessage(errno));
      temp_copy = pattern;
      size_t done = 0;
      while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
          ::close(fd);
          return IoError("writing {}: {}", pattern, ErrnoMessage(errno));
        }
        done += static_cast<size_t>(n);
      }
      ::close(fd);
      path = temp_copy;
    }

    libpff_file_t* raw = nullptr;
    libpff_error_t* error = nullptr;
    if (libpff_file_initialize(&raw, &error) != 1) {
      return ResourceExhaustedError("libpff: {}", PffMessage(error));
    }
    std::unique_ptr<libpff_file_t, FileCloser> file(raw);
    if (libpff_file_open(file.get(), path.c_str(), LIBPFF_OPEN_READ, &error) != 1) {
      std::string why = PffMessage(error);
      libpff_file_free(&raw, nullptr);
      file.release();
      // libpff builds the whole folder tree when it opens a store and gives up, at a fixed
      // depth, on a folder that is its own ancestor.
      if (why.find("recursion depth") != std::string::npos) {
        return CorruptError("PST/OST folder tree is cyclic or nested too deep: {}", why);
      }
      return CorruptError("not a readable PST/OST store: {}", why);
    }

    Extracted document;
    uint8_t content_type = 0, format = 0, encryption = 0;
    libpff_file_get_content_type(file.get(), &content_type, nullptr);
    libpff_file_get_type(file.get(), &format, nullptr);
    libpff_file_get_encryption_type(file.get(), &encryption, nullptr);
    document.meta.extra.emplace_back("store_type",
                                     content_type == LIBPFF_FILE_CONTENT_TYPE_OST   ? "OST"
                                     : content_type == LIBPFF_FILE_CONTENT_TYPE_PAB ? "PAB"
                                                                                    : "PST");
    document.meta.extra.emplace_back(
        "store_format", format == LIBPFF_FILE_TYPE_32BIT           ? "32-bit (ANSI)"
                        : format == LIBPFF_FILE_TYPE_64BIT_4K_PAGE ? "64-bit, 4 KiB pages"
                                                                   : "64-bit (Unicode)");
    // PST "encryption" is a fixed byte substitution, not a password: the content is readable.
    document.meta.extra.emplace_back(
        "store_encoding", encryption == LIBPFF_ENCRYPTION_TYPE_COMPRESSIBLE ? "compressible"
                          : encryption == LIBPFF_ENCRYPTION_TYPE_HIGH       ? "high"
                                                                            : "none");
    if (libpff_file_is_corrupted(file.get(), nullptr) == 1) {
      document.meta.extra.emplace_back("store_defects", "libpff reports the store corrupted");
    }
    BATES_RETURN_IF_ERROR(context.SetDocument(std::move(document)));

    int codepage = 1252;
    libpff_file_get_ascii_codepage(file.get(), &codepage, nullptr);
    Store store(file.get(), context, codepage);

    libpff_item_t* root_raw = nullptr;
    int has_root = libpff_file_get_root_folder(file.get(), &root_raw, &error);
    if (has_root != 1 || root_raw == nullptr) {
      return CorruptError("store has no root folder: {}", PffMessage(error));
    }
    ItemPtr root(root_raw);
    FolderWalk<Store, ItemPtr> walk(store, FolderWalkLimits{});
    BATES_RETURN_IF_ERROR(walk.Walk(root, ""));

    // Items whose folder is gone.
    int orphans = 0;
    if (libpff_file_get_number_of_orphan_items(file.get(), &orphans, nullptr) == 1) {
      for (int i = 0; i < orphans; ++i) {
        libpff_item_t* orphan_raw = nullptr;
        if (libpff_file_get_orphan_item_by_index(file.get(), i, &orphan_raw, &error) != 1 ||
            orphan_raw == nullptr) {
          libpff_error_free(&error);
          continue;
        }
        ItemPtr orphan(orphan_raw);
        uint8_t type = 0;
        libpff_item_get_type(orphan.get(), &type, nullptr);
        if (type == LIBPFF_ITEM_TYPE_FOLDER) {
          Result<uint32_t> id = store.Id(orphan);
          if (id.ok() && walk.Seen(*id)) continue;
          std::string name = store.Name(orphan);
          BATES_RETURN_IF_ERROR(walk.Walk(orphan, "(orphans)/" + (name.empty() ? "folder" : name)));
        } else if (IsMessageType(type)) {
          BATES_RETURN_IF_ERROR(store.EmitItem(orphan.get(), "(orphans)"));
        }
      }
    }
    return Status::Ok();
  }

 private:
  static bool IsMessageType(uint8_t type) {
    switch (type) {
      case LIBPFF_ITEM_TYPE_ACTIVITY:
      case LIBPFF_ITEM_TYPE_APPOINTMENT:
      case LIBPFF_ITEM_TYPE_CONTACT:
      case LIBPFF_ITEM_TYPE_DISTRIBUTION_LIST:
      case LIBPFF_ITEM_TYPE_DOCUMENT:
      case LIBPFF_ITEM_TYPE_EMAIL:
      case LIBPFF_ITEM_TYPE_EMAIL_SMIME:
      case LIBPFF_ITEM_TYPE_FAX:
      case LIBPFF_ITEM_TYPE_MEETING:
      case LIBPFF_ITEM_TYPE_MMS:
      case LIBPFF_ITEM_TYPE_NOTE:
      case LIBPFF_ITEM_TYPE_POSTING_NOTE:
      case LIBPFF_ITEM_TYPE_RSS_FEED:
      case LIBPFF_ITEM_TYPE_SHARING:
      case LIBPFF_ITEM_TYPE_SMS:
      case LIBPFF_ITEM_TYPE_TASK:
      case LIBPFF_ITEM_TYPE_TASK_REQUEST:
      case LIBPFF_ITEM_TYPE_VOICEMAIL:
        return true;
      default:
        return false;
    }
  }
};

}  // namespace

BATES_REGISTER_READER(PstReader)

}  // namespace bates::ingest
