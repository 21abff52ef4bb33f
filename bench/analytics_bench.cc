// Benchmark of the analytics core (src/analytics) on the generated maildirs of `make bench-data`:
// near-duplicate grouping (MinHash + LSH banding) of N messages, email threading of N messages,
// and the recall of the banding against exact all-pairs Jaccard on a sample with planted edits.
// It reads the mail files directly (a small header parser below, good enough for the generator's
// plain MIME), so the figure is the analytics, not collection: `bates analyze` on a collected
// case does the same work on text read from the store.
//
//   analytics_bench neardup DIR [--limit N] [--threads T] [--replicate R]
//   analytics_bench thread  DIR [--limit N] [--replicate R]
//
// --replicate R makes R items of each message: for near-duplicates the copies are the message's
// words shuffled (same lengths and vocabulary, other shingles); for threading every id gets a
// suffix (disjoint conversations of the same shapes). It stands in for a larger generated
// collection when there is no time to generate one (tools/bench-data.sh 1m takes 5-40 minutes).
//   analytics_bench recall  DIR [--sample N]
//
// Prints one JSON object: phases in seconds, peak resident memory (getrusage), counts.
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "analytics/inclusive.h"
#include "analytics/minhash.h"
#include "analytics/neardup.h"
#include "analytics/threading.h"
#include "analytics/words.h"
#include "core/text.h"
#include "core/time.h"

namespace fs = std::filesystem;
using namespace bates;
using namespace bates::analytics;

namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

double PeakMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

std::vector<fs::path> ListMessages(const fs::path& dir, size_t limit) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().parent_path().filename() == "cur")
      files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  if (limit > 0 && files.size() > limit) files.resize(limit);
  return files;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Parsed {
  std::map<std::string, std::string> headers;  // lower-case name → unfolded value
  std::string body;                            // the text/plain part
};

// RFC 822 headers, then the first text/plain part of a multipart body (or the whole body).
Parsed Parse(const std::string& raw) {
  Parsed p;
  size_t end = raw.find("\n\n");
  if (end == std::string::npos) end = raw.size();
  std::string name;
  size_t i = 0;
  while (i < end) {
    size_t eol = raw.find('\n', i);
    if (eol == std::string::npos || eol > end) eol = end;
    std::string_view line(raw.data() + i, eol - i);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      if (!name.empty()) p.headers[name] += " " + std::string(TrimAscii(line));
    } else if (size_t colon = line.find(':'); colon != std::string_view::npos) {
      name = AsciiLower(line.substr(0, colon));
      p.headers[name] = std::string(TrimAscii(line.substr(colon + 1)));
    }
    i = eol + 1;
  }
  std::string body = end + 2 <= raw.size() ? raw.substr(end + 2) : std::string();
  const std::string& type = p.headers["content-type"];
  size_t b = type.find("boundary=");
  if (b == std::string::npos) {
    p.body = std::move(body);
    return p;
  }
  std::string boundary = type.substr(b + 9);
  if (!boundary.empty() && boundary.front() == '"') {
    boundary = boundary.substr(1, boundary.find('"', 1) - 1);
  } else {
    boundary = boundary.substr(0, boundary.find_first_of("; "));
  }
  size_t part = body.find("--" + boundary);
  while (part != std::string::npos) {
    size_t head_end = body.find("\n\n", part);
    if (head_end == std::string::npos) break;
    std::string head = AsciiLower(body.substr(part, head_end - part));
    size_t next = body.find("--" + boundary, head_end);
    if (head.find("text/plain") != std::string::npos &&
        head.find("attachment") == std::string::npos) {
      p.body = body.substr(head_end + 2,
                           next == std::string::npos ? std::string::npos : next - head_end - 2);
      return p;
    }
    part = next;
  }
  return p;
}

std::vector<std::string> SplitIds(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while ((i = s.find('<', i)) != std::string::npos) {
    size_t j = s.find('>', i);
    if (j == std::string::npos) break;
    out.push_back(s.substr(i + 1, j - i - 1));
    i = j + 1;
  }
  return out;
}

// "Sun, 16 Apr 2017 13:15:58 -0700" → UTC seconds (the generator's form; nullopt otherwise).
std::optional<int64_t> ParseDate(std::string_view s) {
  static constexpr std::string_view kMonths = "janfebmaraprmayjunjulaugsepoctnovdec";
  if (size_t comma = s.find(','); comma != std::string_view::npos) s.remove_prefix(comma + 1);
  std::istringstream in{std::string(s)};
  int day = 0, year = 0, h = 0, m = 0, sec = 0;
  std::string month, time, zone;
  if (!(in >> day >> month >> year >> time >> zone)) return std::nullopt;
  if (std::sscanf(time.c_str(), "%d:%d:%d", &h, &m, &sec) < 2) return std::nullopt;
  size_t mi = kMonths.find(AsciiLower(month.substr(0, 3)));
  if (mi == std::string_view::npos || zone.size() != 5) return std::nullopt;
  int offset = std::stoi(zone.substr(1, 2)) * 60 + std::stoi(zone.substr(3, 2));
  if (zone[0] == '-') offset = -offset;
  CivilDateTime t{{year, static_cast<int>(mi / 3) + 1, day}, h, m, sec};
  return UnixSecondsFromCivil(t) - int64_t{offset} * 60;
}

// Runs fn(index) for 0..n-1 on `threads` threads.
template <typename Fn>
void ParallelFor(size_t n, int threads, Fn&& fn) {
  std::atomic<size_t> next{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < std::max(1, threads); ++t) {
    workers.emplace_back([&] {
      for (size_t i; (i = next.fetch_add(1)) < n;) fn(i);
    });
  }
  for (auto& w : workers) w.join();
}

// The words of `text` in an order drawn from `seed`: the same length and vocabulary, other
// shingles (a stand-in for another message when a collection is replicated).
std::string Shuffled(const std::string& text, uint64_t seed) {
  std::vector<std::string_view> words;
  ForEachWord(text, [&words](std::string_view w) { words.push_back(w); });
  std::mt19937_64 rng(seed);
  std::shuffle(words.begin(), words.end(), rng);
  std::string out;
  out.reserve(text.size());
  for (std::string_view w : words) {
    out.append(w);
    out.push_back(' ');
  }
  return out;
}

int NearDup(const fs::path& dir, size_t limit, int threads, size_t replicate) {
  auto t0 = Clock::now();
  std::vector<fs::path> files = ListMessages(dir, limit);
  double list_s = Since(t0);
  MinHasher hasher;
  SignatureTable table(hasher.permutations());
  const size_t rows = files.size() * replicate;
  table.Resize(rows);
  std::vector<char> ok(rows, 0);
  std::atomic<uint64_t> bytes{0};
  auto t1 = Clock::now();
  ParallelFor(files.size(), threads, [&](size_t i) {
    std::string raw = ReadAll(files[i]);
    bytes += raw.size();
    Parsed p = Parse(raw);
    std::vector<uint32_t> sig(hasher.permutations());
    for (size_t c = 0; c < replicate; ++c) {
      const size_t row = i * replicate + c;
      size_t words = 0;
      std::string text = c == 0 ? p.body : Shuffled(p.body, row);
      if (hasher.Sign(text, sig.data(), &words)) {
        std::copy(sig.begin(), sig.end(), table.Set(row, static_cast<int64_t>(row) + 1, words));
        ok[row] = 1;
      }
    }
  });
  // Rows without a signature would be compared as all-max: keep only signed ones, moving rows
  // down in place (a second table would double the memory).
  size_t signed_count = 0;
  for (size_t i = 0; i < rows; ++i) {
    if (!ok[i]) continue;
    if (signed_count != i) {
      const int64_t id = table.id(i);
      const uint64_t length = table.length(i);
      std::vector<uint32_t> row(table.row(i), table.row(i) + table.width());
      std::copy(row.begin(), row.end(), table.Set(signed_count, id, length));
    }
    ++signed_count;
  }
  table.Resize(signed_count);
  double sign_s = Since(t1);
  auto t2 = Clock::now();
  NearDupOptions options;
  options.threads = threads;
  NearDupStats stats;
  std::vector<NearGroup> groups = GroupNearDuplicates(table, options, &stats);
  double group_s = Since(t2);
  size_t members = 0;
  for (const NearGroup& g : groups) members += g.members.size();
  std::printf(
      "{\"bench\": \"neardup\", \"files\": %zu, \"replicate\": %zu, \"items\": %zu, \"signed\": "
      "%zu,"
      " \"bytes\": %llu, \"threads\": %d,"
      " \"list_s\": %.1f, \"read_parse_sign_s\": %.1f, \"group_s\": %.1f, \"total_s\": %.1f,"
      " \"groups\": %zu, \"grouped_items\": %zu, \"candidate_pairs\": %llu, \"peak_mib\": %.0f}\n",
      files.size(), replicate, rows, signed_count, static_cast<unsigned long long>(bytes.load()),
      threads, list_s, sign_s, group_s, Since(t0), groups.size(), members,
      static_cast<unsigned long long>(stats.candidate_pairs), PeakMiB());
  return 0;
}

int Thread(const fs::path& dir, size_t limit, int threads, size_t replicate) {
  auto t0 = Clock::now();
  std::vector<fs::path> files = ListMessages(dir, limit);
  std::vector<MessageHeaders> headers(files.size());
  const size_t n_files = files.size();
  auto t1 = Clock::now();
  ParallelFor(files.size(), threads, [&](size_t i) {
    Parsed p = Parse(ReadAll(files[i]));
    MessageHeaders& m = headers[i];
    m.id = static_cast<int64_t>(i) + 1;
    m.message_id = p.headers["message-id"];
    m.in_reply_to = p.headers["in-reply-to"];
    m.references = SplitIds(p.headers["references"]);
    m.subject = p.headers["subject"];
    m.sent_utc = ParseDate(p.headers["date"]);
  });
  // Copies 1..replicate-1 of the collection: every id suffixed, so each copy is a disjoint set of
  // conversations of the same shapes.
  headers.reserve(n_files * replicate);
  for (size_t c = 1; c < replicate; ++c) {
    const std::string suffix = "." + std::to_string(c);
    for (size_t i = 0; i < n_files; ++i) {
      MessageHeaders m = headers[i];
      m.id = static_cast<int64_t>(c * n_files + i) + 1;
      if (!m.message_id.empty()) m.message_id += suffix;
      if (!m.in_reply_to.empty()) m.in_reply_to += suffix;
      for (std::string& r : m.references) r += suffix;
      headers.push_back(std::move(m));
    }
  }
  double read_s = Since(t1);
  auto t2 = Clock::now();
  std::vector<ThreadPlace> places = BuildThreads(headers);
  double thread_s = Since(t2);
  // Inclusiveness: the texts of threads of two or more messages, read again thread by thread.
  auto t3 = Clock::now();
  std::map<int64_t, std::vector<size_t>> threads_of;
  for (size_t i = 0; i < places.size(); ++i) {
    if (places[i].size > 1 && places[i].message == places[i].id) {
      threads_of[places[i].thread].push_back(i);
    }
  }
  std::vector<const std::vector<size_t>*> lists;
  for (auto& [id, list] : threads_of) lists.push_back(&list);
  std::atomic<size_t> inclusive{0}, compared{0};
  ParallelFor(lists.size(), threads, [&](size_t k) {
    std::vector<ThreadMessage> messages;
    for (size_t i : *lists[k]) {
      messages.push_back({places[i].position, Parse(ReadAll(files[i % n_files])).body, {}});
    }
    compared += messages.size();
    for (bool b : MarkInclusive(messages)) inclusive += b ? 1 : 0;
  });
  double inclusive_s = Since(t3);
  size_t max_size = 0;
  for (const ThreadPlace& p : places) max_size = std::max<size_t>(max_size, p.size);
  std::printf(
      "{\"bench\": \"thread\", \"messages\": %zu, \"threads\": %d, \"read_headers_s\": %.1f,"
      " \"jwz_s\": %.2f, \"inclusive_s\": %.1f, \"total_s\": %.1f, \"conversations\": %zu,"
      " \"messages_in_conversations\": %zu, \"inclusive\": %zu, \"largest\": %zu,"
      " \"peak_mib\": %.0f}\n",
      headers.size(), threads, read_s, thread_s, inclusive_s, Since(t0), lists.size(),
      compared.load(), inclusive.load(), max_size, PeakMiB());
  return 0;
}

double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  size_t i = 0, j = 0, same = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++same, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  size_t uni = a.size() + b.size() - same;
  return uni == 0 ? 0 : static_cast<double>(same) / static_cast<double>(uni);
}

// Edits `words` of a text: replaces `n` consecutive words from a random place.
std::string Edit(const std::string& text, size_t n, std::mt19937& rng) {
  std::vector<std::string> words;
  ForEachWord(text, [&words](std::string_view w) { words.emplace_back(w); });
  if (words.size() < n + 2) return text;
  size_t at = std::uniform_int_distribution<size_t>(0, words.size() - n - 1)(rng);
  for (size_t k = 0; k < n; ++k) words[at + k] = "edited" + std::to_string(k);
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

int Recall(const fs::path& dir, size_t sample, int threads) {
  // The sample: the first sample*0.9 messages, plus edited copies of some of them (one word,
  // a sentence, a paragraph), so that pairs exist at every similarity.
  std::vector<fs::path> files = ListMessages(dir, sample - sample / 10);
  std::vector<std::string> texts(files.size());
  ParallelFor(files.size(), threads, [&](size_t i) { texts[i] = Parse(ReadAll(files[i])).body; });
  std::mt19937 rng(5);
  const size_t base = texts.size();
  for (size_t k = 0; texts.size() < sample; ++k) {
    const std::string& original = texts[(k * 7919) % base];
    static constexpr size_t kEdits[] = {1, 3, 8, 15, 25, 40, 60};
    texts.push_back(Edit(original, kEdits[k % 7], rng));
  }
  MinHasher hasher;
  SignatureTable table(hasher.permutations());
  table.Resize(texts.size());
  std::vector<std::vector<uint64_t>> sets(texts.size());
  ParallelFor(texts.size(), threads, [&](size_t i) {
    size_t words = 0;
    hasher.Sign(texts[i], table.Set(i, static_cast<int64_t>(i), 0), &words);
    table.Set(i, static_cast<int64_t>(i), words);
    sets[i] = hasher.Shingles(texts[i]);
  });
  // Exact all-pairs Jaccard: every pair sharing a shingle is a candidate and is measured
  // exactly; a pair sharing none has Jaccard 0. Shingles held by more than kMaxDf texts (the
  // fictional-record marker) are not used to find candidates: a pair of similarity >= 0.5 shares
  // far more shingles than any text holds frequent ones (counted below), so none is missed.
  auto t0 = Clock::now();
  constexpr size_t kMaxDf = 64;
  std::vector<std::pair<uint64_t, uint32_t>> postings;
  for (size_t i = 0; i < sets.size(); ++i) {
    for (uint64_t h : sets[i]) postings.push_back({h, static_cast<uint32_t>(i)});
  }
  std::sort(postings.begin(), postings.end());
  std::unordered_map<uint64_t, uint32_t> shared;  // pair → shared rare shingles
  std::vector<uint32_t> frequent(sets.size(), 0);
  for (size_t i = 0; i < postings.size();) {
    size_t j = i;
    while (j < postings.size() && postings[j].first == postings[i].first) ++j;
    if (j - i > kMaxDf) {
      for (size_t k = i; k < j; ++k) ++frequent[postings[k].second];
    } else {
      for (size_t a = i; a < j; ++a) {
        for (size_t b = a + 1; b < j; ++b) {
          uint64_t key = (uint64_t{postings[a].second} << 32) | postings[b].second;
          ++shared[key];
        }
      }
    }
    i = j;
  }
  uint32_t max_frequent = *std::max_element(frequent.begin(), frequent.end());
  std::vector<std::pair<uint64_t, double>> similar;  // pair → exact Jaccard, >= 0.5
  for (const auto& [key, count] : shared) {
    const auto a = static_cast<uint32_t>(key >> 32), b = static_cast<uint32_t>(key);
    double j = Jaccard(sets[a], sets[b]);
    if (j >= 0.5) similar.push_back({key, j});
  }
  double exact_s = Since(t0);

  auto t1 = Clock::now();
  NearDupOptions options;
  options.threads = threads;
  std::vector<NearGroup> groups = GroupNearDuplicates(table, options);
  double lsh_s = Since(t1);
  std::unordered_map<int64_t, int64_t> group_of;
  for (const NearGroup& g : groups) {
    for (const auto& m : g.members) group_of[m.id] = g.pivot;
  }
  // Pairs the banding makes candidates: they share a whole band.
  auto candidates = [&](uint32_t a, uint32_t b) {
    for (int band = 0; band < options.bands; ++band) {
      const uint32_t* x = table.row(a) + band * options.rows;
      const uint32_t* y = table.row(b) + band * options.rows;
      if (std::equal(x, x + options.rows, y)) return true;
    }
    return false;
  };
  // Recall by similarity bin: of the pairs at that exact Jaccard, how many the banding made
  // candidates, and how many ended in one group (a pair can be split when the greedy pivot of
  // one member is not similar enough to the other).
  struct Bin {
    size_t pairs = 0, candidates = 0, grouped = 0;
  };
  std::map<int, Bin> bins;  // 50, 60, ..., 90, 95
  size_t true_pairs = 0, true_candidates = 0, true_grouped = 0;
  for (const auto& [key, j] : similar) {
    const auto a = static_cast<uint32_t>(key >> 32), b = static_cast<uint32_t>(key);
    int bin = j >= 0.95 ? 95 : static_cast<int>(j * 10) * 10;
    Bin& x = bins[bin];
    ++x.pairs;
    bool c = candidates(a, b);
    auto ga = group_of.find(a), gb = group_of.find(b);
    bool g = ga != group_of.end() && gb != group_of.end() && ga->second == gb->second;
    x.candidates += c;
    x.grouped += g;
    if (j >= 0.9) {
      ++true_pairs;
      true_candidates += c;
      true_grouped += g;
    }
  }
  // Precision of the groups: pairs in one group whose exact Jaccard is below the threshold.
  size_t group_pairs = 0, below = 0;
  for (const NearGroup& g : groups) {
    for (size_t x = 0; x < g.members.size(); ++x) {
      for (size_t y = x + 1; y < g.members.size(); ++y) {
        ++group_pairs;
        auto a = static_cast<size_t>(g.members[x].id), b = static_cast<size_t>(g.members[y].id);
        if (Jaccard(sets[a], sets[b]) < 0.85) ++below;
      }
    }
  }
  std::printf(
      "{\"bench\": \"recall\", \"sample\": %zu, \"exact_all_pairs_s\": %.1f,"
      " \"lsh_group_s\": %.2f, \"max_frequent_shingles_per_text\": %u,"
      " \"pairs_at_0.9\": %zu, \"banding_recall_at_0.9\": %.4f,"
      " \"grouped_recall_at_0.9\": %.4f, \"group_pairs\": %zu,"
      " \"group_pairs_below_0.85\": %zu, \"bins\": {",
      texts.size(), exact_s, lsh_s, max_frequent, true_pairs,
      true_pairs ? static_cast<double>(true_candidates) / true_pairs : 1.0,
      true_pairs ? static_cast<double>(true_grouped) / true_pairs : 1.0, group_pairs, below);
  bool first = true;
  for (const auto& [bin, x] : bins) {
    std::printf("%s\"%.2f\": {\"pairs\": %zu, \"candidates\": %zu, \"grouped\": %zu}",
                first ? "" : ", ", bin / 100.0, x.pairs, x.candidates, x.grouped);
    first = false;
  }
  std::printf("}, \"peak_mib\": %.0f}\n", PeakMiB());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: %s neardup|thread|recall DIR [--limit N] [--sample N] "
                 "[--threads T]\n",
                 argv[0]);
    return 2;
  }
  std::string mode = argv[1];
  fs::path dir = argv[2];
  size_t limit = 0, sample = 20000, replicate = 1;
  int threads = 2;
  for (int i = 3; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--limit") limit = std::stoull(argv[i + 1]);
    if (flag == "--sample") sample = std::stoull(argv[i + 1]);
    if (flag == "--threads") threads = std::stoi(argv[i + 1]);
    if (flag == "--replicate") replicate = std::max<size_t>(1, std::stoull(argv[i + 1]));
  }
  if (mode == "neardup") return NearDup(dir, limit, threads, replicate);
  if (mode == "thread") return Thread(dir, limit, threads, replicate);
  if (mode == "recall") return Recall(dir, sample, threads);
  std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
  return 2;
}
