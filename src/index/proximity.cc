#include "index/proximity.h"

#include <algorithm>
#include <map>
#include <utility>

namespace bates::index::internal {
namespace {

using Docids = std::vector<Xapian::docid>;

// The terms of a side that is one word or an OR of single words, or false.
bool SingleWords(const Pattern& pattern, std::vector<std::string>& terms) {
  switch (pattern.kind) {
    case Pattern::Kind::kSequence:
      if (pattern.slots.size() != 1) return false;
      terms.insert(terms.end(), pattern.slots[0].begin(), pattern.slots[0].end());
      return true;
    case Pattern::Kind::kOr:
      return std::all_of(pattern.children.begin(), pattern.children.end(),
                         [&terms](const Pattern& child) { return SingleWords(child, terms); });
    case Pattern::Kind::kNear:
      return false;
  }
  return false;
}

Xapian::Query AnyOf(const std::vector<std::string>& terms) {
  if (terms.empty()) return Xapian::Query::MatchNothing;
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Docids Union(std::vector<Docids> lists) {
  Docids out;
  for (Docids& list : lists) out.insert(out.end(), list.begin(), list.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Docids Intersect(const Docids& a, const Docids& b) {
  Docids out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

Docids Postings(const Xapian::Database& db, const std::vector<std::string>& terms) {
  std::vector<Docids> lists;
  for (const std::string& term : terms) {
    Docids list;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) list.push_back(*it);
    lists.push_back(std::move(list));
  }
  return Union(std::move(lists));
}

// Documents that hold every term the pattern needs: a superset of where it occurs.
Docids Candidates(const Xapian::Database& db, const Pattern& pattern) {
  switch (pattern.kind) {
    case Pattern::Kind::kSequence: {
      if (pattern.slots.empty()) return {};
      Docids out = Postings(db, pattern.slots[0]);
      for (size_t i = 1; i < pattern.slots.size() && !out.empty(); ++i) {
        out = Intersect(out, Postings(db, pattern.slots[i]));
      }
      return out;
    }
    case Pattern::Kind::kOr: {
      std::vector<Docids> lists;
      for (const Pattern& child : pattern.children) lists.push_back(Candidates(db, child));
      return Union(std::move(lists));
    }
    case Pattern::Kind::kNear: {
      Docids left = Candidates(db, pattern.children[0]);
      if (pattern.negated || left.empty()) return left;
      return Intersect(left, Candidates(db, pattern.children[1]));
    }
  }
  return {};
}

// Occurrences of a proximity pattern, found by reading position lists. Xapian gives init() each
// shard of a sharded database in turn, with that shard's own document ids.
class ProximitySource final : public Xapian::PostingSource {
 public:
  explicit ProximitySource(Pattern pattern) : pattern_(std::move(pattern)) {}

  Xapian::PostingSource* clone() const override { return new ProximitySource(pattern_); }

  void init(const Xapian::Database& db) override {
    matches_.clear();
    position_ = 0;
    started_ = false;
    std::map<std::string, std::vector<uint32_t>> cache;
    for (Xapian::docid did : Candidates(db, pattern_)) {
      cache.clear();
      auto positions_of = [&](const std::string& term) -> const std::vector<uint32_t>& {
        auto [it, inserted] = cache.try_emplace(term);
        if (inserted) {
          try {
            for (auto p = db.positionlist_begin(did, term); p != db.positionlist_end(did, term);
                 ++p) {
              it->second.push_back(*p);
            }
          } catch (const Xapian::RangeError&) {
            // The term is not in this document: no positions.
          }
        }
        return it->second;
      };
      if (!Occurrences(pattern_, positions_of).empty()) matches_.push_back(did);
    }
  }

  Xapian::doccount get_termfreq_min() const override { return Count(); }
  Xapian::doccount get_termfreq_est() const override { return Count(); }
  Xapian::doccount get_termfreq_max() const override { return Count(); }

  void next(double) override {
    if (started_) {
      ++position_;
    } else {
      started_ = true;
    }
  }
  void skip_to(Xapian::docid did, double) override {
    started_ = true;
    auto from = matches_.begin() + static_cast<std::ptrdiff_t>(position_);
    position_ = static_cast<size_t>(std::lower_bound(from, matches_.end(), did) - matches_.begin());
  }
  bool at_end() const override { return started_ && position_ >= matches_.size(); }
  Xapian::docid get_docid() const override { return matches_[position_]; }
  std::string get_description() const override { return "ProximitySource()"; }

 private:
  Xapian::doccount Count() const { return static_cast<Xapian::doccount>(matches_.size()); }

  Pattern pattern_;
  Docids matches_;
  size_t position_ = 0;
  bool started_ = false;
};

}  // namespace

Xapian::Query ProximityQuery(const Pattern& near) {
  std::vector<std::string> left, right;
  if (!near.negated && SingleWords(near.children[0], left) &&
      SingleWords(near.children[1], right)) {
    std::sort(left.begin(), left.end());
    std::sort(right.begin(), right.end());
    bool shared =
        std::find_first_of(left.begin(), left.end(), right.begin(), right.end()) != left.end();
    if (left.empty() || right.empty()) return Xapian::Query::MatchNothing;
    // Xapian wants distinct terms on each side to keep positions apart; a word on both sides
    // ("ice w/3 ice") goes to the position checker instead.
    if (!shared) {
      Xapian::Query sides[] = {AnyOf(left), AnyOf(right)};
      return Xapian::Query(near.ordered ? Xapian::Query::OP_PHRASE : Xapian::Query::OP_NEAR,
                           std::begin(sides), std::end(sides), near.distance + 1);
    }
  }
  return Xapian::Query((new ProximitySource(near))->release());
}

void CollectTerms(const Pattern& pattern, std::vector<std::string>& terms) {
  for (const auto& slot : pattern.slots) terms.insert(terms.end(), slot.begin(), slot.end());
  for (size_t i = 0; i < pattern.children.size(); ++i) {
    // What "not near" excludes is not a hit.
    if (pattern.kind == Pattern::Kind::kNear && pattern.negated && i == 1) break;
    CollectTerms(pattern.children[i], terms);
  }
}

}  // namespace bates::index::internal
