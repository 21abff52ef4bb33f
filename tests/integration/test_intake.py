"""`bates intake` end to end: the responder's side produces a volume from the built-in (fictional)
example; the requester's side takes it in, verifies it clean and indexes it; then tampered copies
of the volume — a changed file, a missing Bates range, a dropped load-file row, a date outside the
relevant timeframe, a withheld slip sheet missing from the privilege log, a late production — are
each reported by their defect kind."""
import hashlib
import json
import os
import shutil
import sqlite3
import unittest

import bates_testlib as t

SELECT = 'ICE OR "immigration and customs" OR detainer*'
WITHHOLD = 'privileged OR "attorney-client"'
VOL = "VOL001"
RECIPIENT = "City of Thistlewick (fictional)"


def dat_lines(volume):
    with open(os.path.join(volume, "DATA", VOL + ".dat"), "rb") as f:
        raw = f.read()
    return raw[:3], raw[3:].decode("utf-8").split("\r\n")[:-1]


def write_dat(volume, bom, lines):
    with open(os.path.join(volume, "DATA", VOL + ".dat"), "wb") as f:
        f.write(bom + "".join(line + "\r\n" for line in lines).encode("utf-8"))


def values(line):
    return [v[1:-1] for v in line.split("\x14")]


def rows(volume):
    _, lines = dat_lines(volume)
    header = values(lines[0])
    return [dict(zip(header, values(line))) for line in lines[1:]]


def rewrite_manifest(volume):
    """What a producer who made these changes would ship: a manifest that matches them."""
    entries = []
    for root, _, files in os.walk(volume):
        for name in files:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, volume).replace(os.sep, "/")
            if rel == "MANIFEST.txt":
                continue
            with open(path, "rb") as f:
                data = f.read()
            entries.append((rel, hashlib.sha256(data).hexdigest(), len(data)))
    with open(os.path.join(volume, "MANIFEST.txt"), "w", encoding="utf-8", newline="\n") as f:
        for rel, digest, size in sorted(entries):
            f.write(f"{digest}  {size}  {rel}\n")


def local(volume, load_file_path):
    return os.path.join(volume, *load_file_path.split("\\"))


class Intake(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = t.scratch_dir("intake")
        example = t.example()
        responder = os.path.join(cls.root, "responder")
        t.collect_example(responder, example)
        report = t.run_json("produce", responder, "--select", SELECT, "--withhold", WITHHOLD,
                            "--prefix", "CITY", "--volume", VOL)
        cls.produced = report["folder"]
        # The privilege log as bates productions carry it (DATA/<VOLUME>_PRIVLOG.csv, first
        # column Bates): every withheld slip sheet of the volume.
        cls.withheld = [r["BEGBATES"] for r in rows(cls.produced)
                        if not r["TEXTPATH"] and not r["NATIVEPATH"]]
        assert cls.withheld, "the example should withhold some documents"
        with open(os.path.join(cls.produced, "DATA", VOL + "_PRIVLOG.csv"), "w",
                  encoding="utf-8", newline="") as f:
            f.write("Bates,Privilege basis\r\n")
            for b in cls.withheld:
                f.write(f"{b},Attorney-client privilege\r\n")
        rewrite_manifest(cls.produced)
        cls.requester = os.path.join(cls.root, "requester")
        t.run("init", cls.requester)
        cls.count = 0

    def copy(self):
        Intake.count += 1
        path = os.path.join(self.root, f"copy{Intake.count}", VOL)
        shutil.copytree(self.produced, path)
        return path

    def intake(self, volume, *extra):
        return t.run_json("intake", self.requester, volume, "--recipient", RECIPIENT,
                          "--no-index", *extra)

    def kinds(self, report):
        return sorted({d["kind"] for d in report["defects"]})

    def test_clean_volume_verifies_and_is_indexed(self):
        report = t.run_json("intake", self.requester, self.produced, "--recipient", RECIPIENT,
                            "--due", "2018-02-23", "--received", "2018-02-23", "--no-progress")
        self.assertEqual(report["recipient"], RECIPIENT)
        self.assertEqual(report["volume"], VOL)
        self.assertEqual(report["documents"], len(rows(self.produced)))
        self.assertTrue(report["verified"])
        self.assertEqual(report["defects"], [])
        self.assertEqual(report["withheld"], len(self.withheld))
        self.assertTrue(report["indexed"])
        self.assertEqual(report["items_indexed"], report["documents"] - report["withheld"])
        listed = t.run_json("list", self.requester, "--limit", "1000")
        self.assertIn(RECIPIENT, json.dumps(listed))
        # The requester's audit log keeps each intake: who produced which volume, and the verdict.
        with sqlite3.connect(os.path.join(self.requester, "bates.db")) as db:
            details = [json.loads(d) for (d,) in
                       db.execute("SELECT detail FROM audit_log WHERE action = 'intake'")]
        mine = [d for d in details if d["indexed"]]
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine[0]["recipient"], RECIPIENT)
        self.assertTrue(mine[0]["verified"])
        self.assertEqual(mine[0]["defects"], {})

    def test_changed_file_is_hash_mismatch(self):
        volume = self.copy()
        text = next(r["TEXTPATH"] for r in rows(volume) if r["TEXTPATH"])
        with open(local(volume, text), "ab") as f:
            f.write(b" altered")
        report = self.intake(volume)
        self.assertFalse(report["verified"])
        self.assertEqual(self.kinds(report), ["hash_mismatch"])
        self.assertIn(text.replace("\\", "/"), report["defects"][0]["detail"])

    def test_missing_bates_range_is_bates_gap(self):
        volume = self.copy()
        bom, lines = dat_lines(volume)
        header = values(lines[0])
        # A produced document in the middle, removed whole: row, pages, files — and a manifest
        # that matches, so only the Bates run tells.
        victim_line = lines[len(lines) // 2]
        victim = dict(zip(header, values(victim_line)))
        write_dat(volume, bom, [line for line in lines if line != victim_line])
        opt_path = os.path.join(volume, "DATA", VOL + ".opt")
        with open(opt_path, encoding="utf-8", newline="") as f:
            opt = f.read().split("\r\n")[:-1]
        beg, end = victim["BEGBATES"], victim["ENDBATES"]
        kept = []
        for line in opt:
            key, _, path = line.split(",")[:3]
            if beg <= key <= end:
                os.remove(local(volume, path))
            else:
                kept.append(line)
        with open(opt_path, "w", encoding="utf-8", newline="") as f:
            f.write("".join(line + "\r\n" for line in kept))
        for p in (victim["TEXTPATH"], victim["NATIVEPATH"]):
            if p:
                os.remove(local(volume, p))
        rewrite_manifest(volume)
        report = self.intake(volume)
        self.assertFalse(report["verified"])
        self.assertEqual(self.kinds(report), ["bates_gap"])
        self.assertTrue(report["defects"][0]["detail"].startswith(beg))

    def test_dropped_load_file_row_is_missing_row(self):
        volume = self.copy()
        bom, lines = dat_lines(volume)
        header = values(lines[0])
        victim_line = next(line for line in lines[1:]
                           if dict(zip(header, values(line)))["TEXTPATH"])
        victim = dict(zip(header, values(victim_line)))
        write_dat(volume, bom, [line for line in lines if line != victim_line])
        report = self.intake(volume)
        self.assertFalse(report["verified"])
        kinds = self.kinds(report)
        self.assertIn("missing_row", kinds)
        self.assertIn("hash_mismatch", kinds)  # the DAT itself no longer matches the manifest
        missing = [d["detail"] for d in report["defects"] if d["kind"] == "missing_row"]
        self.assertTrue(any(victim["TEXTPATH"].replace("\\", "/") in d for d in missing))

    def test_date_outside_timeframe(self):
        volume = self.copy()
        bom, lines = dat_lines(volume)
        header = values(lines[0])
        column = header.index("DATESENT")
        for i, line in enumerate(lines[1:], start=1):
            v = values(line)
            if v[column]:
                v[column] = "01/01/1999"
                lines[i] = "\x14".join("\u00fe" + x + "\u00fe" for x in v)
                bates = v[header.index("BEGBATES")]
                break
        write_dat(volume, bom, lines)
        rewrite_manifest(volume)
        clean = self.intake(self.produced)
        frame = ["--from", clean["earliest_date"], "--to", clean["latest_date"]]
        self.assertNotIn("outside_timeframe", self.kinds(self.intake(self.produced, *frame)))
        report = self.intake(volume, *frame)
        self.assertTrue(report["verified"])  # a finding beside verification, not against it
        outside = [d["detail"] for d in report["defects"] if d["kind"] == "outside_timeframe"]
        self.assertEqual(len(outside), 1)
        self.assertIn(bates, outside[0])
        self.assertIn("1999-01-01", outside[0])

    def test_unlogged_withholding_and_late(self):
        volume = self.copy()
        log = os.path.join(volume, "DATA", VOL + "_PRIVLOG.csv")
        with open(log, encoding="utf-8", newline="") as f:
            lines = f.read().split("\r\n")
        dropped = lines.pop(1).split(",")[0]
        with open(log, "w", encoding="utf-8", newline="") as f:
            f.write("\r\n".join(lines))
        rewrite_manifest(volume)
        report = self.intake(volume, "--due", "2018-02-23", "--received", "2018-03-02")
        self.assertTrue(report["verified"])
        self.assertEqual(self.kinds(report), ["late", "unlogged_withholding"])
        unlogged = [d["detail"] for d in report["defects"] if d["kind"] == "unlogged_withholding"]
        self.assertEqual(len(unlogged), 1)
        self.assertIn(dropped, unlogged[0])

    def test_not_a_volume_is_a_clear_error(self):
        folder = os.path.join(self.root, "not-a-volume")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "letter.txt"), "w", encoding="utf-8") as f:
            f.write("not a production")
        proc = t.run("intake", self.requester, folder, "--no-index", expect=(1,))
        self.assertIn("no load file", proc.stderr)

    def test_fail_unverified_exit_status(self):
        volume = self.copy()
        os.remove(os.path.join(volume, "MANIFEST.txt"))
        os.remove(local(volume, next(r["TEXTPATH"] for r in rows(volume) if r["TEXTPATH"])))
        proc = t.run("intake", self.requester, volume, "--no-index", "--fail-unverified",
                     expect=(4,))
        self.assertIn("missing_file", proc.stdout)
        self.assertIn("no_manifest", proc.stdout)


if __name__ == "__main__":
    t.main()
