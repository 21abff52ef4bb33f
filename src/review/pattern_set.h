// PatternSet: many regular expressions matched in one pass over a text, with Vectorscan (the
// review module owns it; its types stay in pattern_set.cc). The personal-data scan and the
// privilege screen's term scan are both a PatternSet.
//
// Each match is reported as (pattern id, start byte, end byte), start being the leftmost start of
// a match ending there (Vectorscan's SOM_LEFTMOST); a pattern that can end at several places
// reports each. A pattern whose caller needs only where matches end (needs_start = false) is
// compiled without start tracking, which Vectorscan does faster; its start is reported as 0.
// Patterns are compiled for byte-wise ASCII semantics (\b, \d, caseless are ASCII): text is UTF-8,
// and every pattern we scan for is ASCII, so a multi-byte character is never a word character and
// never part of a match.
//
// Thread safety: a PatternSet is immutable after Compile, except for its scratch space; Scan is
// for one thread at a time. Clone() gives another thread its own scratch over the same database.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace bates::review {

struct Pattern {
  std::string expression;  // PCRE subset Vectorscan accepts
  uint32_t id = 0;
  bool caseless = false;
  bool needs_start = true;
};

class PatternSet {
 public:
  static Result<std::unique_ptr<PatternSet>> Compile(const std::vector<Pattern>& patterns);
  ~PatternSet();
  PatternSet(const PatternSet&) = delete;
  PatternSet& operator=(const PatternSet&) = delete;

  // Another handle on the same compiled patterns, with its own scratch.
  Result<std::unique_ptr<PatternSet>> Clone() const;

  // Calls `on_match(id, start, end)` for each match, in order of end offset.
  Status Scan(std::string_view text,
              const std::function<void(uint32_t id, uint64_t start, uint64_t end)>& on_match);

  // A literal as a pattern: regex metacharacters escaped, and \b on each end that is a word
  // character, so "ICE" does not match inside "notice".
  static std::string LiteralWord(std::string_view literal);

 private:
  struct Impl;
  explicit PatternSet(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
  struct Scratch;
  std::unique_ptr<Scratch> scratch_;
};

}  // namespace bates::review
