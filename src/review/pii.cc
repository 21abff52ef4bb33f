#include "review/pii.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "review/email_span.h"
#include "review/pattern_set.h"

namespace bates::review {
namespace {

constexpr std::array<std::string_view, kPiiKindCount> kKindNames = {
    "ssn",      "a_number",     "dob", "phone", "email", "drivers_license",
    "passport", "bank_account", "card"};

// What a pattern finds: a candidate of a kind, or a context word that some kinds need before
// them.
enum class Role { kCandidate, kContext, kNotContext };

struct Spec {
  Role role;
  PiiKind kind;
  const char* expression;  // the pattern's meaning, and what Expressions() gives other tools
  bool caseless;
  // Vectorscan looks only for the '@' and EmailAt expands around it to the same span the
  // expression would match: the expression's unbounded runs made it the scan's dearest pattern.
  bool expand_from_at = false;
};

constexpr const char* kMonths =
    "(January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\.?";

// Candidates first; ids are indexes in this table.
const std::vector<Spec>& Specs() {
  static const std::vector<Spec> kSpecs = {
      {Role::kCandidate, PiiKind::kSsn, "\\b\\d{3}-\\d{2}-\\d{4}\\b", false},
      {Role::kCandidate, PiiKind::kSsn, "\\b\\d{3} \\d{2} \\d{4}\\b", false},
      {Role::kCandidate, PiiKind::kANumber, "\\bA-?\\d{8,9}\\b", false},
      {Role::kCandidate, PiiKind::kANumber, "\\bA-\\d{3}-\\d{3}-\\d{3}\\b", false},
      {Role::kCandidate, PiiKind::kANumber, "\\bA# ?\\d{8,9}\\b", false},
      {Role::kCandidate, PiiKind::kDob,
       "\\b(0?[1-9]|1[0-2])/(0?[1-9]|[12]\\d|3[01])/(19|20)\\d{2}\\b", false},
      {Role::kCandidate, PiiKind::kDob, nullptr, false},  // month-name dates, built below
      {Role::kCandidate, PiiKind::kDob,
       "\\b(19|20)\\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])\\b", false},
      {Role::kCandidate, PiiKind::kPhone, "\\(\\d{3}\\) ?\\d{3}[-.]\\d{4}\\b", false},
      {Role::kCandidate, PiiKind::kPhone, "\\b\\d{3}[-.]\\d{3}[-.]\\d{4}\\b", false},
      {Role::kCandidate, PiiKind::kEmail, kEmailExpression, false, /*expand_from_at=*/true},
      {Role::kCandidate, PiiKind::kDriversLicense, "\\b[A-Z]\\d{7}\\b", false},
      {Role::kCandidate, PiiKind::kPassport, "\\b[A-Z]?\\d{9}\\b", false},
      {Role::kCandidate, PiiKind::kBankAccount, "\\b\\d{8,17}\\b", false},
      {Role::kCandidate, PiiKind::kCard, "\\b\\d{4}[ -]\\d{4}[ -]\\d{4}[ -]\\d{4}\\b", false},
      {Role::kCandidate, PiiKind::kCard, "\\b\\d{4}[ -]\\d{6}[ -]\\d{5}\\b", false},
      {Role::kCandidate, PiiKind::kCard, "\\b\\d{15,16}\\b", false},
      {Role::kContext, PiiKind::kDob, "\\b(dob\\b|d\\.o\\.b|date of birth|birth ?date|born\\b)",
       true},
      {Role::kContext, PiiKind::kPassport, "\\bpassport", true},
      {Role::kContext, PiiKind::kBankAccount, "\\b(account|acct)\\b", true},
      // A routing number follows "routing", not "account": the nearer word decides.
      {Role::kNotContext, PiiKind::kBankAccount, "\\b(routing|aba|transit)\\b", true},
  };
  return kSpecs;
}

std::string ExpressionOf(const Spec& spec) {
  if (spec.expression) return spec.expression;
  return fmt::format("\\b{} \\d{{1,2}}, (19|20)\\d{{2}}\\b", kMonths);
}

// How far before a candidate its context word may end, in bytes: "Date of birth: ", "passport
// number ", "Account number " and a little more.
constexpr uint64_t kContextWindow = 40;

bool NeedsContext(PiiKind kind) {
  return kind == PiiKind::kDob || kind == PiiKind::kPassport || kind == PiiKind::kBankAccount;
}

std::string Digits(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

bool LuhnOk(const std::string& digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

// Rules a value of the kind must follow beyond its shape.
bool Valid(PiiKind kind, std::string_view value) {
  const std::string d = Digits(value);
  switch (kind) {
    case PiiKind::kSsn: {
      // Never issued: area 000, 666 and 900-999; group 00; serial 0000.
      int area = std::stoi(d.substr(0, 3));
      return area != 0 && area != 666 && area < 900 && d.substr(3, 2) != "00" &&
             d.substr(5) != "0000";
    }
    case PiiKind::kPhone:
      // North American numbering: area code and exchange start with 2-9.
      return d.size() == 10 && d[0] >= '2' && d[3] >= '2';
    case PiiKind::kCard:
      return (d.size() == 15 || d.size() == 16) && (d[0] >= '3' && d[0] <= '6') && LuhnOk(d);
    default:
      return true;
  }
}

// Among overlapping candidates the longest wins; at equal length, the earlier kind in this
// order (an SSN before a phone number, a card before a bank account).
int Priority(PiiKind kind) { return static_cast<int>(kind); }

struct Candidate {
  PiiKind kind;
  uint64_t start, end;
};

}  // namespace

std::string_view PiiKindName(PiiKind kind) { return kKindNames[static_cast<size_t>(kind)]; }

Result<PiiKind> ParsePiiKind(std::string_view name) {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) return static_cast<PiiKind>(i);
  }
  return InvalidArgumentError(
      "unknown kind of personal data '{}' (known: ssn, a_number, dob, "
      "phone, email, drivers_license, passport, bank_account, card)",
      name);
}

std::vector<std::pair<std::string, std::string>> PiiScanner::Expressions() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Spec& spec : Specs()) {
    std::string role = spec.role == Role::kCandidate ? ""
                       : spec.role == Role::kContext ? "context:"
                                                     : "not-context:";
    out.emplace_back(role + std::string(PiiKindName(spec.kind)),
                     (spec.caseless ? "(?i)" : "") + ExpressionOf(spec));
  }
  return out;
}

// What one Scan collects before deciding, kept between scans so a scan of many small texts does
// not allocate for each.
struct PiiScanner::Work {
  std::vector<Candidate> candidates, valid, kept;
  // End offsets of context words, per kind; a negative context is recorded with its kind too.
  std::array<std::vector<uint64_t>, kPiiKindCount> context, not_context;
};

PiiScanner::PiiScanner(std::unique_ptr<PatternSet> set)
    : set_(std::move(set)), work_(std::make_unique<Work>()) {}
PiiScanner::~PiiScanner() = default;

Result<std::unique_ptr<PiiScanner>> PiiScanner::Create() {
  std::vector<Pattern> patterns;
  const std::vector<Spec>& specs = Specs();
  for (size_t i = 0; i < specs.size(); ++i) {
    const Spec& spec = specs[i];
    // Only candidates found by their expression need where they start; a context word counts by
    // its end, and an email's '@' is one byte.
    patterns.push_back(Pattern{
        spec.expand_from_at ? "@" : ExpressionOf(spec), static_cast<uint32_t>(i), spec.caseless,
        /*needs_start=*/spec.role == Role::kCandidate && !spec.expand_from_at});
  }
  BATES_ASSIGN_OR_RETURN(std::unique_ptr<PatternSet> set, PatternSet::Compile(patterns));
  return std::unique_ptr<PiiScanner>(new PiiScanner(std::move(set)));
}

Result<std::unique_ptr<PiiScanner>> PiiScanner::Clone() const {
  BATES_ASSIGN_OR_RETURN(std::unique_ptr<PatternSet> set, set_->Clone());
  return std::unique_ptr<PiiScanner>(new PiiScanner(std::move(set)));
}

Result<std::vector<PiiHit>> PiiScanner::Scan(std::string_view text) {
  const std::vector<Spec>& specs = Specs();
  std::vector<Candidate>& candidates = work_->candidates;
  auto& context = work_->context;
  auto& not_context = work_->not_context;
  candidates.clear();
  for (auto& v : context) v.clear();
  for (auto& v : not_context) v.clear();
  BATES_RETURN_IF_ERROR(set_->Scan(text, [&](uint32_t id, uint64_t start, uint64_t end) {
    const Spec& spec = specs[id];
    const size_t k = static_cast<size_t>(spec.kind);
    switch (spec.role) {
      case Role::kCandidate:
        if (spec.expand_from_at) {
          // Each address has one '@', so each is found once.
          if (std::optional<ByteSpan> email = EmailAt(text, end - 1)) {
            candidates.push_back(Candidate{spec.kind, email->start, email->end});
          }
        } else {
          candidates.push_back(Candidate{spec.kind, start, end});
        }
        break;
      case Role::kContext:
        context[k].push_back(end);
        break;
      case Role::kNotContext:
        not_context[k].push_back(end);
        break;
    }
  }));

  // The last context word ending at or before `at`, if within the window.
  auto last_before = [](const std::vector<uint64_t>& ends, uint64_t at) -> int64_t {
    auto it = std::upper_bound(ends.begin(), ends.end(), at);
    if (it == ends.begin()) return -1;
    return static_cast<int64_t>(*std::prev(it));
  };
  for (auto& v : context) std::sort(v.begin(), v.end());
  for (auto& v : not_context) std::sort(v.begin(), v.end());

  // A pattern that can end in several places (an email's domain) reports each: keep the longest
  // match per start.
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end > b.end;
    return Priority(a.kind) < Priority(b.kind);
  });
  std::vector<Candidate>& valid = work_->valid;
  valid.clear();
  // Where the previous candidate of each kind ended: a context word serves only the first
  // candidate after it ("DOB 01/02/1990, arrested 05/06/2017": the second date is no birth date).
  std::array<int64_t, kPiiKindCount> previous_end;
  previous_end.fill(-1);
  for (const Candidate& c : candidates) {
    if (!Valid(c.kind, text.substr(c.start, c.end - c.start))) continue;
    const size_t k = static_cast<size_t>(c.kind);
    if (NeedsContext(c.kind)) {
      int64_t word = last_before(context[k], c.start);
      const int64_t previous = previous_end[k];
      if (static_cast<int64_t>(c.start) >= previous) previous_end[k] = static_cast<int64_t>(c.end);
      if (word < 0 || c.start - static_cast<uint64_t>(word) > kContextWindow) continue;
      if (word < previous) continue;
      if (last_before(not_context[k], c.start) > word) continue;
    }
    valid.push_back(c);
  }
  // Overlaps, candidates being sorted by start: one that overlaps the last kept replaces it when
  // longer, or as long and of a kind earlier in the list.
  std::vector<Candidate>& kept = work_->kept;
  kept.clear();
  for (const Candidate& c : valid) {
    if (!kept.empty() && c.start < kept.back().end) {
      Candidate& last = kept.back();
      const uint64_t last_len = last.end - last.start, len = c.end - c.start;
      if (len > last_len || (len == last_len && Priority(c.kind) < Priority(last.kind))) last = c;
      continue;
    }
    kept.push_back(c);
  }

  // Byte offsets to code points, in one walk: a code point starts at every byte that is not a
  // UTF-8 continuation byte.
  std::vector<PiiHit> hits;
  uint64_t byte = 0, code_point = 0;
  const uint64_t size = text.size();
  auto advance_to = [&](uint64_t target) {
    target = std::min(target, size);
    // Eight bytes at a time: a continuation byte is 10xxxxxx, so its top bit is set and the
    // next bit (shifted up into the top bit's place) is clear.
    for (uint64_t word; byte + 8 <= target; byte += 8) {
      std::memcpy(&word, text.data() + byte, 8);
      // The continuation flags as one bit per byte at the bottom; the multiplication adds the
      // eight bytes up into the top byte (a portable popcount of at most eight).
      const uint64_t continuation = (word & ~(word << 1) & 0x8080808080808080ULL) >> 7;
      code_point += 8 - ((continuation * 0x0101010101010101ULL) >> 56);
    }
    for (; byte < target; ++byte) {
      if ((static_cast<unsigned char>(text[byte]) & 0xC0) != 0x80) ++code_point;
    }
    return code_point;
  };
  for (const Candidate& c : kept) {
    PiiHit h;
    h.kind = c.kind;
    h.start_byte = c.start;
    h.end_byte = c.end;
    h.start = advance_to(c.start);
    h.end = advance_to(c.end);
    hits.push_back(h);
  }
  return hits;
}

}  // namespace bates::review
