#include "ingest/readers/cfb_writer.h"

#include <algorithm>
#include <cstring>

#include "ingest/readers/codepage.h"

namespace bates::ingest {
namespace {

constexpr uint32_t kFree = 0xFFFFFFFF;
constexpr uint32_t kEndOfChain = 0xFFFFFFFE;
constexpr uint32_t kFatSector = 0xFFFFFFFD;
constexpr uint32_t kDifatSector = 0xFFFFFFFC;
constexpr uint32_t kNoStream = 0xFFFFFFFF;
constexpr size_t kSector = 512;
constexpr size_t kMiniSector = 64;
constexpr size_t kMiniCutoff = 4096;

void Put(std::string& out, size_t at, uint64_t v, size_t n) {
  for (size_t i = 0; i < n; ++i) out[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

size_t SectorsFor(size_t bytes, size_t sector) { return (bytes + sector - 1) / sector; }

// [MS-CFB] 2.6.4: siblings are ordered by name length, then by upper-cased name.
bool NameLess(const std::string& a16, const std::string& b16) {
  if (a16.size() != b16.size()) return a16.size() < b16.size();
  for (size_t i = 0; i + 1 < a16.size(); i += 2) {
    auto unit = [](const std::string& s, size_t at) {
      uint32_t u = static_cast<unsigned char>(s[at]) | (static_cast<unsigned char>(s[at + 1]) << 8);
      return u >= 'a' && u <= 'z' ? u - 32 : u;
    };
    uint32_t x = unit(a16, i), y = unit(b16, i);
    if (x != y) return x < y;
  }
  return false;
}

}  // namespace

CfbWriter::CfbWriter() { entries_.push_back(Entry{"Root Entry", true, {}, {}, {}}); }

size_t CfbWriter::Find(size_t parent, std::string_view name, bool storage) {
  for (size_t child : entries_[parent].children) {
    if (entries_[child].name == name) return child;
  }
  entries_.push_back(Entry{std::string(name), storage, {}, {}, {}});
  size_t index = entries_.size() - 1;
  entries_[parent].children.push_back(index);
  return index;
}

void CfbWriter::AddStream(std::string_view path, std::string data) {
  size_t parent = 0;
  while (true) {
    size_t slash = path.find('/');
    if (slash == std::string_view::npos) break;
    parent = Find(parent, path.substr(0, slash), true);
    path.remove_prefix(slash + 1);
  }
  size_t stream = Find(parent, path, false);
  entries_[stream].data = std::move(data);
}

void CfbWriter::AddStorage(std::string_view path) {
  size_t parent = 0;
  while (!path.empty()) {
    size_t slash = path.find('/');
    parent = Find(parent, path.substr(0, slash), true);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
}

void CfbWriter::SetClsid(std::string_view path, const std::array<uint8_t, 16>& clsid) {
  size_t node = 0;
  while (!path.empty()) {
    size_t slash = path.find('/');
    node = Find(node, path.substr(0, slash), true);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  entries_[node].clsid = clsid;
}

std::string CfbWriter::Finish() const {
  const size_t n = entries_.size();
  std::vector<std::string> names16(n);
  for (size_t i = 0; i < n; ++i) names16[i] = Utf8ToUtf16Le(entries_[i].name).substr(0, 62);

  // Sibling trees: each storage's children as a balanced binary search tree.
  std::vector<uint32_t> left(n, kNoStream), right(n, kNoStream), child(n, kNoStream);
  struct Builder {
    std::vector<uint32_t>& left;
    std::vector<uint32_t>& right;
    uint32_t Build(const std::vector<size_t>& sorted, size_t lo, size_t hi) {
      if (lo >= hi) return kNoStream;
      size_t mid = lo + (hi - lo) / 2;
      left[sorted[mid]] = Build(sorted, lo, mid);
      right[sorted[mid]] = Build(sorted, mid + 1, hi);
      return static_cast<uint32_t>(sorted[mid]);
    }
  } builder{left, right};
  for (size_t i = 0; i < n; ++i) {
    if (!entries_[i].storage || entries_[i].children.empty()) continue;
    std::vector<size_t> sorted = entries_[i].children;
    std::sort(sorted.begin(), sorted.end(),
              [&](size_t a, size_t b) { return NameLess(names16[a], names16[b]); });
    child[i] = builder.Build(sorted, 0, sorted.size());
  }

  // Stream placement: large streams in regular sectors, small ones in the mini stream.
  std::vector<uint32_t> start(n, kEndOfChain);
  std::string mini;
  std::vector<uint32_t> minifat;
  std::string regular;  // sector data after the header, before the mini stream
  std::vector<uint32_t> fat;
  auto chain = [&](size_t sectors) {
    uint32_t first = static_cast<uint32_t>(fat.size());
    for (size_t s = 0; s < sectors; ++s) {
      fat.push_back(s + 1 < sectors ? static_cast<uint32_t>(fat.size() + 1) : kEndOfChain);
    }
    return first;
  };
  for (size_t i = 1; i < n; ++i) {
    const Entry& e = entries_[i];
    if (e.storage || e.data.empty()) continue;
    if (e.data.size() < kMiniCutoff) {
      size_t sectors = SectorsFor(e.data.size(), kMiniSector);
      start[i] = static_cast<uint32_t>(minifat.size());
      for (size_t s = 0; s < sectors; ++s) {
        minifat.push_back(s + 1 < sectors ? static_cast<uint32_t>(minifat.size() + 1)
                                          : kEndOfChain);
      }
      mini += e.data;
      mini.resize(minifat.size() * kMiniSector, '\0');
    } else {
      size_t sectors = SectorsFor(e.data.size(), kSector);
      start[i] = chain(sectors);
      regular += e.data;
      regular.resize(fat.size() * kSector, '\0');
    }
  }
  uint32_t mini_start = kEndOfChain;
  if (!mini.empty()) {
    mini_start = chain(SectorsFor(mini.size(), kSector));
    regular += mini;
    regular.resize(fat.size() * kSector, '\0');
  }
  // Directory.
  std::string directory(SectorsFor(n * 128, kSector) * kSector, '\0');
  for (size_t i = n; i < directory.size() / 128; ++i) {
    Put(directory, i * 128 + 68, kNoStream, 4);
    Put(directory, i * 128 + 72, kNoStream, 4);
    Put(directory, i * 128 + 76, kNoStream, 4);
  }
  for (size_t i = 0; i < n; ++i) {
    size_t at = i * 128;
    const std::string& name = names16[i];
    std::memcpy(&directory[at], name.data(), name.size());
    Put(directory, at + 64, name.size() + 2, 2);
    directory[at + 66] = static_cast<char>(i == 0 ? 5 : entries_[i].storage ? 1 : 2);
    directory[at + 67] = 1;  // black
    Put(directory, at + 68, left[i], 4);
    Put(directory, at + 72, right[i], 4);
    Put(directory, at + 76, child[i], 4);
    std::memcpy(&directory[at + 80], entries_[i].clsid.data(), 16);
    uint32_t first = i == 0 ? mini_start : start[i];
    uint64_t size = i == 0 ? mini.size() : entries_[i].storage ? 0 : entries_[i].data.size();
    Put(directory, at + 116, entries_[i].storage && i != 0 ? 0 : first, 4);
    Put(directory, at + 120, size, 4);
  }
  uint32_t dir_start = chain(directory.size() / kSector);
  regular += directory;

  std::string minifat_bytes;
  uint32_t minifat_start = kEndOfChain;
  if (!minifat.empty()) {
    minifat_bytes.assign(SectorsFor(minifat.size() * 4, kSector) * kSector, '\xFF');
    for (size_t i = 0; i < minifat.size(); ++i) Put(minifat_bytes, i * 4, minifat[i], 4);
    minifat_start = chain(minifat_bytes.size() / kSector);
    regular += minifat_bytes;
  }

  // The FAT covers every sector, its own and the DIFAT's included.
  size_t data_sectors = fat.size();
  size_t fat_sectors = 1, difat_sectors = 0;
  while (true) {
    size_t need = SectorsFor(data_sectors + fat_sectors + difat_sectors, kSector / 4);
    size_t difat_need = need > 109 ? SectorsFor(need - 109, 127) : 0;
    if (need == fat_sectors && difat_need == difat_sectors) break;
    fat_sectors = need;
    difat_sectors = difat_need;
  }
  std::vector<uint32_t> fat_ids, difat_ids;
  for (size_t i = 0; i < fat_sectors; ++i) {
    fat_ids.push_back(static_cast<uint32_t>(fat.size()));
    fat.push_back(kFatSector);
  }
  for (size_t i = 0; i < difat_sectors; ++i) {
    difat_ids.push_back(static_cast<uint32_t>(fat.size()));
    fat.push_back(kDifatSector);
  }
  std::string fat_bytes(fat_sectors * kSector, '\xFF');
  for (size_t i = 0; i < fat.size(); ++i) Put(fat_bytes, i * 4, fat[i], 4);
  std::string difat_bytes(difat_sectors * kSector, '\xFF');
  for (size_t d = 0; d < difat_sectors; ++d) {
    for (size_t k = 0; k < 127; ++k) {
      size_t index = 109 + d * 127 + k;
      if (index < fat_ids.size()) Put(difat_bytes, d * kSector + k * 4, fat_ids[index], 4);
    }
    Put(difat_bytes, d * kSector + 508, d + 1 < difat_sectors ? difat_ids[d + 1] : kEndOfChain, 4);
  }

  std::string header(kSector, '\0');
  std::memcpy(&header[0], "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  Put(header, 24, 0x003E, 2);
  Put(header, 26, 0x0003, 2);
  Put(header, 28, 0xFFFE, 2);
  Put(header, 30, 9, 2);
  Put(header, 32, 6, 2);
  Put(header, 44, fat_sectors, 4);
  Put(header, 48, dir_start, 4);
  Put(header, 56, kMiniCutoff, 4);
  Put(header, 60, minifat_start, 4);
  Put(header, 64, minifat_bytes.size() / kSector, 4);
  Put(header, 68, difat_sectors > 0 ? difat_ids[0] : kEndOfChain, 4);
  Put(header, 72, difat_sectors, 4);
  for (size_t i = 0; i < 109; ++i)
    Put(header, 76 + i * 4, i < fat_ids.size() ? fat_ids[i] : kFree, 4);
  return header + regular + fat_bytes + difat_bytes;
}

}  // namespace bates::ingest
