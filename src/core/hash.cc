#include "core/hash.h"

#include <openssl/evp.h>
#include <xxhash.h>

#include <array>
#include <stdexcept>

namespace bates {
namespace {

struct EvpDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using EvpContext = std::unique_ptr<EVP_MD_CTX, EvpDeleter>;

EvpContext NewContext(const EVP_MD* md) {
  EvpContext ctx(EVP_MD_CTX_new());
  // Allocation failure or an algorithm missing from the OpenSSL build is a broken installation,
  // not bad input: there is nothing sensible to do but stop.
  if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1) {
    throw std::runtime_error("OpenSSL digest initialisation failed");
  }
  return ctx;
}

std::string FinishHex(EVP_MD_CTX* ctx, const EVP_MD* md) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx, digest.data(), &length);
  EVP_DigestInit_ex(ctx, md, nullptr);
  return HexEncode(std::string_view(reinterpret_cast<const char*>(digest.data()), length));
}

}  // namespace

struct ContentHasher::State {
  EvpContext md5 = NewContext(EVP_md5());
  EvpContext sha1 = NewContext(EVP_sha1());
  EvpContext sha256 = NewContext(EVP_sha256());
};

ContentHasher::ContentHasher() : state_(std::make_unique<State>()) {}
ContentHasher::~ContentHasher() = default;

void ContentHasher::Update(std::string_view bytes) {
  EVP_DigestUpdate(state_->md5.get(), bytes.data(), bytes.size());
  EVP_DigestUpdate(state_->sha1.get(), bytes.data(), bytes.size());
  EVP_DigestUpdate(state_->sha256.get(), bytes.data(), bytes.size());
}

ContentHashes ContentHasher::Finish() {
  ContentHashes out;
  out.md5 = FinishHex(state_->md5.get(), EVP_md5());
  out.sha1 = FinishHex(state_->sha1.get(), EVP_sha1());
  out.sha256 = FinishHex(state_->sha256.get(), EVP_sha256());
  return out;
}

ContentHashes HashContent(std::string_view bytes) {
  ContentHasher hasher;
  hasher.Update(bytes);
  return hasher.Finish();
}

std::string Sha256Hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr);
  return HexEncode(std::string_view(reinterpret_cast<const char*>(digest.data()), length));
}

uint64_t Xxh3_64(std::string_view bytes, uint64_t seed) {
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

std::string Xxh3_128Hex(std::string_view bytes) {
  XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, h);
  return HexEncode(std::string_view(reinterpret_cast<const char*>(canonical.digest), 16));
}

std::string HexEncode(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    auto b = static_cast<unsigned char>(bytes[i]);
    out[2 * i] = kDigits[b >> 4];
    out[2 * i + 1] = kDigits[b & 0xf];
  }
  return out;
}

}  // namespace bates
