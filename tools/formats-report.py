#!/usr/bin/env python3
"""Runs bates over the shared corpora and writes the per-format table of docs/FORMATS.md.

    tools/formats-report.py [--bates build/src/cli/bates] [--corpora ../shared/corpora]
                            [--work DIR] [--out docs/FORMATS.md] [--reuse]

What it does:
  1. `bates init` a case in the work folder and `bates add` the corpora: Apache Tika's test
     documents, the Illinois police general orders (PDF), and the Enron mail (maildir and the
     Berkeley set) — one custodian each.
  2. From `bates list --json` and `bates account --json`: items, top-level files, processed items
     and exceptions by reason code, per detected MIME type and per file extension.
  3. Word recall of bates' text against an independent Debian extractor, per collected file, where
     one exists: pdftotext (poppler-utils) for PDF, catdoc / xls2csv / catppt (catdoc) for Word,
     Excel and PowerPoint 97-2003, unrtf for RTF, readpst (pst-utils) for Outlook PST. Recall is
     the share of the reference's words (lower-cased, NFKC, runs of letters and digits) that bates'
     text has, counted with multiplicity. OCR has no independent extractor here (the tesseract
     command is the same engine), so images are not scored. For a container (PST) bates' text is
     that of the file and everything extracted from it.
  4. Rewrites the part of the output file between the formats-report markers, keeping the rest
     (hand-written sections: decisions, fuzzing runs, library crashes).

Needs: a built bates; poppler-utils, catdoc, unrtf and pst-utils for the recall columns (a
missing tool is reported as such). Python standard library only. `--reuse` skips steps 1 when the
work folder already holds the case (to re-render the tables).
"""

import argparse
import collections
import datetime
import html
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN = "<!-- formats-report:begin -->"
END = "<!-- formats-report:end -->"

# (custodian, folder under the corpora) — what is collected, in this order.
SOURCES = [
    ("tika", "tika-test-documents/files"),
    ("illinois", "il-police-general-orders/Illinois"),
    ("enron-maildir", "enron-maildir-inbox/maildir"),
    ("enron-berkeley", "enron-berkeley-categories/messages"),
]

PDF = {"application/pdf"}
WORD = {"application/msword"}
EXCEL = {"application/vnd.ms-excel"}
POWERPOINT = {"application/vnd.ms-powerpoint"}
RTF = {"text/rtf", "application/rtf"}
PST = {"application/vnd.ms-outlook-pst", "application/x-outlook-pst", "application/vnd.ms-pst"}
PST_EXTENSIONS = {".pst", ".ost"}


def run(argv, timeout=600, check=True):
    result = subprocess.run(argv, capture_output=True, timeout=timeout)
    if check and result.returncode not in (0, 3):  # 3: done, with item exceptions
        sys.stderr.write(result.stderr.decode("utf-8", "replace"))
        raise SystemExit("formats-report: %s failed (exit %d)" % (argv[0], result.returncode))
    return result


def words(text):
    text = unicodedata.normalize("NFKC", text).lower()
    return collections.Counter(re.findall(r"[^\W_]+", text))


def recall(reference, extracted):
    """Share of the reference's words found in the extracted text, with multiplicity."""
    total = sum(reference.values())
    if total == 0:
        return None
    found = sum(min(n, extracted.get(w, 0)) for w, n in reference.items())
    return found / total


# ---------------------------------------------------------------------------------------------
# Independent extractors. Each returns the text, or raises ReferenceFailed.


class ReferenceFailed(Exception):
    pass


def tool_output(argv, timeout=120, cwd=None):
    if shutil.which(argv[0]) is None:
        raise ReferenceFailed("%s not installed" % argv[0])
    try:
        result = subprocess.run(argv, capture_output=True, timeout=timeout, cwd=cwd)
    except subprocess.TimeoutExpired:
        raise ReferenceFailed("%s timed out" % argv[0])
    if result.returncode != 0:
        raise ReferenceFailed("%s exit %d" % (argv[0], result.returncode))
    return result.stdout.decode("utf-8", "replace")


def ref_pdftotext(path):
    return tool_output(["pdftotext", "-q", "-enc", "UTF-8", path, "-"])


def ref_catdoc(path):
    return tool_output(["catdoc", "-d", "utf-8", "-w", path])


def ref_xls2csv(path):
    return tool_output(["xls2csv", "-d", "utf-8", path])


def ref_catppt(path):
    return tool_output(["catppt", "-d", "utf-8", path])


def html_to_text(markup):
    """Text of an HTML fragment as a reader sees it: the head, scripts, styles and comments
    dropped, block ends as line breaks, inline tags as nothing (unrtf closes and reopens a <font>
    inside a word), entities decoded."""
    markup = re.sub(r"(?is)<head\b.*?</head>|<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->",
                    " ", markup)
    markup = re.sub(r"(?i)<(br|p|div|tr|td|th|li|table|h[1-6])\b[^>]*>|</(p|div|tr|td|th|li|table|h[1-6])>",
                    "\n", markup)
    markup = re.sub(r"<[^>]*>", "", markup)
    return html.unescape(markup)


def ref_unrtf(path):
    """unrtf's HTML output, not its text output: --text writes characters outside Latin-1 as '?'
    or as raw code-page bytes (Czech, Japanese), and starts with a block of document properties
    (TITLE:, AUTHOR:, ### dates and counts) that are metadata, not text. --html writes every
    character as an entity and the properties in the <head>."""
    # unrtf --html writes the document's pictures (pict001.wmf...) to the current folder.
    with tempfile.TemporaryDirectory() as scratch:
        return html_to_text(tool_output(["unrtf", "--html", "--quiet", os.path.abspath(path)],
                                        cwd=scratch))


def message_bodies(message):
    """The body text of one RFC 822 message as a reader of it sees it: in a multipart/alternative,
    one alternative (text/plain when there is one, else text/html with its tags dropped — what
    bates keeps, too); attached messages and text attachments recursively. Address and subject
    fields are not counted: bates keeps them as metadata, not as text."""
    out = []
    if message.is_multipart():
        parts = message.get_payload()
        if message.get_content_subtype() == "alternative":
            plain = [p for p in parts if p.get_content_type() == "text/plain"]
            rich = [p for p in parts if p.get_content_type() == "text/html"]
            other = [p for p in parts if p.is_multipart()]
            parts = plain[:1] or rich[:1] or other[:1]
        for part in parts:
            out.extend(message_bodies(part))
        return out
    ctype = message.get_content_type()
    if ctype == "message/rfc822":
        for inner in message.get_payload():
            out.extend(message_bodies(inner))
        return out
    if message.get_content_maintype() != "text":
        return out
    try:
        body = message.get_content()
    except (LookupError, ValueError, KeyError):
        body = (message.get_payload(decode=True) or b"").decode("utf-8", "replace")
    if not isinstance(body, str):
        return out
    if ctype == "text/html":
        body = html_to_text(body)
    out.append(body)
    return out


def ref_readpst(path):
    """readpst writes each message as an RFC 822 file (-S) with its attachments beside it. The
    reference text is the messages' bodies (message_bodies) and the attachments that are text."""
    if shutil.which("readpst") is None:
        raise ReferenceFailed("readpst not installed")
    import email
    import email.policy
    with tempfile.TemporaryDirectory() as out:
        # -S: one file per message, attachments beside it; -q: quiet; -b: no RTF bodies.
        result = subprocess.run(["readpst", "-q", "-S", "-b", "-o", out, path], capture_output=True,
                                timeout=600)
        if result.returncode != 0:
            raise ReferenceFailed("readpst exit %d" % result.returncode)
        parts = []
        for folder, _, files in os.walk(out):
            for name in sorted(files):
                with open(os.path.join(folder, name), "rb") as f:
                    data = f.read()
                if b"\0" in data:
                    continue  # a binary attachment: its own reader's business
                # readpst starts an attached message with an mbox ">From " line, which ends its
                # header block for any MIME parser: it is made a header field.
                data = data.replace(b"\n\n>From ", b"\n\nX-Mbox-From: ")
                message = email.message_from_bytes(data, policy=email.policy.default)
                if not message.keys():
                    parts.append(data.decode("utf-8", "replace"))  # a text attachment
                    continue
                parts.extend(message_bodies(message))
        return "\n".join(parts)


def reference_for(mime, path):
    ext = os.path.splitext(path)[1].lower()
    if mime in PDF:
        return "pdftotext", ref_pdftotext
    if mime in WORD:
        return "catdoc", ref_catdoc
    if mime in EXCEL:
        return "xls2csv", ref_xls2csv
    if mime in POWERPOINT:
        return "catppt", ref_catppt
    if mime in RTF:
        return "unrtf", ref_unrtf
    if mime in PST or ext in PST_EXTENSIONS:
        return "readpst", ref_readpst
    return None, None


# ---------------------------------------------------------------------------------------------


def collect(bates, corpora, case, jobs):
    if os.path.exists(case):
        shutil.rmtree(case)
    run([bates, "init", case, "--name", "formats report", "--json"])
    summaries = []
    for custodian, relative in SOURCES:
        folder = os.path.join(corpora, relative)
        if not os.path.isdir(folder):
            sys.stderr.write("formats-report: %s absent, skipped\n" % folder)
            continue
        argv = [bates, "add", case, "--custodian", custodian, folder, "--json", "--no-progress"]
        if jobs:
            argv += ["--jobs", str(jobs)]
        sys.stderr.write("formats-report: bates add %s\n" % folder)
        result = run(argv, timeout=7200)
        summary = json.loads(result.stdout)
        summary["custodian"] = custodian
        summary["folder"] = relative
        summaries.append(summary)
    return summaries


def load(bates, case):
    items = json.loads(run([bates, "list", case, "--json"]).stdout)["items"]
    account = json.loads(run([bates, "account", case, "--json"], check=False).stdout)
    codes = {e["id"]: e["code"] for e in account["exceptions"]}
    return items, codes, account


def text_of(bates, case, item_id):
    shown = json.loads(run([bates, "show", case, item_id, "--json"]).stdout)
    return shown.get("text") or "", shown


def reason_list(counter):
    return ", ".join("%s %d" % (code, n) for code, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def render(summaries, items, codes, recalls, failures, corpora):
    by_id = {i["id"]: i for i in items}
    top = [i for i in items if i["parent_id"] is None]
    lines = []
    out = lines.append
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out("## The corpus run")
    out("")
    out("Generated by `tools/formats-report.py` on %s (do not edit between the markers; rerun "
        "the script). Corpora from `%s`:" % (now, os.path.relpath(corpora, ROOT)))
    out("")
    out("| custodian | folder | files | items | exceptions | seconds |")
    out("|---|---|---:|---:|---:|---:|")
    for s in summaries:
        src = s["sources"][0] if s.get("sources") else {}
        out("| %s | `%s` | %s | %s | %s | %.1f |" % (s["custodian"], s["folder"], src.get("files", "?"),
                                                   s.get("items", "?"), s.get("exceptions", "?"),
                                                   s.get("seconds", 0.0)))
    total_ex = sum(1 for i in items if i["status"] == "exception")
    out("")
    out("In all: %d collected files, %d items, %d processed, %d exceptions; every item is one or "
        "the other (`bates account` balances)." % (len(top), len(items), len(items) - total_ex, total_ex))
    out("")

    out("### By detected type (every item, collected files and what was found inside them)")
    out("")
    out("| MIME type | items | collected files | processed | exceptions | exceptions by reason |")
    out("|---|---:|---:|---:|---:|---|")
    per_type = collections.defaultdict(lambda: {"items": 0, "files": 0, "processed": 0, "reasons": collections.Counter()})
    for i in items:
        row = per_type[i["mime_type"] or "(none)"]
        row["items"] += 1
        row["files"] += i["parent_id"] is None
        if i["status"] == "processed":
            row["processed"] += 1
        else:
            row["reasons"][codes.get(i["id"], "?")] += 1
    for mime, row in sorted(per_type.items(), key=lambda kv: (-kv[1]["items"], kv[0])):
        out("| `%s` | %d | %d | %d | %d | %s |" % (mime, row["items"], row["files"], row["processed"],
                                                  sum(row["reasons"].values()), reason_list(row["reasons"])))
    out("")

    out("### By extension (collected files only)")
    out("")
    out("| extension | files | processed | exceptions | exceptions by reason | items found inside |")
    out("|---|---:|---:|---:|---|---:|")
    children = collections.Counter()
    for i in items:
        node = i
        while node["parent_id"] is not None:
            node = by_id[node["parent_id"]]
        if node is not i:
            children[node["id"]] += 1
    per_ext = collections.defaultdict(lambda: {"files": 0, "processed": 0, "reasons": collections.Counter(), "inside": 0})
    for i in top:
        name = os.path.basename(i["path"])
        ext = os.path.splitext(name)[1].lower() if "." in name.lstrip(".") else "(none)"
        if len(ext) > 12 or not re.fullmatch(r"\.[a-z0-9_+-]+|\(none\)", ext):
            ext = "(other)"
        row = per_ext[ext]
        row["files"] += 1
        row["inside"] += children[i["id"]]
        if i["status"] == "processed":
            row["processed"] += 1
        else:
            row["reasons"][codes.get(i["id"], "?")] += 1
    for ext, row in sorted(per_ext.items(), key=lambda kv: (-kv[1]["files"], kv[0])):
        out("| `%s` | %d | %d | %d | %s | %d |" % (ext, row["files"], row["processed"], sum(row["reasons"].values()),
                                                  reason_list(row["reasons"]), row["inside"]))
    out("")

    out("### Word recall against independent extractors")
    out("")
    out("Share of the reference tool's words that bates' text has (with multiplicity), per collected "
        "file; files where the reference found no words are not scored.")
    out("")
    out("| format | reference | files scored | mean | median | min | files below 0.9 | reference failed |")
    out("|---|---|---:|---:|---:|---:|---:|---:|")
    by_tool = collections.defaultdict(list)
    for r in recalls:
        by_tool[(r["format"], r["tool"])].append(r)
    tools = sorted(set(by_tool) | {(f["format"], f["tool"]) for f in failures})
    for key in tools:
        scored = [r["recall"] for r in by_tool.get(key, []) if r["recall"] is not None]
        failed = sum(1 for f in failures if (f["format"], f["tool"]) == key)
        if scored:
            out("| %s | %s | %d | %.3f | %.3f | %.3f | %d | %d |" % (
                key[0], key[1], len(scored), statistics.mean(scored), statistics.median(scored),
                min(scored), sum(1 for v in scored if v < 0.9), failed))
        else:
            out("| %s | %s | 0 | – | – | – | – | %d |" % (key[0], key[1], failed))
    out("")
    low = sorted((r for r in recalls if r["recall"] is not None and r["recall"] < 0.9), key=lambda r: r["recall"])
    out("#### Files below 0.9 recall")
    out("")
    if not low:
        out("None.")
    else:
        out("| file | type | recall | reference words | bates words | bates status |")
        out("|---|---|---:|---:|---:|---|")
        for r in low:
            out("| `%s` | %s | %.3f | %d | %d | %s |" % (os.path.relpath(r["path"], corpora), r["format"], r["recall"],
                                                       r["reference_words"], r["bates_words"], r["status"]))
    if failures:
        out("")
        out("#### Files the reference tool could not read")
        out("")
        out("| file | reference | why | bates status |")
        out("|---|---|---|---|")
        for f in failures:
            out("| `%s` | %s | %s | %s |" % (os.path.relpath(f["path"], corpora), f["tool"], f["why"], f["status"]))
    return "\n".join(lines) + "\n"


def score(bates, case, items, codes):
    by_parent = collections.defaultdict(list)
    for i in items:
        if i["parent_id"] is not None:
            by_parent[i["parent_id"]].append(i)
    recalls, failures = [], []
    for i in items:
        if i["parent_id"] is not None:
            continue
        tool, reference = reference_for(i["mime_type"], i["path"])
        if tool is None:
            continue
        fmt = "PST" if tool == "readpst" else {"pdftotext": "PDF", "catdoc": "Word 97-2003",
                                                "xls2csv": "Excel 97-2003", "catppt": "PowerPoint 97-2003",
                                                "unrtf": "RTF"}[tool]
        status = "processed" if i["status"] == "processed" else "exception: %s" % codes.get(i["id"], "?")
        try:
            ref_text = reference(i["path"])
        except (ReferenceFailed, subprocess.TimeoutExpired) as e:
            failures.append({"path": i["path"], "format": fmt, "tool": tool, "why": str(e), "status": status})
            continue
        text, _ = text_of(bates, case, i["id"])
        if tool == "readpst":
            stack = list(by_parent[i["id"]])
            while stack:
                child = stack.pop()
                text += "\n" + text_of(bates, case, child["id"])[0]
                stack.extend(by_parent[child["id"]])
        ref_words, bates_words = words(ref_text), words(text)
        recalls.append({"path": i["path"], "format": fmt, "tool": tool, "recall": recall(ref_words, bates_words),
                        "reference_words": sum(ref_words.values()), "bates_words": sum(bates_words.values()),
                        "status": status})
    return recalls, failures


def write(out_path, section):
    if os.path.exists(out_path):
        with open(out_path, encoding="utf-8") as f:
            document = f.read()
    else:
        document = "# Formats\n\n%s\n%s\n" % (BEGIN, END)
    if BEGIN not in document or END not in document:
        document += "\n%s\n%s\n" % (BEGIN, END)
    head, rest = document.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(head + BEGIN + "\n" + section + END + tail)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bates", default=os.path.join(ROOT, "build", "src", "cli", "bates"))
    parser.add_argument("--corpora", default=os.environ.get("BATES_CORPORA", os.path.join(ROOT, "..", "shared", "corpora")))
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "formats-report"))
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "FORMATS.md"))
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--reuse", action="store_true", help="use the case already in --work")
    args = parser.parse_args()
    bates = os.path.abspath(args.bates)
    corpora = os.path.abspath(args.corpora)
    case = os.path.join(os.path.abspath(args.work), "case")
    os.makedirs(args.work, exist_ok=True)
    summary_file = os.path.join(args.work, "summaries.json")
    if args.reuse and os.path.exists(summary_file):
        with open(summary_file) as f:
            summaries = json.load(f)
    else:
        summaries = collect(bates, corpora, case, args.jobs)
        with open(summary_file, "w") as f:
            json.dump(summaries, f)
    items, codes, account = load(bates, case)
    if not account.get("balanced", False):
        sys.stderr.write("formats-report: bates account says the case does not balance\n")
    recalls, failures = score(bates, case, items, codes)
    with open(os.path.join(args.work, "recall.json"), "w") as f:
        json.dump({"recalls": recalls, "failures": failures}, f, indent=1)
    write(args.out, render(summaries, items, codes, recalls, failures, corpora))
    sys.stderr.write("formats-report: wrote %s\n" % args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
