#!/usr/bin/env python3
"""Writes a labels file for `bates tar simulate` from the built-in example's ground truth: one
row per document (item id, 1 if responsive), matching records to items as the tests do. Prints
the id of the first responsive item, to seed from.

    tools/tar/example_labels.py --bates BATES --case CASE --example DIR --out labels.tsv
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "analytics"))
import scoring  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bates", required=True)
    ap.add_argument("--case", required=True)
    ap.add_argument("--example", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    items = json.loads(subprocess.run([args.bates, "list", args.case, "--json"], check=True,
                                      capture_output=True, text=True).stdout)["items"]
    with open(os.path.join(args.example, "ground-truth.json"), encoding="utf-8") as f:
        records = json.load(f)["records"]
    roots = {}
    with open(os.path.join(args.example, "custodians.tsv"), encoding="utf-8") as f:
        f.readline()
        for line in f:
            folder = line.split("\t")[0]
            roots[folder] = os.path.realpath(os.path.join(args.example, "collection", folder))
    key_to_id = scoring.match_example(items, records, roots)
    docs = [r for r in records if r["kind"] != "container" and r["key"] in key_to_id]
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("path\tlabel\n")
        for r in docs:
            f.write("%s\t%d\n" % (key_to_id[r["key"]], 1 if r["responsive"] else 0))
    print(min(key_to_id[r["key"]] for r in docs if r["responsive"]))


if __name__ == "__main__":
    main()
