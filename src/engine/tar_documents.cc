#include "engine/tar_documents.h"

#include <utility>

#include "analytics/tar/feature_cache.h"
#include "core/file.h"
#include "core/hash.h"

namespace bates::engine {
namespace {

// Builds every document's vector from its stored text: each distinct text (blob) is read and
// tokenised once, and document frequencies count every item.
Status BuildFeatures(CaseParts& parts, const std::vector<std::string>& blob_of,
                     analytics::tar::FeatureCache* cache) {
  std::unordered_map<std::string, uint32_t> distinct_of_blob;
  cache->distinct_of.resize(blob_of.size());
  for (size_t i = 0; i < blob_of.size(); ++i) {
    auto [it, inserted] =
        distinct_of_blob.try_emplace(blob_of[i], static_cast<uint32_t>(cache->distinct.size()));
    if (inserted) {
      std::string text;
      if (!blob_of[i].empty()) {
        BATES_ASSIGN_OR_RETURN(text, parts.blobs->GetText(blob_of[i]));
      }
      cache->distinct.push_back(analytics::tar::TermCounts(text));
    }
    cache->distinct_of[i] = it->second;
    cache->space.AddDocument(cache->distinct[it->second]);
  }
  for (auto& v : cache->distinct) v = cache->space.Weigh(v);
  return Status::Ok();
}

}  // namespace

std::filesystem::path TarFeatureCachePath(const CaseParts& parts) {
  return parts.dir / "tar-features.bin";
}

Status LoadTarDocuments(CaseParts& parts, TarDocuments* out) {
  std::vector<std::string> blob_of;
  // The cache is valid for exactly these documents with exactly these texts: the fingerprint
  // chains every document's id and text blob (a content hash), so adding, removing or
  // re-extracting an item changes it.
  uint64_t fingerprint = analytics::tar::kFeatureCacheVersion;
  BATES_ASSIGN_OR_RETURN(model::ItemId max_id, parts.store->MaxItemId());
  Status pass = parts.store->ForEachItem(1, max_id, [&](const store::Item& item) -> Status {
    if (item.kind == model::ItemKind::kContainer) return Status::Ok();
    out->index_of[item.id] = out->ids.size();
    out->ids.push_back(item.id);
    out->family_ids.push_back(item.family_id);
    out->sha256.push_back(item.sha256);
    out->relative_paths.push_back(item.inner_path.empty() ? item.relative_path : "");
    blob_of.push_back(item.text_blob);
    fingerprint = Xxh3_64(item.text_blob, fingerprint ^ static_cast<uint64_t>(item.id));
    return Status::Ok();
  });
  BATES_RETURN_IF_ERROR(pass);

  const std::filesystem::path path = TarFeatureCachePath(parts);
  analytics::tar::FeatureCache cache;
  bool fresh = false;
  std::error_code exists_error;
  if (std::filesystem::exists(path, exists_error)) {
    // A cache that cannot be read, is damaged or is stale is rebuilt, never trusted.
    // Mapped, not read: a million documents' cache is about 2 GB.
    if (Result<MappedFile> file = MappedFile::Open(path); file.ok()) {
      if (auto decoded = analytics::tar::DecodeFeatureCache(file->bytes());
          decoded.ok() && decoded->fingerprint == fingerprint &&
          decoded->distinct_of.size() == out->ids.size()) {
        cache = std::move(*decoded);
        fresh = true;
      }
    }
  }
  if (!fresh) {
    BATES_RETURN_IF_ERROR(BuildFeatures(parts, blob_of, &cache));
    cache.fingerprint = fingerprint;
    // Failing to save (a read-only case folder, a full disk) only costs the next call a rebuild.
    (void)WriteFileAtomic(path, analytics::tar::EncodeFeatureCache(cache));
  }
  out->from_cache = fresh;
  out->space = std::move(cache.space);
  // Each distinct vector is moved to its first document and copied only to its duplicates.
  out->vectors.resize(out->ids.size());
  std::vector<bool> moved(cache.distinct.size(), false);
  std::vector<size_t> first_of(cache.distinct.size());
  for (size_t i = 0; i < out->ids.size(); ++i) {
    const uint32_t d = cache.distinct_of[i];
    if (moved[d]) {
      out->vectors[i] = out->vectors[first_of[d]];
    } else {
      first_of[d] = i;
      moved[d] = true;
      out->vectors[i] = std::move(cache.distinct[d]);
    }
  }
  return Status::Ok();
}

}  // namespace bates::engine
