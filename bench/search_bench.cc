// Search benchmark (issue 4): latency of representative queries through bates, beside the same
// queries through Xapian directly on the same index where Xapian's QueryParser can say them, and
// beside a brute-force scan of every document's text where it cannot (groups in proximity, inner
// wildcards, fuzzy words); then the time of a search-term report. One run, one process.
//
//   search_bench CASE QUERIES.tsv TERMS.txt [REPEAT]
//
// QUERIES.tsv: kind <TAB> bates query <TAB> peer, where peer is "xapian:<QueryParser string>",
// "brute:<spec>" or "-". Brute specs: "wild:<pattern>", "fuzzy:<edits>:<word>",
// "near:<N>:<a|b*|c d>:<x|y z>" (either order; '*' a trailing wildcard; spaces a phrase).
// Figures go to standard output as Markdown (bench/search_bench.py records them).
#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/case.h"
#include "index/index_reader.h"
#include "search/compile.h"
#include "store/blob_store.h"
#include "store/case_store.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  return out;
}

struct Line {
  std::string kind, query, peer;
};

// --- brute force ---------------------------------------------------------------------------------

std::vector<std::string> Tokens(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) {
      cur += static_cast<char>(std::tolower(c));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool WildMatch(const std::string& p, size_t pi, const std::string& w, size_t wi) {
  if (pi == p.size()) return wi == w.size();
  if (p[pi] == '*') {
    for (size_t k = wi; k <= w.size(); ++k) {
      if (WildMatch(p, pi + 1, w, k)) return true;
    }
    return false;
  }
  return wi < w.size() && (p[pi] == '?' || p[pi] == w[wi]) && WildMatch(p, pi + 1, w, wi + 1);
}

size_t Edits(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1), next(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    next[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      next[j] = std::min({row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] != b[j - 1])});
    }
    std::swap(row, next);
  }
  return row[b.size()];
}

// Occurrences (start, end) of alternatives "a|b*|c d" in a document's words.
std::vector<std::pair<size_t, size_t>> Occurrences(const std::string& alternatives,
                                                   const std::vector<std::string>& words) {
  std::vector<std::pair<size_t, size_t>> out;
  for (const std::string& alt : Split(alternatives, '|')) {
    std::vector<std::string> phrase = Split(alt, ' ');
    for (size_t i = 0; i + phrase.size() <= words.size(); ++i) {
      bool all = true;
      for (size_t k = 0; k < phrase.size() && all; ++k)
        all = WildMatch(phrase[k], 0, words[i + k], 0);
      if (all) out.emplace_back(i, i + phrase.size() - 1);
    }
  }
  return out;
}

bool BruteMatches(const std::string& spec, const std::vector<std::string>& words) {
  std::vector<std::string> parts = Split(spec, ':');
  if (parts[0] == "wild") {
    return std::any_of(words.begin(), words.end(),
                       [&](const std::string& w) { return WildMatch(parts[1], 0, w, 0); });
  }
  if (parts[0] == "fuzzy") {
    size_t edits = std::stoul(parts[1]);
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
      size_t diff =
          w.size() > parts[2].size() ? w.size() - parts[2].size() : parts[2].size() - w.size();
      return diff <= edits && Edits(w, parts[2]) <= edits;
    });
  }
  // near:N:A:B
  size_t n = std::stoul(parts[1]);
  auto a = Occurrences(parts[2], words), b = Occurrences(parts[3], words);
  for (auto [as, ae] : a) {
    for (auto [bs, be] : b) {
      if ((ae < bs && bs - ae <= n) || (be < as && as - be <= n)) return true;
    }
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: search_bench CASE QUERIES.tsv TERMS.txt [REPEAT]\n");
    return 2;
  }
  std::string dir = argv[1];
  int repeat = argc > 4 ? std::stoi(argv[4]) : 7;
  std::vector<Line> lines;
  {
    std::ifstream in(argv[2]);
    std::string s;
    while (std::getline(in, s)) {
      if (s.empty() || s[0] == '#') continue;
      std::vector<std::string> f = Split(s, '\t');
      if (f.size() < 3) continue;
      lines.push_back({f[0], f[1], f[2]});
    }
  }
  std::vector<std::string> terms;
  {
    std::ifstream in(argv[3]);
    std::string s;
    while (std::getline(in, s)) {
      if (!s.empty() && s[0] != '#') terms.push_back(s);
    }
  }

  auto opened = bates::engine::Case::Open(dir, {});
  if (!opened.ok()) {
    std::fprintf(stderr, "%s\n", opened.status().ToString().c_str());
    return 1;
  }
  bates::engine::Case& c = **opened;
  auto reader = bates::index::IndexReader::Open(std::string(dir) + "/index");
  if (!reader.ok()) return 1;
  // The index-only path reads dates in the matter's time zone, as the engine does.
  bates::search::CompileOptions compile_options;
  {
    auto info = c.Info();
    if (!info.ok()) return 1;
    auto zone = bates::TimeZone::Load(info->time_zone);
    if (!zone.ok()) return 1;
    compile_options.time_zone = *zone;
  }
  Xapian::Database xdb(dir + "/index");
  Xapian::QueryParser qp;
  qp.set_database(xdb);
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
  for (auto [name, prefix] : {std::pair{"subject", "S"},
                              {"from", "XFROM"},
                              {"to", "XTO"},
                              {"custodian", "XCUST"},
                              {"type", "T"}}) {
    qp.add_prefix(name, prefix);
  }
  unsigned flags = Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
                   Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE |
                   Xapian::QueryParser::FLAG_LOVEHATE;

  // Brute force reads every text once, up front (not timed as part of any query).
  std::vector<std::vector<std::string>> texts;
  bool any_brute = std::any_of(lines.begin(), lines.end(),
                               [](const Line& l) { return l.peer.rfind("brute:", 0) == 0; });
  double load_ms = 0;
  if (any_brute) {
    auto t0 = Clock::now();
    auto store = bates::store::CaseStore::OpenSqlite(dir + "/bates.db", false);
    auto blobs = bates::store::BlobStore::Open(dir + "/blobs");
    if (!store.ok() || !blobs.ok()) return 1;
    bates::Status s = (*store)->ForEachItem(1, INT64_MAX, [&](const bates::store::Item& item) {
      std::string text;
      if (!item.text_blob.empty()) {
        auto t = (*blobs)->GetText(item.text_blob);
        if (t.ok()) text = std::move(t).value();
      }
      texts.push_back(Tokens(text));
      return bates::Status::Ok();
    });
    if (!s.ok()) return 1;
    load_ms = Ms(t0, Clock::now());
  }

  std::printf(
      "| kind | bates query | hits | bates search p50 ms | bates index p50 ms | peer | peer hits | "
      "peer p50 ms |\n");
  std::printf("|---|---|---:|---:|---:|---|---:|---:|\n");
  std::vector<double> all_engine, all_index, core_engine, core_index;
  for (const Line& l : lines) {
    std::vector<double> engine_ms, index_ms;
    uint64_t hits = 0;
    for (int r = 0; r < repeat; ++r) {
      bates::engine::SearchRequest request;
      request.query = l.query;
      request.save = false;
      auto t0 = Clock::now();
      auto report = c.Search(request);
      auto t1 = Clock::now();
      if (!report.ok()) {
        std::fprintf(stderr, "%s: %s\n", l.query.c_str(), report.status().ToString().c_str());
        return 1;
      }
      hits = report->total;
      engine_ms.push_back(Ms(t0, t1));
      auto t2 = Clock::now();
      auto q = bates::search::CompileQuery(l.query, {}, compile_options);
      auto result = (*reader)->Search(*q, bates::index::SearchOptions{});
      index_ms.push_back(Ms(t2, Clock::now()));
      if (!result.ok() || result->total != hits) {
        std::fprintf(stderr, "%s: the index gave another count\n", l.query.c_str());
        return 1;
      }
    }
    std::string peer = "-";
    std::string peer_hits = "-";
    std::string peer_ms = "-";
    if (l.peer.rfind("xapian:", 0) == 0) {
      std::string text = l.peer.substr(7);
      std::vector<double> ms;
      Xapian::doccount n = 0;
      for (int r = 0; r < repeat; ++r) {
        auto t0 = Clock::now();
        Xapian::Enquire enquire(xdb);
        enquire.set_query(qp.parse_query(text, flags));
        Xapian::MSet mset = enquire.get_mset(0, 20, xdb.get_doccount());
        n = mset.get_matches_estimated();
        ms.push_back(Ms(t0, Clock::now()));
      }
      peer = "Xapian `" + text + "`";
      peer_hits = std::to_string(n);
      peer_ms = fmt::format("{:.1f}", Percentile(ms, 0.5));
    } else if (l.peer.rfind("brute:", 0) == 0) {
      std::string spec = l.peer.substr(6);
      auto t0 = Clock::now();
      uint64_t n = 0;
      for (const auto& words : texts) n += BruteMatches(spec, words) ? 1 : 0;
      peer = "scan `" + spec + "`";
      peer_hits = std::to_string(n);
      peer_ms = fmt::format("{:.0f}", Ms(t0, Clock::now()));
    }
    double e50 = Percentile(engine_ms, 0.5), i50 = Percentile(index_ms, 0.5);
    std::printf("| %s | `%s` | %llu | %.1f | %.1f | %s | %s | %s |\n", l.kind.c_str(),
                l.query.c_str(), static_cast<unsigned long long>(hits), e50, i50, peer.c_str(),
                peer_hits.c_str(), peer_ms.c_str());
    std::fflush(stdout);
    all_engine.insert(all_engine.end(), engine_ms.begin(), engine_ms.end());
    all_index.insert(all_index.end(), index_ms.begin(), index_ms.end());
    if (l.kind == "boolean" || l.kind == "proximity") {
      core_engine.insert(core_engine.end(), engine_ms.begin(), engine_ms.end());
      core_index.insert(core_index.end(), index_ms.begin(), index_ms.end());
    }
  }
  std::printf(
      "\nAll %zu queries × %d runs: bates search p50 %.1f ms, p99 %.1f ms; index only p50 "
      "%.1f ms, p99 %.1f ms.\n",
      lines.size(), repeat, Percentile(all_engine, 0.5), Percentile(all_engine, 0.99),
      Percentile(all_index, 0.5), Percentile(all_index, 0.99));
  std::printf(
      "Boolean and proximity queries: bates search p50 %.1f ms, p99 %.1f ms; index only "
      "p50 %.1f ms, p99 %.1f ms.\n",
      Percentile(core_engine, 0.5), Percentile(core_engine, 0.99), Percentile(core_index, 0.5),
      Percentile(core_index, 0.99));
  if (any_brute)
    std::printf("Brute force: reading and splitting every text took %.0f ms (once).\n", load_ms);

  if (terms.size() > 50) terms.resize(50);
  bates::engine::TermsRequest request;
  request.responder = terms;
  request.user = "bench";
  auto t0 = Clock::now();
  auto report = c.Terms(request);
  double terms_ms = Ms(t0, Clock::now());
  if (!report.ok()) {
    std::fprintf(stderr, "terms: %s\n", report.status().ToString().c_str());
    return 1;
  }
  std::printf("Search-term report of %zu terms: %.2f s (any term: %llu documents).\n", terms.size(),
              terms_ms / 1000, static_cast<unsigned long long>(report->lists[0].total.documents));
  return 0;
}
