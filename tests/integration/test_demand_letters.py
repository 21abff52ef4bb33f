"""Letters of a demand (issue 9), driving the real binary:
- `bates demand issue` writes a letter per recipient (HTML and a text-searchable PDF) and an
  index; pdftotext of a letter contains the addressee, the agency, the deadline and every
  request's wording; without a date of service the letter states the rule instead.
- a user's template is used; text from the spec is HTML-escaped; a template naming an unknown
  field is a clear error (exit 2) and writes nothing.
- `bates demand draft` writes a deficiency letter / subpoena duces tecum headed DRAFT and naming
  the outstanding requests; an unknown request number is refused.
- `bates init --demand` keeps the demand with the responder's matter: `bates info` lists the
  requests, the search-term report states the timeframe, a production without --from/--to uses
  it (its certificate says so), and `bates code ... requests=N` is checked against the demand's
  request numbers.
The model case's addressees and contacts are fictional placeholders, labelled so in the spec."""
import glob
import os
import subprocess
import unittest

import bates_testlib as t

SPEC = os.path.join(t.SOURCE_DIR, "examples", "doj-2018", "demand.yaml")

# A fictional spec whose text carries HTML special characters.
FICTIONAL_SPEC = """schema_version: 1
title: "Fictional demand <test> & more"
issuer: "Example Requester (fictional)"
legal_basis: "Grant condition 7 (fictional)"
requests:
  - number: 1
    text: "All memos about \\"detainers\\" & <holds>."
  - number: 3
    text: "All training bulletins about the policy."
timeframe: {start: 2017-01-01, end: 2017-12-31}
deadline: {days: 10, counting: business}
recipients:
  - id: alpha
    name: "Pat Example (fictional)"
    title: "Records Officer"
    agency: "Alpha & Omega County (fictional)"
    state: IL
    time_zone: America/Chicago
"""


def pdf_text(path):
    out = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())  # lines wrap anywhere: compare with whitespace collapsed


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def words(text):
    return " ".join(text.split())


class IssueLetters(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = t.scratch_dir("letters")
        cls.out = os.path.join(cls.dir, "served")
        cls.proc = t.run("demand", "issue", SPEC, "--out", cls.out, "--served", "2018-01-24")

    def test_one_letter_per_recipient_and_an_index(self):
        self.assertEqual(len(glob.glob(os.path.join(self.out, "*.pdf"))), 23)
        self.assertEqual(len(glob.glob(os.path.join(self.out, "*.html"))), 24)  # + index.html
        index = read(os.path.join(self.out, "index.html"))
        self.assertIn('href="chicago.pdf"', index)
        self.assertIn("Cook County", index)
        self.assertIn("23 letter(s) written", self.proc.stdout)

    def test_pdf_is_searchable_and_carries_names_deadline_and_requests(self):
        text = pdf_text(os.path.join(self.out, "chicago.pdf"))
        self.assertIn("Records Officer (fictional)", text)
        self.assertIn("Chicago", text)
        self.assertIn("Friday 23 February 2018, 23:59 (America/Chicago)", text)
        self.assertIn("Every order, directive, instruction and guidance, formal or informal", text)
        self.assertIn(words("on communication by the jurisdiction's employees with DOJ, DHS or ICE"),
                      text)
        self.assertIn("8 U.S.C. 1373", text)
        # A west-coast recipient's deadline ends in its own zone.
        # (a line may wrap after the "/" of the zone name)
        self.assertIn("Los_Angeles", pdf_text(os.path.join(self.out, "california.pdf")))

    def test_json_lists_each_letter(self):
        out = os.path.join(self.dir, "json")
        doc = t.run_json("demand", "issue", SPEC, "--out", out, "--served", "2018-01-24",
                         "--to", "chicago", "--to", "cook-county")
        self.assertEqual([r["recipient"] for r in doc["letters"]], ["chicago", "cook-county"])
        self.assertTrue(os.path.exists(doc["letters"][0]["pdf"]))
        self.assertEqual(doc["letters"][1]["deadline"],
                         "Friday 23 February 2018, 23:59 (America/Chicago)")
        self.assertTrue(os.path.exists(doc["index"]))

    def test_without_service_the_letter_states_the_rule(self):
        out = os.path.join(self.dir, "unserved")
        t.run("demand", "issue", SPEC, "--out", out, "--to", "chicago", "--format", "pdf")
        self.assertEqual(os.listdir(out).count("chicago.pdf"), 1)
        self.assertFalse(os.path.exists(os.path.join(out, "chicago.html")))
        self.assertIn("within 30 calendar days of service of this letter",
                      pdf_text(os.path.join(out, "chicago.pdf")))


class Templates(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = t.scratch_dir("letter-templates")
        cls.spec = os.path.join(cls.dir, "fictional.yaml")
        with open(cls.spec, "w", encoding="utf-8") as f:
            f.write(FICTIONAL_SPEC)

    def test_spec_text_is_escaped_in_html_and_kept_in_pdf(self):
        out = os.path.join(self.dir, "escaped")
        t.run("demand", "issue", self.spec, "--out", out, "--served", "2018-03-01")
        html = read(os.path.join(out, "alpha.html"))
        self.assertIn("Alpha &amp; Omega County (fictional)", html)
        self.assertIn("&quot;detainers&quot; &amp; &lt;holds&gt;", html)
        self.assertNotIn("<holds>", html)
        text = pdf_text(os.path.join(out, "alpha.pdf"))
        self.assertIn('All memos about "detainers" & <holds>.', text)
        # 10 business days from Thu 1 March 2018 -> Thu 15 March 2018.
        self.assertIn("Thursday 15 March 2018", text)

    def test_users_template_is_used(self):
        tmpl = os.path.join(self.dir, "mine.html")
        with open(tmpl, "w", encoding="utf-8") as f:
            f.write("<html><body><h1>To {{agency}}</h1><p>Due {{deadline}}</p>"
                    "{{#requests}}<p>No. {{number}}: {{text}}</p>{{/requests}}</body></html>")
        out = os.path.join(self.dir, "mine")
        t.run("demand", "issue", self.spec, "--out", out, "--template", tmpl)
        html = read(os.path.join(out, "alpha.html"))
        self.assertTrue(html.startswith("<html><body><h1>To Alpha &amp; Omega County"))
        self.assertIn("No. 3: All training bulletins about the policy.", html)
        self.assertIn("within 10 business days of service", html)

    def test_unknown_template_field_is_a_clear_error_and_writes_nothing(self):
        tmpl = os.path.join(self.dir, "typo.html")
        with open(tmpl, "w", encoding="utf-8") as f:
            f.write("<p>{{agency}}</p>\n<p>{{deadlin}}</p>\n")
        out = os.path.join(self.dir, "typo-out")
        proc = t.run("demand", "issue", self.spec, "--out", out, "--template", tmpl, expect=(2,))
        self.assertIn("typo.html:2: {{deadlin}}: no such field", proc.stderr)
        self.assertEqual(glob.glob(os.path.join(out, "*")), [])


class Drafts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = t.scratch_dir("letter-drafts")

    def test_subpoena_is_a_draft_naming_outstanding_requests(self):
        out = os.path.join(self.dir, "chicago-subpoena.pdf")
        t.run("demand", "draft", SPEC, "chicago", "--kind", "subpoena", "--requests", "1",
              "--finding", "No production received (simulated)", "--served", "2018-01-24",
              "--out", out)
        text = pdf_text(out)
        self.assertIn("DRAFT — for review by counsel; not sent", text)
        self.assertIn("Subpoena duces tecum", text)
        self.assertIn("Request 1. Every order, directive", text)
        self.assertIn("No production received (simulated)", text)

    def test_deficiency_letter_html(self):
        out = os.path.join(self.dir, "chicago-deficiency.html")
        t.run("demand", "draft", SPEC, "chicago", "--kind", "deficiency", "--requests", "1",
              "--served", "2018-01-24", "--out", out)
        html = read(out)
        self.assertIn("DRAFT — for review by counsel; not sent", html)
        self.assertIn("Friday 23 February 2018", html)

    def test_unknown_request_or_recipient_is_refused(self):
        out = os.path.join(self.dir, "bad.pdf")
        proc = t.run("demand", "draft", SPEC, "chicago", "--kind", "deficiency", "--requests",
                     "1,4", "--out", out, expect=(2,))
        self.assertIn("request 4 is not in the demand", proc.stderr)
        proc = t.run("demand", "draft", SPEC, "atlantis", "--kind", "deficiency", "--requests",
                     "1", "--out", out, expect=(1,))
        self.assertIn("no recipient 'atlantis'", proc.stderr)
        self.assertFalse(os.path.exists(out))


class ResponderMatterFromDemand(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = t.scratch_dir("init-demand")
        cls.case = os.path.join(cls.dir, "case")
        cls.spec = os.path.join(cls.dir, "fictional.yaml")
        with open(cls.spec, "w", encoding="utf-8") as f:
            f.write(FICTIONAL_SPEC)
        t.run("init", cls.case, "--demand", cls.spec)
        src = os.path.join(cls.dir, "src")
        os.makedirs(src)
        with open(os.path.join(src, "memo.txt"), "w") as f:
            f.write("A fictional memo about detainers.\n")
        t.run("add", cls.case, "--custodian", "Pat", src, "--no-progress")

    def test_info_lists_the_demand(self):
        info = t.run_json("info", self.case)
        demand = info["demand"]
        self.assertEqual([r["number"] for r in demand["requests"]], [1, 3])
        self.assertEqual(demand["timeframe"], {"start": "2017-01-01", "end": "2017-12-31"})
        self.assertEqual(demand["deadline"], "10 business days from service")
        text = t.run("info", self.case).stdout
        self.assertIn("3. All training bulletins about the policy.", text)

    def test_code_checks_request_numbers(self):
        t.run("code", self.case, "DOC-000001", "requests=1,3")
        proc = t.run("code", self.case, "DOC-000001", "requests=2", expect=(2,))
        self.assertIn("request 2 is not in the matter's demand (its requests: 1, 3)", proc.stderr)

    def test_terms_report_states_the_timeframe(self):
        terms = os.path.join(self.dir, "terms.txt")
        with open(terms, "w") as f:
            f.write("detainers\n")
        proc = t.run("terms", self.case, terms)
        self.assertIn("The demand's timeframe: 2017-01-01 to 2017-12-31", proc.stdout)

    def test_production_defaults_to_the_demands_timeframe_and_says_so(self):
        t.run("produce", self.case, "--select", "detainers", "--prefix", "FIC", "--volume", "VOL001")
        cert = read(os.path.join(self.case, "productions", "VOL001-certificate.html"))
        self.assertIn("timeframe 2017-01-01 to 2017-12-31 (the demand's", cert)

    def test_served_date_gives_the_matter_its_due_date(self):
        case = os.path.join(self.dir, "served")
        t.run("init", case, "--demand", self.spec, "--served", "2018-03-01")
        self.assertEqual(t.run_json("info", case)["demand"]["deadline"],
                         "2018-03-15 (10 business days from service on 2018-03-01)")
        proc = t.run("init", os.path.join(self.dir, "nodemand"), "--served", "2018-03-01",
                     expect=(2,))
        self.assertIn("--served needs --demand", proc.stderr)

    def test_a_matter_without_demand_has_none(self):
        case = os.path.join(self.dir, "plain")
        t.run("init", case)
        self.assertNotIn("demand", t.run_json("info", case))


if __name__ == "__main__":
    t.main()
