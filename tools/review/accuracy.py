#!/usr/bin/env python3
"""Accuracy of `bates screen` on the built-in fictional example, against its ground truth: the
privilege screen's recall and precision on privileged documents, the personal-data scan's recall
per kind on the planted values, its false positives on the planted decoys (case numbers, dates,
phone-like ids, non-Luhn card numbers, routing numbers, asset tags), and its other hits. The
figures in docs/REVIEW.md come from:

    python3 tools/review/accuracy.py --bates build/src/cli/bates --example DIR --case CASE

CASE must hold the example collected (tests/integration/bates_testlib.collect_example), with the
privilege list of tests/integration/test_review_example.py and `bates screen` run.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "analytics"))
import scoring  # noqa: E402


def bates(binary, *args):
    return json.loads(subprocess.run([binary, *args, "--json"], check=True, capture_output=True,
                                     text=True).stdout)


def spans(text, value):
    out, at = [], text.find(value)
    while at >= 0:
        out.append((at, at + len(value)))
        at = text.find(value, at + 1)
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bates", required=True)
    p.add_argument("--example", required=True)
    p.add_argument("--case", required=True)
    a = p.parse_args()
    with open(os.path.join(a.example, "ground-truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    with open(os.path.join(a.example, "custodians.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    roots = {r[0]: os.path.realpath(os.path.join(a.example, "collection", r[0])) for r in rows if r}
    items = bates(a.bates, "list", a.case)["items"]
    docs = [r for r in truth["records"] if r["kind"] != "container"]
    key_to_id = scoring.match_example(items, docs, roots)
    screen = bates(a.bates, "screen", a.case, "--last")

    flagged = {f["id"] for f in screen["privilege"]}
    privileged = {key_to_id[r["key"]] for r in docs if r["privileged"]}
    attorney = {key_to_id[r["key"]] for r in docs if r["attorney_involved"] and not r["privileged"]}
    out = {"documents": len(docs), "privileged": len(privileged),
           "flagged": len(flagged), "privileged_flagged": len(privileged & flagged),
           "privilege_recall": len(privileged & flagged) / len(privileged),
           "flagged_not_privileged": len(flagged - privileged),
           "of_which_attorney_involved": len((flagged - privileged) & attorney)}

    hits = {}
    for h in screen["pii"]:
        hits.setdefault(h["id"], set()).add((h["kind"], h["start"], h["end"]))
    texts = {}

    def text(item_id):
        if item_id not in texts:
            texts[item_id] = bates(a.bates, "show", a.case, item_id)["text"] or ""
        return texts[item_id]

    per_kind, matched = {}, set()
    for r in docs:
        item_id = key_to_id[r["key"]]
        for pv in r["pii"]:
            k = per_kind.setdefault(pv["kind"], [0, 0])
            for s, e in spans(text(item_id), pv["value"]):
                k[0] += 1
                if (pv["kind"], s, e) in hits.get(item_id, set()):
                    k[1] += 1
                    matched.add((item_id, pv["kind"], s, e))
    decoys = decoys_hit = 0
    decoy_hits = set()
    for r in docs:
        item_id = key_to_id[r["key"]]
        for value in r["pii_decoys"]:
            for s, e in spans(text(item_id), value):
                decoys += 1
                over = {h for h in hits.get(item_id, set()) if h[1] < e and s < h[2]}
                if over:
                    decoys_hit += 1
                    decoy_hits |= {(item_id,) + h for h in over}
    other = {}
    for item_id, hs in hits.items():
        for h in hs:
            if (item_id,) + h not in matched and (item_id,) + h not in decoy_hits:
                other[h[0]] = other.get(h[0], 0) + 1
    out.update({
        "pii_planted_occurrences": sum(v[0] for v in per_kind.values()),
        "pii_found": sum(v[1] for v in per_kind.values()),
        "pii_recall_by_kind": {k: f"{v[1]}/{v[0]}" for k, v in sorted(per_kind.items())},
        "decoy_occurrences": decoys, "decoys_flagged": decoys_hit,
        "decoy_false_positive_rate": decoys_hit / decoys if decoys else 0.0,
        "other_hits_by_kind": dict(sorted(other.items())),
        "pii_hits": len(screen["pii"]),
    })
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
