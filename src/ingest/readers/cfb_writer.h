// A writer of OLE2 compound files ([MS-CFB], version 3: 512-byte sectors, a mini stream for
// streams under 4 KiB), in memory. The MSG reader uses it to turn an OLE object stored inside a
// message (an attachment whose data is a storage, not a stream) into a compound file of its own,
// which the Office readers can then read like any other; tests use it to build .msg, .doc and
// encrypted-package fixtures without an Office installation.
//
// Thread safety: a CfbWriter is used by one thread.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bates::ingest {

class CfbWriter {
 public:
  CfbWriter();

  // A stream at `path` ("storage/sub/stream", '/'-separated); missing storages on the way are
  // created. A second stream at the same path replaces the first.
  void AddStream(std::string_view path, std::string data);
  // An (empty) storage at `path`.
  void AddStorage(std::string_view path);
  // The class id of the storage at `path` ("" for the root).
  void SetClsid(std::string_view path, const std::array<uint8_t, 16>& clsid);

  // The compound file.
  std::string Finish() const;

 private:
  struct Entry {
    std::string name;  // UTF-8
    bool storage = false;
    std::string data;
    std::array<uint8_t, 16> clsid{};
    std::vector<size_t> children;
  };
  size_t Find(size_t parent, std::string_view name, bool storage);
  std::vector<Entry> entries_;  // [0] is the root
};

}  // namespace bates::ingest
