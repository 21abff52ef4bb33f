"""`bates tar start|next|code|status` (issue 6): a real review round by round, the reviewer played
from known labels. Checks that each batch holds only uncoded documents, that the status counts
what was coded, that a coding is passed on to an exact duplicate, and that the review finds the
topic far faster than reading in order."""
import os
import unittest

import bates_testlib as t


class ReviewRounds(unittest.TestCase):
    def test_rounds(self):
        d = t.scratch_dir("tar-review")
        folder = os.path.join(d, "docs")
        os.makedirs(folder)
        on_topic = set()
        others = ["bank interest rates loan", "railway timetable change", "football league results",
                  "parliament budget vote", "weather storm warning", "school board meeting"]
        for i in range(150):
            name = "doc%03d.txt" % i
            if i % 7 == 3:
                text = "orchard harvest of apples and pears, report %d; the orchard crop" % i
                on_topic.add(name)
            else:
                text = "%s, notice %d" % (others[i % len(others)], i)
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write(text + "\n")
        # An exact copy of an on-topic document.
        with open(os.path.join(folder, "doc003.txt"), encoding="utf-8") as f:
            copy = f.read()
        with open(os.path.join(folder, "zcopy.txt"), "w", encoding="utf-8") as f:
            f.write(copy)
        on_topic.add("zcopy.txt")
        case = os.path.join(d, "case")
        t.run("init", case)
        t.run("add", case, "--custodian", "Test", folder)
        items = t.run_json("list", case)["items"]
        name_of = {i["id"]: os.path.basename(i["path"]) for i in items}
        id_of = {v: k for k, v in name_of.items()}

        self.assertFalse(t.run_json("tar", "status", case)["started"])
        t.run("tar", "next", case, expect=(1,))  # nothing started
        t.run("tar", "start", case, "--topic", "orchards", "--seed-text", "orchard harvest apples")
        t.run("tar", "start", case, "--seed-text", "again", expect=(1,))  # one review per case

        # Coding one copy codes the other.
        c = t.run_json("tar", "code", case, id_of["doc003.txt"], "--responsive")
        self.assertEqual((c["coded"], c["propagated"]), (1, 1))
        coded = {id_of["doc003.txt"]: True}
        reviewed = 1
        for round_ in range(1, 9):
            batch = t.run_json("tar", "next", case)
            self.assertEqual(batch["round"], round_)
            ids = [i["id"] for i in batch["items"]]
            self.assertEqual(len(set(ids)), len(ids))
            for i in ids:
                self.assertNotIn(i, coded, "offered again after coding")
                self.assertNotEqual(i, id_of["zcopy.txt"], "a propagated copy is not offered")
            scores = [i["score"] for i in batch["items"]]
            self.assertEqual(scores, sorted(scores, reverse=True))
            yes = [i for i in ids if name_of[i] in on_topic]
            no = [i for i in ids if name_of[i] not in on_topic]
            if yes:
                t.run("tar", "code", case, *yes, "--responsive")
            if no:
                t.run("tar", "code", case, *no, "--not-responsive")
            for i in ids:
                coded[i] = name_of[i] in on_topic
            reviewed += len(ids)
        s = t.run_json("tar", "status", case)
        self.assertEqual(s["reviewed"], reviewed)
        self.assertEqual(s["responsive"], sum(coded.values()))
        self.assertEqual(s["propagated"], 1)
        self.assertEqual(s["rounds"], 8)
        self.assertEqual(s["documents"], 151)
        self.assertEqual(s["curve"][-1], [reviewed, s["responsive"]])
        # 22 responsive documents: 21 to review and the copy passed on. Reading in name order
        # would find a seventh of what was read; the review finds all 21 within 1.5 times that.
        all_found = next((n for n, found in s["curve"] if found == 21), None)
        self.assertIsNotNone(all_found, s["curve"])
        self.assertLessEqual(all_found, 33, s["curve"])

    def test_feature_cache_is_kept_rebuilt_when_items_change_and_survives_damage(self):
        d = t.scratch_dir("tar-review-cache")
        folder = os.path.join(d, "docs")
        os.makedirs(folder)
        for i in range(40):
            with open(os.path.join(folder, "doc%02d.txt" % i), "w", encoding="utf-8") as f:
                f.write("railway timetable change, notice %d\n" % i)
        case = os.path.join(d, "case")
        cache = os.path.join(case, "tar-features.bin")
        t.run("init", case)
        t.run("add", case, "--custodian", "Test", folder)
        t.run("tar", "start", case, "--seed-text", "orchard harvest apples")
        self.assertFalse(os.path.exists(cache))
        t.run_json("tar", "next", case, "--batch", "3")
        self.assertTrue(os.path.exists(cache))
        # New items after the cache was written: the only on-topic document must be found,
        # which it cannot be from stale vectors.
        more = os.path.join(d, "more")
        os.makedirs(more)
        with open(os.path.join(more, "apples.txt"), "w", encoding="utf-8") as f:
            f.write("orchard harvest of apples and pears\n")
        t.run("add", case, "--custodian", "Test", more)
        batch = t.run_json("tar", "next", case, "--batch", "1")
        self.assertTrue(batch["items"][0]["path"].endswith("apples.txt"), batch)
        # A damaged cache is rebuilt, not trusted and not a crash.
        with open(cache, "r+b") as f:
            f.seek(100)
            f.write(b"\xff" * 16)
        batch = t.run_json("tar", "next", case, "--batch", "1")
        self.assertTrue(batch["items"][0]["path"].endswith("apples.txt"), batch)


if __name__ == "__main__":
    unittest.main()
