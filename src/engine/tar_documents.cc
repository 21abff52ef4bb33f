#include "engine/tar_documents.h"

namespace bates::engine {

Status LoadTarDocuments(CaseParts& parts, TarDocuments* out) {
  std::vector<std::string> blob_of;
  BATES_ASSIGN_OR_RETURN(model::ItemId max_id, parts.store->MaxItemId());
  Status pass = parts.store->ForEachItem(1, max_id, [&](const store::Item& item) -> Status {
    if (item.kind == model::ItemKind::kContainer) return Status::Ok();
    out->index_of[item.id] = out->ids.size();
    out->ids.push_back(item.id);
    out->family_ids.push_back(item.family_id);
    out->sha256.push_back(item.sha256);
    out->relative_paths.push_back(item.inner_path.empty() ? item.relative_path : "");
    blob_of.push_back(item.text_blob);
    return Status::Ok();
  });
  BATES_RETURN_IF_ERROR(pass);
  // Document frequencies count every item; each distinct text is read and weighed once.
  std::unordered_map<std::string, size_t> distinct_of_blob;
  std::vector<analytics::tar::SparseVector> distinct;
  std::vector<size_t> distinct_of(out->ids.size());
  for (size_t i = 0; i < out->ids.size(); ++i) {
    auto [it, inserted] = distinct_of_blob.try_emplace(blob_of[i], distinct.size());
    if (inserted) {
      std::string text;
      if (!blob_of[i].empty()) {
        BATES_ASSIGN_OR_RETURN(text, parts.blobs->GetText(blob_of[i]));
      }
      distinct.push_back(analytics::tar::TermCounts(text));
    }
    distinct_of[i] = it->second;
    out->space.AddDocument(distinct[distinct_of[i]]);
  }
  for (auto& v : distinct) v = out->space.Weigh(v);
  out->vectors.resize(out->ids.size());
  for (size_t i = 0; i < out->ids.size(); ++i) out->vectors[i] = distinct[distinct_of[i]];
  return Status::Ok();
}

}  // namespace bates::engine
