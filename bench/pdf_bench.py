#!/usr/bin/env python3
"""PDF text extraction benchmark: bates' PDF reader beside poppler's `pdftotext`, on the same
PDFs (the Illinois police general orders in ../shared/corpora), in one run.

    bench/pdf_bench.py [--build build] [--corpus DIR] [--update-docs]

Three runs over the same files, one file at a time on one core, page cache warm:
  pdftotext       poppler-utils' command, one process per file (as it is used), text to /dev/null
  bates           bench/pdf_extract_bench: the pdf reader in one process, file after file
  bates+helper    the same through the bates-extract helper process (RunIsolated), one helper
                  per file, as `bates add` runs the reader

Both tools use poppler; bates also reads the document information, embedded files and, for a
page with no text layer, renders it at 300 dpi and runs OCR, which pdftotext does not do. The
table therefore shows every file, and again the files where bates OCRed no page (the like-for-
like comparison). Figures: files, pages, MB, wall seconds, pages/s, MB/s. Results go to
bench/out/pdf.json; with --update-docs the "PDF text extraction" section of docs/BENCHMARKS.md
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
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = os.environ.get("BATES_CORPORA", os.path.join(ROOT, "..", "shared", "corpora"))
OUT = os.path.join(ROOT, "bench", "out")
BEGIN = "<!-- pdf-bench:begin -->"
END = "<!-- pdf-bench:end -->"


def pdfs_under(root):
    found = []
    for base, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(".pdf"):
                found.append(os.path.join(base, name))
    return found


def warm(paths):
    for p in paths:
        with open(p, "rb") as f:
            while f.read(1 << 20):
                pass


def run_pdftotext(files):
    per_file = {}
    start = time.monotonic()
    for path in files:
        t = time.monotonic()
        subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", path, "/dev/null"], check=False)
        per_file[path] = time.monotonic() - t
    return time.monotonic() - start, per_file


def run_bates(driver, files, helper=None):
    argv = [driver] + (["--helper", helper] if helper else []) + files
    start = time.monotonic()
    proc = subprocess.run(argv, capture_output=True, text=True)
    wall = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit("pdf_extract_bench failed (%d): %s" % (proc.returncode, proc.stderr))
    rows = {}
    for line in proc.stdout.splitlines():
        row = json.loads(line)
        rows[row["file"]] = row
    return wall, rows


def summarise(name, files, seconds_of, pages_of, wall=None):
    pages = sum(pages_of[f] for f in files)
    size = sum(os.path.getsize(f) for f in files)
    seconds = wall if wall is not None else sum(seconds_of[f] for f in files)
    return {"tool": name, "files": len(files), "pages": pages, "mb": round(size / 1e6, 1),
            "seconds": round(seconds, 2), "pages_per_s": round(pages / seconds, 1),
            "mb_per_s": round(size / 1e6 / seconds, 2)}


def table(rows):
    lines = ["| files | tool | files | pages | MB | wall s | pages/s | MB/s |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for subset, r in rows:
        lines.append("| %s | %s | %d | %d | %.1f | %.2f | %.1f | %.2f |" % (
            subset, r["tool"], r["files"], r["pages"], r["mb"], r["seconds"], r["pages_per_s"], r["mb_per_s"]))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--corpus", default=os.path.join(CORPORA, "il-police-general-orders", "Illinois"))
    parser.add_argument("--update-docs", action="store_true")
    args = parser.parse_args()
    driver = os.path.join(args.build, "bench", "pdf_extract_bench")
    helper = os.path.join(args.build, "src", "ingest", "bates-extract")
    for needed in (driver, helper):
        if not os.path.exists(needed):
            sys.exit("%s missing: build it (cmake --build %s --target pdf_extract_bench bates-extract)"
                     % (needed, args.build))
    if shutil.which("pdftotext") is None:
        sys.exit("pdftotext missing: scripts/install-deps.sh (poppler-utils)")
    files = pdfs_under(args.corpus)
    if not files:
        sys.exit("no PDFs under %s" % args.corpus)

    warm(files)
    text_wall, text_times = run_pdftotext(files)
    warm(files)
    bates_wall, bates_rows = run_bates(driver, files)
    warm(files)
    helper_wall, helper_rows = run_bates(driver, files, helper)

    pages = {f: int(bates_rows[f]["pages"]) for f in files}
    failed = [f for f in files if bates_rows[f]["status"] != "ok"]
    with_ocr = [f for f in files if int(bates_rows[f]["ocr_pages"]) > 0]
    text_only = [f for f in files if f not in with_ocr]
    bates_times = {f: bates_rows[f]["seconds"] for f in files}
    helper_times = {f: helper_rows[f]["seconds"] for f in files}
    rows = []
    for subset, chosen in (("all", files), ("no OCR page", text_only)):
        whole = chosen is files
        rows.append((subset, summarise("pdftotext", chosen, text_times, pages, text_wall if whole else None)))
        rows.append((subset, summarise("bates", chosen, bates_times, pages, bates_wall if whole else None)))
        rows.append((subset, summarise("bates+helper", chosen, helper_times, pages, helper_wall if whole else None)))
    ocr_pages = sum(int(bates_rows[f]["ocr_pages"]) for f in files)
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    machine = "%s, %d cores, %s" % (cpu or platform.processor(), os.cpu_count() or 0, platform.release())
    result = {"date": datetime.date.today().isoformat(), "machine": machine, "corpus": args.corpus,
              "ocr_pages": ocr_pages, "files_with_ocr": len(with_ocr), "failed": failed,
              "results": [dict(r, subset=s) for s, r in rows]}
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "pdf.json"), "w") as f:
        json.dump(result, f, indent=2)

    markdown = table(rows)
    notes = ("%d files, %d pages; bates OCRed %d pages (no text layer, or a stamp only) in %d files, "
             "which pdftotext leaves empty; %d files failed in bates." % (len(files), sum(pages.values()),
                                                                          ocr_pages, len(with_ocr), len(failed)))
    print(markdown)
    print()
    print(notes)
    if args.update_docs:
        path = os.path.join(ROOT, "docs", "BENCHMARKS.md")
        section = "\n".join([
            "Run %s on %s (shared with other work; `nice`d builds and fuzzers were running):" % (result["date"], machine),
            "",
            "```",
            "cmake --build build --target pdf_extract_bench bates-extract",
            "bench/pdf_bench.py --build build --update-docs",
            "```",
            "",
            markdown,
            "",
            notes,
            ""])
        if os.path.exists(path):
            with open(path) as f:
                document = f.read()
        else:
            document = "# Benchmarks\n"
        if BEGIN not in document:
            document = document.rstrip("\n") + "\n\n## PDF text extraction\n\n%s\n%s\n" % (BEGIN, END)
        head, rest = document.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        with open(path, "w") as f:
            f.write(head + BEGIN + "\n" + section + END + tail)
        print("wrote %s" % path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
