#include "demand/letters/letter.h"

#include <fmt/format.h>

#include <chrono>

#include "demand/calendar.h"

namespace bates::demand::letters {

std::string LongDate(const CivilDate& date) {
  static constexpr const char* kDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                          "Thursday", "Friday", "Saturday"};
  static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  std::chrono::year_month_day ymd{std::chrono::year(date.year),
                                  std::chrono::month(static_cast<unsigned>(date.month)),
                                  std::chrono::day(static_cast<unsigned>(date.day))};
  if (!ymd.ok() || date.month < 1 || date.month > 12) return date.ToString();
  std::chrono::weekday weekday{std::chrono::sys_days(ymd)};
  return fmt::format("{} {} {} {}", kDays[weekday.c_encoding()], date.day, kMonths[date.month - 1],
                     date.year);
}

std::string DeadlineWording(const DemandSpec& spec, const Recipient& recipient,
                            const std::optional<CivilDate>& served) {
  const DeadlineRule& rule = spec.deadline;
  std::string zone = recipient.time_zone.empty() ? "" : fmt::format(" ({})", recipient.time_zone);
  if (rule.kind == DeadlineRule::Kind::kFixedDate && rule.date) {
    return fmt::format("{}, 23:59{}", LongDate(*rule.date), zone);
  }
  if (served) {
    return fmt::format("{}, 23:59{}", LongDate(ComputeDeadline(*served, rule).date), zone);
  }
  return fmt::format("within {} {} days of service of this letter (23:59{})", rule.days,
                     rule.kind == DeadlineRule::Kind::kBusinessDays ? "business" : "calendar",
                     recipient.time_zone.empty() ? "" : " " + recipient.time_zone);
}

TemplateFields DemandLetterFields(const DemandSpec& spec, const Recipient& r,
                                  const std::optional<CivilDate>& served) {
  TemplateFields f;
  f.Set("title", spec.title.empty() ? "Demand for records" : spec.title);
  f.Set("issuer", spec.issuer);
  f.Set("legal_basis", spec.legal_basis);
  f.Set("letter_date", served ? LongDate(*served) : "[date of service]");
  f.Set("served", served ? served->ToString() : "");
  f.Set("deadline", DeadlineWording(spec, r, served));
  f.Set("timeframe_start", LongDate(spec.timeframe.start));
  f.Set("timeframe_end", LongDate(spec.timeframe.end));
  f.Set("recipient_id", r.id);
  f.Set("recipient_name", r.name);
  f.Set("recipient_title", r.title);
  f.Set("agency", r.agency);
  f.Set("grant_number", r.grant_number);
  f.Set("prime_grantee", r.prime_grantee);
  f.SetFlag("has_grant", !r.grant_number.empty());
  f.Set("spec_file", spec.source_path);
  f.DeclareList("contacts", {"contact_name", "email", "phone", "address"});
  for (const Contact& c : r.contacts) {
    TemplateFields& item = f.AddItem("contacts");
    item.Set("contact_name", c.name);
    item.Set("email", c.email);
    item.Set("phone", c.phone);
    item.Set("address", c.address);
  }
  f.DeclareList("requests", {"number", "text"});
  for (const DemandRequest& q : spec.requests) {
    TemplateFields& item = f.AddItem("requests");
    item.Set("number", std::to_string(q.number));
    item.Set("text", q.text);
  }
  f.DeclareList("definitions", {"term", "meaning"});
  for (const auto& [term, meaning] : spec.definitions) {
    TemplateFields& item = f.AddItem("definitions");
    item.Set("term", term);
    item.Set("meaning", meaning);
  }
  f.SetFlag("has_definitions", !spec.definitions.empty());
  f.DeclareList("instructions", {"instruction"});
  for (const std::string& text : spec.instructions)
    f.AddItem("instructions").Set("instruction", text);
  f.SetFlag("has_instructions", !spec.instructions.empty());
  f.DeclareList("prior_contacts", {"contact_date", "summary"});
  for (const PriorContact& p : r.history) {
    TemplateFields& item = f.AddItem("prior_contacts");
    item.Set("contact_date", LongDate(p.date));
    item.Set("summary", p.summary);
  }
  f.SetFlag("has_prior_contacts", !r.history.empty());
  return f;
}

Result<EscalationInput> EscalationFromSpec(const DemandSpec& spec, std::string_view recipient_id,
                                           const std::vector<int>& outstanding_numbers,
                                           std::vector<std::string> findings,
                                           EscalationInput::Kind kind) {
  const Recipient* r = spec.FindRecipient(recipient_id);
  if (!r) {
    return NotFoundError("{}: no recipient '{}' in the spec", spec.source_path, recipient_id);
  }
  EscalationInput in;
  in.kind = kind;
  in.issuer = spec.issuer;
  in.legal_basis = spec.legal_basis;
  in.title = spec.title;
  in.recipient = *r;
  in.findings = std::move(findings);
  for (int n : outstanding_numbers) {
    const DemandRequest* q = spec.FindRequest(n);
    if (!q) {
      std::string known;
      for (const DemandRequest& x : spec.requests)
        known += (known.empty() ? "" : ", ") + std::to_string(x.number);
      return InvalidArgumentError("request {} is not in the demand (its requests: {})", n, known);
    }
    in.outstanding.push_back(*q);
  }
  if (spec.deadline.kind == DeadlineRule::Kind::kFixedDate)
    in.original_deadline = spec.deadline.date;
  return in;
}

TemplateFields EscalationFields(const EscalationInput& in) {
  TemplateFields f;
  f.Set("draft_banner", kDraftBanner);
  f.Set("kind_title", in.kind == EscalationInput::Kind::kSubpoenaDucesTecum
                          ? "Subpoena duces tecum"
                          : "Notice of deficient response");
  f.Set("issuer", in.issuer);
  f.Set("legal_basis", in.legal_basis);
  f.Set("title", in.title.empty() ? "Demand for records" : in.title);
  f.Set("draft_date", in.draft_date ? LongDate(*in.draft_date) : "[date]");
  f.Set("recipient_name", in.recipient.name);
  f.Set("recipient_title", in.recipient.title);
  f.Set("agency", in.recipient.agency);
  f.Set("grant_number", in.recipient.grant_number);
  f.SetFlag("has_grant", !in.recipient.grant_number.empty());
  f.Set("original_deadline", in.original_deadline ? LongDate(*in.original_deadline) : "");
  f.SetFlag("has_original_deadline", in.original_deadline.has_value());
  f.DeclareList("outstanding", {"number", "text"});
  for (const DemandRequest& q : in.outstanding) {
    TemplateFields& item = f.AddItem("outstanding");
    item.Set("number", std::to_string(q.number));
    item.Set("text", q.text);
  }
  f.DeclareList("findings", {"finding"});
  for (const std::string& text : in.findings) f.AddItem("findings").Set("finding", text);
  f.SetFlag("has_findings", !in.findings.empty());
  return f;
}

Result<std::string> RenderEscalationHtml(const EscalationInput& input,
                                         std::string_view template_text,
                                         std::string_view template_name) {
  if (template_text.empty()) {
    BuiltinTemplate builtin = EscalationTemplate(input.kind);
    template_text = BuiltinTemplateText(builtin);
    template_name = BuiltinTemplateName(builtin);
  }
  return RenderTemplate(template_text, EscalationFields(input), template_name);
}

BuiltinTemplate EscalationTemplate(EscalationInput::Kind kind) {
  return kind == EscalationInput::Kind::kSubpoenaDucesTecum ? BuiltinTemplate::kSubpoenaDucesTecum
                                                            : BuiltinTemplate::kDeficiencyLetter;
}

}  // namespace bates::demand::letters
