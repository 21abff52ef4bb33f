#include "analytics/tar/classifier.h"

#include <linear.h>

#include <algorithm>
#include <mutex>

namespace bates::analytics::tar {
namespace {

void Quiet(const char*) {}

}  // namespace

double LinearModel::Score(const SparseVector& x) const {
  double s = 0;
  for (const auto& [slot, v] : x) s += weights[slot] * v;
  return s;
}

Result<LinearModel> Train(const std::vector<TrainingExample>& examples, double cost) {
  static std::once_flag quiet;
  std::call_once(quiet, [] { set_print_string_function(&Quiet); });
  bool pos = false, neg = false;
  size_t nodes = 0;
  for (const TrainingExample& e : examples) {
    (e.positive ? pos : neg) = true;
    nodes += e.x->size() + 1;
  }
  if (!pos || !neg) {
    return InvalidArgumentError("training needs responsive and non-responsive examples");
  }
  // liblinear's solver works over every feature index up to n, so the slots the examples use
  // are renumbered densely (1-based, as liblinear wants): a round then costs what its examples
  // hold, not the 2^20 slots of the hashed space.
  std::vector<uint32_t> used;
  used.reserve(nodes);
  for (const TrainingExample& e : examples) {
    for (const auto& [slot, v] : *e.x) used.push_back(slot);
  }
  std::sort(used.begin(), used.end());
  used.erase(std::unique(used.begin(), used.end()), used.end());
  const auto dense = [&](uint32_t slot) {
    return static_cast<int>(std::lower_bound(used.begin(), used.end(), slot) - used.begin()) + 1;
  };
  std::vector<feature_node> pool;
  pool.reserve(nodes);
  std::vector<feature_node*> rows;
  std::vector<double> y;
  for (const TrainingExample& e : examples) {
    rows.push_back(pool.data() + pool.size());
    for (const auto& [slot, v] : *e.x) pool.push_back({dense(slot), v});
    pool.push_back({-1, 0});
    y.push_back(e.positive ? 1 : -1);
  }
  problem prob{};
  prob.l = static_cast<int>(examples.size());
  prob.n = static_cast<int>(used.size());
  prob.y = y.data();
  prob.x = rows.data();
  prob.bias = -1;
  // The classes are balanced by weight, as BMI's pairwise (ROC) training balances them: a review
  // has few responsive examples among many presumed non-responsive ones, and unweighted, the
  // model mostly learns what the negatives look like.
  size_t positives = 0;
  for (const TrainingExample& e : examples) positives += e.positive ? 1 : 0;
  int labels[] = {1, -1};
  double weights[] = {static_cast<double>(examples.size() - positives) / positives, 1.0};
  parameter param{};
  param.solver_type = L2R_LR;
  param.C = cost;
  param.nr_weight = 2;
  param.weight_label = labels;
  param.weight = weights;
  param.eps = 0.01;
  param.p = 0.1;
  if (const char* err = check_parameter(&prob, &param)) {
    return InternalError("liblinear: {}", err);
  }
  model* m = train(&prob, &param);
  if (m == nullptr) return InternalError("liblinear could not train");
  LinearModel out;
  out.weights.assign(kFeatureSlots, 0.0);
  // For two classes liblinear keeps one weight vector, positive for its first label.
  const double sign = m->label[0] == 1 ? 1.0 : -1.0;
  for (int i = 0; i < m->nr_feature && i < static_cast<int>(used.size()); ++i) {
    out.weights[used[static_cast<size_t>(i)]] = sign * m->w[i];
  }
  free_and_destroy_model(&m);
  return out;
}

}  // namespace bates::analytics::tar
