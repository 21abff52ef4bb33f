#!/usr/bin/env python3
"""Generate bates's built-in fictional example, or a benchmark mail collection.

  make_example.py --seed 1 --out DIR              the model case's example (a fictional city)
  make_example.py --items N --seed 1 --out DIR    N generated emails as maildirs (benchmarks)

Standard library only. The same seed gives byte-identical output on every run and machine.
See tools/example/README.md for the layout and the ground-truth fields.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import GENERATOR_VERSION, MARKER, PACIFIC, substream  # noqa: E402

EXAMPLE_MAIL = 120  # everyday messages; sets the example's size (about 600 records)


def write_example(out, seed):
    import content
    import filler
    import people
    import world

    rng = substream(seed, "example")
    b = world.Builder(seed, rng)
    b.custodians = people.CUSTODIANS
    from values import Values
    v = Values(b, substream(seed, "values"))
    content.build(b, v, substream(seed, "content"))
    filler.build(b, v, substream(seed, "filler"), EXAMPLE_MAIL)
    records = b.finish()

    files = {}
    for rel, data in b.files.items():
        files["collection/" + rel] = data
    files["custodians.tsv"] = ("folder\tcustodian\ttitle\n" + "".join(
        "%s\t%s\t%s\n" % (c.folder, c.name, c.title) for c in people.CUSTODIANS)).encode()
    truth = {
        "generator": "tools/example/make_example.py",
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "fictional": True,
        "marker": MARKER,
        "jurisdiction": world.JURISDICTION,
        "time_zone": PACIFIC.name,
        "timeframe": {"start": world.TIMEFRAME_START.isoformat(),
                      "end": world.TIMEFRAME_END.isoformat(), "assumed": True},
        "requests": [{"number": 1, "text": REQUEST_TEXT}],
        "custodians": [{"folder": c.folder, "custodian": c.name, "title": c.title}
                       for c in people.CUSTODIANS],
        "counts": world.counts(records),
        "records": records,
    }
    files["ground-truth.json"] = (json.dumps(truth, indent=1, sort_keys=True,
                                             ensure_ascii=False) + "\n").encode("utf-8")
    files["README.txt"] = readme(seed, truth["counts"], world).encode("utf-8")
    _write_tree(out, files)
    return truth


REQUEST_TEXT = (
    "All documents reflecting any orders, directives, instructions, or guidance to your law "
    "enforcement employees (including, but not limited to, police officers, correctional "
    "officers, and contract employees), whether formal or informal, that were distributed, "
    "produced, and/or in effect during the relevant timeframe, regarding whether and how these "
    "employees may, or may not, communicate with the Department of Justice, the Department of "
    "Homeland Security, and/or Immigration and Customs Enforcement, or their agents, whether "
    "directly or indirectly.")


def readme(seed, counts, world):
    return """{marker}

bates built-in example: {jur}
==================================================================

What this is
  Generated, fictional records of a fictional city's police department, corrections
  division and city attorney, for testing and demonstrating bates on the model case (the
  January 2018 document demand described in the project's MISSION). Nothing here is a real
  document; no real agency wrote any of it. Every document says so, and every email carries
  the header X-Bates-Fictional: yes. All addresses use the reserved .example domain.

  Generator: tools/example/make_example.py version {ver}, seed {seed}. The same seed always
  gives byte-identical files.

The request (one)
  {req}

Relevant timeframe - ASSUMED
  {start} to {end} ({tz}).
  The real letters defined a relevant timeframe whose dates are not public. This example
  assumes it runs from the start of federal fiscal year 2017 (1 October 2016), a round date
  covering the period in which the FY2016 and FY2017 grant conditions on 8 U.S.C. 1373
  were in play, to the date of the letters (24 January 2018). Change it in your demand
  spec; ground-truth.json says which records fall inside it.

Layout
  custodians.tsv       one row per custodian folder: folder, custodian, title
  collection/<folder>/ each custodian's records: loose .eml files, mbox files, PDFs, HTML
                       bulletins, text files, ZIP archives (one holds another ZIP)
  ground-truth.json    one record per document, email, attachment and ZIP member, with
                       what a perfect review would decide (see tools/example/README.md)

How to collect it
  bates init CASE --time-zone {tz}
  then, for each row of custodians.tsv:
  bates add CASE --custodian "<custodian>" collection/<folder>

  or, in a shell:
  tail -n +2 custodians.tsv | while IFS=$'\\t' read -r folder name title; do
      bates add CASE --custodian "$name" "collection/$folder"; done

Counts
{counts}
""".format(marker=MARKER, jur=world.JURISDICTION, ver=GENERATOR_VERSION, seed=seed,
           req=_wrap(REQUEST_TEXT, 2), start=world.TIMEFRAME_START.date().isoformat(),
           end=world.TIMEFRAME_END.date().isoformat(), tz=PACIFIC.name,
           counts="\n".join("  %-36s %s" % (k, v) for k, v in _flat(counts)))


def _flat(counts):
    for k, v in sorted(counts.items()):
        if isinstance(v, dict):
            for k2, v2 in v.items():
                yield "%s.%s" % (k, k2), v2
        else:
            yield k, v


def _wrap(text, indent):
    import textwrap
    return ("\n" + " " * indent).join(textwrap.wrap(text, 86))


def _write_tree(out, files):
    for rel in sorted(files):
        path = os.path.join(out, *rel.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(files[rel])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1, help="seed (default 1)")
    ap.add_argument("--out", required=True, help="output folder (created; must be empty)")
    ap.add_argument("--items", type=int, default=None,
                    help="benchmark mode: write this many emails as maildirs")
    ap.add_argument("--manifest", default=None,
                    help="benchmark mode: also write a JSON manifest (counts of planted terms "
                         "and phrases) to this file, outside the maildir tree")
    ap.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = ap.parse_args(argv)
    if args.seed < 0:
        ap.error("--seed must be >= 0")
    if os.path.exists(args.out) and os.listdir(args.out):
        ap.error("%s exists and is not empty" % args.out)
    os.makedirs(args.out, exist_ok=True)
    if args.items is not None:
        if args.items < 1:
            ap.error("--items must be >= 1")
        import bench
        bench.generate(args.out, args.items, args.seed, args.manifest, not args.quiet)
        return 0
    truth = write_example(args.out, args.seed)
    if not args.quiet:
        c = truth["counts"]
        sys.stderr.write("example: %d records (%d documents, %d responsive, %d privileged) "
                         "in %s\n" % (c["records"], c["documents"], c["responsive"],
                                      c["privileged"], args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
