// PiiScanner: finds personal data in extracted text in one Vectorscan pass over every pattern.
// Kinds are a fixed list (PiiKindName): ssn, a_number, dob, phone, email, drivers_license,
// passport, bank_account, card. Each hit has its kind and its [start, end) in code points of the
// text, the unit the rest of bates (highlights, redactions) counts in.
// Email addresses are the one kind not matched by their expression in the pass: it finds each
// '@' and EmailAt (email_span.h) expands around it to the same span, several times faster.
//
// A regular expression alone finds too much: every date is not a date of birth, every nine
// digits not a passport. So each candidate is checked after the scan: SSN area/group/serial
// rules, NANP area and exchange codes for phones, the Luhn check for cards; and dates of birth,
// passport and bank account numbers count only after a context word ("DOB", "passport",
// "account") a few characters before them. docs/REVIEW.md has the rules and the measured recall
// and false positives on the built-in example.
//
// Thread safety: Scan is for one thread at a time; Clone() gives another thread its own scanner.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace bates::review {

enum class PiiKind {
  kSsn,
  kANumber,
  kDob,
  kPhone,
  kEmail,
  kDriversLicense,
  kPassport,
  kBankAccount,
  kCard,
};
inline constexpr int kPiiKindCount = 9;

std::string_view PiiKindName(PiiKind kind);  // "ssn", "a_number", ...
Result<PiiKind> ParsePiiKind(std::string_view name);

struct PiiHit {
  PiiKind kind = PiiKind::kSsn;
  uint64_t start = 0;  // code points
  uint64_t end = 0;
  uint64_t start_byte = 0;  // the same span in bytes of the UTF-8 text
  uint64_t end_byte = 0;
};

class PatternSet;

class PiiScanner {
 public:
  static Result<std::unique_ptr<PiiScanner>> Create();
  ~PiiScanner();
  Result<std::unique_ptr<PiiScanner>> Clone() const;

  // Hits in order of start; overlapping candidates are resolved to the longest (an SSN inside a
  // longer number is not reported twice).
  Result<std::vector<PiiHit>> Scan(std::string_view text);

  // Every regular expression of the one pass, as (kind, expression): candidates by kind, context
  // words as "context:<kind>" or "not-context:<kind>"; caseless ones start with (?i). So a
  // benchmark can give another tool the same patterns.
  static std::vector<std::pair<std::string, std::string>> Expressions();

 private:
  explicit PiiScanner(std::unique_ptr<PatternSet> set);
  std::unique_ptr<PatternSet> set_;
  struct Work;
  std::unique_ptr<Work> work_;
};

}  // namespace bates::review
