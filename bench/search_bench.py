#!/usr/bin/env python3
"""Search benchmark (issue 4): 20 representative queries (bench/search_queries.tsv) through bates,
beside Xapian's own QueryParser on the same index where it can say them and a brute-force scan of
every text where it cannot, and a 50-term search-term report (bench/search_terms.txt).

    bench/search_bench.py --build build [--set gen-100k] [--repeat 7]

The case is collected once from the generated collection (tools/bench-data.sh) into
bench/out/search-case-<set> and reused while its stamp matches. Results: bench/out/search-<set>.md.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
DATA = os.environ.get("BATES_BENCH_DATA", os.path.join(ROOT, "bench", "data"))


def collect(bates, data, case):
    stamp = case + ".stamp"
    want = f"{data} {os.path.getmtime(data + '.stamp') if os.path.exists(data + '.stamp') else 0}"
    if os.path.exists(stamp) and open(stamp).read() == want and os.path.isdir(case):
        return None
    shutil.rmtree(case, ignore_errors=True)
    subprocess.run([bates, "init", case, "--time-zone", "America/Los_Angeles"], check=True)
    start = time.monotonic()
    proc = subprocess.run([bates, "add", case, "--custodian", "Bench", data, "--no-progress"])
    if proc.returncode not in (0, 3):
        sys.exit(f"collecting {data} failed ({proc.returncode})")
    seconds = time.monotonic() - start
    with open(stamp, "w") as f:
        f.write(want)
    return seconds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--set", default="gen-100k")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    data = os.path.join(DATA, args.set)
    if not os.path.isdir(data):
        sys.exit(f"no {data}: run `make bench-data` (tools/bench-data.sh) first")
    os.makedirs(OUT, exist_ok=True)
    bates = os.path.join(args.build, "src", "cli", "bates")
    bench = os.path.join(args.build, "bench", "search_bench")
    case = os.path.join(OUT, f"search-case-{args.set}")
    seconds = collect(bates, data, case)
    if seconds is not None:
        print(f"collected {args.set} in {seconds:.0f} s", flush=True)
    cmd = [bench, case, os.path.join(ROOT, "bench", "search_queries.tsv"),
           os.path.join(ROOT, "bench", "search_terms.txt"), str(args.repeat)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        sys.exit(f"search_bench failed ({proc.returncode})")
    out = os.path.join(OUT, f"search-{args.set}.md")
    with open(out, "w") as f:
        f.write(proc.stdout)
    print(proc.stdout)
    print(f"written to {out}")


if __name__ == "__main__":
    main()
