#include "engine/json.h"

#include <nlohmann/json.hpp>

namespace bates::engine {
namespace {

using nlohmann::json;

// Names from file systems and archives need not be valid UTF-8; they are shown with U+FFFD rather
// than failing the whole report.
std::string Dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

json Date(const std::optional<DateView>& d) {
  if (!d) return nullptr;
  return {{"local", d->local}, {"original", d->original}, {"utc", d->utc}};
}

template <typename T>
json OrNull(const std::optional<T>& v) {
  if (!v) return nullptr;
  return *v;
}

json HighlightJson(const HighlightView& v) {
  json hits = json::array();
  for (const HighlightHitView& h : v.hits) {
    hits.push_back({{"offset", h.offset}, {"length", h.length}, {"word", h.word}});
  }
  return {{"id", v.id},           {"query", v.query},
          {"matches", v.matches}, {"text_length", v.text_length},
          {"hits", hits},         {"snippets", v.snippets}};
}

json TermRowJson(const TermRowView& r) {
  return {{"term", r.term},           {"error", r.error.empty() ? json(nullptr) : json(r.error)},
          {"documents", r.documents}, {"documents_dedup", r.documents_dedup},
          {"unique", r.unique},       {"unique_dedup", r.unique_dedup},
          {"families", r.families},   {"families_dedup", r.families_dedup}};
}

}  // namespace

std::string ToJson(const MatterView& v) {
  json j = {{"name", v.name},
            {"time_zone", v.time_zone},
            {"created_at", v.created_at},
            {"path", v.path},
            {"items", v.items},
            {"sources", v.sources},
            {"custodians", v.custodians}};
  if (v.demand) {
    json requests = json::array();
    for (const MatterDemandRequestView& r : v.demand->requests) {
      requests.push_back(
          {{"number", r.number}, {"text", r.text}, {"suggested_terms", r.suggested_terms}});
    }
    j["demand"] = {
        {"title", v.demand->title},
        {"issuer", v.demand->issuer},
        {"legal_basis", v.demand->legal_basis},
        {"source", v.demand->source},
        {"timeframe", {{"start", v.demand->timeframe_start}, {"end", v.demand->timeframe_end}}},
        {"deadline", v.demand->deadline},
        {"requests", requests}};
  }
  return Dump(j);
}

std::string ToJson(const AddReport& v) {
  json sources = json::array();
  for (const SourceAddReport& s : v.sources) {
    sources.push_back({{"path", s.path},
                       {"custodian", s.custodian},
                       {"files", s.files},
                       {"files_skipped", s.files_skipped},
                       {"items", s.items},
                       {"exceptions", s.exceptions},
                       {"bytes", s.bytes},
                       {"removed_unfinished", s.removed_unfinished}});
  }
  json j = {{"sources", sources},
            {"items", v.items},
            {"exceptions", v.exceptions},
            {"bytes", v.bytes},
            {"seconds", v.seconds}};
  return Dump(j);
}

std::string ToJson(const SearchReport& v) {
  json hits = json::array();
  for (const SearchHitView& h : v.hits) {
    hits.push_back({{"id", h.id},
                    {"score", h.score},
                    {"date", h.date.empty() ? json(nullptr) : json(h.date)},
                    {"title", h.title},
                    {"path", h.path},
                    {"custodian", h.custodian},
                    {"snippet", h.snippet}});
  }
  json j = {{"query", v.query}, {"total", v.total}, {"hits", hits}};
  return Dump(j);
}

std::string ToJson(const ItemView& v) {
  json children = json::array();
  for (const auto& c : v.children)
    children.push_back({{"id", c.id}, {"name", c.name}, {"kind", c.kind}});
  json extra = json::object();
  for (const auto& [k, val] : v.extra) extra[k] = val;
  json exception = nullptr;
  if (v.exception) {
    exception = {{"code", v.exception->code},
                 {"tool", v.exception->tool},
                 {"message", v.exception->message}};
  }
  json j = {
      {"id", v.id},
      {"kind", v.kind},
      {"status", v.status},
      {"exception", exception},
      {"flags", v.flags},
      {"custodian", v.custodian},
      {"source", v.source},
      {"path", v.path},
      {"relative_path", v.relative_path},
      {"inner_path", v.inner_path},
      {"name", v.name},
      {"mime_type", v.mime_type},
      {"reader", v.reader},
      {"size", v.size},
      {"md5", v.md5},
      {"sha1", v.sha1},
      {"sha256", v.sha256},
      {"dates",
       {{"sort", Date(v.sort_date)},
        {"sent", Date(v.sent)},
        {"received", Date(v.received)},
        {"created", Date(v.created)},
        {"modified", Date(v.modified)}}},
      {"from", v.from},
      {"to", v.to},
      {"cc", v.cc},
      {"bcc", v.bcc},
      {"subject", v.subject},
      {"author", v.author},
      {"last_author", v.last_author},
      {"title", v.title},
      {"file_name", v.file_name},
      {"message_id", v.message_id},
      {"in_reply_to", v.in_reply_to},
      {"references", v.references},
      {"extra", extra},
      {"family_id", v.family_id},
      {"parent_id", OrNull(v.parent_id)},
      {"children", children},
      {"family", v.family},
      {"text_bytes", v.text_bytes},
      {"text", OrNull(v.text)},
      {"text_redacted", v.text_redacted},
  };
  if (v.highlight) j["highlight"] = HighlightJson(*v.highlight);
  // Analytics (bates analyze): null and empty before a run.
  const ItemAnalyticsView a = v.analytics.value_or(ItemAnalyticsView{});
  j["duplicate_of"] = OrNull(a.duplicate_of);
  j["all_custodians"] =
      a.all_custodians.empty() ? std::vector<std::string>{v.custodian} : a.all_custodians;
  j["near_group"] = OrNull(a.near_group);
  j["near_similarity"] = OrNull(a.near_similarity);
  j["thread"] = OrNull(a.thread);
  j["thread_parent"] = OrNull(a.thread_parent);
  j["thread_position"] = OrNull(a.thread_position);
  j["thread_depth"] = OrNull(a.thread_depth);
  j["thread_size"] = OrNull(a.thread_size);
  j["inclusive"] = OrNull(a.inclusive);
  j["analyzed"] = v.analytics.has_value();
  return Dump(j);
}

std::string ToJson(const HighlightView& v) { return Dump(HighlightJson(v)); }

std::string ToJson(const SearchesReport& v) {
  json searches = json::array();
  for (const SavedSearchView& s : v.searches) {
    searches.push_back({{"number", s.number},
                        {"query", s.query},
                        {"spaces", s.spaces},
                        {"origin", s.origin},
                        {"ran_by", s.ran_by},
                        {"ran_at", s.ran_at},
                        {"hits", s.hits}});
  }
  return Dump(json{{"searches", searches}});
}

std::string ToJson(const TermsReport& v) {
  json lists = json::array();
  for (const TermListView& list : v.lists) {
    json terms = json::array();
    for (const TermRowView& r : list.terms) terms.push_back(TermRowJson(r));
    lists.push_back({{"side", list.side}, {"terms", terms}, {"total", TermRowJson(list.total)}});
  }
  return Dump(json{{"spaces", v.spaces},
                   {"documents_in_case", v.documents_in_case},
                   {"lists", lists},
                   {"has_errors", v.has_errors},
                   {"seconds", v.seconds},
                   {"demand_timeframe", v.demand_timeframe}});
}

std::string ToJson(const AccountReport& v) {
  json sources = json::array();
  for (const SourceAccountView& s : v.sources) {
    sources.push_back({{"path", s.path},
                       {"custodian", s.custodian},
                       {"items", s.items},
                       {"processed", s.processed},
                       {"exceptions", s.exceptions},
                       {"complete", s.complete}});
  }
  json exceptions = json::array();
  for (const ExceptionItemView& e : v.exception_items) {
    exceptions.push_back(
        {{"id", e.id}, {"path", e.path}, {"reason", e.reason}, {"code", e.code}, {"tool", e.tool}});
  }
  json j = {
      {"totals", {{"items", v.items}, {"processed", v.processed}, {"exceptions", v.exceptions}}},
      {"balanced", v.balanced},
      {"sources", sources},
      {"exceptions", exceptions}};
  return Dump(j);
}

std::string ToJson(const ListReport& v) {
  json items = json::array();
  for (const ItemRowView& r : v.items) {
    items.push_back({{"id", r.id},
                     {"kind", r.kind},
                     {"status", r.status},
                     {"path", r.path},
                     {"custodian", r.custodian},
                     {"mime_type", r.mime_type},
                     {"size", r.size},
                     {"sha256", r.sha256},
                     {"parent_id", OrNull(r.parent_id)},
                     {"family_id", r.family_id},
                     {"date", r.date.empty() ? json(nullptr) : json(r.date)},
                     {"title", r.title},
                     {"message_id", r.message_id}});
  }
  return Dump({{"total", v.total}, {"items", items}});
}

std::string ToJson(const AnalyzeReport& v) {
  json j = {{"duplicates", {{"groups", v.duplicate_groups}, {"items", v.duplicate_items}}},
            {"near_duplicates", {{"groups", v.near_groups}, {"items", v.near_items}}},
            {"threads",
             {{"threads", v.threads}, {"messages", v.thread_messages}, {"inclusive", v.inclusive}}},
            {"settings", {{"dedup_scope", v.dedup_scope}, {"near_threshold", v.near_threshold}}},
            {"items", v.items},
            {"seconds", v.seconds}};
  return Dump(j);
}

std::string ToJson(const ProduceReport& v) {
  json accounting = json::object();
  for (const auto& [name, n] : v.accounting) accounting[name] = n;
  json qc = json::array();
  for (const QcCheckView& c : v.qc) {
    qc.push_back({{"name", c.name}, {"passed", c.passed}, {"problems", c.problems}});
  }
  json produced = json::array();
  for (const ProducedDocView& d : v.produced) {
    produced.push_back({{"id", d.id},
                        {"beg_bates", d.beg_bates},
                        {"end_bates", d.end_bates},
                        {"pages", d.pages},
                        {"how", d.how},
                        {"note", d.note.empty() ? json(nullptr) : json(d.note)}});
  }
  auto or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  json j = {{"volume", v.volume},
            {"folder", v.folder},
            {"certificate", v.certificate},
            {"prefix", v.prefix},
            {"first_bates", or_null(v.first_bates)},
            {"last_bates", or_null(v.last_bates)},
            {"first_number", v.first_number},
            {"last_number", v.last_number},
            {"documents", v.documents},
            {"pages", v.pages},
            {"files", v.files},
            {"root_hash", v.root_hash},
            {"hits", v.hits},
            {"families", v.families},
            {"completed_by_family", v.completed_by_family},
            {"items", v.items},
            {"accounting", accounting},
            {"balanced", v.balanced},
            {"qc_passed", v.qc_passed},
            {"qc", qc},
            {"produced", produced},
            {"seconds", v.seconds}};
  return Dump(j);
}

namespace {

json Efforts(const TarEfforts& efforts) {
  json j = json::object();
  for (const auto& [level, n] : efforts) j[level] = OrNull(n);
  return j;
}

json Stop(const TarStopView& s) {
  return {{"fired", s.fired}, {"reviewed", s.reviewed}, {"recall", s.recall}};
}

}  // namespace

std::string ToJson(const TarSimulateReport& v) {
  json curve = json::array();
  for (const auto& [reviewed, found] : v.curve) curve.push_back({reviewed, found});
  const TarElusionView& e = v.elusion;
  json j = {{"topic", v.topic},
            {"documents", v.documents},
            {"relevant", v.relevant},
            {"labels_unmatched", v.labels_unmatched},
            {"seed", v.seed},
            {"curve", curve},
            {"effort_at", Efforts(v.effort_at)},
            {"stops", {{"knee", Stop(v.knee)}, {"target", Stop(v.target)}}},
            {"elusion",
             {{"reviewed", e.reviewed},
              {"remainder", e.remainder},
              {"sample", e.sample},
              {"responsive_in_sample", e.responsive_in_sample},
              {"confidence", e.confidence},
              {"recall_estimate", e.recall_estimate},
              {"ci_low", e.ci_low},
              {"ci_high", e.ci_high},
              {"true_recall", e.true_recall},
              {"calibration", e.repeats == 0 ? json(nullptr)
                                             : json{{"repeats", e.repeats},
                                                    {"covered", e.covered},
                                                    {"share_ci_low", e.coverage_low},
                                                    {"share_ci_high", e.coverage_high}}}}},
            {"references", v.has_references ? json{{"random", Efforts(v.random)},
                                                   {"seed_only", Efforts(v.seed_only)},
                                                   {"ideal", Efforts(v.ideal)}}
                                            : json(nullptr)},
            {"seconds", v.seconds}};
  return Dump(j);
}

std::string ToJson(const TarBatchReport& v) {
  json items = json::array();
  for (const TarBatchItemView& i : v.items) {
    items.push_back(
        {{"id", i.id}, {"rank", i.rank}, {"score", i.score}, {"title", i.title}, {"path", i.path}});
  }
  return Dump({{"round", v.round}, {"items", items}});
}

std::string ToJson(const TarCodeReport& v) {
  return Dump({{"coded", v.coded}, {"propagated", v.propagated}});
}

std::string ToJson(const TarStatusReport& v) {
  json curve = json::array();
  for (const auto& [reviewed, found] : v.curve) curve.push_back({reviewed, found});
  return Dump({{"started", v.started},
               {"topic", v.topic},
               {"seed_text", v.seed_text},
               {"documents", v.documents},
               {"reviewed", v.reviewed},
               {"responsive", v.responsive},
               {"propagated", v.propagated},
               {"rounds", v.rounds},
               {"next_batch", v.next_batch},
               {"curve", curve},
               {"knee_fired", v.knee_fired}});
}

}  // namespace bates::engine
