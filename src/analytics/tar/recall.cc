#include "analytics/tar/recall.h"

#include <algorithm>
#include <cmath>

namespace bates::analytics::tar {
namespace {

// P(X <= k) for X ~ Binomial(n, p), summed in log space so n in the tens of thousands is fine.
double BinomialCdf(uint64_t k, uint64_t n, double p) {
  if (k >= n) return 1.0;
  if (p <= 0) return 1.0;
  if (p >= 1) return 0.0;
  const double lp = std::log(p), lq = std::log1p(-p);
  const double ln = std::lgamma(static_cast<double>(n) + 1);
  double sum = 0;
  for (uint64_t i = 0; i <= k; ++i) {
    const double di = static_cast<double>(i);
    const double lt = ln - std::lgamma(di + 1) - std::lgamma(static_cast<double>(n - i) + 1) +
                      di * lp + static_cast<double>(n - i) * lq;
    sum += std::exp(lt);
  }
  return std::min(sum, 1.0);
}

// The p in [0, 1] where the decreasing function f crosses `target` (bisection: exact to 1e-12).
template <typename F>
double Solve(F f, double target) {
  double lo = 0, hi = 1;
  for (int i = 0; i < 60; ++i) {
    const double mid = (lo + hi) / 2;
    if (f(mid) > target) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return (lo + hi) / 2;
}

}  // namespace

Interval ClopperPearson(uint64_t k, uint64_t n, double confidence) {
  Interval out;
  if (n == 0) return out;
  const double alpha = 1 - confidence;
  // Lower: P(X >= k | p) = alpha/2, i.e. P(X <= k-1 | p) = 1 - alpha/2 (decreasing in p).
  out.low = k == 0 ? 0.0 : Solve([&](double p) { return BinomialCdf(k - 1, n, p); }, 1 - alpha / 2);
  // Upper: P(X <= k | p) = alpha/2.
  out.high = k >= n ? 1.0 : Solve([&](double p) { return BinomialCdf(k, n, p); }, alpha / 2);
  return out;
}

double NormalQuantile(double p) {
  double lo = -40, hi = 40;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    if (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return (lo + hi) / 2;
}

uint64_t ElusionSampleSize(double margin, double confidence, double expected, uint64_t population) {
  const double z = NormalQuantile(1 - (1 - confidence) / 2);
  double n0 = z * z * expected * (1 - expected) / (margin * margin);
  if (population > 0) {
    const double big_n = static_cast<double>(population);
    n0 = n0 / (1 + (n0 - 1) / big_n);
  }
  uint64_t n = static_cast<uint64_t>(std::ceil(n0 - 1e-9));
  n = std::max<uint64_t>(n, 1);
  return population > 0 ? std::min(n, population) : n;
}

RecallEstimate EstimateRecall(uint64_t found, uint64_t remainder, uint64_t sample,
                              uint64_t responsive_in_sample, double confidence) {
  RecallEstimate e;
  const auto recall_at = [&](double rate) {
    const double missed = rate * static_cast<double>(remainder);
    const double f = static_cast<double>(found);
    return f + missed > 0 ? f / (f + missed) : 1.0;
  };
  if (sample == 0) {
    e.recall = recall_at(0);
    e.recall_low = remainder == 0 ? e.recall : recall_at(1);
    e.recall_high = 1;
    return e;
  }
  e.elusion = static_cast<double>(responsive_in_sample) / static_cast<double>(sample);
  const Interval rate = ClopperPearson(responsive_in_sample, sample, confidence);
  e.recall = recall_at(e.elusion);
  e.recall_low = recall_at(rate.high);
  e.recall_high = recall_at(rate.low);
  return e;
}

}  // namespace bates::analytics::tar
