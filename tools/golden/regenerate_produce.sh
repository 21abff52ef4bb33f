#!/usr/bin/env bash
# Rewrites tests/golden/produce/ (the example production's DAT, OPT and CSV) from the current
# build, then shows the diff for review. Commit only a diff you can explain.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
export BATES="${BATES:-$here/build/src/cli/bates}" BATES_SOURCE_DIR="$here"
BATES_REGENERATE_GOLDEN=1 python3 "$here/tests/integration/test_produce_example.py" \
  ExampleProduced.test_load_files_match_the_golden_files
git -C "$here" diff --stat -- tests/golden/produce
