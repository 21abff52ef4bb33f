// `bates tar next` at scale, from a folder of mail files (e.g. the generated million,
// bench/data/gen-1m): builds the feature cache the engine keeps in tar-features.bin from the
// files directly (without collecting them into a case, which this shared 2-core machine cannot
// spare the hours for), writes and re-reads it, then times one round as `tar next` runs it on a
// cached case: read the cache, retrain on `coded` coded documents, score every document, pick a
// batch of 200.
//
// Text: a message's body after its header block, with lines that look like base64 (60+
// characters, no space) left out, standing in for the extracted text `bates add` would store.
// Ground truth for the coded documents: the body contains `phrase` (a planted phrase of the
// generated data).
//
//   tar_maildir_bench DIR [coded=5000] [threads=2] [cache=/tmp/tar-features.bin]
//                     [phrase="chain of custody"]
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "analytics/tar/cal.h"
#include "analytics/tar/feature_cache.h"
#include "core/file.h"

using namespace bates;
using namespace bates::analytics::tar;

namespace {

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

std::string BodyText(std::string_view message) {
  size_t start = message.find("\n\n");
  start = start == std::string_view::npos ? 0 : start + 2;
  std::string out;
  out.reserve(message.size() - start);
  while (start < message.size()) {
    size_t end = message.find('\n', start);
    if (end == std::string_view::npos) end = message.size();
    std::string_view line = message.substr(start, end - start);
    if (!(line.size() >= 60 && line.find(' ') == std::string_view::npos)) {
      out.append(line);
      out.push_back('\n');
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: tar_maildir_bench DIR [coded] [threads] [cache] [phrase]\n");
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  const size_t coded = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 5000;
  const unsigned threads = argc > 3 ? static_cast<unsigned>(std::strtoul(argv[3], nullptr, 10)) : 2;
  const std::filesystem::path cache_path = argc > 4 ? argv[4] : "/tmp/tar-features.bin";
  const std::string phrase = argc > 5 ? argv[5] : "chain of custody";

  auto t = std::chrono::steady_clock::now();
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  const size_t n = files.size();
  std::printf("files %zu: listed in %.1f s\n", n, Since(t));
  std::fflush(stdout);

  t = std::chrono::steady_clock::now();
  std::vector<SparseVector> counts(n);
  std::vector<char> truth(n, 0);
  std::atomic<size_t> next{0}, bytes{0}, failed{0};
  std::vector<std::thread> pool;
  for (unsigned w = 0; w < std::max(1u, threads); ++w) {
    pool.emplace_back([&] {
      for (size_t i; (i = next.fetch_add(1)) < n;) {
        Result<std::string> raw = ReadFile(files[i], 64u << 20);
        if (!raw.ok()) {
          failed.fetch_add(1);
          continue;
        }
        bytes.fetch_add(raw->size());
        const std::string body = BodyText(*raw);
        truth[i] = body.find(phrase) != std::string::npos ? 1 : 0;
        counts[i] = TermCounts(body);
      }
    });
  }
  for (std::thread& th : pool) th.join();
  const double read_s = Since(t);
  FeatureCache cache;
  cache.distinct_of.resize(n);
  for (size_t i = 0; i < n; ++i) {
    cache.space.AddDocument(counts[i]);
    cache.distinct_of[i] = static_cast<uint32_t>(i);
  }
  for (SparseVector& c : counts) c = cache.space.Weigh(c);
  cache.distinct = std::move(counts);
  size_t responsive = 0;
  for (char c : truth) responsive += c;
  std::printf(
      "features: %.1f s (read + tokenise %.1f s, %.2f GB, %u threads, %zu unreadable); "
      "%zu contain \"%s\"\n",
      Since(t), read_s, static_cast<double>(bytes.load()) / 1e9, threads, failed.load(), responsive,
      phrase.c_str());
  std::fflush(stdout);

  t = std::chrono::steady_clock::now();
  const std::string encoded = EncodeFeatureCache(cache);
  if (Status s = WriteFileAtomic(cache_path, encoded); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  std::printf("cache written: %.1f s, %.2f GB\n", Since(t),
              static_cast<double>(encoded.size()) / 1e9);
  cache = FeatureCache{};

  // The round, as `tar next` runs it on a cached case.
  t = std::chrono::steady_clock::now();
  Result<MappedFile> mapped = MappedFile::Open(cache_path);
  Result<FeatureCache> loaded = mapped.ok() ? DecodeFeatureCache(mapped->bytes()) : mapped.status();
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str());
    return 1;
  }
  // Every document has its own text here, so each vector moves (the engine copies duplicates).
  std::vector<SparseVector> docs(n);
  for (size_t i = 0; i < n; ++i) docs[i] = std::move(loaded->distinct[loaded->distinct_of[i]]);
  const double load_s = Since(t);
  std::vector<Coding> coding(n, Coding::kUnreviewed);
  std::mt19937_64 rng(1);
  for (size_t k = 0; k < coded && k < n; ++k) {
    const size_t i = k * (n / std::min(coded, n));
    coding[i] = truth[i] ? Coding::kYes : Coding::kNo;
  }
  const std::vector<SparseVector> seeds = {loaded->space.Weigh(TermCounts(phrase))};
  const auto t_round = std::chrono::steady_clock::now();
  auto scores = TrainAndScore(docs, seeds, coding, CalOptions{}, rng);
  if (!scores.ok()) {
    std::fprintf(stderr, "%s\n", scores.status().ToString().c_str());
    return 1;
  }
  const std::vector<size_t> batch = TopUnreviewed(*scores, coding, 200);
  const double round_s = Since(t_round);
  size_t hits = 0;
  for (size_t d : batch) hits += truth[d];
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "round: load cache %.1f s + train on %zu coded, score %zu, pick 200: %.1f s = %.1f s; "
      "batch holds %zu with the phrase; peak RSS %.1f GB\n",
      load_s, coded, n, round_s, load_s + round_s, hits,
      static_cast<double>(usage.ru_maxrss) / 1e6);
  return 0;
}
