"""`bates demand` tracking end to end on the model-case spec (examples/doj-2018/demand.yaml):
serve three recipients on 24 January 2018, log a paused clock and a promise, take in the
responder's (fictional) production against the spec for one recipient, a tampered copy for a
second, and the clean volume received late for a third; then status, remind and the deficiency
report say what a requester relies on. Every response here is SIMULATED."""
import json
import os
import shutil
import sqlite3
import subprocess
import unittest

import bates_testlib as t

SELECT = 'ICE OR "immigration and customs" OR detainer*'
WITHHOLD = 'privileged OR "attorney-client"'


class DemandTracking(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = t.scratch_dir("demand-tracking")
        cls.spec = os.path.join(cls.root, "demand.yaml")
        shutil.copy(os.path.join(t.SOURCE_DIR, "examples", "doj-2018", "demand.yaml"), cls.spec)
        responder = os.path.join(cls.root, "responder")
        t.collect_example(responder, t.example())
        report = t.run_json("produce", responder, "--select", SELECT, "--withhold", WITHHOLD,
                            "--prefix", "CITY", "--volume", "VOL001")
        cls.volume = report["folder"]
        cls.tampered = os.path.join(cls.root, "tampered", "VOL001")
        shutil.copytree(cls.volume, cls.tampered)
        text_dir = os.path.join(cls.tampered, "TEXT")
        first = sorted(os.path.join(r, f) for r, _, fs in os.walk(text_dir) for f in fs)[0]
        with open(first, "a", encoding="utf-8") as f:
            f.write(" (SIMULATED alteration)")

        for rid in ("chicago", "cook-county", "new-york-city"):
            t.run("demand", "serve", cls.spec, rid, "--date", "2018-01-24")
        # Cook County asks what a term means: its clock waits on the requester for 5 days.
        t.run("demand", "log", cls.spec, "cook-county", "--status", "waiting_on_requester",
              "--date", "2018-02-01", "--note", "SIMULATED: asked what 'communications' covers")
        t.run("demand", "log", cls.spec, "cook-county", "--status", "acknowledged",
              "--date", "2018-02-06", "--promised", "2018-02-26", "--note", "SIMULATED")
        cls.clean = t.run_json("intake", cls.spec, cls.volume, "--recipient", "chicago",
                               "--received", "2018-02-20", "--no-progress")
        cls.bad = t.run_json("intake", cls.spec, cls.tampered, "--recipient", "cook-county",
                             "--received", "2018-02-20", "--no-index")
        cls.late = t.run_json("intake", cls.spec, cls.volume, "--recipient", "new-york-city",
                              "--received", "2018-03-05", "--no-index")
        cls.case = os.path.join(cls.root, "demand.case")

    def status(self, as_of="2018-03-06"):
        report = t.run_json("demand", "status", self.spec, "--as-of", as_of)
        return {r["recipient"]: r for r in report["recipients"]}

    def test_the_case_lives_beside_the_spec(self):
        self.assertTrue(os.path.isfile(os.path.join(self.case, "bates.db")))

    def test_intake_against_the_spec_verifies_and_flags(self):
        self.assertTrue(self.clean["verified"])
        self.assertTrue(self.clean["indexed"])
        self.assertFalse(self.bad["verified"])
        self.assertIn("hash_mismatch", {d["kind"] for d in self.bad["defects"]})
        self.assertIn("late", {d["kind"] for d in self.late["defects"]})

    def test_status_shows_verified_deficient_and_late(self):
        rows = self.status()
        self.assertEqual(len(rows), 23)
        chi = rows["chicago"]
        self.assertEqual(chi["served"], "2018-01-24")
        self.assertEqual(chi["due"], "2018-02-23")
        self.assertEqual(chi["time_zone"], "America/Chicago")
        self.assertIn(chi["status"], ("production_complete", "partial_production"))
        self.assertTrue(chi["productions"][0]["verified"])
        self.assertFalse(chi["late"])
        cook = rows["cook-county"]
        self.assertEqual(cook["status"], "deficient")
        self.assertFalse(cook["productions"][0]["verified"])
        self.assertIn("hash_mismatch", cook["open_deficiencies"])
        # Paused 1-6 February: 23 February + 5 days = 28 February.
        self.assertEqual(cook["paused_days"], 5)
        self.assertEqual(cook["due"], "2018-02-28")
        self.assertTrue(cook["overdue"])
        self.assertEqual(cook["days_left"], -6)
        nyc = rows["new-york-city"]
        self.assertTrue(nyc["late"])
        self.assertTrue(nyc["productions"][0]["late"])
        self.assertEqual(rows["california"]["status"], "not_served")
        self.assertIsNone(rows["california"]["due"])

    def test_status_before_the_deadline_counts_days_left(self):
        rows = self.status("2018-02-13")
        self.assertEqual(rows["chicago"]["days_left"], 10)
        self.assertFalse(rows["chicago"]["overdue"])
        self.assertEqual(rows["chicago"]["productions"], [])

    def test_csv(self):
        out = t.run("demand", "status", self.spec, "--as-of", "2018-03-06", "--csv").stdout
        lines = out.splitlines()
        self.assertTrue(lines[0].startswith("recipient,agency,status,served,due"))
        self.assertEqual(len(lines), 24)

    def test_remind_lists_overdue_and_respects_promises(self):
        before = json.loads(t.run("demand", "remind", self.spec, "--as-of", "2018-02-20",
                                  "--json").stdout)
        # Cook County promised 26 February: no follow-up before then, though 14 days have passed.
        self.assertNotIn("cook-county", {r["recipient"] for r in before})
        after = json.loads(t.run("demand", "remind", self.spec, "--as-of", "2018-03-06",
                                 "--json").stdout)
        kinds = {(r["recipient"], r["kind"]) for r in after}
        self.assertIn(("cook-county", "overdue"), kinds)
        # Past the promise, the follow-up is due.
        self.assertIn(("cook-county", "follow_up"), kinds)
        # A complete production ends the clock; a partial one (intake found holes) does not.
        if self.status()["chicago"]["status"] == "production_complete":
            self.assertNotIn(("chicago", "overdue"), kinds)
        else:
            self.assertIn(("chicago", "overdue"), kinds)

    def test_deficiency_report(self):
        cook = t.run_json("demand", "deficiency", self.spec, "cook-county", "--as-of", "2018-03-06")
        kinds = {d["kind"] for d in cook["deficiencies"]}
        self.assertTrue({"hash_mismatch", "unverified", "overdue"} <= kinds, kinds)
        nyc = t.run_json("demand", "deficiency", self.spec, "new-york-city", "--as-of", "2018-03-06")
        self.assertIn("late", {d["kind"] for d in nyc["deficiencies"]})
        unserved = t.run_json("demand", "deficiency", self.spec, "california", "--as-of",
                              "2018-03-06")
        self.assertEqual(unserved["requests_without_production"], [1])

    def test_deficiency_drafts_the_next_step(self):
        letter = os.path.join(self.root, "cook-county-deficiency.pdf")
        t.run("demand", "deficiency", self.spec, "cook-county", "--as-of", "2018-03-06",
              "--draft", letter)
        text = subprocess.run(["pdftotext", "-layout", letter, "-"], capture_output=True,
                              text=True, check=True).stdout
        self.assertIn("DRAFT", text)
        self.assertIn("not sent", text)
        self.assertIn("hash_mismatch", text)  # the report's findings are in the letter
        self.assertIn("Request 1", text.replace("\n", " "))
        subpoena = os.path.join(self.root, "california-subpoena.html")
        t.run("demand", "deficiency", self.spec, "california", "--as-of", "2018-03-06",
              "--draft", subpoena, "--kind", "subpoena")
        with open(subpoena, encoding="utf-8") as f:
            html = f.read()
        self.assertIn("ubpoena", html)
        self.assertIn("DRAFT", html)
        t.run("demand", "deficiency", self.spec, "cook-county", "--draft",
              os.path.join(self.root, "x.txt"), expect=(2,))

    def test_every_change_is_audited(self):
        with sqlite3.connect(os.path.join(self.case, "bates.db")) as db:
            actions = [a for (a,) in db.execute("SELECT action FROM audit_log")]
        self.assertEqual(actions.count("demand.serve"), 3)
        self.assertGreaterEqual(actions.count("demand.log"), 5)
        self.assertEqual(actions.count("demand.production"), 3)

    def test_bad_input_is_a_clear_error(self):
        proc = t.run("demand", "log", self.spec, "nowhere", "--status", "served", expect=None)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("nowhere", proc.stderr)
        proc = t.run("demand", "log", self.spec, "chicago", "--status", "lost", expect=None)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("expected one of", proc.stderr)
        proc = t.run("demand", "log", self.spec, "chicago", "--status", "extension_granted",
                     expect=None)
        self.assertIn("--new-due", proc.stderr)
        proc = t.run("intake", self.spec, self.volume, expect=None)
        self.assertIn("--recipient", proc.stderr)


if __name__ == "__main__":
    t.main()
