#include "review/coding.h"

#include <algorithm>
#include <set>

#include "core/text.h"

namespace bates::review {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string> SplitList(std::string_view value) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= value.size()) {
    size_t comma = value.find(',', at);
    if (comma == std::string_view::npos) comma = value.size();
    std::string_view piece = TrimAscii(value.substr(at, comma - at));
    if (!piece.empty()) out.emplace_back(piece);
    at = comma + 1;
  }
  return out;
}

std::string Join(const std::set<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ",") + v;
  return out;
}

Result<std::string> OneOf(std::string_view field, std::string_view value,
                          std::initializer_list<std::string_view> allowed) {
  std::string v = Lower(value);
  for (std::string_view a : allowed) {
    if (v == a) return v;
  }
  std::string list;
  for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  return InvalidArgumentError("{} takes {}, not '{}'", field, list, value);
}

}  // namespace

const std::vector<CodingFieldSpec>& CodingFields() {
  static const std::vector<CodingFieldSpec> kFields = {
      {coding_field::kResponsive, "yes|no"},
      {coding_field::kRequests, "request numbers, e.g. 1,3"},
      {coding_field::kPrivileged,
       "no, or attorney-client, work-product, deliberative-process, law-enforcement (several "
       "with commas)"},
      {coding_field::kConfidentiality, "none|confidential|highly-confidential"},
      {coding_field::kRedact, "yes|no"},
      {coding_field::kIssues, "tags, e.g. training,detainers"},
      {coding_field::kDescription, "the privilege log's description (free text)"},
      {coding_field::kWithhold, "yes|no"},
  };
  return kFields;
}

const std::vector<std::string_view>& PrivilegeBases() {
  static const std::vector<std::string_view> kBases = {"attorney-client", "work-product",
                                                       "deliberative-process", "law-enforcement"};
  return kBases;
}

Result<std::string> NormalizeCodingValue(std::string_view field, std::string_view raw) {
  std::string_view value = TrimAscii(raw);
  if (value.empty()) return std::string();
  if (field == coding_field::kResponsive || field == coding_field::kRedact ||
      field == coding_field::kWithhold) {
    return OneOf(field, value, {"yes", "no"});
  }
  if (field == coding_field::kConfidentiality) {
    return OneOf(field, value, {"none", "confidential", "highly-confidential"});
  }
  if (field == coding_field::kRequests) {
    std::set<int> numbers;
    for (const std::string& piece : SplitList(value)) {
      int n = 0;
      bool digits =
          !piece.empty() && piece.size() < 6 &&
          std::all_of(piece.begin(), piece.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (digits) n = std::stoi(piece);
      if (n < 1) return InvalidArgumentError("requests are numbers from 1, not '{}'", piece);
      numbers.insert(n);
    }
    std::string out;
    for (int n : numbers) out += (out.empty() ? "" : ",") + std::to_string(n);
    return out;
  }
  if (field == coding_field::kPrivileged) {
    std::vector<std::string> pieces = SplitList(Lower(value));
    if (pieces.size() == 1 && pieces[0] == "no") return std::string("no");
    std::set<std::string> bases;
    for (const std::string& piece : pieces) {
      const auto& known = PrivilegeBases();
      if (std::find(known.begin(), known.end(), piece) == known.end()) {
        return InvalidArgumentError(
            "privileged takes no, or attorney-client, work-product, deliberative-process, "
            "law-enforcement; not '{}'",
            piece);
      }
      bases.insert(piece);
    }
    return Join(bases);
  }
  if (field == coding_field::kIssues) {
    std::set<std::string> tags;
    for (const std::string& piece : SplitList(Lower(value))) tags.insert(piece);
    return Join(tags);
  }
  if (field == coding_field::kDescription) return std::string(value);
  std::string names;
  for (const CodingFieldSpec& f : CodingFields())
    names += (names.empty() ? "" : ", ") + std::string(f.name);
  return InvalidArgumentError("unknown coding field '{}' (known: {})", field, names);
}

Result<std::pair<std::string, std::string>> ParseCodingAssignment(std::string_view assignment) {
  size_t eq = assignment.find('=');
  if (eq == std::string_view::npos) {
    return InvalidArgumentError("'{}' is not FIELD=VALUE", assignment);
  }
  std::string field = Lower(TrimAscii(assignment.substr(0, eq)));
  BATES_ASSIGN_OR_RETURN(std::string value, NormalizeCodingValue(field, assignment.substr(eq + 1)));
  return std::make_pair(std::move(field), std::move(value));
}

bool IsPrivileged(std::string_view value) { return !value.empty() && value != "no"; }

bool MustAgreeAcrossDuplicates(std::string_view field) {
  return field == coding_field::kResponsive || field == coding_field::kPrivileged ||
         field == coding_field::kConfidentiality || field == coding_field::kWithhold ||
         field == coding_field::kRedact;
}

}  // namespace bates::review
