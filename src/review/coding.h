// Coding fields: the decisions a reviewer records on an item, their names and their values.
// One list for every matter, so a load file, a privilege log and a production can rely on them:
//
//   responsive       yes | no
//   requests         the numbered requests of the demand the item answers: "1,3"
//   privileged       no, or one or more bases: attorney-client, work-product,
//                    deliberative-process, law-enforcement ("attorney-client,work-product")
//   confidentiality  none | confidential | highly-confidential
//   redact           yes | no   (needs redaction)
//   issues           tags, comma-separated ("training,detainers")
//   description      the privilege log's description of the subject matter, written by a
//                    reviewer (never generated from the document)
//   withhold         yes | no   (withheld from production and logged; the engine requires a
//                    privilege basis and a description first)
//
// An empty value clears the field. Values are normalised (lower case, lists sorted and without
// repeats), so duplicates coded alike compare equal.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace bates::review {

namespace coding_field {
inline constexpr std::string_view kResponsive = "responsive";
inline constexpr std::string_view kRequests = "requests";
inline constexpr std::string_view kPrivileged = "privileged";
inline constexpr std::string_view kConfidentiality = "confidentiality";
inline constexpr std::string_view kRedact = "redact";
inline constexpr std::string_view kIssues = "issues";
inline constexpr std::string_view kDescription = "description";
inline constexpr std::string_view kWithhold = "withhold";
}  // namespace coding_field

struct CodingFieldSpec {
  std::string_view name;
  std::string_view values;  // for help and error messages
};
const std::vector<CodingFieldSpec>& CodingFields();

// The privilege bases, as spelt in values and in the privilege log.
const std::vector<std::string_view>& PrivilegeBases();

// "field=value" → (field, normalised value); InvalidArgument for an unknown field or a value the
// field does not take.
Result<std::pair<std::string, std::string>> ParseCodingAssignment(std::string_view assignment);
Result<std::string> NormalizeCodingValue(std::string_view field, std::string_view value);

// Whether a privileged value names a basis (not empty, not "no").
bool IsPrivileged(std::string_view privileged_value);

// Fields whose values must agree between exact duplicates; a difference is a conflict.
bool MustAgreeAcrossDuplicates(std::string_view field);

}  // namespace bates::review
