"""Search, saved searches, search-term reports and highlights (issue 4), end to end on a small
hand-built case whose answers are known: an email with an attachment, loose files, and one file
collected twice (by two custodians) so that duplicates and families can be counted."""
import csv
import io
import os
import unittest

import bates_testlib as t

EMAIL = """From: Chief Ramos <chief@pd.larkspur.example>
To: Records Desk <records@city.larkspur.example>
Subject: Directive 17-03
Date: Sun, 05 Mar 2017 09:00:00 -0600
Message-ID: <directive-17-03@pd.larkspur.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

The chief issued a directive on ICE detainers.
--b1
Content-Type: text/plain; charset=utf-8
Content-Disposition: attachment; filename="memo.txt"

Memo: orders regarding ICE.
--b1--
"""

FILES = {
    "chief": {
        "msg1.eml": EMAIL,
        "note.txt": "Guidance from Homeland Security arrived with instructions.\n",
        "dup.txt": "The order regarding ICE was rescinded.\n",
    },
    "records": {
        "dup.txt": "The order regarding ICE was rescinded.\n",
        "other.txt": "Nothing relevant here about coffee at the café.\n",
    },
}

RESPONDER = """# The responder's terms
ice
order*
"homeland security"
directive
"""

REQUESTER = """ice w/3 order
%%homland
bad (query
"""


class SearchTerms(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        root = t.scratch_dir("search-terms")
        cls.root = root
        for folder, files in FILES.items():
            os.makedirs(os.path.join(root, folder))
            for name, text in files.items():
                with open(os.path.join(root, folder, name), "w", encoding="utf-8") as f:
                    f.write(text)
        cls.case = os.path.join(root, "case")
        t.run("init", cls.case, "--time-zone", "America/Chicago")
        t.run("add", cls.case, "--custodian", "Chief Ramos", os.path.join(root, "chief"),
              "--no-progress")
        t.run("add", cls.case, "--custodian", "Records Unit", os.path.join(root, "records"),
              "--no-progress")
        items = t.run_json("list", cls.case)["items"]
        cls.ids = {}
        for item in items:
            key = item["path"]
            for prefix in (os.path.realpath(root) + "/", os.path.abspath(root) + "/"):
                if key.startswith(prefix):
                    key = key[len(prefix):]
            cls.ids[key] = item["id"]
        for name in ("terms.txt", "requester.txt"):
            with open(os.path.join(root, name), "w", encoding="utf-8") as f:
                f.write(RESPONDER if name == "terms.txt" else REQUESTER)

    def total(self, query):
        return t.run_json("search", self.case, query, "--user", "tester")["total"]

    def test_items_are_as_planned(self):
        self.assertEqual(len(self.ids), 6, self.ids)
        self.assertIn("chief/msg1.eml#memo.txt", self.ids)

    def test_search_constructs(self):
        self.assertEqual(self.total("ice"), 4)
        self.assertEqual(self.total("ICE AND NOT order*"), 1)
        self.assertEqual(self.total("order w/2 ice"), 2)
        self.assertEqual(self.total("ice pre/2 order"), 0)
        self.assertEqual(self.total("(order* OR directive) w/3 ice"), 4)
        self.assertEqual(self.total("%%homland"), 1)
        self.assertEqual(self.total("detainer~"), 1)
        self.assertEqual(self.total("d?rect*"), 1)
        self.assertEqual(self.total("cafe"), 1)
        self.assertEqual(self.total("from:larkspur.example"), 1)
        self.assertEqual(self.total("custodian:records"), 2)

    def test_malformed_query_names_the_column(self):
        proc = t.run("search", self.case, "ice w/5 (raid AND x)", expect=(2,))
        self.assertIn("column 10:", proc.stderr)

    def test_searches_are_saved_with_who_and_count(self):
        t.run("search", self.case, "\"homeland security\"", "--user", "alice")
        t.run("search", self.case, "coffee", "--no-save")
        saved = t.run_json("searches", self.case)["searches"]
        mine = [s for s in saved if s["query"] == "\"homeland security\"" and s["ran_by"] == "alice"]
        self.assertEqual(len(mine), 1, saved)
        self.assertEqual(mine[0]["hits"], 1)
        self.assertEqual(mine[0]["origin"], "search")
        self.assertRegex(mine[0]["ran_at"], r"^\d{4}-\d\d-\d\dT")
        self.assertFalse([s for s in saved if s["query"] == "coffee"])

    def test_term_report(self):
        csv_path = os.path.join(self.root, "report.csv")
        html_path = os.path.join(self.root, "report.html")
        proc = t.run("terms", self.case, os.path.join(self.root, "terms.txt"), "--requester",
                     os.path.join(self.root, "requester.txt"), "--csv", csv_path, "--html",
                     html_path, "--json", "--user", "bob", expect=(2,))
        import json
        report = json.loads(proc.stdout)
        self.assertTrue(report["has_errors"])
        responder, requester = report["lists"]
        self.assertEqual(responder["side"], "responder")
        rows = {r["term"]: r for r in responder["terms"]}
        counts = lambda r: (r["documents"], r["documents_dedup"], r["unique"], r["unique_dedup"],
                            r["families"], r["families_dedup"])
        # ice: both dup.txt, the email and its attachment; the two dup.txt are one content, and
        # their families (themselves) have duplicate heads.
        self.assertEqual(counts(rows["ice"]), (4, 3, 0, 0, 3, 2))
        self.assertEqual(counts(rows["order*"]), (3, 2, 0, 0, 3, 2))
        self.assertEqual(counts(rows["\"homeland security\""]), (1, 1, 1, 1, 1, 1))
        self.assertEqual(counts(rows["directive"]), (1, 1, 0, 0, 1, 1))
        total = responder["total"]
        self.assertEqual((total["documents"], total["documents_dedup"], total["families"],
                          total["families_dedup"]), (5, 4, 4, 3))
        req = {r["term"]: r for r in requester["terms"]}
        self.assertEqual(counts(req["ice w/3 order"]), (2, 1, 2, 1, 2, 1))
        self.assertEqual(counts(req["%%homland"]), (1, 1, 1, 1, 1, 1))
        self.assertIn("column 5", req["bad (query"]["error"])
        self.assertEqual(req["bad (query"]["documents"], 0)

        with open(csv_path, encoding="utf-8", newline="") as f:
            table = list(csv.reader(f))
        self.assertEqual(table[0][:4], ["side", "term", "documents", "documents_dedup"])
        self.assertIn(["responder", "ice", "4", "3", "0", "0", "3", "2", ""], table)
        self.assertEqual(table[5][:3], ["responder", "(any term)", "5"])
        with open(html_path, encoding="utf-8") as f:
            page = f.read()
        self.assertIn("Requester&#39;s terms" if "&#39;" in page else "Requester's terms", page)
        self.assertIn("<code>ice w/3 order</code>", page)
        self.assertLess(page.index("Requester"), page.index("Responder"))

        saved = t.run_json("searches", self.case)["searches"]
        by_bob = [s for s in saved if s["ran_by"] == "bob" and s["origin"] == "terms"]
        self.assertEqual(len(by_bob), 6)  # every well-formed term of both lists

    def test_highlight(self):
        email_id = self.ids["chief/msg1.eml"]
        item = t.run_json("show", self.case, email_id, "--highlight", "directive OR ice~")
        h = item["highlight"]
        self.assertTrue(h["matches"])
        text = item["text"]
        words = [text[x["offset"]:x["offset"] + x["length"]].lower() for x in h["hits"]]
        self.assertIn("directive", words)
        self.assertIn("ice", words)
        self.assertTrue(any("<b>" in s for s in h["snippets"]))
        other = t.run_json("show", self.case, self.ids["records/other.txt"], "--highlight", "ice")
        self.assertFalse(other["highlight"]["matches"])
        self.assertEqual(other["highlight"]["hits"], [])

    def test_spaces_as_phrase_is_a_matter_setting(self):
        self.assertEqual(self.total("security homeland"), 1)
        t.run("set", self.case, "search.spaces", "phrase")
        try:
            self.assertEqual(self.total("security homeland"), 0)
            self.assertEqual(self.total("homeland security"), 1)
        finally:
            t.run("set", self.case, "search.spaces", "and")


if __name__ == "__main__":
    t.main()
