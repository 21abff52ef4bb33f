#include "produce/manifest.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "core/file.h"
#include "core/hash.h"

namespace bates::produce {
namespace {

Result<std::vector<std::string>> ListFiles(const std::filesystem::path& volume) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(volume, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::string rel = std::filesystem::relative(it->path(), volume).generic_string();
    if (rel != kManifestName) out.push_back(rel);
  }
  if (ec) return IoError("listing {}: {}", volume.string(), ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

Result<ManifestEntry> HashFile(const std::filesystem::path& volume, const std::string& rel) {
  BATES_ASSIGN_OR_RETURN(std::string bytes, ReadFile(volume / rel));
  return ManifestEntry{rel, bytes.size(), Sha256Hex(bytes)};
}

}  // namespace

Result<Manifest> WriteManifest(const std::filesystem::path& volume) {
  BATES_ASSIGN_OR_RETURN(std::vector<std::string> files, ListFiles(volume));
  Manifest manifest;
  std::string text;
  for (const std::string& rel : files) {
    BATES_ASSIGN_OR_RETURN(ManifestEntry e, HashFile(volume, rel));
    text += fmt::format("{}  {}  {}\n", e.sha256, e.bytes, e.path);
    manifest.entries.push_back(std::move(e));
  }
  BATES_RETURN_IF_ERROR(WriteFileAtomic(volume / kManifestName, text));
  manifest.root_hash = Sha256Hex(text);
  return manifest;
}

Result<Manifest> ReadManifest(const std::filesystem::path& volume) {
  BATES_ASSIGN_OR_RETURN(std::string text, ReadFile(volume / kManifestName));
  Manifest manifest;
  manifest.root_hash = Sha256Hex(text);
  size_t line = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view l(text.data() + start, end - start);
    start = end + 1;
    ++line;
    size_t a = l.find("  ");
    size_t b = a == std::string_view::npos ? a : l.find("  ", a + 2);
    if (b == std::string_view::npos) return CorruptError("MANIFEST.txt line {} is malformed", line);
    ManifestEntry e;
    e.sha256 = std::string(l.substr(0, a));
    std::string_view size = l.substr(a + 2, b - a - 2);
    auto [p, ec] = std::from_chars(size.data(), size.data() + size.size(), e.bytes);
    if (ec != std::errc() || p != size.data() + size.size() || e.sha256.size() != 64) {
      return CorruptError("MANIFEST.txt line {} is malformed", line);
    }
    e.path = std::string(l.substr(b + 2));
    manifest.entries.push_back(std::move(e));
  }
  return manifest;
}

Result<std::vector<ManifestProblem>> VerifyManifest(const std::filesystem::path& volume) {
  BATES_ASSIGN_OR_RETURN(Manifest manifest, ReadManifest(volume));
  BATES_ASSIGN_OR_RETURN(std::vector<std::string> files, ListFiles(volume));
  std::vector<ManifestProblem> problems;
  std::map<std::string, const ManifestEntry*> listed;
  for (const ManifestEntry& e : manifest.entries) listed[e.path] = &e;
  for (const std::string& f : files) {
    if (!listed.count(f)) problems.push_back({f, "not in manifest"});
  }
  for (const ManifestEntry& e : manifest.entries) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(volume / e.path, ec)) {
      problems.push_back({e.path, "missing"});
      continue;
    }
    BATES_ASSIGN_OR_RETURN(ManifestEntry actual, HashFile(volume, e.path));
    if (actual.bytes != e.bytes) {
      problems.push_back({e.path, "size differs"});
    } else if (actual.sha256 != e.sha256) {
      problems.push_back({e.path, "hash differs"});
    }
  }
  return problems;
}

}  // namespace bates::produce
