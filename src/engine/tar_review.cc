// bates tar start|next|code|status: a real continuous-active-learning review over the case
// (analytics/tar), its state in the store's tar area (schema/0005_tar.sql).
#include <random>
#include <unordered_set>

#include "analytics/tar/cal.h"
#include "analytics/tar/stopping.h"
#include "engine/case.h"
#include "engine/case_parts.h"
#include "engine/tar_documents.h"

namespace bates::engine {
namespace {

constexpr const char* kReviewer = "reviewer";

bool Counts(const store::TarCoding& c) { return c.origin == kReviewer || c.origin == "seed"; }

}  // namespace

Status Case::TarStart(const TarStartRequest& request) {
  CaseParts& parts = *parts_;
  if (request.seed_text.empty() && request.seed_docs.empty()) {
    return InvalidArgumentError("a review needs a seed: --seed-text or --seed-docs");
  }
  std::vector<model::ItemId> seeds;
  for (const std::string& doc : request.seed_docs) {
    BATES_ASSIGN_OR_RETURN(model::ItemId id, model::ParseItemId(doc));
    BATES_RETURN_IF_ERROR(parts.store->GetItem(id).status());
    seeds.push_back(id);
  }
  const int64_t now = parts.options.env->NowUnixSeconds();
  BATES_RETURN_IF_ERROR(parts.store->Begin());
  store::TarReview review{request.topic.empty() ? "review" : request.topic, request.seed_text,
                          parts.options.actor, now, 1};
  BATES_RETURN_IF_ERROR(parts.store->tar().StartReview(review));
  for (model::ItemId id : seeds) {
    BATES_RETURN_IF_ERROR(parts.store->tar().Code({id, true, "seed", parts.options.actor, now}));
  }
  BATES_RETURN_IF_ERROR(parts.Audit("tar.start", "{}"));
  return parts.store->Commit();
}

Result<TarBatchReport> Case::TarNext(uint32_t batch) {
  CaseParts& parts = *parts_;
  BATES_ASSIGN_OR_RETURN(std::optional<store::TarReview> review, parts.store->tar().GetReview());
  if (!review) return NotFoundError("no review started: bates tar start CASE --seed-text ...");
  TarDocuments corpus;
  BATES_RETURN_IF_ERROR(LoadTarDocuments(parts, &corpus));
  BATES_ASSIGN_OR_RETURN(std::vector<store::TarCoding> codings, parts.store->tar().Codings());
  std::vector<analytics::tar::Coding> coding(corpus.ids.size(),
                                             analytics::tar::Coding::kUnreviewed);
  bool any_responsive = false;
  for (const store::TarCoding& c : codings) {
    auto it = corpus.index_of.find(c.item_id);
    if (it == corpus.index_of.end()) continue;
    coding[it->second] = c.responsive ? analytics::tar::Coding::kYes : analytics::tar::Coding::kNo;
    any_responsive = any_responsive || c.responsive;
  }
  std::vector<analytics::tar::SparseVector> seeds;
  if (!review->seed_text.empty()) {
    seeds.push_back(corpus.space.Weigh(analytics::tar::TermCounts(review->seed_text)));
  }
  if (seeds.empty() && !any_responsive) {
    return InvalidArgumentError("nothing responsive to learn from yet: code a responsive item");
  }
  const uint32_t size = batch > 0 ? batch : static_cast<uint32_t>(review->next_batch);
  std::mt19937_64 rng(parts.options.env->RandomSeed());
  BATES_ASSIGN_OR_RETURN(std::vector<double> scores,
                         analytics::tar::TrainAndScore(corpus.vectors, seeds, coding, {}, rng));
  std::vector<size_t> top = analytics::tar::TopUnreviewed(scores, coding, size);
  const int64_t now = parts.options.env->NowUnixSeconds();
  std::vector<store::TarBatchEntry> entries;
  TarBatchReport report;
  for (size_t r = 0; r < top.size(); ++r) {
    const model::ItemId id = corpus.ids[top[r]];
    entries.push_back({0, static_cast<int64_t>(r + 1), id, scores[top[r]], now});
    BATES_ASSIGN_OR_RETURN(store::Item item, parts.store->GetItem(id));
    BATES_ASSIGN_OR_RETURN(std::string path, parts.DisplayPath(item));
    report.items.push_back({model::FormatItemId(id), static_cast<int64_t>(r + 1), scores[top[r]],
                            DisplayTitle(item), path});
  }
  BATES_RETURN_IF_ERROR(parts.store->Begin());
  BATES_ASSIGN_OR_RETURN(report.round, parts.store->tar().AddBatch(entries));
  if (batch == 0) {
    BATES_RETURN_IF_ERROR(parts.store->tar().SetNextBatch(analytics::tar::NextBatchSize(size)));
  }
  BATES_RETURN_IF_ERROR(parts.Audit("tar.next", "{}"));
  BATES_RETURN_IF_ERROR(parts.store->Commit());
  return report;
}

Result<TarCodeReport> Case::TarCode(const std::vector<std::string>& ids, bool responsive) {
  CaseParts& parts = *parts_;
  BATES_ASSIGN_OR_RETURN(std::optional<store::TarReview> review, parts.store->tar().GetReview());
  if (!review) return NotFoundError("no review started: bates tar start CASE --seed-text ...");
  std::vector<store::Item> items;
  for (const std::string& text : ids) {
    BATES_ASSIGN_OR_RETURN(model::ItemId id, model::ParseItemId(text));
    BATES_ASSIGN_OR_RETURN(store::Item item, parts.store->GetItem(id));
    items.push_back(std::move(item));
  }
  BATES_ASSIGN_OR_RETURN(std::vector<store::TarCoding> codings, parts.store->tar().Codings());
  std::unordered_set<model::ItemId> by_reviewer;
  for (const store::TarCoding& c : codings) {
    if (Counts(c)) by_reviewer.insert(c.item_id);
  }
  // Exact duplicates share a decision; a responsive document brings its family with it (a
  // family is produced whole), a non-responsive one does not (an attachment may still be).
  std::unordered_set<std::string> hashes;
  std::unordered_set<model::ItemId> families;
  std::unordered_set<model::ItemId> asked;
  for (const store::Item& item : items) {
    asked.insert(item.id);
    if (!item.sha256.empty()) hashes.insert(item.sha256);
    if (responsive) families.insert(item.family_id);
  }
  const int64_t now = parts.options.env->NowUnixSeconds();
  TarCodeReport report;
  BATES_RETURN_IF_ERROR(parts.store->Begin());
  for (model::ItemId id : asked) {
    BATES_RETURN_IF_ERROR(
        parts.store->tar().Code({id, responsive, kReviewer, parts.options.actor, now}));
    ++report.coded;
  }
  BATES_ASSIGN_OR_RETURN(model::ItemId max_id, parts.store->MaxItemId());
  std::vector<store::TarCoding> passed_on;
  Status pass = parts.store->ForEachItem(1, max_id, [&](const store::Item& item) -> Status {
    if (asked.count(item.id) || by_reviewer.count(item.id)) return Status::Ok();
    if (item.kind == model::ItemKind::kContainer) return Status::Ok();
    if (!item.sha256.empty() && hashes.count(item.sha256)) {
      passed_on.push_back({item.id, responsive, "duplicate", parts.options.actor, now});
    } else if (families.count(item.family_id)) {
      passed_on.push_back({item.id, true, "family", parts.options.actor, now});
    }
    return Status::Ok();
  });
  BATES_RETURN_IF_ERROR(pass);
  for (const store::TarCoding& c : passed_on) {
    BATES_RETURN_IF_ERROR(parts.store->tar().Code(c));
    ++report.propagated;
  }
  BATES_RETURN_IF_ERROR(parts.Audit("tar.code", "{}"));
  BATES_RETURN_IF_ERROR(parts.store->Commit());
  return report;
}

Result<TarStatusReport> Case::TarStatus() {
  CaseParts& parts = *parts_;
  TarStatusReport report;
  BATES_ASSIGN_OR_RETURN(std::optional<store::TarReview> review, parts.store->tar().GetReview());
  if (!review) return report;
  report.started = true;
  report.topic = review->topic;
  report.seed_text = review->seed_text;
  report.next_batch = review->next_batch;
  BATES_ASSIGN_OR_RETURN(model::ItemId max_id, parts.store->MaxItemId());
  Status pass = parts.store->ForEachItem(1, max_id, [&](const store::Item& item) -> Status {
    if (item.kind != model::ItemKind::kContainer) ++report.documents;
    return Status::Ok();
  });
  BATES_RETURN_IF_ERROR(pass);
  BATES_ASSIGN_OR_RETURN(std::vector<store::TarCoding> codings, parts.store->tar().Codings());
  analytics::tar::GainCurve curve;
  for (const store::TarCoding& c : codings) {
    if (!Counts(c)) {
      ++report.propagated;
      continue;
    }
    ++report.reviewed;
    report.responsive += c.responsive ? 1 : 0;
    curve.push_back(static_cast<uint32_t>(report.responsive));
    report.curve.emplace_back(report.reviewed, report.responsive);
  }
  report.knee_fired = analytics::tar::KneeFires(curve, curve.size());
  BATES_ASSIGN_OR_RETURN(std::vector<store::TarBatchEntry> last, parts.store->tar().LastBatch());
  report.rounds = last.empty() ? 0 : last.front().round;
  return report;
}

}  // namespace bates::engine
