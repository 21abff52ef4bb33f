"""`bates tar simulate` (issue 6) end to end: continuous active learning on the built-in example,
seeded by one responsive document and played from the example's ground truth, must reach 90%
recall with far less review than reading everything; the figures it reports (responsive count,
gain curve, effort, stopping points, elusion test) must agree with the labels; and labels given by
collected-file path work on a plain folder."""
import json
import math
import os
import sys
import unittest

import bates_testlib as t

sys.path.insert(0, os.path.join(t.SOURCE_DIR, "tools", "analytics"))
import scoring  # noqa: E402


def check_report(test, r, relevant):
    """What every simulation report must satisfy, whatever the ranking."""
    test.assertEqual(r["relevant"], relevant)
    curve = r["curve"]
    test.assertEqual(curve[0], [0, 0])
    for (x0, y0), (x1, y1) in zip(curve, curve[1:]):
        test.assertGreater(x1, x0)
        test.assertGreaterEqual(y1, y0)
        test.assertLessEqual(y1 - y0, x1 - x0)  # at most one find per review
    test.assertLessEqual(curve[-1][0], r["documents"])
    test.assertLessEqual(curve[-1][1], relevant)
    # Effort to a recall level lies between the batch ends around where the curve crosses it.
    for level, effort in r["effort_at"].items():
        need = math.ceil(float(level) * relevant - 1e-9)
        crossing = next((x for x, y in curve if y >= need), None)
        if effort is None:
            test.assertIsNone(crossing, level)
            continue
        before = max(x for x, y in curve if y < need)
        test.assertGreater(effort, before, level)
        test.assertLessEqual(effort, crossing, level)
    # The elusion test is taken where the knee rule stops; its true recall is the curve's there.
    e, knee = r["elusion"], r["stops"]["knee"]
    test.assertEqual(e["reviewed"], knee["reviewed"])
    at = dict((x, y) for x, y in curve)
    test.assertIn(e["reviewed"], at)
    test.assertAlmostEqual(e["true_recall"], at[e["reviewed"]] / relevant, places=9)
    test.assertAlmostEqual(knee["recall"], e["true_recall"], places=9)
    test.assertEqual(e["remainder"], r["documents"] - e["reviewed"])
    test.assertLessEqual(e["responsive_in_sample"], e["sample"])
    test.assertLessEqual(e["sample"], e["remainder"])
    test.assertLessEqual(e["ci_low"], e["recall_estimate"])
    test.assertLessEqual(e["recall_estimate"], e["ci_high"])
    # The estimate follows from the sample: found / (found + rate * remainder).
    found = at[e["reviewed"]]
    if e["sample"]:
        missed = e["responsive_in_sample"] / e["sample"] * e["remainder"]
        test.assertAlmostEqual(e["recall_estimate"], found / (found + missed), places=9)


class ExampleSimulation(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.example = t.example()
        cls.truth = t.ground_truth(cls.example)
        cls.dir = t.scratch_dir("tar")
        cls.case = os.path.join(cls.dir, "case")
        t.collect_example(cls.case, cls.example)
        items = t.run_json("list", cls.case)["items"]
        roots = {row["folder"]: os.path.realpath(os.path.join(cls.example, "collection", row["folder"]))
                 for row in t.custodians(cls.example)}
        key_to_id = scoring.match_example(items, cls.truth["records"], roots)
        docs = [r for r in cls.truth["records"] if r["kind"] != "container"]
        cls.responsive = sorted(key_to_id[r["key"]] for r in docs
                                if r["responsive"] and r["key"] in key_to_id)
        cls.labels = os.path.join(cls.dir, "labels.tsv")
        with open(cls.labels, "w", encoding="utf-8") as f:
            f.write("path\tlabel\n")
            for r in docs:
                if r["key"] in key_to_id:
                    f.write("%s\t%d\n" % (key_to_id[r["key"]], 1 if r["responsive"] else 0))
        cls.chart = os.path.join(cls.dir, "gain.html")
        # One seed document: the first responsive one by id.
        cls.report = t.run_json("tar", "simulate", cls.case, "--labels", cls.labels,
                                "--seed-docs", cls.responsive[0], "--references",
                                "--elusion-repeats", "20", "--chart", cls.chart)

    def test_every_responsive_document_maps_to_an_item(self):
        docs = [r for r in self.truth["records"] if r["kind"] != "container" and r["responsive"]]
        self.assertEqual(len(self.responsive), len(docs))
        self.assertGreater(len(docs), 10)

    def test_report_agrees_with_the_labels(self):
        check_report(self, self.report, len(self.responsive))
        self.assertEqual(self.report["labels_unmatched"], 0)
        self.assertEqual(self.report["curve"][1], [1, 1])  # the seed, reviewed first

    def test_one_seed_document_reaches_90_percent_recall_with_little_review(self):
        r = self.report
        effort = r["effort_at"]["0.9"]
        self.assertIsNotNone(effort)
        random90 = r["references"]["random"]["0.9"]
        # Random review needs about 90% of the collection; CAL a fraction of that.
        self.assertLess(effort, 0.5 * random90, r["effort_at"])
        self.assertLessEqual(r["references"]["ideal"]["0.9"], random90)

    def test_stopping_rules_and_calibration(self):
        r = self.report
        self.assertTrue(r["stops"]["knee"]["fired"], r["stops"])
        self.assertGreaterEqual(r["stops"]["knee"]["recall"], 0.75)
        cal = r["elusion"]["calibration"]
        self.assertEqual(cal["repeats"], 20)
        self.assertLessEqual(cal["share_ci_low"], cal["covered"] / 20)
        self.assertGreaterEqual(cal["share_ci_high"], cal["covered"] / 20)

    def test_chart_is_written(self):
        with open(self.chart, encoding="utf-8") as f:
            page = f.read()
        self.assertIn("<svg", page)
        self.assertIn("<polyline", page)
        self.assertIn("knee stop", page)

    def test_a_labels_file_with_a_bad_label_is_a_usage_error(self):
        bad = os.path.join(self.dir, "bad.tsv")
        with open(bad, "w", encoding="utf-8") as f:
            f.write("path\tlabel\nDOC-000001\tyes\n")
        proc = t.run("tar", "simulate", self.case, "--labels", bad, "--seed-text", "x", expect=(2,))
        self.assertIn("label", proc.stderr)


class FolderLabelsByPath(unittest.TestCase):
    """Labels naming collected files by their path relative to the folder added (how the
    Reuters tool writes them), seeded by a description."""

    def test_labels_by_path_and_seed_text(self):
        d = t.scratch_dir("tar-folder")
        folder = os.path.join(d, "docs")
        os.makedirs(os.path.join(folder, "sub"))
        fruits = ["apple orchard harvest", "pear orchard pruning", "cherry blossom orchard"]
        other = ["bank interest rates", "railway timetable change", "football league results",
                 "parliament budget vote", "weather storm warning"]
        labels = ["path\tlabel"]
        for i in range(240):
            on = i % 8 == 0
            words = fruits[i % 3] if on else other[i % 5]
            name = ("sub/" if i % 2 else "") + "doc%03d.txt" % i
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write("%s report number %d\n%s and more about %s\n" % (words, i, words, words))
            labels.append("%s\t%d" % (name, 1 if on else 0))
        labels.append("nowhere.txt\t1")  # names no collected file
        lf = os.path.join(d, "labels.tsv")
        with open(lf, "w", encoding="utf-8") as f:
            f.write("\n".join(labels) + "\n")
        case = os.path.join(d, "case")
        t.run("init", case)
        t.run("add", case, "--custodian", "Test", folder)
        r = t.run_json("tar", "simulate", case, "--labels", lf, "--seed-text", "orchard fruit harvest")
        check_report(self, r, 30)
        self.assertEqual(r["documents"], 240)
        self.assertEqual(r["labels_unmatched"], 1)
        self.assertIsNotNone(r["effort_at"]["0.9"])
        self.assertLessEqual(r["effort_at"]["0.9"], 60)


if __name__ == "__main__":
    unittest.main()
