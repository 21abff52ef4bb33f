#include "analytics/neardup.h"

#include <algorithm>
#include <numeric>
#include <thread>

#include "core/hash.h"

namespace bates::analytics {
namespace {

struct BucketEntry {
  uint64_t key;
  uint32_t row;
  bool operator<(const BucketEntry& o) const { return key != o.key ? key < o.key : row < o.row; }
};

// The sorted buckets of one band: entries with equal keys are candidates of one another.
std::vector<BucketEntry> BandBuckets(const SignatureTable& table, int band, int rows) {
  std::vector<BucketEntry> entries(table.size());
  const size_t offset = static_cast<size_t>(band) * static_cast<size_t>(rows);
  const size_t bytes = static_cast<size_t>(rows) * sizeof(uint32_t);
  for (size_t r = 0; r < table.size(); ++r) {
    std::string_view band_bytes(reinterpret_cast<const char*>(table.row(r) + offset), bytes);
    entries[r] = {Xxh3_64(band_bytes, static_cast<uint64_t>(band)), static_cast<uint32_t>(r)};
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

}  // namespace

uint32_t* SignatureTable::Add(int64_t id, uint64_t length) {
  ids_.push_back(id);
  lengths_.push_back(length);
  values_.resize(values_.size() + width_);
  return values_.data() + values_.size() - width_;
}

void SignatureTable::Reserve(size_t rows) {
  ids_.reserve(rows);
  lengths_.reserve(rows);
  values_.reserve(rows * width_);
}

void SignatureTable::Resize(size_t rows) {
  ids_.resize(rows);
  lengths_.resize(rows);
  values_.resize(rows * width_);
}

uint32_t* SignatureTable::Set(size_t row, int64_t id, uint64_t length) {
  ids_[row] = id;
  lengths_[row] = length;
  return values_.data() + row * width_;
}

std::vector<NearGroup> GroupNearDuplicates(const SignatureTable& table,
                                           const NearDupOptions& options, NearDupStats* stats) {
  const int bands = std::max(1, options.bands);
  const int rows = std::max(1, options.rows);
  const size_t n = table.size();
  if (n < 2 || static_cast<size_t>(bands * rows) != table.width()) return {};

  // Bands are independent: build them on several threads.
  std::vector<std::vector<BucketEntry>> buckets(static_cast<size_t>(bands));
  {
    const int threads = std::clamp(options.threads, 1, bands);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        for (int b = t; b < bands; b += threads) {
          buckets[static_cast<size_t>(b)] = BandBuckets(table, b, rows);
        }
      });
    }
    for (std::thread& w : workers) w.join();
  }
  // Each row's key in each band, to find its bucket again.
  std::vector<uint64_t> keys(n * static_cast<size_t>(bands));
  for (size_t b = 0; b < buckets.size(); ++b) {
    for (const BucketEntry& e : buckets[b]) keys[e.row * static_cast<size_t>(bands) + b] = e.key;
  }

  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&table](uint32_t x, uint32_t y) {
    if (table.length(x) != table.length(y)) return table.length(x) > table.length(y);
    return table.id(x) < table.id(y);
  });

  std::vector<char> grouped(n, 0);
  std::vector<uint32_t> seen_mark(n, UINT32_MAX);  // pivot that last looked at a row
  std::vector<NearGroup> groups;
  uint64_t compared = 0;
  const size_t width = table.width();
  for (uint32_t pivot : order) {
    if (grouped[pivot]) continue;
    NearGroup group;
    group.pivot = table.id(pivot);
    std::vector<uint32_t> member_rows;
    for (size_t b = 0; b < buckets.size(); ++b) {
      const std::vector<BucketEntry>& band = buckets[b];
      const uint64_t key = keys[pivot * static_cast<size_t>(bands) + b];
      auto it = std::lower_bound(band.begin(), band.end(), BucketEntry{key, 0});
      for (; it != band.end() && it->key == key; ++it) {
        const uint32_t other = it->row;
        if (other == pivot || grouped[other] || seen_mark[other] == pivot) continue;
        seen_mark[other] = pivot;
        ++compared;
        double s = EstimateSimilarity(table.row(pivot), table.row(other), width);
        if (s + 1e-9 >= options.threshold) {
          group.members.push_back({table.id(other), s});
          member_rows.push_back(other);
        }
      }
    }
    if (group.members.empty()) continue;
    grouped[pivot] = 1;
    for (uint32_t r : member_rows) grouped[r] = 1;
    std::sort(group.members.begin(), group.members.end(),
              [](const NearGroup::Member& x, const NearGroup::Member& y) { return x.id < y.id; });
    group.members.insert(group.members.begin(), {table.id(pivot), 1.0});
    groups.push_back(std::move(group));
  }
  if (stats != nullptr) stats->candidate_pairs = compared;
  std::sort(groups.begin(), groups.end(),
            [](const NearGroup& x, const NearGroup& y) { return x.pivot < y.pivot; });
  return groups;
}

}  // namespace bates::analytics
