#!/usr/bin/env python3
"""Accuracy of `bates analyze`: precision and recall, as pairs, of exact duplicates,
near-duplicates and thread membership, on two collections with known truth:

  planted  real documents from ../shared/corpora with planted variants (plant_variants.py)
  example  the built-in fictional example (tools/example, ground-truth.json)

  accuracy.py --bates build/src/cli/bates [--work DIR] [--json OUT]

Prints a Markdown table (the one in docs/ANALYTICS.md) and the first misses of each measure.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import plant_variants  # noqa: E402
import scoring  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, "..", ".."))


def bates(binary, *args, expect=(0,)):
    proc = subprocess.run([binary] + [str(a) for a in args], capture_output=True, text=True)
    if proc.returncode not in expect:
        raise SystemExit(f"bates {' '.join(map(str, args))} exited {proc.returncode}: {proc.stderr}")
    return proc.stdout


def bates_json(binary, *args):
    return json.loads(bates(binary, *args, "--json"))


def collect(binary, case, collection, custodians, time_zone="UTC"):
    bates(binary, "init", case, "--time-zone", time_zone)
    for folder, name in custodians:
        bates(binary, "add", case, "--custodian", name, os.path.join(collection, folder),
              "--no-progress", expect=(0, 3))
    report = bates_json(binary, "analyze", case)
    items = bates_json(binary, "list", case)["items"]
    shown = {i["id"]: bates_json(binary, "show", case, i["id"], "--no-text") for i in items}
    return report, items, shown


def thread_pairs(found_by_message):
    sizes = {}
    for th in found_by_message.values():
        sizes[th] = sizes.get(th, 0) + 1
    return scoring.pairs({m: (th if th is not None and sizes[th] > 1 else None)
                          for m, th in found_by_message.items()})


def score_planted(binary, work, corpora):
    out = os.path.join(work, "planted")
    truth = plant_variants.plant(corpora, out, 1, 40, 16)
    case = os.path.join(work, "planted-case")
    report, items, shown = collect(binary, case, os.path.join(out, "collection"),
                                   plant_variants.CUSTODIANS)
    roots = {f: os.path.realpath(os.path.join(out, "collection", f))
             for f, _ in plant_variants.CUSTODIANS}
    dup_truth, dup_found, near_truth, near_found = {}, {}, {}, {}
    thread_truth, thread_found = {}, {}
    for item in items:
        folder, rel, inner = scoring.collected_file(item["path"], roots)
        v = shown[item["id"]]
        key = item["id"]
        if item["kind"] == "email":
            mid = "<" + item["message_id"] + ">"
            if mid not in truth["messages"]:
                continue
            dup_truth[key] = "M:" + mid
            dup_found[key] = v["duplicate_of"] or key
            thread_truth[mid] = truth["messages"][mid]["thread"]
            thread_found.setdefault(mid, v["thread"])
        elif inner == "" and item["kind"] == "file":
            t = truth["files"].get(f"{folder}/{rel}")
            if t is None:
                continue
            dup_truth[key] = "F:" + (t["dup"] or f"{folder}/{rel}")
            dup_found[key] = v["duplicate_of"] or key
            near_truth[key] = t["near"]
            near_found[key] = v["near_group"]
    return report, {
        "duplicates": scoring.score(scoring.pairs(dup_truth), scoring.pairs(dup_found)),
        "near_duplicates": scoring.score(scoring.pairs(near_truth, exclude_same=dup_truth),
                                         scoring.pairs(near_found, exclude_same=dup_truth)),
        "threads": scoring.score(scoring.pairs(thread_truth), thread_pairs(thread_found)),
    }


def score_example(binary, work):
    example = os.path.join(work, "example")
    subprocess.run([sys.executable, os.path.join(REPO, "tools", "example", "make_example.py"),
                    "--seed", "1", "--out", example, "--quiet"], check=True)
    truth = json.load(open(os.path.join(example, "ground-truth.json"), encoding="utf-8"))
    custodians = [(c["folder"], c["custodian"]) for c in truth["custodians"]]
    case = os.path.join(work, "example-case")
    report, items, shown = collect(binary, case, os.path.join(example, "collection"), custodians,
                                   truth["time_zone"])
    roots = {f: os.path.realpath(os.path.join(example, "collection", f)) for f, _ in custodians}
    records = [r for r in truth["records"] if r["kind"] != "container"]
    key_to_id = scoring.match_example(items, records, roots)
    dup_truth, near_truth, thread_truth = scoring.example_truth_clusters(records)
    keys = [k for k in dup_truth if k in key_to_id]
    dup_found = {k: shown[key_to_id[k]]["duplicate_of"] or key_to_id[k] for k in keys}
    all_dup_pairs = scoring.pairs({k: dup_truth[k] for k in keys})
    near_keys = [k for k in near_truth if k in key_to_id]
    near_found = {k: shown[key_to_id[k]]["near_group"] for k in near_keys}
    thread_found = {}
    for r in records:
        if r["kind"] == "email" and r["key"] in key_to_id:
            thread_found.setdefault(r["message_id"], shown[key_to_id[r["key"]]]["thread"])
    return report, {
        "duplicates": scoring.score(scoring.family_pairs(all_dup_pairs, records),
                                    scoring.pairs(dup_found)),
        "duplicates_any_copy": scoring.score(all_dup_pairs, scoring.pairs(dup_found)),
        "near_duplicates": scoring.score(
            scoring.pairs({k: near_truth[k] for k in near_keys}, exclude_same=dup_truth),
            scoring.pairs(near_found, exclude_same=dup_truth)),
        "threads": scoring.score(scoring.pairs(thread_truth), thread_pairs(thread_found)),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bates", default=os.path.join(REPO, "build", "src", "cli", "bates"))
    ap.add_argument("--corpora", default=os.path.join(REPO, "..", "shared", "corpora"))
    ap.add_argument("--work", default=None)
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="bates-accuracy-")
    os.makedirs(work, exist_ok=True)
    results = {}
    for name, run in (("planted", lambda: score_planted(args.bates, work, args.corpora)),
                      ("example", lambda: score_example(args.bates, work))):
        report, scores = run()
        results[name] = {"report": report, "scores": scores}
    print("| collection | measure | truth pairs | found pairs | precision | recall |")
    print("|---|---|---:|---:|---:|---:|")
    for name, r in results.items():
        for measure, s in r["scores"].items():
            print(f"| {name} | {measure} | {s['truth_pairs']} | {s['found_pairs']} | "
                  f"{s['precision']:.3f} | {s['recall']:.3f} |")
    for name, r in results.items():
        for measure, s in r["scores"].items():
            if s["missed"] or s["wrong"]:
                print(f"\n{name} {measure}: missed {s['missed'][:5]} wrong {s['wrong'][:5]}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
