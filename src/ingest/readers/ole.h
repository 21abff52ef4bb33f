// OLE2 compound files (Microsoft's "structured storage": .msg, .doc, .xls, .ppt, encrypted
// OOXML packages) opened with libolecf, for the readers that take them apart. The whole tree of
// storages and streams is listed at open (bounded: at most kMaxEntries entries and kMaxDepth
// levels); streams are read on demand, whole or a prefix, always with a size cap.
//
// Also here: OLE property sets ([MS-OLEPS]), parsed by us from the stream bytes, for the summary
// metadata of legacy Office documents (\005SummaryInformation, \005DocumentSummaryInformation).
//
// libolecf types stay in ole.cc. Thread safety: a File is used by one thread; the free functions
// are safe from any thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "ingest/input.h"

namespace bates::ingest::ole {

inline constexpr size_t kMaxEntries = 200'000;
inline constexpr int kMaxDepth = 64;

// True when `head` begins with the compound file signature D0 CF 11 E0 A1 B1 1A E1.
bool HasSignature(std::string_view head);

// Checks the 512-byte header of a compound file of `file_size` bytes before libolecf sees it: a
// sector size of 512 or 4096 bytes, 64-byte mini sectors, and FAT, mini FAT and DIFAT sector
// counts that fit in the file. libolecf 20181231 trusts these fields: a crafted header made it
// ask for 8 GB (an impossible sector size) or loop for minutes (a mini FAT of 2^32 sectors), both
// found by fuzzing (fuzz/crashes/msg/, fuzz/crashes/legacy_office/). Corrupt when one is off.
Status CheckHeader(std::string_view header, uint64_t file_size);

class File {
 public:
  struct Node {
    std::string name;  // UTF-8
    bool storage = false;
    uint64_t size = 0;  // streams only
    int parent = -1;
    std::vector<int> children;
  };

  // Opens the compound file `input` holds. A document in memory is copied to a temporary file in
  // `temp_dir` first (libolecf reads only files), removed again when the File goes.
  static Result<std::unique_ptr<File>> Open(const Input& input,
                                            const std::filesystem::path& temp_dir);
  ~File();
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  int root() const { return 0; }
  const Node& node(int index) const { return nodes_[static_cast<size_t>(index)]; }
  size_t size() const { return nodes_.size(); }
  // The child of storage `parent` named `name` (compared without regard to ASCII case), or -1.
  int Child(int parent, std::string_view name) const;
  // The stream's bytes. ResourceExhausted when it is larger than `max_bytes`.
  Result<std::string> Read(int stream, uint64_t max_bytes) const;
  // Its first `n` bytes (fewer if it is shorter).
  Result<std::string> ReadPrefix(int stream, size_t n) const;
  // Streams the stream's bytes to `sink`, in pieces.
  Status ReadTo(int stream, const std::function<Status(std::string_view)>& sink) const;
  // The slash-separated path of a node below the root, for messages.
  std::string PathOf(int index) const;

 private:
  struct Impl;
  explicit File(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::vector<Node> nodes_;
  friend struct Lister;
};

// One property of a property set.
struct PropertyValue {
  uint32_t id = 0;
  uint32_t type = 0;
  std::string text;               // strings, decoded to UTF-8
  std::optional<int64_t> number;  // integers and booleans
  std::optional<Timestamp> time;  // FILETIME values (dates, not durations)
};

// The properties of section `section` of a property set stream; empty when the stream is not a
// property set. Every offset and length is checked against the stream.
std::vector<PropertyValue> ParsePropertySet(std::string_view stream, int section = 0);

// \005SummaryInformation ([MS-OLEPS] 2.25.1) and \005DocumentSummaryInformation (2.25.2).
struct SummaryInformation {
  std::string title, subject, author, keywords, comments, template_name, last_author, revision,
      application;
  std::optional<Timestamp> created, modified, printed;
  std::optional<int64_t> pages, words, characters, security;
  // From the document summary.
  std::string category, manager, company;
};
void ReadSummaryInformation(std::string_view stream, SummaryInformation& out);
void ReadDocumentSummaryInformation(std::string_view stream, SummaryInformation& out);

}  // namespace bates::ingest::ole
