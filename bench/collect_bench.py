#!/usr/bin/env python3
"""Collection benchmark (issue: foundation): `bates add` against `notmuch new` and `mu index` on
the same messages, in one run.

    bench/collect_bench.py --bates build/src/cli/bates [--sets enron,gen-100k] [--repeat 1]

Sets:
  enron     the real Enron inboxes in ../shared/corpora/enron-maildir-inbox (14,231 messages),
            copied once into a maildir layout (cur/) that all three tools read
  gen-100k  the generated 100,000-message maildir of tools/bench-data.sh (bench/data/gen-100k)

For each tool: wall time, items/s, MB/s of input and peak resident memory (GNU time). The page
cache is warmed before each run so every tool reads from memory. bates also hashes (MD5, SHA-1,
SHA-256) and stores every item (natives, text, metadata) besides indexing it; the peers only
index. Results go to bench/out/collect.json and are printed as a Markdown table.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
DATA = os.environ.get("BATES_BENCH_DATA", os.path.join(ROOT, "bench", "data"))
CORPORA = os.environ.get("BATES_CORPORA", os.path.join(ROOT, "..", "shared", "corpora"))


def files_under(root):
    for base, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            yield os.path.join(base, f)


def enron_maildir():
    """The Enron inboxes as maildirs: <custodian>/cur/<n>:2,S (copied once)."""
    src = os.path.join(CORPORA, "enron-maildir-inbox", "maildir")
    if not os.path.isdir(src):
        return None
    dest = os.path.join(DATA, "enron-maildir")
    # The stamp sits beside the maildir, not in it, so that no tool reads it as a message.
    stamp = dest + ".complete"
    if os.path.exists(stamp):
        return dest
    shutil.rmtree(dest, ignore_errors=True)
    for custodian in sorted(os.listdir(src)):
        cur = os.path.join(dest, custodian, "cur")
        for d in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(dest, custodian, d), exist_ok=True)
        for n, path in enumerate(sorted(files_under(os.path.join(src, custodian)))):
            shutil.copyfile(path, os.path.join(cur, f"{n}.enron:2,S"))
    open(stamp, "w").close()
    return dest


def measure(cmd, env=None):
    """Runs cmd under GNU time; returns (seconds, peak KiB)."""
    start = time.monotonic()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True, env=env)
    seconds = time.monotonic() - start
    if proc.returncode not in (0, 3):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    peak = int(proc.stderr.strip().splitlines()[-1])
    return seconds, peak


def warm(paths):
    for p in paths:
        with open(p, "rb") as f:
            while f.read(1 << 20):
                pass


def run_set(name, maildir, bates, work):
    paths = [p for p in files_under(maildir)]
    count = len(paths)
    size = sum(os.path.getsize(p) for p in paths)
    results = []

    def record(tool, seconds, peak):
        results.append({"set": name, "tool": tool, "messages": count, "bytes": size,
                        "seconds": round(seconds, 2), "items_per_s": round(count / seconds),
                        "mb_per_s": round(size / 1e6 / seconds, 1), "peak_mib": round(peak / 1024)})
        print(f"  {tool:10} {seconds:8.1f} s  {count / seconds:8.0f} msg/s  {peak / 1024:6.0f} MiB", flush=True)

    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    case = os.path.join(work, "case")
    subprocess.run([bates, "init", case], check=True, capture_output=True)
    warm(paths)
    record("bates", *measure([bates, "add", case, "--custodian", "bench", maildir, "--no-progress"]))
    listed = json.loads(subprocess.run([bates, "info", case, "--json"], check=True, capture_output=True,
                                       text=True).stdout)["items"]
    if listed < count:
        sys.exit(f"bates stored {listed} items for {count} messages")

    if shutil.which("notmuch"):
        config = os.path.join(work, "notmuch-config")
        with open(config, "w") as f:
            f.write(f"[database]\npath={work}/notmuch-db\nmail_root={maildir}\n"
                    "[new]\ntags=inbox;\nignore=\n[maildir]\nsynchronize_flags=false\n")
        os.makedirs(os.path.join(work, "notmuch-db"))
        env = dict(os.environ, NOTMUCH_CONFIG=config)
        warm(paths)
        record("notmuch", *measure(["notmuch", "new", "--quiet"], env=env))
    if shutil.which("mu"):
        home = os.path.join(work, "mu-home")
        subprocess.run(["mu", "init", f"--muhome={home}", f"--maildir={maildir}"], check=True,
                       capture_output=True)
        warm(paths)
        record("mu", *measure(["mu", "index", f"--muhome={home}", "--quiet"]))
    shutil.rmtree(work, ignore_errors=True)
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bates", default=os.path.join(ROOT, "build", "src", "cli", "bates"))
    parser.add_argument("--sets", default="enron,gen-100k")
    args = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    machine = subprocess.run(["sh", "-c", "nproc; uname -r"], capture_output=True, text=True).stdout.split()
    all_results = []
    for name in args.sets.split(","):
        maildir = enron_maildir() if name == "enron" else os.path.join(DATA, name)
        if not maildir or not os.path.isdir(maildir):
            print(f"{name}: input absent, skipped (enron needs ../shared/corpora; gen-* need make bench-data)")
            continue
        print(f"{name}: {maildir}", flush=True)
        all_results += run_set(name, maildir, args.bates, os.path.join(OUT, "collect-work"))
    with open(os.path.join(OUT, "collect.json"), "w") as f:
        json.dump({"cores": machine[0], "kernel": machine[1], "results": all_results}, f, indent=2)
    print("\n| set | tool | messages | MB | wall s | items/s | MB/s | peak MiB |")
    print("|---|---|---|---|---|---|---|---|")
    for r in all_results:
        print(f"| {r['set']} | {r['tool']} | {r['messages']} | {r['bytes'] / 1e6:.1f} | {r['seconds']} | "
              f"{r['items_per_s']} | {r['mb_per_s']} | {r['peak_mib']} |")


if __name__ == "__main__":
    main()
