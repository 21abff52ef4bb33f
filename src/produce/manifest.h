// The volume's manifest: every file under the volume folder with its size and SHA-256, sorted by
// path, in MANIFEST.txt at the volume's root; and a root hash, the SHA-256 of MANIFEST.txt itself,
// which the certificate and the cover letter quote. A requester who recomputes the root hash and
// each file's hash knows the volume is complete and unaltered.
//
// MANIFEST.txt: one line per file, "<sha256 hex>  <bytes>  <path>" with '/' separators, LF.
//
// Thread safety: free functions.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace bates::produce {

inline constexpr char kManifestName[] = "MANIFEST.txt";

struct ManifestEntry {
  std::string path;  // relative to the volume, '/' separators
  uint64_t bytes = 0;
  std::string sha256;
};

struct Manifest {
  std::vector<ManifestEntry> entries;
  std::string root_hash;  // SHA-256 of MANIFEST.txt's bytes
};

// Hashes every file under `volume` (except MANIFEST.txt) and writes MANIFEST.txt.
Result<Manifest> WriteManifest(const std::filesystem::path& volume);
// Reads MANIFEST.txt back (root hash of the bytes read).
Result<Manifest> ReadManifest(const std::filesystem::path& volume);

struct ManifestProblem {
  std::string path;
  std::string problem;  // "missing", "hash differs", "size differs", "not in manifest"
};
// Checks every listed file and that no file is unlisted.
Result<std::vector<ManifestProblem>> VerifyManifest(const std::filesystem::path& volume);

}  // namespace bates::produce
