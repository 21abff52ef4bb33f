"""A folder of hostile and broken files: each becomes an exception with its reason (or a
processed item where it can be read), nothing is written outside the case folder, and the run
completes."""
import os
import subprocess
import sys
import unittest

import bates_testlib as t


class BrokenInputs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = t.scratch_dir("broken")
        cls.inputs = os.path.join(cls.tmp, "inputs")
        subprocess.run([sys.executable, os.path.join(t.SOURCE_DIR, "tests", "data", "make_broken_inputs.py"),
                        cls.inputs], check=True, capture_output=True)
        cls.outside = [os.path.join(cls.tmp, "evil.txt"), os.path.join(cls.inputs, "..", "..", "evil.txt"),
                       "/tmp/bates-evil.txt"]
        for path in cls.outside:
            if os.path.exists(path):
                os.remove(path)
        cls.case = os.path.join(cls.tmp, "case")
        t.run("init", cls.case)
        cls.add = t.run("add", cls.case, "--custodian", "Records Unit", cls.inputs, "--no-progress",
                        "--helper-timeout", "30", expect=(3,), timeout=300)
        cls.account = t.run_json("account", cls.case)
        cls.items = t.run_json("list", cls.case)["items"]

    def assert_exception(self, path_fragment, code, words=""):
        matches = [e for e in self.account["exceptions"] if path_fragment in e["path"] and e["code"] == code]
        self.assertTrue(matches, f"no {code} exception for {path_fragment}: {self.account['exceptions']}")
        if words:
            self.assertTrue(any(words in e["reason"] for e in matches), matches)

    def test_the_run_completes_and_balances(self):
        self.assertTrue(self.account["balanced"])
        totals = self.account["totals"]
        self.assertEqual(totals["items"], totals["processed"] + totals["exceptions"])
        # Every file of the folder is an item, readable or not.
        on_disk = sorted(os.listdir(self.inputs))
        top = sorted(os.path.basename(i["path"]) for i in self.items if i["parent_id"] is None)
        self.assertEqual(top, on_disk)
        for e in self.account["exceptions"]:
            self.assertTrue(e["reason"].strip(), e)

    def test_each_broken_file_is_an_exception_with_its_reason(self):
        self.assert_exception("encrypted.pdf", "encrypted", "password")
        self.assert_exception("garbage_after_header.pdf", "corrupt")
        self.assert_exception("junk.eml", "unsupported_format")
        self.assert_exception("corrupt.zip", "corrupt")
        self.assert_exception("encrypted_member.zip#secret.txt", "encrypted")
        self.assert_exception("bomb.zip", "resource_exhausted", "bomb")
        self.assert_exception("nested_bomb.zip", "resource_exhausted")
        self.assert_exception("symlink.tar", "unsupported_format", "link")

    def test_what_can_be_read_is_read(self):
        paths = {i["path"].split(self.inputs + "/")[-1]: i for i in self.items}
        self.assertEqual(paths["corrupt.zip#one.txt"]["status"], "processed")
        self.assertEqual(paths["encrypted_member.zip#readme.txt"]["status"], "processed")
        self.assertEqual(paths["empty.bin"]["status"], "processed")
        mbox_messages = [p for p in paths if p.startswith("truncated.mbox#")]
        self.assertEqual(len(mbox_messages), 3)

    def test_nothing_is_written_outside_the_case(self):
        for path in self.outside:
            self.assertFalse(os.path.exists(path), path)
        traversal = [i for i in self.items if i["path"].startswith(os.path.join(self.inputs, "traversal.zip#"))]
        self.assertEqual(len(traversal), 3)
        self.assertTrue(all(i["status"] == "processed" for i in traversal))
        # The case's temporary folder is emptied after the run.
        self.assertEqual(os.listdir(os.path.join(self.case, "tmp")), [])


if __name__ == "__main__":
    t.main()
