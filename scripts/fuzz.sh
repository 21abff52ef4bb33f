#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, AddressSanitizer + UndefinedBehaviorSanitizer) and runs
# them one after another, each reader's fuzzer for the given time. `make fuzz` runs this.
#
#   scripts/fuzz.sh                          every reader in fuzz/CMakeLists.txt, 60 s each
#   scripts/fuzz.sh --time 600 pdf image     those readers, 10 minutes each
#   scripts/fuzz.sh --build-only             configure and build, run nothing
#
# Each reader's fuzzer starts from a working copy of its seeds (fuzz/corpus/READER) in
# BUILD/fuzz-work/READER, with fuzz/dict/READER.dict when there is one. A crash, leak, timeout or
# out-of-memory input is written to BUILD/fuzz-work/READER/artifacts/; once the bug is fixed, copy
# it to fuzz/crashes/READER/ so ctest replays it from then on. The last line of each run, and a
# summary at the end, give reader, seconds, executions and result; docs/FORMATS.md records them.
# Runs at low priority (nice): the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."

build=build-fuzz
seconds=60
build_only=0
readers=()
while (($#)); do
  case "$1" in
    --time) seconds=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --build-only) build_only=1; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) readers+=("$1"); shift ;;
  esac
done

if [[ ! -f $build/build.ninja ]]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DBATES_FUZZ=ON -DBATES_TESTS=OFF
fi
if ((${#readers[@]} == 0)); then
  # The list lives in one place, fuzz/CMakeLists.txt.
  mapfile -t readers < <(sed -n '/^set(BATES_FUZZ_READERS$/,/)/p' fuzz/CMakeLists.txt |
    sed -e 's/#.*//' -e 's/set(BATES_FUZZ_READERS//' -e 's/)//' | tr -s ' \n' '\n' | sed '/^$/d')
fi
nice cmake --build "$build" --target "${readers[@]/#/fuzz_}"
((build_only)) && exit 0

# Leaks are reported by LeakSanitizer at the end of each input; libraries' one-time caches are
# not leaks of ours and are listed in fuzz/lsan.supp.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1:handle_abort=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/fuzz/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

summary=()
status=0
for reader in "${readers[@]}"; do
  work=$build/fuzz-work/$reader
  mkdir -p "$work/corpus" "$work/artifacts"
  if [[ -d fuzz/corpus/$reader ]]; then cp -n fuzz/corpus/"$reader"/* "$work/corpus/" 2>/dev/null || true; fi
  # An input slower than this is a hang (libFuzzer's default is 1200 s). Readers that OCR get
  # 60 s: one page costs Tesseract seconds of CPU under AddressSanitizer, and its page
  # segmentation cannot be interrupted, so on a shared machine a 10 s wall limit fires on
  # starvation alone (their own budget, harness.cc, bounds recognition at 4 s).
  timeout=10
  case $reader in pdf|image) timeout=60 ;; esac
  args=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout="$timeout" -print_final_stats=1
        -artifact_prefix="$work/artifacts/")
  if [[ -f fuzz/dict/$reader.dict ]]; then args+=(-dict="fuzz/dict/$reader.dict"); fi
  log=$work/fuzz.log
  echo "fuzz.sh: $reader for ${seconds}s (log $log)"
  started=$(date +%s)
  set +e
  nice "$build/fuzz/fuzz_$reader" "${args[@]}" "$work/corpus" >"$log" 2>&1
  code=$?
  set -e
  elapsed=$(($(date +%s) - started))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if grep -q "nothing to fuzz" "$log"; then
    result="skipped (no such reader yet)"
  elif ((code == 0)); then
    result="no crash, leak or timeout"
  else
    artifact=$(ls -t "$work/artifacts" 2>/dev/null | head -1)
    result="FAILED (exit $code): ${artifact:-see log}"
    status=1
  fi
  line="$reader $elapsed s, ${execs:-0} execs: $result"
  echo "fuzz.sh: $line"
  summary+=("$line")
done
printf 'fuzz.sh summary:\n'
printf '  %s\n' "${summary[@]}"
exit $status
