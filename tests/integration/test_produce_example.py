"""`bates produce` on the built-in example: a volume is written and then verified here, reading
the files as a requester would (an independent DAT/OPT reader, not bates's): the Bates run is
contiguous, every OPT image exists and its page counts agree with the DAT, every hash matches the
manifest and the manifest's root hash, families are produced whole, duplicates and withheld items
are excluded as recorded, every item of the matter is accounted for exactly once, a rolling
production continues the run, and the same production of the same case is byte-identical."""
import csv
import hashlib
import os
import shutil
import subprocess
import unittest

import bates_testlib as t

GOLDEN = os.path.join(t.SOURCE_DIR, "tests", "golden", "produce")
# tools/golden/regenerate_produce.sh sets this to rewrite the golden files (review the diff).
REGENERATE = os.environ.get("BATES_REGENERATE_GOLDEN") == "1"

SELECT = 'ICE OR "immigration and customs" OR detainer*'
WITHHOLD = 'privileged OR "attorney-client"'
DISPOSITIONS = ("produced", "withheld", "duplicate", "non_responsive", "outside_timeframe",
                "exception", "container")


def read_dat(path):
    """Concordance DAT: UTF-8 BOM, fields separated by U+0014 and qualified by U+00FE, records by
    CRLF, newlines inside values written as U+00AE."""
    with open(path, "rb") as f:
        raw = f.read()
    assert raw.startswith(b"\xef\xbb\xbf"), "DAT must start with a UTF-8 BOM"
    text = raw[3:].decode("utf-8")
    lines = text.split("\r\n")
    assert lines[-1] == "", "DAT must end with CRLF"
    rows = []
    for line in lines[:-1]:
        values = line.split("\x14")
        for v in values:
            assert v.startswith("\u00fe") and v.endswith("\u00fe"), repr(v)
        rows.append([v[1:-1].replace("\u00ae", "\n") for v in values])
    header = rows[0]
    return [dict(zip(header, r)) for r in rows[1:]], header


def read_opt(path):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    lines = text.split("\r\n")
    assert lines[-1] == ""
    return [line.split(",") for line in lines[:-1]]


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def local_path(volume_dir, load_file_path):
    return os.path.join(volume_dir, *load_file_path.split("\\"))


class ExampleProduced(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.example = t.example()
        cls.truth = t.ground_truth(cls.example)
        root = t.scratch_dir("produce")
        cls.case = os.path.join(root, "case")
        t.collect_example(cls.case, cls.example)
        t.run("analyze", cls.case)
        # A copy of the case before any production, for the determinism check.
        cls.twin = os.path.join(root, "twin")
        shutil.copytree(cls.case, cls.twin)
        cls.args = ["--select", SELECT, "--withhold", WITHHOLD, "--prefix", "CITY",
                    "--start", "1", "--volume", "VOL001"]
        cls.report = t.run_json("produce", cls.case, *cls.args)
        cls.volume = cls.report["folder"]
        cls.rows, cls.header = read_dat(os.path.join(cls.volume, "DATA", "VOL001.dat"))
        cls.opt = read_opt(os.path.join(cls.volume, "DATA", "VOL001.opt"))
        cls.items = {i["id"]: i for i in t.run_json("list", cls.case)["items"]}
        cls.produced = {d["id"]: d for d in cls.report["produced"]}

    def bates(self, label):
        self.assertTrue(label.startswith("CITY"), label)
        return int(label[4:])

    def test_report_says_qc_passed_and_the_books_balance(self):
        r = self.report
        self.assertTrue(r["qc_passed"], r["qc"])
        self.assertTrue(r["balanced"])
        self.assertEqual(set(r["accounting"]), set(DISPOSITIONS))
        self.assertEqual(sum(r["accounting"].values()), len(self.items))
        self.assertGreater(r["accounting"]["produced"], 0)
        self.assertGreater(r["accounting"]["withheld"], 0)
        self.assertGreater(r["accounting"]["non_responsive"], 0)

    def test_bates_run_is_contiguous_from_the_start(self):
        expect = 1
        for row in self.rows:
            self.assertEqual(self.bates(row["BEGBATES"]), expect, row["BEGBATES"])
            self.assertGreaterEqual(self.bates(row["ENDBATES"]), expect)
            expect = self.bates(row["ENDBATES"]) + 1
        self.assertEqual(expect - 1, self.report["last_number"])
        self.assertEqual(len(self.rows), self.report["documents"])
        self.assertEqual(self.header[:2], ["BEGBATES", "ENDBATES"])

    def test_opt_pages_exist_and_agree_with_the_dat(self):
        self.assertEqual(len(self.opt), self.report["pages"])
        pages = [self.bates(line[0]) for line in self.opt]
        self.assertEqual(pages, list(range(1, len(pages) + 1)))
        by_beg = {self.bates(r["BEGBATES"]): r for r in self.rows}
        for i, line in enumerate(self.opt):
            self.assertEqual(len(line), 7)
            self.assertEqual(line[1], "VOL001")
            path = local_path(self.volume, line[2])
            self.assertTrue(os.path.isfile(path), path)
            with open(path, "rb") as f:
                self.assertEqual(f.read(5), b"%PDF-")
            if line[3] == "Y":
                row = by_beg[pages[i]]
                count = self.bates(row["ENDBATES"]) - self.bates(row["BEGBATES"]) + 1
                self.assertEqual(int(line[6]), count)
                self.assertEqual(int(row["PAGECOUNT"]), count)
        self.assertEqual(sum(1 for line in self.opt if line[3] == "Y"), len(self.rows))

    def test_text_and_native_paths_exist(self):
        for row in self.rows:
            for field in ("TEXTPATH", "NATIVEPATH"):
                if row[field]:
                    self.assertTrue(os.path.isfile(local_path(self.volume, row[field])), row[field])

    def test_every_file_matches_the_manifest_and_its_root_hash(self):
        manifest_path = os.path.join(self.volume, "MANIFEST.txt")
        self.assertEqual(sha256(manifest_path), self.report["root_hash"])
        listed = {}
        with open(manifest_path, encoding="utf-8") as f:
            for line in f:
                digest, size, path = line.rstrip("\n").split("  ", 2)
                listed[path] = (digest, int(size))
        found = set()
        for dirpath, _, files in os.walk(self.volume):
            for name in files:
                rel = os.path.relpath(os.path.join(dirpath, name), self.volume).replace(os.sep, "/")
                if rel != "MANIFEST.txt":
                    found.add(rel)
        self.assertEqual(found, set(listed))
        for rel, (digest, size) in listed.items():
            path = os.path.join(self.volume, rel)
            self.assertEqual(os.path.getsize(path), size, rel)
            self.assertEqual(sha256(path), digest, rel)
        self.assertEqual(len(listed), self.report["files"])

    def test_families_are_produced_whole_and_in_family_order(self):
        families = {}
        for item in self.items.values():
            if item["kind"] != "container" and item["status"] != "exception":
                families.setdefault(item["family_id"], set()).add(item["id"])
        produced_families = {self.items[i]["family_id"] for i in self.produced}
        for fam in produced_families:
            self.assertLessEqual(families[fam], set(self.produced), f"family {fam} is incomplete")
        # A family's documents are consecutive in the volume, its head first.
        order = [d["id"] for d in self.report["produced"]]
        seen = []
        for i in order:
            fam = self.items[i]["family_id"]
            if not seen or seen[-1] != fam:
                self.assertNotIn(fam, seen, f"family {fam} is split")
                self.assertEqual(i, fam, "a family starts with its head")
                seen.append(fam)
        # BEGATTACH..ENDATTACH span the family's documents.
        by_id = {d["id"]: d for d in self.report["produced"]}
        rows = {r["BEGBATES"]: r for r in self.rows}
        for fam in produced_families:
            members = sorted(families[fam])
            first = by_id[members[0]]["beg_bates"]
            last = max((by_id[m]["end_bates"] for m in members), key=self.bates)
            for m in members:
                row = rows[by_id[m]["beg_bates"]]
                self.assertEqual((row["BEGATTACH"], row["ENDATTACH"]), (first, last))

    def test_every_hit_is_produced_withheld_or_excluded_for_a_recorded_reason(self):
        hits = t.run_json("search", self.case, SELECT, "--limit", "100000")["hits"]
        withheld_hits = {h["id"] for h in
                         t.run_json("search", self.case, WITHHOLD, "--limit", "100000")["hits"]}
        self.assertEqual(len(hits), self.report["hits"])
        withheld = {i for i, d in self.produced.items() if d["how"] == "withheld"}
        self.assertEqual(len(withheld), self.report["accounting"]["withheld"])
        self.assertLessEqual(withheld, withheld_hits)
        for i, d in self.produced.items():
            if i in withheld_hits:
                self.assertEqual(d["how"], "withheld", i)
        produced_families = {self.items[i]["family_id"] for i in self.produced}
        for h in hits:
            item = self.items[h["id"]]
            if h["id"] in self.produced or item["status"] == "exception":
                continue
            # Not produced: its family must be a copy of a produced family.
            head = t.run_json("show", self.case, item["family_id"], "--no-text")
            self.assertIsNotNone(head["duplicate_of"], f"{h['id']} was dropped without a reason")
            master = self.items[head["duplicate_of"]]["family_id"]
            self.assertIn(master, produced_families)

    def test_withheld_documents_disclose_no_metadata(self):
        withheld = {d["beg_bates"] for d in self.report["produced"] if d["how"] == "withheld"}
        for row in self.rows:
            if row["BEGBATES"] in withheld:
                self.assertEqual((row["SUBJECT"], row["FROM"], row["TEXTPATH"]), ("", "", ""))

    def test_volume_privilege_log_lists_each_slip_sheet_bates_number(self):
        # The receiving side's intake check reads this file and its "Bates" column.
        path = os.path.join(self.volume, "DATA", "VOL001_PRIVLOG.csv")
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        withheld = {d["beg_bates"] for d in self.report["produced"] if d["how"] == "withheld"}
        self.assertTrue(withheld)
        logged = {r["Bates"]: r for r in rows}
        for bates in withheld:
            self.assertIn(bates, logged)
            self.assertEqual(logged[bates]["Treatment"], "withheld")

    def test_rolling_production_continues_and_never_reuses_a_number(self):
        clash = t.run("produce", self.case, "--select", "detainer", "--prefix", "CITY",
                      "--start", "1", "--volume", "VOL-CLASH", expect=(2,))
        self.assertIn("already used", clash.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.case, "productions", "VOL-CLASH")))
        second = t.run_json("produce", self.case, "--select", "sanctuary", "--prefix", "CITY",
                            "--start", "next", "--volume", "VOL002")
        self.assertEqual(second["first_number"], self.report["last_number"] + 1)
        self.assertTrue(second["qc_passed"], second["qc"])

    def test_same_production_of_the_same_case_is_byte_identical(self):
        again = t.run_json("produce", self.twin, *self.args)
        self.assertEqual(again["root_hash"], self.report["root_hash"])
        with open(os.path.join(self.volume, "DATA", "VOL001.dat"), "rb") as a, \
                open(os.path.join(again["folder"], "DATA", "VOL001.dat"), "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_load_files_match_the_golden_files(self):
        for name in ("VOL001.dat", "VOL001.opt", "VOL001.csv"):
            with open(os.path.join(self.volume, "DATA", name), "rb") as f:
                actual = f.read()
            golden = os.path.join(GOLDEN, name)
            if REGENERATE:
                os.makedirs(GOLDEN, exist_ok=True)
                with open(golden, "wb") as f:
                    f.write(actual)
            with open(golden, "rb") as f:
                self.assertEqual(actual, f.read(), f"{name} differs from {golden}")

    def test_spec_file_sets_image_format_fields_and_dates(self):
        spec = os.path.join(t.scratch_dir("spec"), "protocol.txt")
        with open(spec, "w", encoding="utf-8") as f:
            f.write("# the requester's ESI protocol\n"
                    "image_format = tiff\n"
                    "bates_digits = 8\n"
                    "date_format = %Y-%m-%d\n"
                    "endorsement_left = CONFIDENTIAL\n"
                    "fields = BEGBATES:BegDoc, ENDBATES:EndDoc, CUSTODIAN:Custodian, "
                    "DATESENT:SentDate, PAGECOUNT:Pages, TEXTPATH:TextLink\n")
        r = t.run_json("produce", self.case, "--select", "detainer", "--prefix", "SPEC",
                       "--start", "1", "--volume", "VOL-SPEC", "--spec", spec)
        self.assertTrue(r["qc_passed"], r["qc"])
        rows, header = read_dat(os.path.join(r["folder"], "DATA", "VOL-SPEC.dat"))
        self.assertEqual(header, ["BegDoc", "EndDoc", "Custodian", "SentDate", "Pages", "TextLink"])
        self.assertEqual(rows[0]["BegDoc"], "SPEC00000001")
        dated = [row["SentDate"] for row in rows if row["SentDate"]]
        self.assertTrue(dated)
        for d in dated:
            self.assertRegex(d, r"^\d{4}-\d{2}-\d{2}$")
        opt = read_opt(os.path.join(r["folder"], "DATA", "VOL-SPEC.opt"))
        self.assertEqual(len(opt), r["pages"])
        for line in opt:
            with open(local_path(r["folder"], line[2]), "rb") as f:
                self.assertIn(f.read(4), (b"II*\x00", b"MM\x00*"))

    def test_pages_carry_their_bates_number(self):
        # Read back from the page itself (poppler-utils' pdftotext), not from bates's records.
        for line in self.opt[:: max(1, len(self.opt) // 15)]:
            text = subprocess.run(["pdftotext", local_path(self.volume, line[2]), "-"],
                                  capture_output=True, text=True, check=True).stdout
            self.assertIn(line[0], text)


if __name__ == "__main__":
    unittest.main()
