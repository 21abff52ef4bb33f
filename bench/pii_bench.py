#!/usr/bin/env python3
"""Personal-data scan throughput: bates's PiiScanner (Vectorscan, one pass over every pattern)
beside ripgrep running the same regular expressions, on the same files of the generated
collection, one thread each, in one run. Files are read once first so both read from the page
cache. Prints a JSON line per tool and the ratio; docs/REVIEW.md records the figures.

    python3 bench/pii_bench.py --build build [--data bench/data/gen-1m] [--folders 3]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--build", default="build")
    p.add_argument("--data", default=os.environ.get("BATES_BENCH_DATA", "bench/data") + "/gen-1m")
    p.add_argument("--folders", type=int, default=3,
                   help="custodian folders of the collection to scan (0: all)")
    a = p.parse_args()
    folders = sorted(os.listdir(a.data))
    folders = [os.path.join(a.data, f) for f in folders if os.path.isdir(os.path.join(a.data, f))]
    if a.folders:
        folders = folders[:a.folders]
    patterns = os.path.join(tempfile.mkdtemp(prefix="pii-bench-"), "patterns.txt")
    bench = os.path.join(a.build, "bench", "pii_bench")
    # Warm the page cache (and write the patterns).
    subprocess.run([bench, "--patterns", patterns] + folders, check=True, capture_output=True)
    bates = json.loads(subprocess.run([bench] + folders, check=True, capture_output=True,
                                      text=True).stdout)
    t0 = time.monotonic()
    rg = subprocess.run(["rg", "-j1", "--count-matches", "--no-filename", "--no-ignore",
                         "--hidden", "-f", patterns] + folders, capture_output=True, text=True)
    rg_s = time.monotonic() - t0
    if rg.returncode not in (0, 1):
        sys.exit(rg.stderr)
    rg_matches = sum(int(x) for x in rg.stdout.split())
    rg_mbps = bates["bytes"] / 1e6 / rg_s
    print(json.dumps({"tool": "bates pii_bench", **bates}))
    print(json.dumps({"tool": "rg -j1 --count-matches -f patterns", "seconds": round(rg_s, 3),
                      "mb_per_s": round(rg_mbps, 1), "matches": rg_matches,
                      "version": subprocess.run(["rg", "--version"], capture_output=True,
                                                text=True).stdout.split("\n")[0]}))
    print(json.dumps({"folders": len(folders), "files": bates["files"], "bytes": bates["bytes"],
                      "bates_over_rg": round(bates["mb_per_s"] / rg_mbps, 2)}))


if __name__ == "__main__":
    main()
