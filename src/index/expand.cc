#include "index/expand.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "index/xapian_internal.h"

namespace bates::index::internal {
namespace {

std::u32string CodePoints(std::string_view utf8) {
  std::u32string out;
  for (Xapian::Utf8Iterator it(utf8.data(), utf8.size()); it != Xapian::Utf8Iterator(); ++it) {
    out.push_back(static_cast<char32_t>(*it));
  }
  return out;
}

bool Match(const std::u32string& p, size_t pi, const std::u32string& w, size_t wi) {
  // Iterative with one backtrack point for the last '*': linear for the patterns people type.
  size_t star = std::u32string::npos, star_w = 0;
  while (wi < w.size()) {
    if (pi < p.size() && (p[pi] == U'?' || p[pi] == w[wi])) {
      ++pi;
      ++wi;
    } else if (pi < p.size() && p[pi] == U'*') {
      star = pi++;
      star_w = wi;
    } else if (star != std::u32string::npos) {
      pi = star + 1;
      wi = ++star_w;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == U'*') ++pi;
  return pi == p.size();
}

// Terms of other fields share the list: a field's words never start with an upper-case ASCII
// letter (prefixes are upper case; Xapian lower-cases words).
bool OtherField(std::string_view rest) {
  return !rest.empty() && rest.front() >= 'A' && rest.front() <= 'Z';
}

}  // namespace

bool WildcardMatches(std::string_view pattern, std::string_view word) {
  return Match(CodePoints(pattern), 0, CodePoints(word), 0);
}

uint32_t EditDistance(std::string_view a_utf8, std::string_view b_utf8, uint32_t limit) {
  std::u32string a = CodePoints(a_utf8), b = CodePoints(b_utf8);
  size_t diff = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (diff > limit) return limit + 1;
  std::vector<uint32_t> row(b.size() + 1), next(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<uint32_t>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    next[0] = static_cast<uint32_t>(i);
    uint32_t best = next[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      uint32_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      next[j] = std::min({row[j] + 1, next[j - 1] + 1, row[j - 1] + cost});
      best = std::min(best, next[j]);
    }
    if (best > limit) return limit + 1;
    std::swap(row, next);
  }
  return std::min(row[b.size()], limit + 1);
}

template <typename MatchFn>
std::vector<std::string> Expander::Scan(std::string_view prefix, std::string_view start,
                                        std::string_view what, MatchFn&& match) {
  std::vector<std::string> terms;
  std::string from = std::string(prefix) + std::string(start);
  for (auto it = db_.allterms_begin(from); it != db_.allterms_end(from); ++it) {
    std::string term = *it;
    std::string_view rest = std::string_view(term).substr(prefix.size());
    if (rest.empty() || OtherField(rest) || !match(rest)) continue;
    if (terms.size() == kMaxExpansion) {
      throw ExpansionError(
          fmt::format("{} matches more than {} different words in the index; make it more specific",
                      what, kMaxExpansion));
    }
    terms.push_back(std::move(term));
  }
  return terms;
}

std::vector<std::string> Expander::Wildcard(std::string_view prefix, std::string_view pattern) {
  size_t literal = pattern.find_first_of("*?");
  std::string_view start = pattern.substr(0, literal);
  std::u32string p = CodePoints(pattern);
  return Scan(prefix, start, fmt::format("wildcard '{}'", pattern),
              [&p](std::string_view word) { return Match(p, 0, CodePoints(word), 0); });
}

std::vector<std::string> Expander::Fuzzy(std::string_view prefix, std::string_view word,
                                         uint32_t distance, size_t fixed) {
  std::string_view start = word.substr(0, std::min(fixed, word.size()));
  return Scan(prefix, start, fmt::format("fuzzy word '{}'", word),
              [word, distance](std::string_view term) {
                return EditDistance(word, term, distance) <= distance;
              });
}

std::vector<std::string> Expander::Stemmed(std::string_view prefix, std::string_view word) {
  thread_local Xapian::Stem stemmer(kStemmerLanguage);
  std::string stem = stemmer(std::string(word));
  // Words sharing a stem share its start, all but perhaps the last letter ("happy", "happiness"
  // → "happi").
  std::string start = stem.size() > 3 ? stem.substr(0, stem.size() - 1) : stem;
  return Scan(prefix, start, fmt::format("stemmed word '{}~'", word),
              [&stem](std::string_view term) { return stemmer(std::string(term)) == stem; });
}

}  // namespace bates::index::internal
