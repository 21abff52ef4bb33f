#!/usr/bin/env bash
# Runs every benchmark against its peer, in one run each. Figures go to bench/out/ and are
# recorded, with this command, in docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
python3 bench/collect_bench.py --bates "$build/src/cli/bates"
python3 bench/search_bench.py --build "$build"
