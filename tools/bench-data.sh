#!/usr/bin/env bash
# Build the benchmark mail collections with tools/example/make_example.py (benchmark mode).
#
#   tools/bench-data.sh              builds bench/data/gen-100k and bench/data/gen-1m
#   tools/bench-data.sh 100k 2000    builds the sizes given (a number, or with k / m suffix)
#
# Each collection DIR is a tree of maildirs (DIR/<custodian>/{cur,new,tmp}); beside it the
# build writes DIR.json (the manifest: counts of planted terms and phrases) and, last of all,
# DIR.stamp recording the generator version (and a hash of its sources), the seed and N. A collection whose stamp matches
# is skipped; one without a matching stamp (never built, interrupted, other version) is
# removed and built again. Environment: BATES_BENCH_DATA (default <repo>/bench/data),
# BATES_BENCH_SEED (default 1), PYTHON (default python3).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gen="$repo/tools/example/make_example.py"
data="${BATES_BENCH_DATA:-$repo/bench/data}"
seed="${BATES_BENCH_SEED:-1}"
python="${PYTHON:-python3}"

version="$("$python" -c 'import sys; sys.path.insert(0, sys.argv[1]); import common; print(common.GENERATOR_VERSION)' "$repo/tools/example")"
# the sources' hash too, so that a change made without bumping the version still rebuilds
sources="$(cd "$repo/tools/example" && cat $(LC_ALL=C ls *.py) | sha256sum | cut -c1-12)"

sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
  sizes=(100k 1m)
fi

to_number() {
  local s="${1,,}"
  case "$s" in
    *k) echo $(( ${s%k} * 1000 )) ;;
    *m) echo $(( ${s%m} * 1000000 )) ;;
    *) echo "$s" ;;
  esac
}

mkdir -p "$data"
for size in "${sizes[@]}"; do
  if ! [[ "${size,,}" =~ ^[0-9]+[km]?$ ]]; then
    echo "bench-data: bad size '$size' (use e.g. 2000, 100k, 1m)" >&2
    exit 2
  fi
  n="$(to_number "$size")"
  name="gen-${size,,}"
  dir="$data/$name"
  stamp="$dir.stamp"
  want="generator=$version sources=$sources seed=$seed items=$n"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -d "$dir" ]; then
    echo "bench-data: $name is up to date ($want)"
    continue
  fi
  echo "bench-data: building $name ($want)"
  rm -f "$stamp"
  rm -rf "$dir" "$dir.json"
  start=$(date +%s)
  "$python" "$gen" --items "$n" --seed "$seed" --out "$dir" --manifest "$dir.json"
  echo "$want" > "$stamp.tmp"
  mv "$stamp.tmp" "$stamp"
  echo "bench-data: $name done in $(( $(date +%s) - start )) s"
done
