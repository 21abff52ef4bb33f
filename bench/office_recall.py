#!/usr/bin/env python3
"""Word recall of bates' text for the Outlook and Office formats, against an independent
extractor from Debian, over Apache Tika's test documents.

    bench/office_recall.py [--build build] [--json OUT] [--formats pst,rtf,doc,xls,ppt]

For each sample file: the words (lower-cased runs of letters and digits) of the independent
extractor's text, and the share of them (counted with multiplicity) found in bates' text of the
file and everything inside it. Independent extractors:
  pst   readpst (pst-utils): message bodies of the RFC 822 files it writes (text/plain parts, else
        text/html with tags dropped), embedded messages included
  rtf   unrtf --text, its "###" header lines dropped
  doc   catdoc; xls: xls2csv; ppt: catppt — the tools bates itself runs for these formats, so the
        figure checks bates' handling of their output (sheet labels, tidying), not the tools

bates' text comes from the real pipeline: `bates init`, `bates add` of all the samples, then
`bates show --json` of every item. Prints a Markdown table per format (files, words, recall,
files below 0.9); --json writes the per-file figures for docs/FORMATS.md's generator.
"""
import argparse
import collections
import email
import email.policy
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = os.environ.get("BATES_CORPORA", os.path.join(ROOT, "..", "shared", "corpora"))
TIKA = os.path.join(CORPORA, "tika-test-documents", "files")
WORD = re.compile(r"\w+", re.UNICODE)


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(markup):
    p = _Text()
    p.feed(markup)
    return " ".join(p.parts)


def words(text):
    return collections.Counter(w.lower() for w in WORD.findall(text or ""))


def message_bodies(msg):
    """Body text of an RFC 822 message and of the messages attached to it."""
    out = []
    plain, html_parts = [], []
    for part in msg.walk():
        ctype = part.get_content_type()
        if part.get_content_maintype() in ("multipart", "message") or part.get_filename():
            continue
        try:
            payload = part.get_content()
        except Exception:  # malformed parts: what the independent tool wrote is not our concern
            continue
        if ctype == "text/plain":
            plain.append(payload)
        elif ctype == "text/html":
            html_parts.append(html_text(payload))
    out.extend(plain if plain else html_parts)
    return out


def independent(fmt, path, work):
    if fmt == "pst":
        out = os.path.join(work, "readpst")
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
        subprocess.run(["readpst", "-q", "-D", "-M", "-b", "-o", out, path], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        texts = []
        for base, _, files in os.walk(out):
            for name in files:
                with open(os.path.join(base, name), "rb") as f:
                    raw = f.read()
                # readpst starts an attached message with an mbox ">From " line, which ends its
                # header block for any MIME parser: it is made a header field.
                raw = raw.replace(b"\n\n>From ", b"\n\nX-Mbox-From: ")
                msg = email.message_from_bytes(raw, policy=email.policy.default)
                texts.extend(message_bodies(msg))
        return "\n".join(texts)
    command = {"rtf": ["unrtf", "--text", path],
               "doc": ["catdoc", "-w", "-d", "utf-8", path],
               "xls": ["xls2csv", "-d", "utf-8", path],
               "ppt": ["catppt", "-d", "utf-8", path]}[fmt]
    proc = subprocess.run(command, capture_output=True)
    text = proc.stdout.decode("utf-8", "replace")
    if fmt == "rtf":
        text = "\n".join(l for l in text.split("\n") if not l.startswith("###"))
        text = text.split("-----------------", 1)[-1]
    return text


def samples(formats):
    found = []
    for sub in ("microsoft", "standard-integration-tests", "mail"):
        d = os.path.join(TIKA, sub)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
            if ext not in formats:
                continue
            path = os.path.join(d, name)
            if ext in ("doc", "xls", "ppt"):
                # Only Office 97-2003 binaries: a WordML file or an Excel 4 sheet named .doc/.xls
                # is another format (reported by bates as such), not one catdoc reads.
                with open(path, "rb") as f:
                    if f.read(8) != b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1":
                        continue
            found.append((ext, path))
    return found


def bates_texts(build, paths, work):
    """Text of each collected file and everything inside it, by the file's path."""
    bates = os.path.join(build, "src", "cli", "bates")
    case = os.path.join(work, "case")
    subprocess.run([bates, "init", case], check=True, stdout=subprocess.DEVNULL)
    staged = os.path.join(work, "files")
    os.makedirs(staged)
    for i, p in enumerate(paths):
        shutil.copyfile(p, os.path.join(staged, f"{i:04d}-{os.path.basename(p)}"))
    # Exit status 3: done, with exception items (an encrypted sample is one).
    done = subprocess.run([bates, "add", case, "--custodian", "recall", "--no-progress", staged],
                          stdout=subprocess.DEVNULL)
    if done.returncode not in (0, 3):
        sys.exit(f"office_recall: bates add failed with status {done.returncode}")
    items = json.loads(subprocess.run([bates, "list", case, "--json"], check=True,
                                      capture_output=True).stdout)["items"]
    texts = collections.defaultdict(list)
    status = {}
    for item in items:
        shown = json.loads(subprocess.run([bates, "show", case, item["id"], "--json"], check=True,
                                          capture_output=True).stdout)
        top = item["path"].split("#", 1)[0]
        texts[top].append(shown.get("text") or "")
        if "#" not in item["path"]:
            status[top] = item["status"]
    by_original = {}
    for i, p in enumerate(paths):
        key = os.path.join(staged, f"{i:04d}-{os.path.basename(p)}")
        by_original[p] = ("\n".join(texts.get(key, [])), status.get(key, "missing"))
    return by_original


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--formats", default="pst,rtf,doc,xls,ppt")
    parser.add_argument("--json")
    args = parser.parse_args()
    formats = args.formats.split(",")
    files = samples(formats)
    if not files:
        sys.exit(f"office_recall: no samples under {TIKA} (set BATES_CORPORA)")
    with tempfile.TemporaryDirectory() as work:
        ours = bates_texts(args.build, [p for _, p in files], work)
        rows = []
        for fmt, path in files:
            theirs = words(independent(fmt, path, work))
            text, status = ours[path]
            mine = words(text)
            total = sum(theirs.values())
            found = sum(min(n, mine[w]) for w, n in theirs.items())
            rows.append({"format": fmt, "file": os.path.relpath(path, TIKA), "status": status,
                         "words": total, "found": found,
                         "recall": round(found / total, 4) if total else None})
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=2)
    print("| format | files | files with words | words | recall | files below 0.9 |")
    print("|---|---:|---:|---:|---:|---|")
    for fmt in formats:
        mine = [r for r in rows if r["format"] == fmt]
        if not mine:
            continue
        scored = [r for r in mine if r["words"]]
        total = sum(r["words"] for r in scored)
        found = sum(r["found"] for r in scored)
        low = [f"{os.path.basename(r['file'])} ({r['recall']:.2f}, {r['status']})"
               for r in scored if r["recall"] < 0.9]
        recall = f"{found / total:.3f}" if total else "-"
        print(f"| {fmt} | {len(mine)} | {len(scored)} | {total} | {recall} | "
              f"{', '.join(low) if low else 'none'} |")


if __name__ == "__main__":
    main()
