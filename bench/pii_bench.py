#!/usr/bin/env python3
"""Personal-data scan throughput: bates's PiiScanner (Vectorscan, one pass over every pattern)
beside ripgrep running the same regular expressions, on the same files of the generated
collection, one thread each, in one run. Files are read once first so both read from the page
cache. Prints a JSON line per tool and the ratio; docs/REVIEW.md records the figures.

    python3 bench/pii_bench.py --build build [--data bench/data/gen-1m] [--files 5000]
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
    p.add_argument("--files", type=int, default=5000,
                   help="files of the collection to scan, in sorted order from its first folder "
                        "(each tool gets the same list)")
    a = p.parse_args()
    files = []
    for root, dirs, names in os.walk(a.data):
        dirs.sort()
        files += [os.path.join(root, n) for n in sorted(names)]
        if len(files) >= a.files:
            break
    files = files[:a.files]
    # Read every file once, so both tools read from the page cache.
    for f in files:
        with open(f, "rb") as fh:
            fh.read()
    patterns = os.path.join(tempfile.mkdtemp(prefix="pii-bench-"), "patterns.txt")
    bench = os.path.join(a.build, "bench", "pii_bench")
    subprocess.run([bench, "--patterns", patterns] + files, check=True, capture_output=True)
    bates = json.loads(subprocess.run([bench] + files, check=True, capture_output=True,
                                      text=True).stdout)
    print(json.dumps({"tool": "bates pii_bench", **bates}))
    version = subprocess.run(["rg", "--version"], capture_output=True, text=True).stdout
    # ripgrep as it runs by default (Unicode \\b and \\d), and with --no-unicode (ASCII classes,
    # as bates's patterns are), which is faster.
    for extra in ([], ["--no-unicode"]):
        t0 = time.monotonic()
        rg = subprocess.run(["rg", "-j1", "--count-matches", "--no-filename", "--no-ignore",
                             "--hidden"] + extra + ["-f", patterns] + files,
                            capture_output=True, text=True)
        rg_s = time.monotonic() - t0
        if rg.returncode not in (0, 1):
            sys.exit(rg.stderr)
        rg_mbps = bates["bytes"] / 1e6 / rg_s
        print(json.dumps({"tool": " ".join(["rg -j1 --count-matches"] + extra + ["-f patterns"]),
                          "seconds": round(rg_s, 3), "mb_per_s": round(rg_mbps, 1),
                          "matches": sum(int(x) for x in rg.stdout.split()),
                          "version": version.split("\n")[0],
                          "bates_over_rg": round(bates["mb_per_s"] / rg_mbps, 2)}))

if __name__ == "__main__":
    main()
