"""A production applies review's redactions (issue 7): on the built-in fictional example, planted
personal values are redacted by --pii and by --query, a page box is drawn on one item, the whole
matter is produced, and then every file of the volume is searched for the redacted values — the
TEXT files and the load files must hold none of them, and no page image of a redacted item may
carry a text layer (`pdftotext` finds nothing on it). A redacted item goes out without its native,
with REDACTED=Y and the text `bates show --redacted` prints (less what a page box covers); an unredacted item is produced as
before (its extracted text, REDACTED=N), and the same production of the same case is
byte-identical."""
import os
import shutil
import subprocess
import unittest

import bates_testlib as t
from test_produce_example import local_path, read_dat

SEARCH_REASON = "Search redaction"
BOX_REASON = "Box redaction"


def read_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def pdf_text(path):
    return subprocess.run(["pdftotext", "-q", path, "-"], capture_output=True, text=True,
                          check=True).stdout


class RedactedProduction(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        example = t.example()
        truth = t.ground_truth(example)
        root = t.scratch_dir("produce-redacted")
        cls.case = os.path.join(root, "case")
        t.collect_example(cls.case, example)
        t.run("analyze", cls.case)
        t.run("screen", cls.case)
        docs = [r for r in truth["records"] if r["kind"] != "container"]
        planted = [p for r in docs for p in r["pii"]]
        # One value redacted by a search (before --pii, so its spans carry the search's reason).
        cls.searched = next(p["value"] for p in planted if p["kind"] == "drivers_license")
        by_query = t.run_json("redact", cls.case, "--search", cls.searched, "--reason", SEARCH_REASON)
        cls.redactions = by_query["redactions"]
        cls.redactions += t.run_json("redact", cls.case, "--pii", "all")["redactions"]
        cls.redacted_ids = {r["id"] for r in cls.redactions}
        cls.texts = {i: t.run_json("show", cls.case, i)["text"] or "" for i in cls.redacted_ids}
        # The planted values the redactions cut: what must not leave in any produced file. (The
        # screen also redacts staff addresses it finds in a text, but those same addresses head
        # unredacted emails, so they are not secrets of the redacted items.)
        cut = {cls.texts[r["id"]][r["start"]:r["end"]] for r in cls.redactions}
        cls.values = cut & {p["value"] for p in planted}
        # A page box on an item with no text redaction.
        items = t.run_json("list", cls.case)["items"]
        cls.boxed = next(i["id"] for i in items
                         if i["id"] not in cls.redacted_ids and i.get("kind") == "email")
        t.run("redact", cls.case, cls.boxed, "--page", "1", "--box", "54,40,300,30", "--reason",
              BOX_REASON)
        cls.redacted_ids.add(cls.boxed)
        cls.twin = os.path.join(root, "twin")
        shutil.copytree(cls.case, cls.twin)
        cls.report = t.run_json("produce", cls.case, "--select", "size:0..", "--prefix", "RED",
                                "--start", "1", "--volume", "RED001")
        cls.volume = cls.report["folder"]
        cls.rows, _ = read_dat(os.path.join(cls.volume, "DATA", "RED001.dat"))
        by_bates = {p["beg_bates"]: p["id"] for p in cls.report["produced"]}
        cls.row_of = {by_bates[row["BEGBATES"]]: row for row in cls.rows}

    def test_search_and_pii_redactions_reached_produced_items(self):
        self.assertTrue(self.report["qc_passed"])
        origins = {r["origin"] for r in self.redactions}
        self.assertEqual(origins, {"search", "pii"})
        produced = set(self.row_of) & self.redacted_ids
        self.assertGreater(len(produced), 5)
        self.assertIn(self.boxed, produced)

    def test_redacted_items_say_so_and_have_no_native(self):
        for item_id, row in self.row_of.items():
            redacted = item_id in self.redacted_ids
            self.assertEqual(row["REDACTED"], "Y" if redacted else "N", item_id)
            if redacted:
                self.assertEqual(row["NATIVEPATH"], "", item_id)
        natives = os.path.join(self.volume, "NATIVES")
        names = set()
        for folder, _, files in os.walk(natives):
            names.update(os.path.splitext(f)[0] for f in files)
        for item_id in self.redacted_ids & set(self.row_of):
            self.assertNotIn(self.row_of[item_id]["BEGBATES"], names, item_id)

    def test_produced_text_is_the_redacted_text(self):
        for item_id in (self.redacted_ids - {self.boxed}) & set(self.row_of):
            produced = read_text(local_path(self.volume, self.row_of[item_id]["TEXTPATH"]))
            shown = t.run_json("show", self.case, item_id, "--redacted")["text"] or ""
            self.assertEqual(produced, shown, item_id)
        everything = "".join(read_text(local_path(self.volume, self.row_of[i]["TEXTPATH"]))
                             for i in self.row_of)
        self.assertIn(f"[REDACTED: {SEARCH_REASON}]", everything)
        self.assertIn("[REDACTED: Personal data (ssn)]", everything)

    def test_a_page_box_takes_what_it_covers_out_of_the_text(self):
        # The box covers the rendered email's first header line, "From: ...".
        produced = read_text(local_path(self.volume, self.row_of[self.boxed]["TEXTPATH"]))
        self.assertIn(f"[REDACTED: {BOX_REASON}]", produced)
        self.assertNotIn("From:", produced)
        self.assertIn("Subject:", produced)

    def test_unredacted_items_are_produced_as_before(self):
        plain = [i for i in self.row_of if i not in self.redacted_ids]
        self.assertGreater(len(plain), 0)
        for item_id in plain[:10]:
            produced = read_text(local_path(self.volume, self.row_of[item_id]["TEXTPATH"]))
            self.assertEqual(produced, t.run_json("show", self.case, item_id)["text"] or "")

    def test_no_redacted_value_anywhere_in_the_volume(self):
        self.assertGreater(len(self.values), 3)
        leaks = []
        for folder, _, files in os.walk(self.volume):
            for name in files:
                path = os.path.join(folder, name)
                if name.endswith(".pdf"):
                    content = pdf_text(path)
                else:
                    with open(path, "rb") as f:
                        content = f.read().decode("utf-8", errors="replace")
                leaks += [(os.path.relpath(path, self.volume), v) for v in self.values
                          if v in content]
        self.assertEqual(leaks, [])

    def test_a_redacted_production_is_reproducible(self):
        twin = t.run_json("produce", self.twin, "--select", "size:0..", "--prefix", "RED",
                          "--start", "1", "--volume", "RED001")
        self.assertEqual(twin["root_hash"], self.report["root_hash"])

    def test_redacted_page_images_have_no_text_layer(self):
        self.assertIsNotNone(shutil.which("pdftotext"))
        checked = 0
        for item_id in self.redacted_ids & set(self.row_of):
            row = self.row_of[item_id]
            opt_pages = int(row["PAGECOUNT"])
            prefix, first = row["BEGBATES"][:3], int(row["BEGBATES"][3:])
            for n in range(first, first + opt_pages):
                pdfs = [os.path.join(d, f) for d, _, fs in os.walk(os.path.join(self.volume,
                                                                                 "IMAGES"))
                        for f in fs if f == f"{prefix}{n:0{len(row['BEGBATES']) - 3}d}.pdf"]
                self.assertEqual(len(pdfs), 1, (item_id, n))
                self.assertEqual(pdf_text(pdfs[0]).strip(), "", (item_id, pdfs[0]))
                checked += 1
        self.assertGreater(checked, 5)
        # An unredacted page keeps its text layer.
        plain = next(i for i in self.row_of if i not in self.redacted_ids)
        bates = self.row_of[plain]["BEGBATES"]
        pdf = next(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(self.volume, "IMAGES"))
                   for f in fs if f == bates + ".pdf")
        self.assertNotEqual(pdf_text(pdf).strip(), "")


if __name__ == "__main__":
    t.main()
