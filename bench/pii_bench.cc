// Personal-data scan throughput (bench/pii_bench.py): the review module's PiiScanner over the
// files of a generated collection, one file as one item's text, on one thread. Prints one JSON
// line; with --patterns FILE also writes the scan's regular expressions, one per line, for
// ripgrep (`rg -f FILE`) to run the same patterns.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "review/pii.h"

namespace fs = std::filesystem;
using bates::review::PiiScanner;

int main(int argc, char** argv) {
  std::vector<fs::path> roots;
  std::string patterns_out;
  size_t limit = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--patterns" && i + 1 < argc) {
      patterns_out = argv[++i];
    } else if (a == "--limit" && i + 1 < argc) {
      limit = std::stoul(argv[++i]);
    } else {
      roots.emplace_back(a);
    }
  }
  if (!patterns_out.empty()) {
    std::ofstream out(patterns_out);
    for (const auto& [kind, expression] : PiiScanner::Expressions()) out << expression << "\n";
  }
  std::vector<fs::path> files;
  for (const fs::path& root : roots) {
    if (fs::is_regular_file(root)) {
      files.push_back(root);
      continue;
    }
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (e.is_regular_file()) files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  if (limit > 0 && files.size() > limit) files.resize(limit);
  auto scanner = PiiScanner::Create();
  if (!scanner.ok()) {
    std::fprintf(stderr, "%s\n", scanner.status().ToString().c_str());
    return 1;
  }
  using Clock = std::chrono::steady_clock;
  Clock::duration scan{};
  const auto started = Clock::now();
  uint64_t bytes = 0, hits = 0;
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bytes += text.size();
    const auto t0 = Clock::now();
    auto found = (*scanner)->Scan(text);
    scan += Clock::now() - t0;
    if (!found.ok()) {
      std::fprintf(stderr, "%s: %s\n", f.c_str(), found.status().ToString().c_str());
      return 1;
    }
    hits += found->size();
  }
  const double wall = std::chrono::duration<double>(Clock::now() - started).count();
  const double scan_s = std::chrono::duration<double>(scan).count();
  std::printf(
      "{\"files\": %zu, \"bytes\": %llu, \"hits\": %llu, \"seconds\": %.3f, \"scan_seconds\": "
      "%.3f, \"mb_per_s\": %.1f, \"scan_mb_per_s\": %.1f}\n",
      files.size(), static_cast<unsigned long long>(bytes), static_cast<unsigned long long>(hits),
      wall, scan_s, bytes / 1e6 / wall, bytes / 1e6 / scan_s);
  return 0;
}
