// MSG reader: Outlook .msg files ([MS-OXMSG]), OLE2 compound files read with libolecf. The root
// storage holds the message's properties (__properties_version1.0 for fixed-size values,
// __substg1.0_IIIITTTT streams for the rest), its recipients (__recip_version1.0_#N), its
// attachments (__attach_version1.0_#N, an attached message as a __substg1.0_3701000D storage,
// recursively) and the names of its named properties (__nameid_version1.0). All of it becomes the
// shared MAPI model (mapi.h), which makes the document and the children exactly as for a message
// of a PST. Isolated: libolecf parses hostile input.
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "ingest/reader.h"
#include "ingest/readers/cfb_writer.h"
#include "ingest/readers/codepage.h"
#include "ingest/readers/mapi.h"
#include "ingest/readers/ole.h"

namespace bates::ingest {
namespace {

constexpr std::string_view kProperties = "__properties_version1.0";
constexpr std::string_view kSubstg = "__substg1.0_";
constexpr std::string_view kRecipientPrefix = "__recip_version1.0_#";
constexpr std::string_view kAttachmentPrefix = "__attach_version1.0_#";
constexpr std::string_view kNameId = "__nameid_version1.0";
constexpr uint16_t kAttachData = 0x3701;
constexpr uint16_t kAttachMethod = 0x3705;

uint64_t Le(std::string_view s, size_t at, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n && at + i < s.size(); ++i) {
    v |= uint64_t{static_cast<unsigned char>(s[at + i])} << (8 * i);
  }
  return v;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ParseHex(std::string_view s, uint32_t* out) {
  if (s.empty() || s.size() > 8) return false;
  uint32_t v = 0;
  for (char c : s) {
    int d = HexDigit(c);
    if (d < 0) return false;
    v = (v << 4) | static_cast<uint32_t>(d);
  }
  *out = v;
  return true;
}

// The storage's children whose names begin with `prefix`, in the order of the number after it.
std::vector<int> Numbered(const ole::File& file, int storage, std::string_view prefix) {
  std::vector<std::pair<uint32_t, int>> found;
  for (int child : file.node(storage).children) {
    const ole::File::Node& node = file.node(child);
    if (!node.storage || !node.name.starts_with(prefix)) continue;
    uint32_t number = 0;
    if (!ParseHex(std::string_view(node.name).substr(prefix.size()), &number)) continue;
    found.emplace_back(number, child);
  }
  std::sort(found.begin(), found.end());
  std::vector<int> out;
  for (const auto& [number, child] : found) out.push_back(child);
  return out;
}

class MsgParser {
 public:
  MsgParser(const ole::File& file, const Limits& limits)
      : file_(file),
        max_property_bytes_(std::max(limits.max_in_memory_bytes, limits.max_text_bytes)) {}

  Status ReadNames() {
    int storage = file_.Child(file_.root(), kNameId);
    if (storage < 0) return Status::Ok();
    auto read = [&](std::string_view name) -> Result<std::string> {
      int stream = file_.Child(storage, name);
      if (stream < 0) return std::string();
      return file_.Read(stream, 64 << 20);
    };
    BATES_ASSIGN_OR_RETURN(std::string guids, read("__substg1.0_00020102"));
    BATES_ASSIGN_OR_RETURN(std::string entries, read("__substg1.0_00030102"));
    BATES_ASSIGN_OR_RETURN(std::string strings, read("__substg1.0_00040102"));
    for (size_t at = 0; at + 8 <= entries.size(); at += 8) {
      uint32_t name_or_offset = static_cast<uint32_t>(Le(entries, at, 4));
      uint32_t info = static_cast<uint32_t>(Le(entries, at + 4, 4));
      mapi::PropertyName name;
      name.is_string = (info & 1) != 0;
      uint32_t guid_index = (info >> 1) & 0x7FFF;
      uint16_t id = static_cast<uint16_t>(0x8000 + (info >> 16));
      if (guid_index == 1) {
        name.guid = mapi::kPsMapi;
      } else if (guid_index == 2) {
        name.guid = mapi::kPsPublicStrings;
      } else if (guid_index >= 3 && (guid_index - 3) * 16 + 16 <= guids.size()) {
        std::copy_n(guids.begin() + (guid_index - 3) * 16, 16, name.guid.begin());
      } else {
        continue;
      }
      if (name.is_string) {
        if (name_or_offset + uint64_t{4} > strings.size()) continue;
        uint64_t length = Le(strings, name_or_offset, 4);
        if (length > strings.size() - name_or_offset - 4) continue;
        name.name = Utf16LeToUtf8(std::string_view(strings).substr(name_or_offset + 4, length));
      } else {
        name.lid = name_or_offset;
      }
      names_[id] = std::move(name);
    }
    return Status::Ok();
  }

  // A message in `storage`; `header` is the size of its property stream's header (32 for the
  // file's own message, 24 for an embedded one).
  Result<mapi::Message> ReadMessage(int storage, size_t header, int depth) {
    if (depth > 32) return CorruptError("messages embedded deeper than 32 levels");
    mapi::Message message;
    BATES_RETURN_IF_ERROR(ReadProps(storage, header, message.props, false));
    for (int r : Numbered(file_, storage, kRecipientPrefix)) {
      mapi::PropertyBag bag;
      BATES_RETURN_IF_ERROR(ReadProps(r, 8, bag, false));
      message.recipients.push_back(std::move(bag));
    }
    for (int a : Numbered(file_, storage, kAttachmentPrefix)) {
      mapi::Attachment attachment;
      BATES_RETURN_IF_ERROR(ReadProps(a, 8, attachment.props, true));
      int data = file_.Child(a, "__substg1.0_37010102");
      int object = file_.Child(a, "__substg1.0_3701000D");
      if (data >= 0 && !file_.node(data).storage) {
        const ole::File* file = &file_;
        attachment.data.size = file_.node(data).size;
        attachment.data.stream = [file, data](const std::function<Status(std::string_view)>& sink) {
          return file->ReadTo(data, sink);
        };
      } else if (object >= 0 && file_.node(object).storage) {
        std::optional<int64_t> method = attachment.props.Int(kAttachMethod);
        // An attached message has message properties; an OLE object (method 6) has none.
        bool is_message = method.value_or(0) == 5 ||
                          (method.value_or(0) != 6 && file_.Child(object, kProperties) >= 0);
        if (is_message) {
          BATES_ASSIGN_OR_RETURN(mapi::Message embedded, ReadMessage(object, 24, depth + 1));
          attachment.embedded = std::make_unique<mapi::Message>(std::move(embedded));
        } else {
          // An OLE object: its storage becomes a compound file of its own.
          CfbWriter writer;
          uint64_t total = 0;
          BATES_RETURN_IF_ERROR(CopyStorage(object, "", writer, total, 0));
          attachment.data.owned = writer.Finish();
        }
      }
      message.attachments.push_back(std::move(attachment));
    }
    return message;
  }

 private:
  Status ReadProps(int storage, size_t header, mapi::PropertyBag& bag, bool attachment) {
    int props = file_.Child(storage, kProperties);
    if (props >= 0) {
      BATES_ASSIGN_OR_RETURN(std::string stream, file_.Read(props, 16 << 20));
      for (size_t at = header; at + 16 <= stream.size(); at += 16) {
        uint32_t tag = static_cast<uint32_t>(Le(stream, at, 4));
        uint16_t type = static_cast<uint16_t>(tag & 0xFFFF);
        uint16_t id = static_cast<uint16_t>(tag >> 16);
        size_t size = mapi::FixedSize(type);
        if ((type & mapi::kTypeMulti) != 0 || size == 0 || size > 8) continue;
        mapi::Property p;
        p.id = id;
        p.type = type;
        p.value = stream.substr(at + 8, size);
        Name(p);
        bag.Add(std::move(p));
      }
    }
    // Variable-size and multi-valued properties, one stream each (multi-valued variable ones one
    // stream per value, named with a -0000000N suffix).
    std::map<uint32_t, std::map<uint32_t, int>> multi;  // tag -> index -> stream
    for (int child : file_.node(storage).children) {
      const ole::File::Node& node = file_.node(child);
      if (node.storage || !node.name.starts_with(kSubstg)) continue;
      std::string_view rest = std::string_view(node.name).substr(kSubstg.size());
      uint32_t tag = 0;
      if (!ParseHex(rest.substr(0, 8), &tag) || rest.size() < 8) continue;
      uint16_t type = static_cast<uint16_t>(tag & 0xFFFF);
      uint16_t id = static_cast<uint16_t>(tag >> 16);
      if (attachment && id == kAttachData) continue;  // the attachment's content, read apart
      if (rest.size() > 8) {
        uint32_t index = 0;
        if (rest[8] == '-' && ParseHex(rest.substr(9), &index) && multi[tag].size() < 65536) {
          multi[tag][index] = child;
        }
        continue;
      }
      if (node.size > max_property_bytes_) continue;  // a body past every text limit
      mapi::Property p;
      p.id = id;
      p.type = type;
      BATES_ASSIGN_OR_RETURN(std::string bytes, file_.Read(child, max_property_bytes_));
      if ((type & mapi::kTypeMulti) != 0) {
        size_t size = mapi::FixedSize(type);
        if (size == 0) continue;  // the length stream of a variable multi-value: values follow
        for (size_t at = 0; at + size <= bytes.size(); at += size) {
          p.values.push_back(bytes.substr(at, size));
        }
      } else {
        if (type == mapi::kTypeUnicode && bytes.size() >= 2 && bytes[bytes.size() - 1] == '\0' &&
            bytes[bytes.size() - 2] == '\0') {
          bytes.resize(bytes.size() - 2);
        }
        p.value = std::move(bytes);
      }
      Name(p);
      bag.Add(std::move(p));
    }
    for (auto& [tag, values] : multi) {
      mapi::Property p;
      p.id = static_cast<uint16_t>(tag >> 16);
      p.type = static_cast<uint16_t>(tag & 0xFFFF);
      if ((p.type & mapi::kTypeMulti) == 0) continue;
      uint64_t total = 0;
      for (const auto& [index, stream] : values) {
        total += file_.node(stream).size;
        if (total > max_property_bytes_) break;
        BATES_ASSIGN_OR_RETURN(std::string bytes, file_.Read(stream, max_property_bytes_));
        if (p.type == (mapi::kTypeMulti | mapi::kTypeUnicode) && bytes.size() >= 2 &&
            bytes[bytes.size() - 1] == '\0' && bytes[bytes.size() - 2] == '\0') {
          bytes.resize(bytes.size() - 2);
        }
        p.values.push_back(std::move(bytes));
      }
      Name(p);
      bag.Add(std::move(p));
    }
    return Status::Ok();
  }

  void Name(mapi::Property& p) const {
    if (p.id < 0x8000) return;
    auto it = names_.find(p.id);
    if (it != names_.end()) p.name = it->second;
  }

  Status CopyStorage(int storage, const std::string& prefix, CfbWriter& writer, uint64_t& total,
                     int depth) {
    if (depth > ole::kMaxDepth) return CorruptError("OLE object nested too deep");
    for (int child : file_.node(storage).children) {
      const ole::File::Node& node = file_.node(child);
      std::string path = prefix.empty() ? node.name : prefix + "/" + node.name;
      if (node.storage) {
        writer.AddStorage(path);
        BATES_RETURN_IF_ERROR(CopyStorage(child, path, writer, total, depth + 1));
        continue;
      }
      total += node.size;
      if (total > max_property_bytes_) {
        return ResourceExhaustedError("OLE object larger than {} bytes", max_property_bytes_);
      }
      BATES_ASSIGN_OR_RETURN(std::string bytes, file_.Read(child, max_property_bytes_));
      writer.AddStream(path, std::move(bytes));
    }
    return Status::Ok();
  }

  const ole::File& file_;
  uint64_t max_property_bytes_;
  std::map<uint16_t, mapi::PropertyName> names_;
};

class MsgReader final : public Reader {
 public:
  std::string_view name() const override { return "msg"; }
  std::vector<std::string> mime_types() const override {
    return {"application/vnd.ms-outlook", "application/x-ole-msg"};
  }
  bool is_email() const override { return true; }
  bool isolated() const override { return true; }
  std::string_view tool() const override { return "libolecf"; }

  Status Read(const Input& input, ReadContext& context) const override {
    BATES_ASSIGN_OR_RETURN(std::unique_ptr<ole::File> file,
                           ole::File::Open(input, context.temp_dir()));
    if (file->Child(file->root(), kProperties) < 0) {
      return CorruptError("compound file is not an Outlook message: it has no {}", kProperties);
    }
    MsgParser parser(*file, context.limits());
    BATES_RETURN_IF_ERROR(parser.ReadNames());
    BATES_ASSIGN_OR_RETURN(mapi::Message message, parser.ReadMessage(file->root(), 32, 0));
    mapi::EmitOptions options;
    options.tool = "libolecf";
    return mapi::EmitMessage(message, context, options);
  }
};

}  // namespace

BATES_REGISTER_READER(MsgReader)

}  // namespace bates::ingest
