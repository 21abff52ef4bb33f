// The case as the produce module sees it: plan facts, document content, certificate facts.
#include <algorithm>

#include "core/text.h"
#include "engine/produce_parts.h"
#include "engine/search_queue.h"
#include "review/redact.h"

namespace bates::engine {

Result<std::vector<produce::PlanItem>> GatherPlanItems(CaseParts& parts) {
  std::map<model::ItemId, model::ItemId> masters;
  BATES_RETURN_IF_ERROR(parts.store->analytics().ForEach([&](const store::ItemAnalytics& a) {
    if (a.duplicate_of) masters[a.item_id] = *a.duplicate_of;
    return Status::Ok();
  }));
  std::vector<produce::PlanItem> items;
  BATES_ASSIGN_OR_RETURN(model::ItemId max, parts.store->MaxItemId());
  BATES_RETURN_IF_ERROR(parts.store->ForEachItem(1, max, [&](const store::Item& item) {
    produce::PlanItem p;
    p.id = item.id;
    p.family_id = item.family_id;
    p.kind = item.kind;
    p.exception = item.status == model::ItemStatus::kException;
    if (item.sort_date) p.date = item.sort_date->utc_seconds;
    auto m = masters.find(item.id);
    if (m != masters.end()) p.duplicate_of = m->second;
    items.push_back(p);
    return Status::Ok();
  }));
  return items;
}

Result<produce::DocumentInput> CaseContentSource::Document(model::ItemId id) {
  BATES_ASSIGN_OR_RETURN(store::Item item, parts_.store->GetItem(id));
  produce::DocumentInput d;
  d.id = item.id;
  d.parent_id = item.parent_id;
  d.family_id = item.family_id;
  d.kind = item.kind;
  BATES_ASSIGN_OR_RETURN(const store::Source* source, parts_.SourceById(item.source_id));
  d.custodian = source->custodian;
  BATES_ASSIGN_OR_RETURN(std::optional<store::ItemAnalytics> a, parts_.store->analytics().Get(id));
  if (a && a->dup_group) {
    BATES_ASSIGN_OR_RETURN(d.all_custodians,
                           parts_.store->analytics().GroupCustodians(*a->dup_group));
  }
  if (d.all_custodians.empty()) d.all_custodians = {d.custodian};
  const model::Metadata& m = item.meta;
  if (m.from) d.from = model::FormatAddress(*m.from);
  d.to = model::FormatAddressList(m.to);
  d.cc = model::FormatAddressList(m.cc);
  d.bcc = model::FormatAddressList(m.bcc);
  d.subject = m.subject;
  d.author = m.author;
  d.file_name = !m.file_name.empty() ? m.file_name : item.name;
  d.mime_type = item.mime_type;
  d.sent = m.sent;
  d.created = m.created;
  d.modified = m.modified;
  d.md5 = item.md5;
  d.sha1 = item.sha1;
  d.has_native = !item.native_blob.empty();
  BATES_ASSIGN_OR_RETURN(std::vector<model::ItemId> children, parts_.store->ChildIds(id));
  BATES_ASSIGN_OR_RETURN(std::vector<store::Item> kids, parts_.store->GetItems(children));
  for (const store::Item& k : kids) d.attachment_names.push_back(k.name);
  auto e = plan_.entries.find(id);
  if (e != plan_.entries.end() && e->second.disposition == produce::Disposition::kWithheld) {
    d.withheld = true;
    d.withheld_reason = e->second.reason;
  }
  BATES_RETURN_IF_ERROR(ApplyRedactions(item, d));
  return d;
}

// Review's redactions of the item: the text produced becomes the redacted text (what `bates show
// --redacted` prints), page boxes go to the imager, and a value cut from the text is cut from the
// metadata too (an email's subject or address can hold the very number redacted in its body).
Status CaseContentSource::ApplyRedactions(const store::Item& item, produce::DocumentInput& d) {
  BATES_ASSIGN_OR_RETURN(std::vector<store::RedactionRow> rows,
                         parts_.store->review().ListRedactions(item.id));
  if (rows.empty()) return Status::Ok();
  d.redacted = true;
  std::string text;
  if (!item.text_blob.empty()) {
    BATES_ASSIGN_OR_RETURN(text, parts_.blobs->GetText(item.text_blob));
  }
  std::vector<review::TextSpan> spans;
  std::vector<std::pair<std::string, std::string>> values;  // redacted value → its marker
  for (const store::RedactionRow& r : rows) {
    if (r.area == "page") {
      d.page_boxes[static_cast<int>(r.page)].push_back({r.x, r.y, r.width, r.height, r.reason});
      continue;
    }
    spans.push_back(
        review::TextSpan{static_cast<uint64_t>(r.start), static_cast<uint64_t>(r.end), r.reason});
    size_t from = ByteOffsetOfCodePoint(text, static_cast<size_t>(r.start));
    size_t to = ByteOffsetOfCodePoint(text, static_cast<size_t>(r.end));
    if (from < to && to <= text.size()) {
      values.emplace_back(text.substr(from, to - from), review::RedactionMarker(r.reason));
    }
  }
  d.text_redacted = !spans.empty();
  std::map<std::string, std::string> reason_of;  // each value once, for the PDF's pages
  for (const auto& [value, marker] : values) reason_of.emplace(value, marker);
  for (const store::RedactionRow& r : rows) {
    if (r.area != "text") continue;
    size_t from = ByteOffsetOfCodePoint(text, static_cast<size_t>(r.start));
    size_t to = ByteOffsetOfCodePoint(text, static_cast<size_t>(r.end));
    if (from >= to || to > text.size()) continue;
    std::string value = text.substr(from, to - from);
    auto it = reason_of.find(value);
    if (it == reason_of.end()) continue;
    reason_of.erase(it);
    int occurrences = 0;
    for (size_t at = text.find(value); at != std::string::npos;
         at = text.find(value, at + value.size())) {
      ++occurrences;
    }
    d.text_spans.push_back({value, r.reason, std::max(occurrences, 1)});
  }
  BATES_ASSIGN_OR_RETURN(redacted_text_[item.id],
                         review::ApplyTextRedactions(text, std::move(spans)));
  // Longest first, so a value containing another is replaced whole.
  std::sort(values.begin(), values.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  auto scrub = [&](std::string& field) {
    for (const auto& [value, marker] : values) {
      if (value.find_first_not_of(" \t\r\n") == std::string::npos) continue;
      for (size_t at = field.find(value); at != std::string::npos;
           at = field.find(value, at + marker.size())) {
        field.replace(at, value.size(), marker);
      }
    }
  };
  for (std::string* f : {&d.from, &d.to, &d.cc, &d.bcc, &d.subject, &d.author, &d.file_name}) {
    scrub(*f);
  }
  for (std::string& name : d.attachment_names) scrub(name);
  return Status::Ok();
}

Result<std::string> CaseContentSource::Native(model::ItemId id) {
  BATES_ASSIGN_OR_RETURN(store::Item item, parts_.store->GetItem(id));
  if (item.native_blob.empty()) return NotFoundError("{} has no native", model::FormatItemId(id));
  return parts_.blobs->GetNative(item.native_blob);
}

Result<std::string> CaseContentSource::Text(model::ItemId id) {
  if (auto r = redacted_text_.find(id); r != redacted_text_.end()) return r->second;
  BATES_ASSIGN_OR_RETURN(store::Item item, parts_.store->GetItem(id));
  if (item.text_blob.empty()) return std::string();
  return parts_.blobs->GetText(item.text_blob);
}

Result<produce::CertificateData> GatherCertificateFacts(CaseParts& parts) {
  produce::CertificateData d;
  d.matter = parts.matter.name;
  BATES_ASSIGN_OR_RETURN(std::vector<store::Custodian> custodians, parts.store->ListCustodians());
  for (const store::Custodian& c : custodians) d.custodians.push_back(c.name);
  BATES_ASSIGN_OR_RETURN(std::vector<store::Source> sources, parts.store->ListSources());
  for (const store::Source& s : sources) d.sources.emplace_back(s.path, s.custodian);
  // Searches the web workspace ran and has yet to write belong on the certificate too.
  BATES_RETURN_IF_ERROR(WriteQueuedSearches(parts));
  BATES_ASSIGN_OR_RETURN(std::vector<store::SavedSearch> searches,
                         parts.store->searches().ListSearches());
  for (const store::SavedSearch& s : searches) d.searches.emplace_back(s.query, s.hits);
  std::optional<int64_t> earliest, latest;
  BATES_ASSIGN_OR_RETURN(model::ItemId max, parts.store->MaxItemId());
  BATES_RETURN_IF_ERROR(parts.store->ForEachItem(1, max, [&](const store::Item& item) {
    if (item.sort_date) {
      int64_t t = item.sort_date->utc_seconds;
      earliest = std::min(earliest.value_or(t), t);
      latest = std::max(latest.value_or(t), t);
    }
    return Status::Ok();
  }));
  if (earliest) {
    d.date_range = parts.LocalDate(Timestamp{*earliest, 0, false}) + " to " +
                   parts.LocalDate(Timestamp{*latest, 0, false});
  }
  BATES_ASSIGN_OR_RETURN(std::vector<store::ExceptionRow> exceptions,
                         parts.store->ListExceptions());
  for (const store::ExceptionRow& e : exceptions) {
    d.exceptions.emplace_back(model::FormatItemId(e.id), e.code + ": " + e.message);
  }
  return d;
}

}  // namespace bates::engine
