#include "demand/letters/letter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "demand/letters/html_pdf.h"

namespace bates::demand::letters {
namespace {

using ::testing::HasSubstr;

constexpr const char* kSpec = R"(schema_version: 1
title: Fictional test demand
issuer: Example Requester (fictional)
legal_basis: Grant condition <7> & more (fictional)
requests:
  - number: 1
    text: All communications about the "policy" & its <drafts>.
  - number: 3
    text: All directives about the policy.
definitions:
  communication: any transmission of information
instructions:
  - Produce documents as kept in the usual course.
timeframe: {start: 2017-01-01, end: 2018-01-24}
deadline: {days: 30, counting: calendar}
recipients:
  - id: alpha
    name: Pat Example
    title: Records Officer
    agency: City of Alpha & Sons (fictional)
    state: IL
    time_zone: America/Chicago
    contacts: [{name: Pat Example, email: pat@example.invalid}]
)";

DemandSpec Spec() {
  auto spec = ParseDemandSpec(kSpec, "test.yaml");
  EXPECT_TRUE(spec.ok()) << spec.status().ToString();
  return *spec;
}

TEST(LetterTest, LongDateNamesTheWeekday) {
  EXPECT_EQ(LongDate({2018, 2, 23}), "Friday 23 February 2018");
  EXPECT_EQ(LongDate({2018, 1, 24}), "Wednesday 24 January 2018");
}

TEST(LetterTest, DeadlineFromServiceOrTheRuleWording) {
  DemandSpec spec = Spec();
  EXPECT_EQ(DeadlineWording(spec, spec.recipients[0], CivilDate{2018, 1, 24}),
            "Friday 23 February 2018, 23:59 (America/Chicago)");
  EXPECT_EQ(DeadlineWording(spec, spec.recipients[0], std::nullopt),
            "within 30 calendar days of service of this letter (23:59 America/Chicago)");
}

TEST(LetterTest, BuiltinDemandLetterCarriesEveryPartEscaped) {
  DemandSpec spec = Spec();
  auto html = RenderTemplate(BuiltinTemplateText(BuiltinTemplate::kDemandLetter),
                             DemandLetterFields(spec, spec.recipients[0], CivilDate{2018, 1, 24}),
                             "demand-letter.html");
  ASSERT_TRUE(html.ok()) << html.status().ToString();
  EXPECT_THAT(*html, HasSubstr("Pat Example"));
  EXPECT_THAT(*html, HasSubstr("City of Alpha &amp; Sons (fictional)"));
  EXPECT_THAT(*html, HasSubstr("Friday 23 February 2018"));
  EXPECT_THAT(*html, HasSubstr("<strong>Request 3.</strong> All directives about the policy."));
  EXPECT_THAT(*html, HasSubstr("&quot;policy&quot; &amp; its &lt;drafts&gt;"));
  EXPECT_THAT(*html, HasSubstr("Grant condition &lt;7&gt; &amp; more"));
  EXPECT_THAT(*html, HasSubstr("any transmission of information"));
}

TEST(LetterTest, EveryBuiltinTemplateChecksAgainstItsFields) {
  DemandSpec spec = Spec();
  EXPECT_TRUE(CheckTemplate(BuiltinTemplateText(BuiltinTemplate::kDemandLetter),
                            DemandLetterFields(spec, spec.recipients[0], std::nullopt), "d")
                  .ok());
  auto in =
      EscalationFromSpec(spec, "alpha", {3}, {"late"}, EscalationInput::Kind::kSubpoenaDucesTecum);
  ASSERT_TRUE(in.ok());
  for (auto kind :
       {EscalationInput::Kind::kDeficiencyLetter, EscalationInput::Kind::kSubpoenaDucesTecum}) {
    in->kind = kind;
    BuiltinTemplate t = EscalationTemplate(kind);
    Status checked =
        CheckTemplate(BuiltinTemplateText(t), EscalationFields(*in), BuiltinTemplateName(t));
    EXPECT_TRUE(checked.ok()) << checked.ToString();
  }
}

TEST(LetterTest, EscalationsAreDraftsNamingTheOutstandingRequests) {
  DemandSpec spec = Spec();
  auto in = EscalationFromSpec(spec, "alpha", {3}, {"Produced 3 days late (simulated)"},
                               EscalationInput::Kind::kSubpoenaDucesTecum);
  ASSERT_TRUE(in.ok());
  auto html = RenderEscalationHtml(*in);
  ASSERT_TRUE(html.ok()) << html.status().ToString();
  EXPECT_THAT(*html, HasSubstr(kDraftBanner));
  EXPECT_THAT(*html, HasSubstr("<strong>Request 3.</strong> All directives about the policy."));
  EXPECT_THAT(*html, HasSubstr("Produced 3 days late (simulated)"));
  EXPECT_THAT(*html, ::testing::Not(HasSubstr("Request 1.")));
}

TEST(LetterTest, EscalationRejectsUnknownRequestsAndRecipients) {
  DemandSpec spec = Spec();
  auto bad = EscalationFromSpec(spec, "alpha", {2}, {}, EscalationInput::Kind::kDeficiencyLetter);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(),
              HasSubstr("request 2 is not in the demand (its requests: 1, 3)"));
  auto nobody = EscalationFromSpec(spec, "zeta", {1}, {}, EscalationInput::Kind::kDeficiencyLetter);
  ASSERT_FALSE(nobody.ok());
  EXPECT_THAT(nobody.status().message(), HasSubstr("no recipient 'zeta'"));
}

TEST(LetterTest, PdfOfBrokenHtmlStillRenders) {
  // Unclosed tags, stray bytes, markup-like text: the letter is laid out, never a crash.
  auto pdf =
      RenderHtmlToPdf("<p>a <b>b <i>c &lt;d&gt; & e\xff<ul><li>x<li>y</ol><table><tr><td>1", {});
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  EXPECT_EQ(RenderHtmlToPdf("", {}).status().code(), StatusCode::kInvalidArgument);
}

TEST(LetterTest, PdfIsProducedAndBreaksLongLettersIntoPages) {
  std::string html = "<html><body><h1>Title &amp; more</h1>";
  for (int i = 0; i < 200; ++i)
    html += "<p>Paragraph " + std::to_string(i) + " of a long letter.</p>";
  html += "</body></html>";
  auto pdf = RenderHtmlToPdf(html, {.title = "t", .footer = "footer"});
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  // cairo writes "/Count N" in the page tree (the PDF is binary: don't print it on failure).
  size_t at = pdf->find("/Count ");
  ASSERT_NE(at, std::string::npos);
  EXPECT_GT(std::stoi(pdf->substr(at + 7, 4)), 1);
}

}  // namespace
}  // namespace bates::demand::letters
