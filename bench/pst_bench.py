#!/usr/bin/env python3
"""PST extraction benchmark: bates beside libpst's `readpst` (Debian pst-utils) on the same
stores, in one run.

    bench/pst_bench.py [--build build] [--copies 100] [--update-docs]

Input. No large PST is public that we may keep, and no Debian tool writes one, so the input is
the two Apache Tika sample stores (testPST.pst, 2.2 MiB, 7 messages, one forwarded message with
a DOCX inside; testPST_variousBodyTypes.pst, 0.3 MiB, 4 messages with plain, HTML and RTF
bodies) each repeated --copies times (hard links in bench/data/pst-tika-xN/). Repetition measures
per-store and per-message cost well; it says nothing of the seek pattern of one 20 GB store.

Runs, page cache warm, one after another:
  readpst        `readpst -q -D -M -b -o DIR FILE` for each store: every message to its own
                 RFC 822 file with its attachments (as separate files would need -a/-S), deleted
                 items included, RTF bodies not saved separately
  bates-extract  the PST reader alone in its helper program (`bates-extract -- pst FILE`, the
                 wire stream to /dev/null), one process per store: libpff walk + each message
                 serialised, which is the part comparable to readpst's
  bates add      the whole pipeline on all cores: every message read back, attachments and
                 embedded messages extracted and read, everything hashed (MD5, SHA-1, SHA-256),
                 stored and indexed

Messages are the stores' top-level messages (readpst: files written; bates: email items directly
below a store). Figures: stores, messages, MB, wall seconds, messages/s, MB/s, peak RSS. Results
go to bench/out/pst.json; with --update-docs the "PST extraction" section of docs/BENCHMARKS.md
(between its markers) is rewritten.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = os.environ.get("BATES_CORPORA", os.path.join(ROOT, "..", "shared", "corpora"))
DATA = os.environ.get("BATES_BENCH_DATA", os.path.join(ROOT, "bench", "data"))
OUT = os.path.join(ROOT, "bench", "out")
BEGIN = "<!-- pst-bench:begin -->"
END = "<!-- pst-bench:end -->"
SAMPLES = ["testPST.pst", "testPST_variousBodyTypes.pst"]


def inputs(copies):
    src = os.path.join(CORPORA, "tika-test-documents", "files", "microsoft")
    dest = os.path.join(DATA, f"pst-tika-x{copies}")
    stamp = os.path.join(dest, ".complete")
    if not os.path.exists(stamp):
        shutil.rmtree(dest, ignore_errors=True)
        os.makedirs(dest)
        for name in SAMPLES:
            path = os.path.join(src, name)
            if not os.path.exists(path):
                sys.exit(f"pst_bench: {path} missing (set BATES_CORPORA)")
            for i in range(copies):
                target = os.path.join(dest, f"{i:05d}-{name}")
                try:
                    os.link(path, target)
                except OSError:
                    shutil.copyfile(path, target)
        open(stamp, "w").close()
    stores = sorted(os.path.join(dest, f) for f in os.listdir(dest) if f.endswith(".pst"))
    return dest, stores


def warm(paths):
    for p in paths:
        with open(p, "rb") as f:
            while f.read(1 << 20):
                pass


def timed(commands, env=None):
    """Runs each command (a list of argv) in turn under GNU time; returns (seconds, peak KiB)."""
    peak = 0
    start = time.monotonic()
    for argv in commands:
        with tempfile.NamedTemporaryFile(mode="r") as report:
            proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name] + argv,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
            if proc.returncode != 0:
                sys.exit(f"pst_bench: {' '.join(argv)} failed: {proc.stderr.decode()[-500:]}")
            lines = [l for l in report.read().split("\n") if l.strip().isdigit()]
            if lines:
                peak = max(peak, int(lines[-1]))
    return time.monotonic() - start, peak


def run_readpst(stores, work):
    out = os.path.join(work, "readpst")
    commands = []
    for i, store in enumerate(stores):
        d = os.path.join(out, str(i))
        os.makedirs(d)
        commands.append(["readpst", "-q", "-D", "-M", "-b", "-o", d, store])
    seconds, peak = timed(commands)
    messages = sum(len(files) for _, _, files in os.walk(out))
    shutil.rmtree(out)
    return seconds, peak, messages


def run_bates_extract(build, stores):
    helper = os.path.join(build, "src", "ingest", "bates-extract")
    return timed([[helper, "--", "pst", store] for store in stores])


def run_bates_add(build, folder, work):
    bates = os.path.join(build, "src", "cli", "bates")
    case = os.path.join(work, "case")
    subprocess.run([bates, "init", case], check=True, stdout=subprocess.DEVNULL)
    seconds, peak = timed([[bates, "add", case, "--custodian", "bench", "--no-progress", folder]])
    listing = json.loads(subprocess.run([bates, "list", case, "--json"], check=True,
                                        capture_output=True).stdout)
    items = listing["items"]
    stores = {i["id"] for i in items if i["kind"] == "container"}
    messages = sum(1 for i in items if i["kind"] == "email" and i["parent_id"] in stores)
    exceptions = sum(1 for i in items if i["status"] != "processed")
    shutil.rmtree(case)
    return seconds, peak, messages, len(items), exceptions


def row(name, stores, messages, mb, seconds, peak_kib, note=""):
    return {"tool": name, "stores": stores, "messages": messages, "mb": round(mb, 1),
            "seconds": round(seconds, 2), "messages_per_s": round(messages / seconds, 1),
            "mb_per_s": round(mb / seconds, 1), "peak_rss_mib": round(peak_kib / 1024, 1),
            "note": note}


def table(rows):
    lines = ["| tool | stores | messages | MB | seconds | messages/s | MB/s | peak RSS MiB | note |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        lines.append(f"| {r['tool']} | {r['stores']} | {r['messages']} | {r['mb']} | "
                     f"{r['seconds']} | {r['messages_per_s']} | {r['mb_per_s']} | "
                     f"{r['peak_rss_mib']} | {r['note']} |")
    return "\n".join(lines)


def update_docs(section):
    path = os.path.join(ROOT, "docs", "BENCHMARKS.md")
    text = open(path).read() if os.path.exists(path) else "# Benchmarks\n"
    block = f"{BEGIN}\n{section}\n{END}"
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n## PST extraction\n\n" + block + "\n"
    with open(path, "w") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--update-docs", action="store_true")
    args = parser.parse_args()
    if shutil.which("readpst") is None:
        sys.exit("pst_bench: readpst missing (scripts/install-deps.sh --bench installs pst-utils)")
    folder, stores = inputs(args.copies)
    mb = sum(os.path.getsize(s) for s in stores) / 1e6
    warm(stores)
    rows = []
    with tempfile.TemporaryDirectory(dir=DATA) as work:
        seconds, peak, messages = run_readpst(stores, work)
        rows.append(row("readpst", len(stores), messages, mb, seconds, peak,
                        "one process per store, messages to RFC 822 files"))
        seconds, peak = run_bates_extract(args.build, stores)
        rows.append(row("bates-extract -- pst", len(stores), messages, mb, seconds, peak,
                        "PST reader alone, one helper per store, output discarded"))
        seconds, peak, bates_messages, items, exceptions = run_bates_add(args.build, folder, work)
        rows.append(row("bates add", len(stores), bates_messages, mb, seconds, peak,
                        f"all cores; {items} items (messages, attachments, embedded), "
                        f"{exceptions} exceptions; hashed, stored, indexed"))
    os.makedirs(OUT, exist_ok=True)
    result = {"date": datetime.date.today().isoformat(), "host": platform.node(),
              "cpus": os.cpu_count(), "input": f"Tika testPST.pst + testPST_variousBodyTypes.pst "
                                               f"x {args.copies} each", "rows": rows}
    with open(os.path.join(OUT, "pst.json"), "w") as f:
        json.dump(result, f, indent=2)
    md = table(rows)
    print(md)
    if args.update_docs:
        section = (f"Run `bench/pst_bench.py --build {os.path.relpath(args.build, ROOT)} --copies "
                   f"{args.copies} --update-docs` on {result['date']}, {result['cpus']} CPUs. "
                   f"Input: {result['input']} ({len(stores)} stores, {mb:.1f} MB): no larger PST "
                   f"is available and no Debian tool writes one, so the two Tika samples are "
                   f"repeated.\n\n{md}\n")
        update_docs(section)


if __name__ == "__main__":
    main()
