#include "review/pattern_set.h"

#include <hs/hs.h>

#include <cctype>
#include <limits>

namespace bates::review {

struct PatternSet::Impl {
  hs_database_t* db = nullptr;
  ~Impl() { hs_free_database(db); }
};

struct PatternSet::Scratch {
  hs_scratch_t* scratch = nullptr;
  ~Scratch() { hs_free_scratch(scratch); }
};

PatternSet::PatternSet(std::shared_ptr<Impl> impl)
    : impl_(std::move(impl)), scratch_(std::make_unique<Scratch>()) {}

PatternSet::~PatternSet() = default;

Result<std::unique_ptr<PatternSet>> PatternSet::Compile(const std::vector<Pattern>& patterns) {
  if (patterns.empty()) return InvalidArgumentError("no pattern to compile");
  std::vector<const char*> expressions;
  std::vector<unsigned> flags, ids;
  for (const Pattern& p : patterns) {
    expressions.push_back(p.expression.c_str());
    flags.push_back((p.needs_start ? HS_FLAG_SOM_LEFTMOST : 0u) |
                    (p.caseless ? HS_FLAG_CASELESS : 0u));
    ids.push_back(p.id);
  }
  auto impl = std::make_shared<Impl>();
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                       static_cast<unsigned>(patterns.size()), HS_MODE_BLOCK, nullptr, &impl->db,
                       &error) != HS_SUCCESS) {
    std::string message = error ? error->message : "unknown error";
    int index = error ? error->expression : -1;
    hs_free_compile_error(error);
    return InvalidArgumentError(
        "pattern {} cannot be compiled: {}",
        index >= 0 ? patterns[static_cast<size_t>(index)].expression : std::string("?"), message);
  }
  auto set = std::unique_ptr<PatternSet>(new PatternSet(std::move(impl)));
  if (hs_alloc_scratch(set->impl_->db, &set->scratch_->scratch) != HS_SUCCESS) {
    return ResourceExhaustedError("cannot allocate Vectorscan scratch space");
  }
  return set;
}

Result<std::unique_ptr<PatternSet>> PatternSet::Clone() const {
  auto set = std::unique_ptr<PatternSet>(new PatternSet(impl_));
  if (hs_alloc_scratch(impl_->db, &set->scratch_->scratch) != HS_SUCCESS) {
    return ResourceExhaustedError("cannot allocate Vectorscan scratch space");
  }
  return set;
}

namespace {

using MatchFn = std::function<void(uint32_t, uint64_t, uint64_t)>;

int OnMatch(unsigned id, unsigned long long from, unsigned long long to, unsigned /*flags*/,
            void* context) {
  (*static_cast<const MatchFn*>(context))(id, from, to);
  return 0;  // go on
}

}  // namespace

Status PatternSet::Scan(std::string_view text, const MatchFn& on_match) {
  // Block mode takes an unsigned length. Item size limits (core/limits.h) keep texts far below.
  if (text.size() > std::numeric_limits<unsigned>::max()) {
    return ResourceExhaustedError("a text of {} bytes is too long to scan", text.size());
  }
  hs_error_t rc = hs_scan(impl_->db, text.data(), static_cast<unsigned>(text.size()), 0,
                          scratch_->scratch, OnMatch, const_cast<MatchFn*>(&on_match));
  if (rc != HS_SUCCESS) return InternalError("Vectorscan scan failed ({})", rc);
  return Status::Ok();
}

std::string PatternSet::LiteralWord(std::string_view literal) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  std::string out;
  if (!literal.empty() && word(literal.front())) out += "\\b";
  for (char c : literal) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '_') {
      out += c;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      // Non-ASCII bytes match themselves; written as \xHH so the pattern stays ASCII.
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[static_cast<unsigned char>(c) >> 4];
      out += kHex[static_cast<unsigned char>(c) & 15];
    } else {
      out += '\\';
      out += c;
    }
  }
  if (!literal.empty() && word(literal.back())) out += "\\b";
  return out;
}

}  // namespace bates::review
