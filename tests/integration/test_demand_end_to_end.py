"""Both sides of the model case in one chain, as issue 9 asks: the requester issues the demand
(examples/doj-2018/demand.yaml) and serves a recipient; the responder starts its matter from the
same spec, collects the built-in (fictional) example and produces; the requester takes the volume
in against the spec and it verifies clean; then tampered copies of it — a changed file, a missing
Bates range, a dropped load-file row, a date outside the demand's timeframe — are each reported by
the name of their defect. Every response here is SIMULATED; the recipient's name is the model
case's, what it "produced" is the fictional example."""
import os
import shutil
import unittest

import bates_testlib as t
import test_intake as volume_edits  # the tampering helpers (load-file rows, manifest)

SELECT = 'ICE OR "immigration and customs" OR detainer*'
WITHHOLD = 'privileged OR "attorney-client"'
VOL = volume_edits.VOL


class DemandEndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = t.scratch_dir("demand-e2e")
        cls.spec = os.path.join(cls.root, "demand.yaml")
        shutil.copy(os.path.join(t.SOURCE_DIR, "examples", "doj-2018", "demand.yaml"), cls.spec)
        cls.requester = os.path.join(cls.root, "requester.case")
        # The requester's side issues the demand and serves it.
        cls.letters = os.path.join(cls.root, "letters")
        t.run("demand", "issue", cls.spec, "--out", cls.letters, "--served", "2018-01-24",
              "--format", "html", "--to", "chicago")
        t.run("demand", "serve", cls.spec, "chicago", "--date", "2018-01-24",
              "--case", cls.requester)
        # The responder's side answers it from a matter started from the same spec.
        example = t.example()
        cls.responder = os.path.join(cls.root, "responder")
        t.run("init", cls.responder, "--demand", cls.spec, "--served", "2018-01-24",
              "--time-zone", t.ground_truth(example)["time_zone"])
        for row in t.custodians(example):
            t.run("add", cls.responder, "--custodian", row["custodian"],
                  os.path.join(example, "collection", row["folder"]), "--no-progress",
                  expect=(0, 3))
        report = t.run_json("produce", cls.responder, "--select", SELECT, "--withhold", WITHHOLD,
                            "--prefix", "CITY", "--volume", VOL)
        cls.volume = report["folder"]
        cls.count = 0

    def intake(self, volume):
        return t.run_json("intake", self.spec, volume, "--recipient", "chicago", "--case",
                          self.requester, "--received", "2018-02-20", "--no-index")

    def copy(self):
        DemandEndToEnd.count += 1
        path = os.path.join(self.root, f"copy{DemandEndToEnd.count}", VOL)
        shutil.copytree(self.volume, path)
        return path

    def kinds(self, report):
        return sorted({d["kind"] for d in report["defects"]})

    def test_letter_names_the_recipient_and_deadline(self):
        with open(os.path.join(self.letters, "chicago.html"), encoding="utf-8") as f:
            html = f.read()
        self.assertIn("23 February 2018", html)

    def test_responder_matter_carries_the_demand(self):
        info = t.run_json("info", self.responder)
        self.assertEqual(info["demand"]["timeframe"]["start"], "2016-10-01")

    def test_clean_volume_verifies_against_the_spec(self):
        report = self.intake(self.volume)
        self.assertTrue(report["verified"], report["defects"])
        for kind in ("hash_mismatch", "missing_file", "missing_row", "bates_gap", "late",
                     "outside_timeframe"):
            self.assertNotIn(kind, self.kinds(report))

    def test_changed_file(self):
        volume = self.copy()
        text = next(r["TEXTPATH"] for r in volume_edits.rows(volume) if r["TEXTPATH"])
        with open(volume_edits.local(volume, text), "ab") as f:
            f.write(b" altered")
        report = self.intake(volume)
        self.assertFalse(report["verified"])
        self.assertIn("hash_mismatch", self.kinds(report))

    def test_missing_bates_range(self):
        volume = self.copy()
        bom, lines = volume_edits.dat_lines(volume)
        header = volume_edits.values(lines[0])
        victim_line = lines[len(lines) // 2]
        victim = dict(zip(header, volume_edits.values(victim_line)))
        volume_edits.write_dat(volume, bom, [line for line in lines if line != victim_line])
        opt_path = os.path.join(volume, "DATA", VOL + ".opt")
        with open(opt_path, encoding="utf-8", newline="") as f:
            opt = f.read().split("\r\n")[:-1]
        kept = []
        for line in opt:
            key, _, path = line.split(",")[:3]
            if victim["BEGBATES"] <= key <= victim["ENDBATES"]:
                os.remove(volume_edits.local(volume, path))
            else:
                kept.append(line)
        with open(opt_path, "w", encoding="utf-8", newline="") as f:
            f.write("".join(line + "\r\n" for line in kept))
        for p in (victim["TEXTPATH"], victim["NATIVEPATH"]):
            if p:
                os.remove(volume_edits.local(volume, p))
        volume_edits.rewrite_manifest(volume)
        report = self.intake(volume)
        self.assertFalse(report["verified"])
        self.assertIn("bates_gap", self.kinds(report))

    def test_dropped_load_file_row(self):
        volume = self.copy()
        bom, lines = volume_edits.dat_lines(volume)
        header = volume_edits.values(lines[0])
        victim = next(line for line in lines[1:]
                      if dict(zip(header, volume_edits.values(line)))["TEXTPATH"])
        volume_edits.write_dat(volume, bom, [line for line in lines if line != victim])
        report = self.intake(volume)
        self.assertFalse(report["verified"])
        self.assertIn("missing_row", self.kinds(report))

    def test_date_outside_the_demands_timeframe(self):
        volume = self.copy()
        bom, lines = volume_edits.dat_lines(volume)
        header = volume_edits.values(lines[0])
        column = header.index("DATESENT")
        for i, line in enumerate(lines[1:], start=1):
            v = volume_edits.values(line)
            if v[column]:
                v[column] = "01/01/1999"
                lines[i] = "\x14".join("\u00fe" + x + "\u00fe" for x in v)
                break
        volume_edits.write_dat(volume, bom, lines)
        volume_edits.rewrite_manifest(volume)
        report = self.intake(volume)
        self.assertTrue(report["verified"])  # a finding beside verification, not against it
        outside = [d["detail"] for d in report["defects"] if d["kind"] == "outside_timeframe"]
        self.assertEqual(len(outside), 1)
        self.assertIn("1999-01-01", outside[0])


if __name__ == "__main__":
    unittest.main()
