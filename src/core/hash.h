// Hashes of content: MD5, SHA-1 and SHA-256 (what productions and courts expect) computed in one
// pass with OpenSSL, and xxh3 (fast, for internal keys such as near-duplicate shingles).
//
// Thread safety: a ContentHasher is used by one thread; the free functions are thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace bates {

struct ContentHashes {
  std::string md5;     // lower-case hex
  std::string sha1;    // lower-case hex
  std::string sha256;  // lower-case hex
};

// Streams bytes through MD5, SHA-1 and SHA-256 at once.
class ContentHasher {
 public:
  ContentHasher();
  ~ContentHasher();
  ContentHasher(const ContentHasher&) = delete;
  ContentHasher& operator=(const ContentHasher&) = delete;

  void Update(std::string_view bytes);
  // Returns the hashes and resets the hasher for new input.
  ContentHashes Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

ContentHashes HashContent(std::string_view bytes);
std::string Sha256Hex(std::string_view bytes);

uint64_t Xxh3_64(std::string_view bytes, uint64_t seed = 0);
// 128-bit xxh3 as 32 lower-case hex digits.
std::string Xxh3_128Hex(std::string_view bytes);

// Lower-case hex of raw bytes.
std::string HexEncode(std::string_view bytes);

}  // namespace bates
