#!/bin/sh
# Personal-data scan over the whole generated collection (1,000,000 messages): bates's
# PiiScanner (bench/pii_bench, one thread) beside ripgrep with the same patterns (-j1), both over
# the same directory from the page cache, in one run. Prints wall and user+sys CPU seconds for
# each so the figures mean something on a loaded machine; docs/REVIEW.md records them.
#   sh bench/pii_bench_full.sh [PII_BENCH_BINARY] [DATA_DIR]
set -eu
bench=${1:-build/bench/pii_bench}
data=${2:-bench/data/gen-1m}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "load before: $(cat /proc/loadavg)"
# Read every file once so both tools read from the page cache.
find "$data" -type f -print0 | xargs -0 cat >/dev/null
echo "load after warm-up: $(cat /proc/loadavg)"
"$bench" --patterns "$work/patterns.txt" --limit 1 "$data" >/dev/null
/usr/bin/time -f 'bates time: wall %e s, user %U s, sys %S s' "$bench" "$data"
# Only --no-unicode (ASCII classes, as bates's patterns are): ripgrep's default Unicode classes
# run at ~0.4 MB/s here, hours over the whole collection.
for extra in "--no-unicode"; do
  # shellcheck disable=SC2086
  /usr/bin/time -f "rg $extra time: wall %e s, user %U s, sys %S s" \
    rg -j1 --count-matches --no-filename --no-ignore --hidden $extra -f "$work/patterns.txt" \
    "$data" >"$work/rg.out" || [ $? -eq 1 ]
  echo "rg $extra matches: $(awk '{s+=$1} END {print s}' "$work/rg.out")"
done
rg --version | head -1
echo "load at end: $(cat /proc/loadavg)"
