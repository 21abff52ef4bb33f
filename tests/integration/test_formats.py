"""Issue 3 through the real binary: hostile inputs end as exceptions within seconds and bounded
memory, and an Outlook message with a DOCX attachment that embeds an XLSX yields three items,
linked parent -> child, in order, sharing the message's family id — from a .msg, and from a PST
(where Tika's sample puts the DOCX inside a forwarded message: four items).

Some inputs are made by the ingest unit tests (a PST patched in place, a cyclic PST, a .msg built
with cfb_writer): with BATES_INGEST_TEST set (ctest sets it), they are run with
BATES_TEST_OUTPUT_DIR and write them there. The PST ones need Apache Tika's testPST.pst in the
corpora; a test whose input is absent is skipped with the reason."""
import io
import os
import subprocess
import sys
import time
import unittest
import zipfile

import bates_testlib as t

MAX_SECONDS = 10
MAX_RSS_MIB = 512


def entity_bomb_docx():
    """A DOCX whose document part is a billion laughs: 10^9 "lol"s declared in 1 KiB."""
    entities = ['<!ENTITY lol "lol">']
    entities.append('<!ENTITY lol1 "%s">' % ("&lol;" * 10))
    for i in range(2, 10):
        entities.append('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * 10))
    document = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n%s\n]>\n'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                '<w:body><w:p><w:r><w:t>Before &lol9; after</w:t></w:r></w:p></w:body></w:document>'
                % "\n".join(entities))
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
             'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
    return buffer.getvalue()


def timed_add(case, folder):
    """`bates add` of one folder: (seconds, peak RSS in MiB of bates and its helpers)."""
    argv = [t.BATES, "add", case, "--custodian", "Hostile", folder, "--no-progress"]
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # wait4's usage covers the process and the children it waited for (the helpers).
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    if code not in (0, 3):
        raise AssertionError(f"bates add exited {code}: {err.decode()}{out.decode()}")
    return seconds, usage.ru_maxrss / 1024


def unit_test_outputs(folder, gtest_filter):
    """Runs the ingest unit tests that write their inputs to `folder`; True when they ran."""
    binary = os.environ.get("BATES_INGEST_TEST")
    if not binary or not os.path.exists(binary):
        return False
    env = dict(os.environ, BATES_TEST_OUTPUT_DIR=folder)
    subprocess.run([binary, "--gtest_filter=" + gtest_filter], env=env, check=True,
                   capture_output=True, timeout=300)
    return True


class HostileInputs(unittest.TestCase):
    """One case per hostile file, so each one's time and memory are its own."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = t.scratch_dir("hostile")
        cls.inputs = {}
        made = os.path.join(cls.tmp, "made")
        os.makedirs(made)
        with open(os.path.join(made, "laughs.docx"), "wb") as f:
            f.write(entity_bomb_docx())
        cls.inputs["laughs.docx"] = made
        sys.path.insert(0, os.path.join(t.SOURCE_DIR, "tests", "data"))
        import make_broken_inputs as broken
        for name, data in (("bomb.zip", broken.bomb_zip()), ("nested_10000.zip", broken.nested_zip(10000))):
            folder = os.path.join(cls.tmp, name + "-in")
            os.makedirs(folder)
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)
            cls.inputs[name] = folder
        pst = os.path.join(cls.tmp, "pst")
        os.makedirs(pst)
        if unit_test_outputs(pst, "PstReaderTest.CyclicFolderTreeEndsAsAnExceptionWithinSeconds"):
            if os.path.exists(os.path.join(pst, "cyclic.pst")):
                cls.inputs["cyclic.pst"] = pst

    def collect(self, name):
        if name not in self.inputs:
            self.skipTest(f"{name} not made (needs BATES_INGEST_TEST and Tika's testPST.pst)")
        case = os.path.join(self.tmp, "case-" + name)
        t.run("init", case)
        seconds, rss = timed_add(case, self.inputs[name])
        items = t.run_json("list", case)["items"]
        account = t.run_json("account", case)
        self.assertTrue(account["balanced"])
        self.assertLess(seconds, MAX_SECONDS, f"{name}: {seconds:.1f} s")
        self.assertLess(rss, MAX_RSS_MIB, f"{name}: {rss:.0f} MiB")
        sys.stderr.write(f"\n{name}: {seconds:.2f} s, peak RSS {rss:.0f} MiB, {len(items)} items\n")
        return items, account

    def exceptions(self, account, code):
        return [e for e in account["exceptions"] if e["code"] == code]

    def test_xml_entity_bomb_inside_a_docx(self):
        items, account = self.collect("laughs.docx")
        self.assertEqual(len(items), 1)
        found = self.exceptions(account, "corrupt")
        self.assertEqual(len(found), 1, account["exceptions"])
        self.assertIn("declares XML entities", found[0]["reason"])

    def test_decompression_bomb(self):
        _, account = self.collect("bomb.zip")
        found = self.exceptions(account, "resource_exhausted")
        self.assertTrue(found, account["exceptions"])
        self.assertTrue(any("bomb" in e["reason"] for e in found), found)

    def test_ten_thousand_deep_nested_archive(self):
        _, account = self.collect("nested_10000.zip")
        found = self.exceptions(account, "resource_exhausted")
        self.assertEqual(len(found), 1, account["exceptions"])
        self.assertIn("deeper than the limit", found[0]["reason"])

    def test_pst_with_a_cyclic_folder_tree(self):
        items, account = self.collect("cyclic.pst")
        self.assertEqual(len(items), 1)
        found = self.exceptions(account, "corrupt")
        self.assertEqual(len(found), 1, account["exceptions"])
        self.assertEqual(found[0]["tool"], "libpff")
        self.assertIn("cyclic", found[0]["reason"])


class Families(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = t.scratch_dir("families")
        cls.inputs = os.path.abspath(os.path.join(cls.tmp, "inputs"))
        os.makedirs(cls.inputs)
        cls.made = unit_test_outputs(cls.inputs, "MsgReaderTest.MessageDocxXlsxFamily:"
                                                 "PstReaderTest.MessageDocxXlsxFamilyInAPatchedStore")
        cls.items = []
        if cls.made and os.listdir(cls.inputs):
            case = os.path.join(cls.tmp, "case")
            t.run("init", case)
            t.run("add", case, "--custodian", "Outlook", cls.inputs, "--no-progress", expect=(0, 3))
            cls.items = t.run_json("list", case)["items"]
            cls.by_id = {i["id"]: i for i in cls.items}
            cls.order = [i["id"] for i in cls.items]

    def chain(self, container):
        """The items from the family head down to the XLSX inside the DOCX, in `container`, after
        checking their links, kinds, family ids and order."""
        path = os.path.join(self.inputs, container)
        if not os.path.exists(path):
            self.skipTest(f"{container} not made (needs BATES_INGEST_TEST; a PST needs Tika's testPST.pst)")
        inside = [i for i in self.items if i["path"] == path or i["path"].startswith(path + "#")]
        sheets = [i for i in inside if i["path"].endswith("docx/word/embeddings/Budget.xlsx")]
        self.assertEqual(len(sheets), 1, [i["path"] for i in inside])
        lineage = [sheets[0]]
        while lineage[-1]["kind"] != "email":
            self.assertIsNotNone(lineage[-1]["parent_id"], lineage)
            lineage.append(self.by_id[lineage[-1]["parent_id"]])
        lineage.reverse()  # head message first, the sheet last
        head, docx, sheet = lineage[0], lineage[-2], lineage[-1]
        self.assertEqual(docx["mime_type"],
                         "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        self.assertEqual(sheet["mime_type"],
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        # Below an email everything is an attachment, anything deeper embedded (ARCHITECTURE.md).
        self.assertEqual(lineage[1]["kind"], "attachment")
        self.assertTrue(all(i["kind"] == "embedded" for i in lineage[2:]), lineage)
        # One family, headed by the message; in pre-order each child right after its parent
        # (each has only the one child on the way down).
        position = {item_id: n for n, item_id in enumerate(self.order)}
        for parent, child in zip(lineage, lineage[1:]):
            self.assertEqual(child["parent_id"], parent["id"])
            self.assertLess(position[parent["id"]], position[child["id"]])
        self.assertEqual(position[sheet["id"]], position[docx["id"]] + 1)
        for item in lineage:
            self.assertEqual(item["family_id"], head["id"], item)
            self.assertEqual(item["status"], "processed", item)
        return lineage

    def test_msg_message_docx_xlsx(self):
        lineage = self.chain("family.msg")
        # Three items: the message, its DOCX attachment, the XLSX embedded in the DOCX.
        self.assertEqual([i["kind"] for i in lineage], ["email", "attachment", "embedded"])
        self.assertIsNone(lineage[0]["parent_id"])
        self.assertTrue(lineage[1]["path"].endswith("family.msg#memo.docx"))

    def test_pst_message_docx_xlsx(self):
        lineage = self.chain("family.pst")
        # In Tika's store the DOCX is attached to the forwarded message ("First email") that the
        # store's message "FW: First email" carries: four items, one family, under the store.
        self.assertEqual([i["kind"] for i in lineage], ["email", "attachment", "embedded", "embedded"])
        self.assertEqual(lineage[1]["mime_type"], "application/vnd.bates.mapi-message")
        self.assertTrue(lineage[2]["path"].endswith("/First email/attachment.docx"), lineage[2]["path"])
        store = self.by_id[lineage[0]["parent_id"]]
        self.assertEqual(store["kind"], "container")
        self.assertEqual(store["family_id"], store["id"])


if __name__ == "__main__":
    t.main()
