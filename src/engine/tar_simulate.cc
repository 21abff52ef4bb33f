// bates tar simulate: a technology-assisted review played from a labels file (analytics/tar).
// Every item but containers is a document to rank; its features come from its extracted text
// (items with the same text blob share one vector). The labels file names collected files by
// their path relative to the folder added, or items by id.
#include <chrono>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "analytics/tar/simulate.h"
#include "engine/case.h"
#include "engine/case_parts.h"
#include "engine/tar_documents.h"

namespace bates::engine {
namespace {

struct Labels {
  std::unordered_map<std::string, bool> by_path;         // every row, by its first column
  std::unordered_map<model::ItemId, std::string> by_id;  // rows naming an item id
};

Result<Labels> ReadLabels(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return NotFoundError("cannot read labels file {}", file.string());
  std::string line;
  if (!std::getline(in, line)) return InvalidArgumentError("{} is empty", file.string());
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const size_t tab = line.find('\t');
  if (tab == std::string::npos || line.substr(0, tab) != "path" ||
      line.substr(tab + 1, line.find('\t', tab + 1) - tab - 1) != "label") {
    return InvalidArgumentError("{}: the header must be 'path<TAB>label'", file.string());
  }
  Labels labels;
  int64_t number = 1;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const size_t t = line.find('\t');
    const std::string label =
        t == std::string::npos ? "" : line.substr(t + 1, line.find('\t', t + 1) - t - 1);
    if (label != "0" && label != "1") {
      return InvalidArgumentError("{} line {}: the label is 1 or 0", file.string(), number);
    }
    const std::string path = line.substr(0, t);
    const bool yes = label == "1";
    auto id = model::ParseItemId(path);
    if (id.ok() && (path.rfind("DOC-", 0) == 0 || path.find('/') == std::string::npos)) {
      // A bare number could be a file name too: it counts as both.
      labels.by_id[*id] = path;
    }
    labels.by_path[path] = yes;
  }
  return labels;
}

TarEfforts ToView(const analytics::tar::Efforts& efforts) {
  TarEfforts out;
  const char* names[] = {"0.75", "0.8", "0.9"};
  for (size_t i = 0; i < efforts.size() && i < 3; ++i) out.emplace_back(names[i], efforts[i]);
  return out;
}

}  // namespace

Result<TarSimulateReport> Case::TarSimulate(const TarSimulateRequest& request) {
  CaseParts& parts = *parts_;
  const auto started = std::chrono::steady_clock::now();
  BATES_ASSIGN_OR_RETURN(Labels labels, ReadLabels(request.labels));

  TarDocuments corpus;
  BATES_RETURN_IF_ERROR(LoadTarDocuments(parts, &corpus));
  const std::vector<model::ItemId>& ids = corpus.ids;
  const auto& index_of = corpus.index_of;
  auto& space = corpus.space;
  const auto& docs = corpus.vectors;
  // A row names an item by id, or a collected file by its relative path (the file's own item).
  std::vector<bool> truth(ids.size(), false);
  std::unordered_set<std::string> rows_used;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (auto it = labels.by_id.find(ids[i]); it != labels.by_id.end()) {
      truth[i] = labels.by_path.at(it->second);
      rows_used.insert(it->second);
    }
    if (!corpus.relative_paths[i].empty()) {
      if (auto it = labels.by_path.find(corpus.relative_paths[i]); it != labels.by_path.end()) {
        truth[i] = truth[i] || it->second;
        rows_used.insert(corpus.relative_paths[i]);
      }
    }
  }

  // --- Seeds -----------------------------------------------------------------------------------
  analytics::tar::SimulationOptions options;
  options.random_seed = request.random_seed;
  options.confidence = request.confidence;
  options.margin = request.margin;
  options.elusion_repeats = request.elusion_repeats;
  options.references = request.references;
  if (request.cost) options.cal.cost = *request.cost;
  std::vector<analytics::tar::SparseVector> seeds;
  std::string seed_description;
  if (!request.seed_text.empty()) {
    seeds.push_back(space.Weigh(analytics::tar::TermCounts(request.seed_text)));
    seed_description = "text: " + request.seed_text;
  }
  for (const std::string& doc : request.seed_docs) {
    BATES_ASSIGN_OR_RETURN(model::ItemId id, model::ParseItemId(doc));
    auto it = index_of.find(id);
    if (it == index_of.end()) return NotFoundError("no document {} in this case", doc);
    options.seed_docs.push_back(it->second);
    seed_description +=
        (seed_description.empty() ? "documents: " : "; document ") + model::FormatItemId(id);
  }
  if (!request.seed_query.empty()) {
    SearchRequest search;
    search.query = request.seed_query;
    search.limit = request.seed_query_hits;
    search.save = false;
    BATES_ASSIGN_OR_RETURN(SearchReport hits, Search(search));
    for (const SearchHitView& hit : hits.hits) {
      BATES_ASSIGN_OR_RETURN(model::ItemId id, model::ParseItemId(hit.id));
      if (auto it = index_of.find(id); it != index_of.end()) {
        options.first_docs.push_back(it->second);
      }
    }
    if (options.first_docs.empty()) {
      return InvalidArgumentError("the seed query '{}' finds no document", request.seed_query);
    }
    seed_description +=
        (seed_description.empty() ? "" : "; ") + std::string("query: ") + request.seed_query;
  }

  BATES_ASSIGN_OR_RETURN(analytics::tar::SimulationResult r,
                         analytics::tar::Simulate(docs, seeds, truth, options));

  TarSimulateReport report;
  report.topic = request.topic.empty() ? request.labels.stem().string() : request.topic;
  report.documents = static_cast<int64_t>(r.documents);
  report.relevant = r.relevant;
  report.labels_unmatched = static_cast<int64_t>(labels.by_path.size() - rows_used.size());
  report.seed = seed_description;
  report.curve.emplace_back(0, 0);
  for (size_t end : r.batch_ends) {
    report.curve.emplace_back(static_cast<int64_t>(end), r.curve[end - 1]);
  }
  report.effort_at = ToView(r.effort);
  const auto stop = [](const analytics::tar::StopPoint& s) {
    return TarStopView{s.fired, static_cast<int64_t>(s.reviewed), s.recall};
  };
  report.knee = stop(r.knee);
  report.target = stop(r.target);
  TarElusionView& e = report.elusion;
  e.reviewed = static_cast<int64_t>(r.elusion.reviewed);
  e.remainder = static_cast<int64_t>(r.elusion.remainder);
  e.sample = static_cast<int64_t>(r.elusion.sample);
  e.responsive_in_sample = static_cast<int64_t>(r.elusion.responsive_in_sample);
  e.confidence = request.confidence;
  e.recall_estimate = r.elusion.estimate.recall;
  e.ci_low = r.elusion.estimate.recall_low;
  e.ci_high = r.elusion.estimate.recall_high;
  e.true_recall = r.elusion.true_recall;
  e.repeats = r.elusion.repeats;
  e.covered = r.elusion.covered;
  e.coverage_low = r.elusion.coverage.low;
  e.coverage_high = r.elusion.coverage.high;
  report.has_references = request.references;
  report.random = ToView(r.random);
  report.seed_only = ToView(r.seed_only);
  report.ideal = ToView(r.ideal);
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace bates::engine
