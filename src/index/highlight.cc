#include "index/highlight.h"

#include <set>
#include <string>

#include "index/schema.h"

namespace bates::index::internal {
namespace {

// The word part of a body or subject term; empty for other fields' terms.
std::string_view WordOf(std::string_view term) {
  if (term.empty()) return term;
  if (term.front() >= 'a' || static_cast<unsigned char>(term.front()) >= 0x80 ||
      (term.front() >= '0' && term.front() <= '9')) {
    return term;
  }
  if (term.size() > 1 && term.front() == 'S' && !(term[1] >= 'A' && term[1] <= 'Z')) {
    return term.substr(1);
  }
  return {};
}

}  // namespace

std::vector<TextHit> FindHits(const Xapian::Query& highlight, std::string_view text) {
  std::vector<TextHit> hits;
  if (highlight.empty()) return hits;
  std::set<std::string, std::less<>> words;
  for (auto it = highlight.get_unique_terms_begin(); it != highlight.get_unique_terms_end(); ++it) {
    std::string_view word = WordOf(*it);
    if (!word.empty()) words.emplace(word);
  }
  if (words.empty()) return hits;
  uint64_t position = 0;  // code points before `it`
  uint64_t start = 0;
  std::string current;
  auto finish = [&] {
    if (current.empty()) return;
    std::string normalised = schema::Lower(current);
    if (words.count(normalised) > 0) {
      hits.push_back(TextHit{start, position - start, std::move(normalised)});
    }
    current.clear();
  };
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator();
       ++it, ++position) {
    unsigned ch = *it;
    if (Xapian::Unicode::is_wordchar(ch)) {
      if (current.empty()) start = position;
      Xapian::Unicode::append_utf8(current, ch);
    } else {
      finish();
    }
  }
  finish();
  return hits;
}

}  // namespace bates::index::internal
