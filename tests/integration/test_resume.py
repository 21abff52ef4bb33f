"""Kill `bates add` with SIGKILL part way, run it again: every item exactly once, same ids as an
uninterrupted run, and the account balanced."""
import os
import signal
import subprocess
import sys
import time
import unittest

import bates_testlib as t


def listing(case_dir):
    items = t.run_json("list", case_dir)["items"]
    return [(i["id"], i["path"], i["sha256"], i["status"], i["parent_id"]) for i in items]


class KillAndResume(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = t.scratch_dir("resume")
        cls.mail = os.path.join(cls.tmp, "mail")
        subprocess.run([sys.executable, os.path.join(t.SOURCE_DIR, "tools", "example", "make_example.py"),
                        "--items", "3000", "--seed", "7", "--out", cls.mail], check=True, capture_output=True)
        # The reference: the same collection, uninterrupted.
        cls.reference = os.path.join(cls.tmp, "reference")
        t.run("init", cls.reference)
        t.run("add", cls.reference, "--custodian", "Records Unit", cls.mail, "--no-progress",
              "--batch-items", "100", expect=(0, 3))
        cls.expected = listing(cls.reference)

    def test_sigkill_then_resume_gives_the_same_case(self):
        total = len(self.expected)
        self.assertGreater(total, 3000)
        # Find a moment when some but not all items are committed; try a few delays.
        for attempt, delay in enumerate([0.8, 0.4, 1.5, 0.2, 2.5]):
            case_dir = os.path.join(self.tmp, f"killed-{attempt}")
            t.run("init", case_dir)
            proc = subprocess.Popen([t.BATES, "add", case_dir, "--custodian", "Records Unit", self.mail,
                                     "--no-progress", "--batch-items", "100", "--jobs", "2"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            partial = t.run_json("account", case_dir, expect=(0, 1))["totals"]["items"]
            if 0 < partial < total:
                break
        else:
            self.skipTest("could not interrupt the run part way on this machine")

        report = t.run_json("add", case_dir, "--custodian", "Records Unit", self.mail, "--no-progress",
                            "--batch-items", "100", expect=(0, 3))
        self.assertGreater(report["sources"][0]["files_skipped"], 0, "the second run redid everything")
        self.assertEqual(listing(case_dir), self.expected)
        account = t.run_json("account", case_dir)
        self.assertTrue(account["balanced"])
        totals = account["totals"]
        self.assertEqual(totals["items"], totals["processed"] + totals["exceptions"])
        # Every search still agrees with the store: no index entry lost or doubled.
        everything = t.run_json("search", case_dir, "type:email", "--limit", "1")["total"]
        self.assertEqual(everything, t.run_json("search", self.reference, "type:email", "--limit", "1")["total"])

    def test_adding_again_adds_nothing(self):
        before = listing(self.reference)
        report = t.run_json("add", self.reference, "--custodian", "Records Unit", self.mail, "--no-progress")
        self.assertEqual(report["items"], 0)
        self.assertEqual(listing(self.reference), before)


if __name__ == "__main__":
    t.main()
