#!/usr/bin/env python3
"""Runs `bates tar simulate` on the Reuters-21578 collection (made by reuters.py) for every
topic, seeded by the topic's one-line description alone, with the references (random review,
the seed alone, 5-fold cross-validation on all labels) and 100 repeated elusion tests, and
prints the tables of docs/TAR.md. Each topic's JSON is kept in DIR/results/<topic>.json, and a
topic already there is not run again (so the run can be done in parts: --topics).

    tools/tar/reuters_eval.py --bates build/src/cli/bates --data DIR [--topics a,b] [--table] [--cost C]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys


def run(bates, *args):
    return subprocess.run([bates] + [str(a) for a in args], check=True, capture_output=True, text=True)


def topics(data):
    out = []
    with open(os.path.join(data, "topics.tsv"), encoding="utf-8") as f:
        f.readline()
        for line in f:
            if line.strip():
                out.append(tuple(line.rstrip("\n").split("\t", 1)))
    return out


def ensure_case(bates, data):
    case = os.path.join(data, "case")
    if not os.path.exists(os.path.join(case, "bates.db")):
        run(bates, "init", case)
        run(bates, "add", case, "--custodian", "Reuters", "--jobs", "2", os.path.join(data, "stories"))
    return case


def fmt(n):
    return "—" if n is None else "%.0f" % n


def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b


def table(data, names):
    rows = []
    for topic, _ in names:
        path = os.path.join(data, "results", topic + ".json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                rows.append(json.load(f))
    levels = ("0.75", "0.8", "0.9")
    print("| topic | R | CAL 75% | CAL 80% | CAL 90% | random 80% | seed only 80% | ideal 80% "
          "| CAL80/R | CAL80/ideal | knee: reviews, recall | target: reviews, recall "
          "| elusion recall [95% CI] (true) | intervals holding true recall |")
    print("|" + "---|" * 14)
    for r in rows:
        e, ref, k, t = r["effort_at"], r["references"], r["stops"]["knee"], r["stops"]["target"]
        el = r["elusion"]
        cal = el["calibration"]
        print("| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %d, %.3f | %d, %.3f | %.3f [%.3f, %.3f] (%.3f) | %d/%d %s |" % (
            r["topic"], r["relevant"], fmt(e["0.75"]), fmt(e["0.8"]), fmt(e["0.9"]),
            fmt(ref["random"]["0.8"]), fmt(ref["seed_only"]["0.8"]), fmt(ref["ideal"]["0.8"]),
            "%.2f" % ratio(e["0.8"], r["relevant"]) if e["0.8"] else "—",
            "%.2f" % ratio(e["0.8"], ref["ideal"]["0.8"]) if e["0.8"] and ref["ideal"]["0.8"] else "—",
            k["reviewed"], k["recall"], t["reviewed"], t["recall"],
            el["recall_estimate"], el["ci_low"], el["ci_high"], el["true_recall"],
            cal["covered"], cal["repeats"], "pass" if cal["share_ci_high"] >= el["confidence"] else "FAIL"))

    def med(f):
        vals = [f(r) for r in rows]
        vals = [v for v in vals if v is not None]
        return statistics.median(vals) if vals else None

    print()
    print("| median over %d topics | effort 75%% | effort 80%% | effort 90%% |" % len(rows))
    print("|---|---|---|---|")
    for name, get in (("CAL (seed: description)", lambda r, l: r["effort_at"][l]),
                      ("random review", lambda r, l: r["references"]["random"][l]),
                      ("seed alone", lambda r, l: r["references"]["seed_only"][l]),
                      ("near-ideal (5-fold CV)", lambda r, l: r["references"]["ideal"][l])):
        print("| %s | %s |" % (name, " | ".join(fmt(med(lambda r: get(r, l))) for l in levels)))
    m_r = med(lambda r: ratio(r["effort_at"]["0.8"], r["relevant"]))
    m_i = med(lambda r: ratio(r["effort_at"]["0.8"], r["references"]["ideal"]["0.8"]))
    print()
    print("Median of CAL effort to 80%% recall / responsive documents: %.2f (target < 1.5)" % m_r)
    print("Median of CAL effort to 80%% recall / near-ideal effort: %.2f (target <= 1.3)" % m_i)
    passed = sum(1 for r in rows if r["elusion"]["calibration"]["share_ci_high"] >= r["elusion"]["confidence"])
    print("Calibration: %d of %d topics pass (binomial 95%% interval of the share reaches 0.95)" % (passed, len(rows)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bates", required=True)
    ap.add_argument("--data", required=True, help="reuters.py's --out")
    ap.add_argument("--topics", help="comma-separated; default all")
    ap.add_argument("--table", action="store_true", help="only print the tables")
    ap.add_argument("--cost", help="liblinear's C (tar simulate --cost); default bates' own")
    args = ap.parse_args()
    names = topics(args.data)
    if not args.table:
        case = ensure_case(args.bates, args.data)
        os.makedirs(os.path.join(args.data, "results"), exist_ok=True)
        os.makedirs(os.path.join(args.data, "charts"), exist_ok=True)
        wanted = set(args.topics.split(",")) if args.topics else None
        for topic, description in names:
            out = os.path.join(args.data, "results", topic + ".json")
            if (wanted and topic not in wanted) or os.path.exists(out):
                continue
            p = run(args.bates, "tar", "simulate", case, "--labels",
                    os.path.join(args.data, "labels", topic + ".tsv"), "--topic", topic,
                    "--seed-text", description, "--references", "--elusion-repeats", 100,
                    "--chart", os.path.join(args.data, "charts", topic + ".svg"), "--json",
                    *(["--cost", args.cost] if args.cost else []))
            with open(out, "w", encoding="utf-8") as f:
                f.write(p.stdout)
            r = json.loads(p.stdout)
            sys.stderr.write("%s: R=%d effort80=%s ideal80=%s (%.1f s)\n" % (
                topic, r["relevant"], r["effort_at"]["0.8"], r["references"]["ideal"]["0.8"], r["seconds"]))
    table(args.data, names)


if __name__ == "__main__":
    main()
