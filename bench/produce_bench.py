#!/usr/bin/env python3
"""Production benchmark: bates stamping PDF pages and rendering documents, beside qpdf --overlay
stamping the same PDFs, in one run.

    bench/produce_bench.py [--build build] [--pdfs N] [--corpus DIR]

  bates stamp    a case of N police general orders (PDF) from ../shared/corpora, produced whole
                 (`bates produce --select size:0..`): every page rendered onto a new PDF page with
                 its own Bates number, plus text files, load files, manifest and QC — pages/s is
                 over the whole command
  qpdf overlay   `qpdf IN --overlay STAMP --repeat=1 -- OUT`, one process per PDF (as it is used),
                 the same stamp on every page (qpdf cannot number pages, so this is a lower bound
                 on the work a Bates stamp needs)
  bates render   the built-in example (emails, text, PDFs, attachments) produced whole:
                 documents/s, with how many were rendered from text and how many stamped

Results go to bench/out/produce.json and are printed as a table.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = os.environ.get("BATES_CORPORA", os.path.join(ROOT, "..", "shared", "corpora"))

# A one-page PDF (US Letter) with "CITY000001" at the lower right: qpdf's overlay.
STAMP_CONTENT = b"BT /F1 9 Tf 520 6 Td (CITY000001) Tj ET"


def stamp_pdf(path):
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(STAMP_CONTENT) + STAMP_CONTENT + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


def bates(build, *args):
    cmd = [os.path.join(build, "src", "cli", "bates")] + list(args)
    return subprocess.run(cmd, check=False, capture_output=True, text=True)


def produce_whole(build, case, folder, time_zone="UTC"):
    bates(build, "init", case, "--time-zone", time_zone)
    for name in sorted(os.listdir(folder)):
        bates(build, "add", case, "--custodian", name, os.path.join(folder, name), "--no-progress")
    start = time.monotonic()
    proc = bates(build, "produce", case, "--select", "size:0..", "--prefix", "BENCH", "--start",
                 "1", "--volume", "VOL001", "--json")
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit(f"bates produce failed:\n{proc.stderr}")
    return json.loads(proc.stdout), seconds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--pdfs", type=int, default=40)
    ap.add_argument("--corpus", default=os.path.join(CORPORA, "il-police-general-orders"))
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="produce-bench-")
    try:
        pdfs = []
        for base, dirs, files in os.walk(args.corpus):
            dirs.sort()
            pdfs += [os.path.join(base, f) for f in sorted(files) if f.lower().endswith(".pdf")]
        pdfs = pdfs[: args.pdfs]
        folder = os.path.join(work, "pdfs", "orders")
        os.makedirs(folder)
        for i, p in enumerate(pdfs):
            shutil.copy(p, os.path.join(folder, f"{i:04d}.pdf"))
        report, seconds = produce_whole(args.build, os.path.join(work, "pdf-case"),
                                        os.path.dirname(folder))
        stamped = [d for d in report["produced"] if d["how"] == "stamped"]
        stamped_pages = sum(d["pages"] for d in stamped)
        rows = [("bates stamp", len(report["produced"]), report["pages"], seconds)]

        stamp = os.path.join(work, "stamp.pdf")
        stamp_pdf(stamp)
        out = os.path.join(work, "qpdf-out")
        os.makedirs(out)
        start = time.monotonic()
        for i in range(len(pdfs)):
            subprocess.run(["qpdf", os.path.join(folder, f"{i:04d}.pdf"), "--overlay", stamp,
                            "--repeat=1", "--", os.path.join(out, f"{i:04d}.pdf")],
                           check=False, capture_output=True)
        rows.append(("qpdf overlay", len(pdfs), stamped_pages, time.monotonic() - start))

        example = os.path.join(work, "example")
        subprocess.run([sys.executable, os.path.join(ROOT, "tools", "example", "make_example.py"),
                        "--seed", "1", "--out", example], check=True, capture_output=True)
        with open(os.path.join(example, "ground-truth.json"), encoding="utf-8") as f:
            tz = json.load(f)["time_zone"]
        ex_report, ex_seconds = produce_whole(args.build, os.path.join(work, "example-case"),
                                              os.path.join(example, "collection"), tz)
        rendered = sum(1 for d in ex_report["produced"] if d["how"] == "rendered")
        rows.append(("bates render", len(ex_report["produced"]), ex_report["pages"], ex_seconds))

        print(f"{'run':<14}{'docs':>7}{'pages':>8}{'seconds':>9}{'pages/s':>9}{'docs/s':>8}")
        for name, docs, pages, secs in rows:
            print(f"{name:<14}{docs:>7}{pages:>8}{secs:>9.2f}{pages / secs:>9.1f}{docs / secs:>8.1f}")
        print(f"(bates stamp: {len(stamped)} of {len(report['produced'])} PDFs stamped, "
              f"{stamped_pages} pages; qpdf: the same {len(pdfs)} PDFs; "
              f"bates render: {rendered} documents rendered from text)")
        os.makedirs(os.path.join(ROOT, "bench", "out"), exist_ok=True)
        with open(os.path.join(ROOT, "bench", "out", "produce.json"), "w") as f:
            json.dump([dict(zip(("run", "documents", "pages", "seconds"), r)) for r in rows], f,
                      indent=2)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
