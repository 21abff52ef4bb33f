#include "analytics/tar/feature_cache.h"

#include <cstring>
#include <utility>

#include "core/hash.h"

namespace bates::analytics::tar {
namespace {

constexpr std::string_view kMagic = "BATESTF\n";

template <typename T>
void Put(std::string* out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out->append(bytes, sizeof(T));
}

// Reads fixed-size values from the front of a byte view; `ok` turns false at the first overrun
// and stays false, so a decoder checks once per section instead of at every read.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}
  template <typename T>
  T Get() {
    T value{};
    if (rest_.size() < sizeof(T)) {
      ok_ = false;
      return value;
    }
    std::memcpy(&value, rest_.data(), sizeof(T));
    rest_.remove_prefix(sizeof(T));
    return value;
  }
  // The next `n` bytes, which the caller has checked are there (n <= left()).
  const char* Take(uint64_t n) {
    const char* p = rest_.data();
    rest_.remove_prefix(n);
    return p;
  }
  bool ok() const { return ok_; }
  size_t left() const { return rest_.size(); }

 private:
  std::string_view rest_;
  bool ok_ = true;
};

Status Corrupt(std::string_view what) { return InvalidArgumentError("feature cache: {}", what); }

}  // namespace

std::string EncodeFeatureCache(const FeatureCache& cache) {
  // Sized up front: a million documents make a cache of about 2 GB, and growing a string by
  // doubling would copy it many times over.
  uint64_t size = kMagic.size() + 4 + 4 + 8 * 5 + 8;
  for (uint32_t f : cache.space.frequencies()) size += f > 0 ? 8 : 0;
  for (const SparseVector& v : cache.distinct) size += 4 + 8 * v.size();
  size += 4 * cache.distinct_of.size();
  std::string out;
  out.reserve(size);
  out.append(kMagic);
  Put<uint32_t>(&out, kFeatureCacheVersion);
  Put<uint32_t>(&out, kFeatureBits);
  Put<uint64_t>(&out, cache.fingerprint);
  Put<uint64_t>(&out, cache.space.documents());
  const std::vector<uint32_t>& df = cache.space.frequencies();
  uint64_t used = 0;
  for (uint32_t f : df) used += f > 0 ? 1 : 0;
  Put<uint64_t>(&out, used);
  for (uint32_t slot = 0; slot < df.size(); ++slot) {
    if (df[slot] == 0) continue;
    Put<uint32_t>(&out, slot);
    Put<uint32_t>(&out, df[slot]);
  }
  Put<uint64_t>(&out, cache.distinct.size());
  for (const SparseVector& v : cache.distinct) {
    Put<uint32_t>(&out, static_cast<uint32_t>(v.size()));
    for (const auto& [slot, w] : v) {
      Put<uint32_t>(&out, slot);
      Put<float>(&out, w);
    }
  }
  Put<uint64_t>(&out, cache.distinct_of.size());
  for (uint32_t d : cache.distinct_of) Put<uint32_t>(&out, d);
  Put<uint64_t>(&out, Xxh3_64(out));
  return out;
}

Result<FeatureCache> DecodeFeatureCache(std::string_view bytes) {
  if (bytes.size() < kMagic.size() + sizeof(uint64_t) || !bytes.starts_with(kMagic)) {
    return Corrupt("not a feature cache");
  }
  const std::string_view body = bytes.substr(0, bytes.size() - sizeof(uint64_t));
  uint64_t checksum = 0;
  std::memcpy(&checksum, bytes.data() + body.size(), sizeof(checksum));
  if (Xxh3_64(body) != checksum) return Corrupt("checksum mismatch (truncated or damaged)");
  Reader in(body.substr(kMagic.size()));
  if (in.Get<uint32_t>() != kFeatureCacheVersion) return Corrupt("another version");
  if (in.Get<uint32_t>() != kFeatureBits) return Corrupt("another hashed space");
  FeatureCache cache;
  cache.fingerprint = in.Get<uint64_t>();
  const uint64_t documents = in.Get<uint64_t>();
  // Each count is checked against the bytes left before anything is allocated for it.
  const uint64_t used = in.Get<uint64_t>();
  if (!in.ok() || used > kFeatureSlots || used * 8 > in.left()) return Corrupt("bad frequencies");
  std::vector<uint32_t> df(kFeatureSlots, 0);
  for (uint64_t i = 0; i < used; ++i) {
    const uint32_t slot = in.Get<uint32_t>();
    const uint32_t f = in.Get<uint32_t>();
    if (slot >= kFeatureSlots) return Corrupt("slot out of range");
    df[slot] = f;
  }
  cache.space = FeatureSpace::Restore(std::move(df), documents);
  const uint64_t distinct = in.Get<uint64_t>();
  if (!in.ok() || distinct * 4 > in.left()) return Corrupt("bad vector count");
  cache.distinct.resize(distinct);
  for (SparseVector& v : cache.distinct) {
    const uint32_t n = in.Get<uint32_t>();
    if (!in.ok() || uint64_t{n} * 8 > in.left()) return Corrupt("bad vector");
    // The entries are checked once for the whole vector (one bounds check above), then read in
    // a tight loop: a million-document cache holds a quarter of a billion of them.
    const char* p = in.Take(uint64_t{n} * 8);
    v.resize(n);
    uint32_t previous = 0;
    for (uint32_t i = 0; i < n; ++i, p += 8) {
      uint32_t slot;
      float w;
      std::memcpy(&slot, p, 4);
      std::memcpy(&w, p + 4, 4);
      if (slot >= kFeatureSlots || (i > 0 && slot <= previous)) {
        return Corrupt("vector slots out of order");
      }
      v[i] = {slot, w};
      previous = slot;
    }
  }
  const uint64_t docs = in.Get<uint64_t>();
  if (!in.ok() || docs * 4 != in.left()) return Corrupt("bad document map");
  cache.distinct_of.resize(docs);
  for (uint32_t& d : cache.distinct_of) {
    d = in.Get<uint32_t>();
    if (d >= distinct) return Corrupt("document maps to no vector");
  }
  return cache;
}

}  // namespace bates::analytics::tar
