#!/usr/bin/env python3
"""Turns the Reuters-21578 SGML files into one plain-text document per story, named by its
NEWID (`stories/<NEWID>.txt`: title, dateline and body), so `bates add` can collect them like
any folder; and writes one labels file per topic (`labels/<topic>.tsv`, header `path<TAB>label`,
a row for every story) from `labels-dev.tsv`, plus `topics.tsv` (topic, description) to seed
from. Standard library only.

    tools/tar/reuters.py [--corpus ../shared/corpora/reuters21578] --out DIR
"""
import argparse
import glob
import html
import os
import re
import sys

STORY = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
NEWID = re.compile(r'NEWID="(\d+)"')


def field(tag, text):
    m = re.search(r"<%s>(.*?)</%s>" % (tag, tag), text, re.S)
    return m.group(1) if m else ""


def clean(text):
    # Numeric references to control characters (&#3; ends a body) are noise, not text.
    text = re.sub(r"&#(\d+);", lambda m: "" if int(m.group(1)) < 32 else m.group(0), text)
    return html.unescape(text).strip()


def stories(corpus):
    for path in sorted(glob.glob(os.path.join(corpus, "reut2-*.sgm"))):
        # The files are not clean UTF-8 (stray bytes); Latin-1 reads every byte.
        with open(path, encoding="latin-1") as f:
            data = f.read()
        for m in STORY.finditer(data):
            newid = int(NEWID.search(m.group(1)).group(1))
            body = m.group(2)
            text = "\n".join(p for p in (clean(field("TITLE", body)), clean(field("DATELINE", body)),
                                         clean(field("BODY", body))) if p)
            if not text:  # a few stories are unprocessed: their text is all in <TEXT>
                text = clean(re.sub(r"<[^>]+>", " ", field("TEXT", body)))
            yield newid, text


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "corpora", "reuters21578"))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=default)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(os.path.join(args.out, "stories"), exist_ok=True)
    os.makedirs(os.path.join(args.out, "labels"), exist_ok=True)
    ids = []
    for newid, text in stories(args.corpus):
        with open(os.path.join(args.out, "stories", "%d.txt" % newid), "w", encoding="utf-8") as f:
            f.write(text + "\n")
        ids.append(newid)
    topics_of = {}
    with open(os.path.join(args.corpus, "labels-dev.tsv"), encoding="utf-8") as f:
        f.readline()
        for line in f:
            cols = line.rstrip("\n").split("\t")
            topics_of[int(cols[0])] = [t for t in cols[3].split(",") if t] if len(cols) > 3 else []
    topics = []
    with open(os.path.join(args.corpus, "topics-dev.tsv"), encoding="utf-8") as f:
        f.readline()
        for line in f:
            if line.strip():
                topic, description = line.rstrip("\n").split("\t", 1)
                topics.append((topic, description))
    with open(os.path.join(args.out, "topics.tsv"), "w", encoding="utf-8") as f:
        f.write("topic\tdescription\n")
        for topic, description in topics:
            f.write("%s\t%s\n" % (topic, description))
    missing = [i for i in ids if i not in topics_of]
    if missing:
        sys.exit("reuters: %d stories have no row in labels-dev.tsv (first %d)" % (len(missing), missing[0]))
    for topic, _ in topics:
        with open(os.path.join(args.out, "labels", topic + ".tsv"), "w", encoding="utf-8") as f:
            f.write("path\tlabel\n")
            for i in sorted(ids):
                f.write("%d.txt\t%d\n" % (i, 1 if topic in topics_of[i] else 0))
    sys.stderr.write("reuters: %d stories, %d topics in %s\n" % (len(ids), len(topics), args.out))


if __name__ == "__main__":
    main()
