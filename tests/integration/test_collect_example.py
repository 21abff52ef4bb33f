"""Collect the built-in example end to end and check it against the example's ground truth:
every generated document becomes exactly one item, the account balances, search finds what the
ground truth says it must, families hold together, and ids do not depend on --jobs."""
import os
import unittest

import bates_testlib as t


def collected_file(item_path, source_roots):
    """'<root>/<relative path>#<inner path>' → (folder name, relative path, inner path)."""
    outer, _, inner = item_path.partition("#")
    for folder, root in source_roots.items():
        if outer.startswith(root + "/"):
            return folder, outer[len(root) + 1:], inner
    raise AssertionError(f"{item_path} is under no source")


class ExampleCollected(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.example = t.example()
        cls.truth = t.ground_truth(cls.example)
        cls.case = os.path.join(t.scratch_dir("collect"), "case")
        t.collect_example(cls.case, cls.example)
        cls.items = t.run_json("list", cls.case)["items"]
        roots = {row["folder"]: os.path.realpath(os.path.join(cls.example, "collection", row["folder"]))
                 for row in t.custodians(cls.example)}
        cls.located = {i["id"]: collected_file(i["path"], roots) for i in cls.items}
        cls.by_id = {i["id"]: i for i in cls.items}

    def match(self, record):
        """The items a ground-truth record can be: same custodian folder and file, and the same
        message or member."""
        folder, path, member, mid = (record["custodian_folder"], record["path"], record["member"],
                                     record["message_id"])
        found = []
        for item in self.items:
            f, rel, inner = self.located[item["id"]]
            if f != folder or rel != path:
                continue
            if record["kind"] == "email":
                # A loose .eml is the collected file itself; an mbox message is "message N".
                if item["message_id"] == mid.strip("<>") and item["kind"] == "email":
                    found.append(item)
            elif member is None:
                if inner == "":
                    found.append(item)
            elif inner == member or inner.endswith("/" + member):
                if mid and not path.endswith(".eml"):
                    # An attachment of an mbox message: its parent message must be that message.
                    parent = self.by_id[item["parent_id"]]
                    while parent["kind"] != "email":
                        parent = self.by_id[parent["parent_id"]]
                    if parent["message_id"] != mid.strip("<>"):
                        continue
                found.append(item)
        return found

    def test_every_generated_document_is_exactly_one_item(self):
        records = self.truth["records"]
        self.assertEqual(len(self.items), len(records))
        claimed = set()
        for record in records:
            found = self.match(record)
            self.assertEqual(len(found), 1, f"{record['key']} matches {[i['id'] for i in found]}")
            item = found[0]
            self.assertNotIn(item["id"], claimed, f"{record['key']} shares an item")
            claimed.add(item["id"])
            if record.get("sha256"):
                self.assertEqual(item["sha256"], record["sha256"], record["key"])
        self.assertEqual(len(claimed), len(self.items))

    def test_account_balances(self):
        account = t.run_json("account", self.case)
        totals = account["totals"]
        self.assertTrue(account["balanced"])
        self.assertEqual(totals["items"], totals["processed"] + totals["exceptions"])
        self.assertEqual(totals["items"], len(self.items))
        self.assertEqual(len(account["sources"]), len(t.custodians(self.example)))
        for source in account["sources"]:
            self.assertEqual(source["items"], source["processed"] + source["exceptions"], source["path"])
            self.assertTrue(source["complete"])
        self.assertEqual(len(account["exceptions"]), totals["exceptions"])

    def test_chief_sent_responsive_mail_in_timeframe_is_found_by_sender_and_dates(self):
        chief = self.truth["custodians"][0]
        self.assertEqual(chief["folder"], "chief-whitcombe")
        sent = [r for r in self.truth["records"]
                if r["custodian_folder"] == chief["folder"] and r["kind"] == "email"
                and r["path"].startswith("Mail/Sent/")]
        self.assertTrue(sent)
        sender = t.run_json("show", self.case, self.match(sent[0])[0]["id"], "--no-text")["from"]
        address = sender.split("<")[-1].rstrip(">")
        sent_ids = {r["message_id"] for r in sent}
        expected = {i["id"] for r in self.truth["records"]
                    if r["kind"] == "email" and r["message_id"] in sent_ids and r["responsive"]
                    for i in self.match(r)}
        self.assertTrue(expected)
        start, end = self.truth["timeframe"]["start"][:10], self.truth["timeframe"]["end"][:10]
        result = t.run_json("search", self.case, f"from:{address} date:{start}..{end}", "--limit", "10000")
        hits = {h["id"] for h in result["hits"]}
        self.assertEqual(result["total"], len(result["hits"]))
        self.assertFalse(expected - hits, "responsive mail from the chief not found")
        for h in result["hits"]:
            self.assertTrue(start <= h["date"][:10] <= end, h)

    def test_keyword_search_finds_every_copy_of_a_directive(self):
        copies = {i["id"] for r in self.truth["records"]
                  if "General Order 17-03" in r["title"] for i in self.match(r)}
        self.assertGreater(len(copies), 3)
        result = t.run_json("search", self.case, '"General Order 17-03"', "--limit", "10000")
        self.assertFalse(copies - {h["id"] for h in result["hits"]})
        for h in result["hits"]:
            self.assertTrue(h["path"] and h["custodian"] and h["title"])

    def test_snippets_mark_the_matched_words(self):
        result = t.run_json("search", self.case, "body:detainer", "--limit", "20")
        self.assertGreater(result["total"], 0)
        for h in result["hits"]:
            self.assertRegex(h["snippet"].lower(), r"<b>detainers?</b>")

    def test_family_holds_together_and_attachments_take_the_email_date(self):
        record = next(r for r in self.truth["records"]
                      if r["kind"] == "attachment" and r["path"].endswith(".eml") and r["member"])
        attachment = self.match(record)[0]
        shown = t.run_json("show", self.case, attachment["id"])
        parent = t.run_json("show", self.case, shown["parent_id"], "--no-text")
        self.assertEqual(parent["kind"], "email")
        self.assertIn(attachment["id"], [c["id"] for c in parent["children"]])
        self.assertEqual(shown["family_id"], parent["id"])
        self.assertEqual(shown["family"], parent["family"])
        self.assertEqual(shown["dates"]["sort"]["utc"], parent["dates"]["sent"]["utc"])
        self.assertTrue(shown["text"])

    def test_mbox_messages_are_emails_heading_their_own_families(self):
        mbox = [i for i in self.items if i["path"].endswith(".mbox")]
        self.assertTrue(mbox)
        for container in mbox:
            self.assertEqual(container["kind"], "container")
            messages = [i for i in self.items if i["parent_id"] == container["id"]]
            self.assertTrue(messages)
            for m in messages:
                self.assertEqual(m["kind"], "email")
                self.assertEqual(m["family_id"], m["id"])

    def test_malformed_query_names_the_column(self):
        proc = t.run("search", self.case, "(ICE OR detainer", expect=(2,))
        self.assertIn("column", proc.stderr)


class StableIds(unittest.TestCase):
    def test_ids_do_not_depend_on_jobs(self):
        example = t.example()
        listings = []
        for jobs in (1, 2):
            case = os.path.join(t.scratch_dir(f"jobs{jobs}"), "case")
            t.collect_example(case, example, jobs=jobs)
            listings.append([(i["id"], i["path"], i["sha256"], i["parent_id"], i["family_id"])
                             for i in t.run_json("list", case)["items"]])
        self.assertEqual(listings[0], listings[1])


if __name__ == "__main__":
    t.main()
