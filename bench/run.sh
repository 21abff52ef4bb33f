#!/usr/bin/env bash
# Runs every benchmark against its peer, in one run each. Figures go to bench/out/ and are
# recorded, with this command, in docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
python3 bench/collect_bench.py --bates "$build/src/cli/bates"
# PDF text extraction beside poppler's pdftotext, and PST extraction beside readpst (pst-utils),
# each on the same inputs in one run (docs/BENCHMARKS.md, "PDF text extraction" and "PST
# extraction").
cmake --build "$build" --target pdf_extract_bench bates-extract bates
python3 bench/pdf_bench.py --build "$build" --update-docs
python3 bench/pst_bench.py --build "$build" --update-docs
python3 bench/search_bench.py --build "$build"
# Analytics core (docs/BENCHMARKS.md, "Analytics"): near-duplicates of 1M generated messages,
# threading of 500k, recall of the LSH banding against exact all-pairs Jaccard on 20k.
data=${BATES_BENCH_DATA:-bench/data}
# Without gen-1m (`make bench-data` builds gen-100k; tools/bench-data.sh 1m the million), gen-100k
# stands in, replicated (bench/analytics_bench.cc, --replicate).
cmake --build "$build" --target analytics_bench
if [[ -d $data/gen-1m ]]; then
  "$build/bench/analytics_bench" neardup "$data/gen-1m"
  "$build/bench/analytics_bench" thread "$data/gen-1m" --limit 500000
else
  "$build/bench/analytics_bench" neardup "$data/gen-100k" --replicate 10
  "$build/bench/analytics_bench" thread "$data/gen-100k" --replicate 5
fi
"$build/bench/analytics_bench" recall "$data/gen-100k" --sample 20000
# Personal-data scan beside ripgrep with the same patterns (docs/REVIEW.md, "Benchmark").
cmake --build "$build" --target pii_bench
pii_data=$data/gen-1m
[[ -d $pii_data ]] || pii_data=$data/gen-100k
python3 bench/pii_bench.py --build "$build" --data "$pii_data" --files 5000
