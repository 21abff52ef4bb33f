"""`bates demand check` and `bates demand deadlines` on the model case: the spec validates, every
one of the 23 recipients is due Friday 23 February 2018 from service on 24 January, and a broken
spec is a clear error naming file, line and field (exit 2), not a crash."""
import os
import unittest

import bates_testlib as t

SPEC = os.path.join(t.SOURCE_DIR, "examples", "doj-2018", "demand.yaml")


class DemandCommands(unittest.TestCase):
    def test_model_case_validates(self):
        out = t.run("demand", "check", SPEC).stdout
        self.assertIn("23 recipient(s)", out)

    def test_every_recipient_due_23_february(self):
        rows = t.run_json("demand", "deadlines", SPEC, "--served", "2018-01-24")
        self.assertEqual(len(rows), 23)
        for row in rows:
            self.assertEqual(row["due"], "2018-02-23")
            self.assertEqual(row["due_time"], "23:59")
            self.assertTrue(row["working"])

    def test_holiday_rolls_forward_with_working(self):
        # Served Sat 2018-01-20: day 30 is Mon 2018-02-19, Washington's Birthday -> Tue 02-20.
        rows = t.run_json("demand", "deadlines", SPEC, "--served", "2018-01-20")
        self.assertEqual(rows[0]["due"], "2018-02-20")
        self.assertTrue(any("Washington's Birthday" in w for w in rows[0]["working"]))

    def test_bad_spec_names_line_and_field(self):
        bad = os.path.join(t.scratch_dir("demand"), "bad.yaml")
        with open(bad, "w") as f:
            f.write("schema_version: 1\nissuer: x\n")
        proc = t.run("demand", "check", bad, expect=(2,))
        self.assertIn("bad.yaml:1: legal_basis: is required", proc.stderr)


if __name__ == "__main__":
    t.main()
