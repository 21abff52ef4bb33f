// bates screen and bates privlist: the privilege screen (the matter's attorneys, law offices and
// terms) and the personal-data scan over every item's text, results kept in the store's review
// area. Items are flagged for review, never coded by the screen.
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/case.h"
#include "engine/review_parts.h"
#include "review/pii.h"
#include "review/privilege.h"

namespace bates::engine {
namespace {

std::string Json(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Texts are read and scanned in batches of item ids so the store's cursor is not held while the
// blob store is read.
constexpr model::ItemId kBatch = 2000;

Result<ScreenReport> ReportFromStore(CaseParts& parts) {
  ScreenReport report;
  BATES_ASSIGN_OR_RETURN(std::optional<store::ScreenRun> run, parts.store->review().LastScreen());
  if (run) {
    report.items = run->items;
    report.text_bytes = run->text_bytes;
  }
  BATES_ASSIGN_OR_RETURN(auto list, parts.store->review().ListPrivilegeParties());
  report.privilege_list = static_cast<int64_t>(list.size());
  BATES_ASSIGN_OR_RETURN(auto flags, parts.store->review().ListPrivilegeHits());
  for (const store::PrivilegeHitRow& f : flags) {
    const std::string id = model::FormatItemId(f.item_id);
    if (report.privilege.empty() || report.privilege.back().id != id) {
      report.privilege.push_back({id, {}});
    }
    report.privilege.back().why.push_back(f.why);
  }
  BATES_ASSIGN_OR_RETURN(auto pii, parts.store->review().ListPiiHits(std::nullopt));
  std::map<std::string, int64_t> by_kind;
  for (const store::PiiHitRow& h : pii) {
    report.pii.push_back(PiiHitView{model::FormatItemId(h.item_id), h.kind,
                                    static_cast<uint64_t>(h.start), static_cast<uint64_t>(h.end)});
    ++by_kind[h.kind];
  }
  for (int k = 0; k < review::kPiiKindCount; ++k) {
    std::string name(review::PiiKindName(static_cast<review::PiiKind>(k)));
    report.pii_by_kind.emplace_back(name, by_kind[name]);
  }
  return report;
}

}  // namespace

Result<PrivilegeListView> Case::PrivilegeList() {
  BATES_ASSIGN_OR_RETURN(auto list, parts_->store->review().ListPrivilegeParties());
  PrivilegeListView view;
  for (const store::PrivilegeParty& p : list) view.entries.push_back({p.kind, p.value, p.label});
  return view;
}

Status Case::AddToPrivilegeList(const std::string& kind, const std::string& value,
                                const std::string& label) {
  BATES_ASSIGN_OR_RETURN(review::PrivilegeEntry e,
                         review::NormalizePrivilegeEntry({kind, value, label}));
  return InTransaction(*parts_, [&]() -> Status {
    BATES_RETURN_IF_ERROR(parts_->store->review().AddPrivilegeParty({0, e.kind, e.value, e.label}));
    return parts_->Audit("privilege_list_add",
                         Json({{"kind", e.kind}, {"value", e.value}, {"label", e.label}}));
  });
}

Status Case::RemoveFromPrivilegeList(const std::string& kind, const std::string& value) {
  BATES_ASSIGN_OR_RETURN(review::PrivilegeEntry e,
                         review::NormalizePrivilegeEntry({kind, value, ""}));
  return InTransaction(*parts_, [&]() -> Status {
    BATES_RETURN_IF_ERROR(parts_->store->review().RemovePrivilegeParty(e.kind, e.value));
    return parts_->Audit("privilege_list_remove", Json({{"kind", e.kind}, {"value", e.value}}));
  });
}

Result<ScreenReport> Case::ScreenResults() { return ReportFromStore(*parts_); }

Result<ScreenReport> Case::Screen() {
  CaseParts& parts = *parts_;
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  Clock::duration pii_time{};

  BATES_ASSIGN_OR_RETURN(auto list, parts.store->review().ListPrivilegeParties());
  std::vector<review::PrivilegeEntry> entries;
  for (const store::PrivilegeParty& p : list) entries.push_back({p.kind, p.value, p.label});
  BATES_ASSIGN_OR_RETURN(auto privilege, review::PrivilegeScreen::Create(entries));
  BATES_ASSIGN_OR_RETURN(auto pii, review::PiiScanner::Create());

  std::vector<store::PrivilegeHitRow> flags;
  std::vector<store::PiiHitRow> hits;
  // Families of flagged items: a family head's reasons reach its attachments, an attachment's
  // its family head and siblings (a memo attached to an attorney's email is the advice).
  std::map<model::ItemId, std::vector<model::ItemId>> families;
  std::set<model::ItemId> flagged;
  store::ScreenRun run;
  BATES_ASSIGN_OR_RETURN(model::ItemId last, parts.store->MaxItemId());
  for (model::ItemId first = 1; first <= last; first += kBatch) {
    std::vector<store::Item> batch;
    BATES_RETURN_IF_ERROR(parts.store->ForEachItem(first, std::min(last, first + kBatch - 1),
                                                   [&](const store::Item& item) {
                                                     families[item.family_id].push_back(item.id);
                                                     if (item.kind != model::ItemKind::kContainer)
                                                       batch.push_back(item);
                                                     return Status::Ok();
                                                   }));
    for (const store::Item& item : batch) {
      std::string text;
      if (!item.text_blob.empty()) {
        BATES_ASSIGN_OR_RETURN(text, parts.blobs->GetText(item.text_blob));
      }
      ++run.items;
      run.text_bytes += static_cast<int64_t>(text.size());
      BATES_ASSIGN_OR_RETURN(std::vector<std::string> why, privilege->Check(item.meta, text));
      for (std::string& w : why) flags.push_back({item.id, std::move(w)});
      if (!why.empty()) flagged.insert(item.id);
      const auto pii_started = Clock::now();
      BATES_ASSIGN_OR_RETURN(std::vector<review::PiiHit> found, pii->Scan(text));
      pii_time += Clock::now() - pii_started;
      for (const review::PiiHit& h : found) {
        hits.push_back({item.id, std::string(review::PiiKindName(h.kind)),
                        static_cast<int64_t>(h.start), static_cast<int64_t>(h.end)});
      }
    }
  }
  std::map<model::ItemId, model::ItemId> family_of;
  for (const auto& [family, members] : families) {
    for (model::ItemId m : members) family_of[m] = family;
  }
  for (model::ItemId id : flagged) {
    for (model::ItemId member : families[family_of[id]]) {
      if (member != id && !flagged.count(member)) {
        flags.push_back({member, fmt::format("in the family of {}, which is flagged",
                                             model::FormatItemId(id))});
      }
    }
  }
  run.finished_at = parts.options.env->NowUnixSeconds();
  Status written = InTransaction(parts, [&]() -> Status {
    BATES_RETURN_IF_ERROR(parts.store->review().ReplaceScreen(flags, hits, run));
    return parts.Audit(
        "screen",
        Json({{"items", run.items}, {"privilege_flags", flags.size()}, {"pii_hits", hits.size()}}));
  });
  if (!written.ok()) return written;
  BATES_ASSIGN_OR_RETURN(ScreenReport report, ReportFromStore(parts));
  report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  report.pii_seconds = std::chrono::duration<double>(pii_time).count();
  return report;
}

}  // namespace bates::engine
