// Stopping rules for continuous active learning, evaluated on the gain curve (responsive found
// after each review).
//
// - Knee (Cormack and Grossman, "Engineering quality and reliability in technology-assisted
//   review", SIGIR 2016): at the end of a batch, find the knee of the curve (the point farthest
//   above the line from the origin to the current point) and the slope ratio
//   rho = (found_knee / knee) / ((found_now - found_knee + 1) / (now - knee)). Stop once
//   rho >= 156 - min(found_now, 150) and at least 150 documents have been reviewed: the review
//   has flattened out for a long stretch compared with its start.
// - Target (Cormack and Grossman 2015): before the review, draw random documents until a target
//   set of `target` responsive ones is found; stop once the review has found all of them.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace bates::analytics::tar {

// found[i] = responsive documents among the first i+1 reviewed.
using GainCurve = std::vector<uint32_t>;

// Whether the knee rule stops after `reviewed` reviews (a batch end).
bool KneeFires(const GainCurve& curve, size_t reviewed);

// The fewest reviews at which the curve reaches `recall` of `relevant`; nullopt if it never does.
std::optional<size_t> EffortAt(const GainCurve& curve, uint32_t relevant, double recall);

inline constexpr uint32_t kKneeMinReviews = 150;
inline constexpr uint32_t kTargetSize = 10;

}  // namespace bates::analytics::tar
