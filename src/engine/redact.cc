// bates redact, bates redactions, bates show --redacted: redactions as data (text spans and page
// areas with a reason), and the text as it will be produced. `bates produce` applies them
// (engine/produce_source.cc, produce/volume.cc); docs/ARCHITECTURE.md, "Redactions".
#include "review/redact.h"

#include <nlohmann/json.hpp>
#include <set>

#include "core/text.h"
#include "engine/case.h"
#include "engine/review_parts.h"
#include "engine/search_parts.h"
#include "index/index_reader.h"
#include "review/pii.h"

namespace bates::engine {
namespace {

std::string Json(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

RedactionView View(CaseParts& parts, const store::RedactionRow& r) {
  RedactionView v;
  v.number = r.id;
  v.id = model::FormatItemId(r.item_id);
  v.area = r.area;
  v.start = static_cast<uint64_t>(r.start);
  v.end = static_cast<uint64_t>(r.end);
  v.page = r.page;
  v.x = r.x;
  v.y = r.y;
  v.width = r.width;
  v.height = r.height;
  v.reason = r.reason;
  v.origin = r.origin;
  v.reviewer = r.reviewer;
  v.created_at = parts.LocalDate(Timestamp{r.created_at, 0, false});
  return v;
}

Result<std::string> ItemText(CaseParts& parts, const store::Item& item) {
  if (item.text_blob.empty()) return std::string();
  return parts.blobs->GetText(item.text_blob);
}

}  // namespace

Result<RedactionsReport> Case::Redact(const RedactRequest& request) {
  CaseParts& parts = *parts_;
  const bool text_sources =
      !request.pii_kinds.empty() || !request.query.empty() || !request.spans.empty();
  if (!text_sources && !request.page) {
    return InvalidArgumentError(
        "what to redact: --pii KIND (or all), --query Q, --span START:END or --page N --box "
        "X,Y,W,H");
  }
  if (request.page && (request.box.size() != 4 || *request.page < 1 || request.box[2] <= 0 ||
                       request.box[3] <= 0)) {
    return InvalidArgumentError(
        "--page N takes --box X,Y,WIDTH,HEIGHT (points, width and height "
        "above 0; pages from 1)");
  }
  if (request.reason.empty() &&
      (!request.query.empty() || !request.spans.empty() || request.page)) {
    return InvalidArgumentError("a redaction needs --reason, the label shown in its place");
  }
  std::set<std::string> kinds;
  for (const std::string& k : request.pii_kinds) {
    if (k == "all") {
      for (int i = 0; i < review::kPiiKindCount; ++i) {
        kinds.insert(std::string(review::PiiKindName(static_cast<review::PiiKind>(i))));
      }
    } else {
      BATES_RETURN_IF_ERROR(review::ParsePiiKind(k).status());
      kinds.insert(k);
    }
  }
  ItemSelection selection = request.items;
  std::vector<model::ItemId> ids;
  if (selection.ids.empty() && selection.query.empty() && selection.family.empty() &&
      selection.dupgroup.empty() && !kinds.empty()) {
    // --pii with no items named: every item with hits of those kinds.
    BATES_ASSIGN_OR_RETURN(auto hits, parts.store->review().ListPiiHits(std::nullopt));
    std::set<model::ItemId> with;
    for (const store::PiiHitRow& h : hits) {
      if (kinds.count(h.kind)) with.insert(h.item_id);
    }
    ids.assign(with.begin(), with.end());
  } else {
    BATES_ASSIGN_OR_RETURN(ids, ResolveSelection(parts, selection));
  }
  if (!kinds.empty()) {
    BATES_ASSIGN_OR_RETURN(std::optional<store::ScreenRun> run, parts.store->review().LastScreen());
    if (!run) return InvalidArgumentError("no personal-data hits yet: run `bates screen` first");
  }

  std::optional<index::Query> query;
  std::unique_ptr<index::IndexReader> reader;
  if (!request.query.empty()) {
    BATES_ASSIGN_OR_RETURN(bool phrase, ReadSpacesMeanPhrase(parts));
    BATES_ASSIGN_OR_RETURN(query, CompileForCase(parts, request.query, phrase));
    BATES_ASSIGN_OR_RETURN(reader, index::IndexReader::Open(parts.index_dir()));
  }
  const std::string reviewer = request.reviewer.empty() ? parts.options.actor : request.reviewer;
  const int64_t now = parts.options.env->NowUnixSeconds();

  RedactionsReport report;
  std::vector<store::RedactionRow> rows;
  for (model::ItemId id : ids) {
    BATES_ASSIGN_OR_RETURN(store::Item item, parts.store->GetItem(id));
    BATES_ASSIGN_OR_RETURN(std::string text, ItemText(parts, item));
    const uint64_t length = CountCodePoints(text);
    auto text_row = [&](uint64_t start, uint64_t end, std::string reason, const char* origin) {
      store::RedactionRow r;
      r.item_id = id;
      r.area = "text";
      r.start = static_cast<int64_t>(start);
      r.end = static_cast<int64_t>(end);
      r.reason = std::move(reason);
      r.origin = origin;
      r.reviewer = reviewer;
      r.created_at = now;
      rows.push_back(std::move(r));
    };
    if (!kinds.empty()) {
      BATES_ASSIGN_OR_RETURN(auto hits, parts.store->review().ListPiiHits(id));
      for (const store::PiiHitRow& h : hits) {
        if (!kinds.count(h.kind)) continue;
        text_row(
            static_cast<uint64_t>(h.start), static_cast<uint64_t>(h.end),
            request.reason.empty() ? fmt::format("Personal data ({})", h.kind) : request.reason,
            "pii");
      }
    }
    if (query) {
      BATES_ASSIGN_OR_RETURN(std::vector<index::TextHit> hits, reader->Hits(*query, text));
      for (const index::TextHit& h : hits) {
        text_row(h.offset, h.offset + h.length, request.reason, "search");
      }
    }
    for (const auto& [start, end] : request.spans) {
      if (start >= end || end > length) {
        return InvalidArgumentError("{}: span {}:{} is outside its text (0:{})",
                                    model::FormatItemId(id), start, end, length);
      }
      text_row(start, end, request.reason, "reviewer");
    }
    if (request.page) {
      store::RedactionRow r;
      r.item_id = id;
      r.area = "page";
      r.page = *request.page;
      r.x = request.box[0];
      r.y = request.box[1];
      r.width = request.box[2];
      r.height = request.box[3];
      r.reason = request.reason;
      r.origin = "reviewer";
      r.reviewer = reviewer;
      r.created_at = now;
      rows.push_back(std::move(r));
    }
  }

  Status written = InTransaction(parts, [&]() -> Status {
    std::map<model::ItemId, std::vector<store::RedactionRow>> existing;
    for (store::RedactionRow& r : rows) {
      auto it = existing.find(r.item_id);
      if (it == existing.end()) {
        BATES_ASSIGN_OR_RETURN(auto had, parts.store->review().ListRedactions(r.item_id));
        it = existing.emplace(r.item_id, std::move(had)).first;
      }
      // The same span or box again (a second `--pii all`) is not a second redaction.
      bool repeat = std::any_of(it->second.begin(), it->second.end(), [&](const auto& e) {
        return e.area == r.area && e.start == r.start && e.end == r.end && e.page == r.page &&
               e.x == r.x && e.y == r.y && e.width == r.width && e.height == r.height;
      });
      if (repeat) {
        ++report.skipped;
        continue;
      }
      BATES_ASSIGN_OR_RETURN(r.id, parts.store->review().AddRedaction(r));
      it->second.push_back(r);
      // The audit keeps where and why, never the redacted text itself.
      BATES_RETURN_IF_ERROR(parts.Audit("redact", Json({{"redaction", r.id},
                                                        {"id", model::FormatItemId(r.item_id)},
                                                        {"area", r.area},
                                                        {"start", r.start},
                                                        {"end", r.end},
                                                        {"page", r.page},
                                                        {"reason", r.reason},
                                                        {"origin", r.origin},
                                                        {"reviewer", r.reviewer}})));
      report.redactions.push_back(View(parts, r));
    }
    return Status::Ok();
  });
  if (!written.ok()) return written;
  return report;
}

Status Case::RemoveRedaction(int64_t number) {
  return InTransaction(*parts_, [&]() -> Status {
    BATES_RETURN_IF_ERROR(parts_->store->review().RemoveRedaction(number));
    return parts_->Audit("unredact", Json({{"redaction", number}}));
  });
}

Result<RedactionsReport> Case::Redactions(const std::string& id_text) {
  CaseParts& parts = *parts_;
  std::optional<model::ItemId> only;
  if (!id_text.empty()) {
    BATES_ASSIGN_OR_RETURN(auto ids, ResolveSelection(parts, ItemSelection{{id_text}, "", "", ""}));
    only = ids.front();
  }
  BATES_ASSIGN_OR_RETURN(auto rows, parts.store->review().ListRedactions(only));
  RedactionsReport report;
  for (const store::RedactionRow& r : rows) report.redactions.push_back(View(parts, r));
  return report;
}

Result<RedactedTextView> Case::RedactedText(const std::string& id_text) {
  CaseParts& parts = *parts_;
  BATES_ASSIGN_OR_RETURN(auto ids, ResolveSelection(parts, ItemSelection{{id_text}, "", "", ""}));
  BATES_ASSIGN_OR_RETURN(store::Item item, parts.store->GetItem(ids.front()));
  BATES_ASSIGN_OR_RETURN(std::string text, ItemText(parts, item));
  BATES_ASSIGN_OR_RETURN(auto rows, parts.store->review().ListRedactions(item.id));
  std::vector<review::TextSpan> spans;
  for (const store::RedactionRow& r : rows) {
    if (r.area != "text") continue;
    spans.push_back(
        review::TextSpan{static_cast<uint64_t>(r.start), static_cast<uint64_t>(r.end), r.reason});
  }
  RedactedTextView view;
  view.id = model::FormatItemId(item.id);
  view.redactions = static_cast<int64_t>(spans.size());
  BATES_ASSIGN_OR_RETURN(view.text, review::ApplyTextRedactions(text, std::move(spans)));
  return view;
}

}  // namespace bates::engine
