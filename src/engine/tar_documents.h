// The documents a technology-assisted review ranks, read from the case: every item but
// containers, in id order, with its tf-idf vector (analytics/tar/features.h) built from its
// extracted text. Items with the same text share one vector. The vectors are cached in the case
// folder (tar-features.bin, format in docs/TAR.md) and rebuilt when the items or their texts
// change, so a review round costs training and scoring, not tokenising. Internal to the engine.
#pragma once

#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "analytics/tar/features.h"
#include "engine/case_parts.h"

namespace bates::engine {

struct TarDocuments {
  std::vector<model::ItemId> ids;
  std::vector<model::ItemId> family_ids;
  std::vector<std::string> sha256;
  std::vector<std::string> relative_paths;  // "" for an item inside a collected file
  std::unordered_map<model::ItemId, size_t> index_of;
  analytics::tar::FeatureSpace space;
  std::vector<analytics::tar::SparseVector> vectors;
  bool from_cache = false;  // the vectors came from tar-features.bin, not from the texts
};

std::filesystem::path TarFeatureCachePath(const CaseParts& parts);

Status LoadTarDocuments(CaseParts& parts, TarDocuments* out);

}  // namespace bates::engine
