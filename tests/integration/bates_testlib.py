"""Helpers for end-to-end tests that drive the real `bates` binary.

CTest sets BATES (the binary), BATES_SOURCE_DIR, BATES_CORPORA and BATES_TEST_TMP. Run by hand:
    BATES=build/src/cli/bates python3 tests/integration/test_collect.py -v
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("BATES_SOURCE_DIR", os.path.abspath(os.path.join(HERE, "..", "..")))
BATES = os.environ.get("BATES", os.path.join(SOURCE_DIR, "build", "src", "cli", "bates"))
CORPORA = os.environ.get("BATES_CORPORA", os.path.abspath(os.path.join(SOURCE_DIR, "..", "shared", "corpora")))


def scratch_dir(name):
    """A fresh folder for one test class, under BATES_TEST_TMP when set."""
    base = os.environ.get("BATES_TEST_TMP") or tempfile.gettempdir()
    os.makedirs(base, exist_ok=True)
    path = tempfile.mkdtemp(prefix=name + "-", dir=base)
    return path


def run(*args, expect=(0,), stdin=None, timeout=600):
    """Runs bates with args; fails the test if the exit status is not in `expect`."""
    cmd = [BATES] + [str(a) for a in args]
    proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=timeout)
    if expect is not None and proc.returncode not in expect:
        raise AssertionError(
            f"{' '.join(cmd)} exited {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
    return proc


def run_json(*args, expect=(0,)):
    proc = run(*args, "--json", expect=expect)
    return json.loads(proc.stdout)


_EXAMPLES = {}


def example(seed=1):
    """The built-in example (generated once per test process)."""
    if seed not in _EXAMPLES:
        out = os.path.join(scratch_dir("example"), "example")
        subprocess.run([sys.executable, os.path.join(SOURCE_DIR, "tools", "example", "make_example.py"),
                        "--seed", str(seed), "--out", out], check=True, capture_output=True)
        _EXAMPLES[seed] = out
    return _EXAMPLES[seed]


def custodians(example_dir):
    rows = []
    with open(os.path.join(example_dir, "custodians.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if line.strip():
                rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
    return rows


def ground_truth(example_dir):
    with open(os.path.join(example_dir, "ground-truth.json"), encoding="utf-8") as f:
        return json.load(f)


def collect_example(case_dir, example_dir, jobs=None, time_zone=None):
    """A new case holding every custodian of the example."""
    truth = ground_truth(example_dir)
    run("init", case_dir, "--time-zone", time_zone or truth["time_zone"])
    for row in custodians(example_dir):
        args = ["add", case_dir, "--custodian", row["custodian"],
                os.path.join(example_dir, "collection", row["folder"]), "--no-progress"]
        if jobs:
            args += ["--jobs", str(jobs)]
        run(*args, expect=(0, 3))


def corpus(*parts):
    """Path inside ../shared/corpora, or None when absent (the test then skips, saying so)."""
    path = os.path.join(CORPORA, *parts)
    return path if os.path.exists(path) else None


def main():
    unittest.main()
