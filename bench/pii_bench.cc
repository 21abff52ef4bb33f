// Personal-data scan throughput (bench/pii_bench.py): the review module's PiiScanner over the
// files of a generated collection, one file as one item's text, on one thread. Prints one JSON
// line; with --patterns FILE also writes the scan's regular expressions, one per line, for
// ripgrep (`rg -f FILE`) to run the same patterns.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "review/pii.h"

namespace fs = std::filesystem;
using bates::review::PiiScanner;

namespace {

bool ReadWhole(const std::string& path, std::string& out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0;
  out.resize(ok ? static_cast<size_t>(st.st_size) : 0);
  size_t done = 0;
  while (ok && done < out.size()) {
    const ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n <= 0) {
      ok = n == 0;
      out.resize(done);  // the file shrank while being read
      break;
    }
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  return ok;
}

}  // namespace

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
  // Paths as strings: sorting a million fs::path (compared component by component) cost more
  // than a fifth of the run.
  std::vector<std::string> files;
  for (const fs::path& root : roots) {
    if (fs::is_regular_file(root)) {
      files.push_back(root.native());
      continue;
    }
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (e.is_regular_file()) files.push_back(e.path().native());
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
  // One buffer for every file, read with one read() per file as ripgrep does: reading through
  // an istream iterator, a byte at a time, cost twice the scan.
  std::string text;
  for (const std::string& f : files) {
    if (!ReadWhole(f, text)) {
      std::fprintf(stderr, "%s: cannot read\n", f.c_str());
      return 1;
    }
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
