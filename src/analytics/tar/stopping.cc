#include "analytics/tar/stopping.h"

#include <algorithm>
#include <cmath>

namespace bates::analytics::tar {

bool KneeFires(const GainCurve& curve, size_t reviewed) {
  if (reviewed < kKneeMinReviews || reviewed > curve.size()) return false;
  const double s = static_cast<double>(reviewed);
  const double found = curve[reviewed - 1];
  if (found == 0) return false;
  // The knee: the point farthest above the chord from (0, 0) to (s, found). The distance is
  // proportional to found_i * s - i * found, so no square roots are needed.
  size_t knee = 0;
  double best = -1;
  for (size_t i = 1; i <= reviewed; ++i) {
    const double d = curve[i - 1] * s - static_cast<double>(i) * found;
    if (d > best) {
      best = d;
      knee = i;
    }
  }
  if (knee == 0 || knee >= reviewed) return false;
  const double k = static_cast<double>(knee);
  const double before = curve[knee - 1] / k;
  const double after = (found - curve[knee - 1] + 1) / (s - k);
  const double rho = before / after;
  return rho >= 156 - std::min(found, 150.0);
}

std::optional<size_t> EffortAt(const GainCurve& curve, uint32_t relevant, double recall) {
  if (relevant == 0) return std::nullopt;
  const auto need = static_cast<uint32_t>(std::ceil(recall * relevant - 1e-9));
  auto it = std::lower_bound(curve.begin(), curve.end(), need);
  if (it == curve.end()) return std::nullopt;
  return static_cast<size_t>(it - curve.begin()) + 1;
}

}  // namespace bates::analytics::tar
