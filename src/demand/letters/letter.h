// The letters of a demand: each recipient's demand letter, and the drafted escalations (a
// deficiency letter, a subpoena duces tecum) for a recipient whose answer is late or incomplete.
// Each is a TemplateFields built from plain values, rendered through a template (a built-in one
// from templates/, or the user's own) to HTML, and from that HTML to PDF.
//
// Escalations are always drafts: every one is headed "DRAFT — for review by counsel; not sent",
// and nothing here sends anything.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "demand/letters/template.h"
#include "demand/spec.h"

namespace bates::demand::letters {

inline constexpr const char* kDraftBanner = "DRAFT \u2014 for review by counsel; not sent";

// "Friday 23 February 2018".
std::string LongDate(const CivilDate& date);

// The deadline as a letter states it: with a date of service, the computed date ("Friday 23
// February 2018, 23:59 (America/Chicago)"); without one, the rule's wording ("within 30 calendar
// days of service of this letter").
std::string DeadlineWording(const DemandSpec& spec, const Recipient& recipient,
                            const std::optional<CivilDate>& served);

// Fields for a demand letter. Names (see docs/DEMAND.md for the full list): title, issuer,
// legal_basis, letter_date, served, deadline, timeframe_start, timeframe_end, recipient_id,
// recipient_name, recipient_title, agency, grant_number, prime_grantee, has_grant, contacts
// [{contact_name, email, phone, address}], requests [{number, text}], definitions [{term,
// meaning}], has_definitions, instructions [{instruction}], has_instructions, prior_contacts
// [{contact_date, summary}], has_prior_contacts, spec_file.
TemplateFields DemandLetterFields(const DemandSpec& spec, const Recipient& recipient,
                                  const std::optional<CivilDate>& served);

// What an escalation draft is about; plain values so the tracking commands can fill it in.
struct EscalationInput {
  enum class Kind { kDeficiencyLetter, kSubpoenaDucesTecum };
  Kind kind = Kind::kDeficiencyLetter;
  std::string issuer;
  std::string legal_basis;
  std::string title;  // the demand's title
  Recipient recipient;
  std::vector<DemandRequest> outstanding;  // the requests not yet answered in full
  std::vector<std::string> findings;       // "produced 3 days late", "Bates gap CHI0001-0040"
  std::optional<CivilDate> original_deadline;
  std::optional<CivilDate> draft_date;  // the date the draft bears; empty: left blank
};

// Builds the input from a spec: issuer, basis and the outstanding requests by number. An
// unknown request number or recipient id is InvalidArgument naming it.
Result<EscalationInput> EscalationFromSpec(const DemandSpec& spec, std::string_view recipient_id,
                                           const std::vector<int>& outstanding_numbers,
                                           std::vector<std::string> findings,
                                           EscalationInput::Kind kind);

// Fields: draft_banner, kind_title, issuer, legal_basis, title, draft_date, recipient_name,
// recipient_title, agency, grant_number, has_grant, original_deadline, has_original_deadline,
// outstanding [{number, text}], findings [{finding}], has_findings.
TemplateFields EscalationFields(const EscalationInput& input);

// One call for the tracking commands (`bates demand deficiency`): the escalation rendered with
// the built-in template for its kind, or with `template_text` (named `template_name` in errors).
Result<std::string> RenderEscalationHtml(const EscalationInput& input,
                                         std::string_view template_text = {},
                                         std::string_view template_name = {});

// The built-in templates (templates/*.html, compiled in).
enum class BuiltinTemplate { kDemandLetter, kDeficiencyLetter, kSubpoenaDucesTecum };
std::string_view BuiltinTemplateText(BuiltinTemplate which);
std::string_view BuiltinTemplateName(BuiltinTemplate which);  // "demand-letter.html"
BuiltinTemplate EscalationTemplate(EscalationInput::Kind kind);

}  // namespace bates::demand::letters
