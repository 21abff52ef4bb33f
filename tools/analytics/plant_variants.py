#!/usr/bin/env python3
"""Plant duplicates, near-duplicates and threads into real documents, with the truth planted.

Reads ../shared/corpora (real Enron mail, real Illinois police general orders as PDF) and writes
a collection of four custodians plus truth.json:

  * exact copies: the same Enron message as .eml under two custodians and inside a third's MBOX;
    the same PDF under two custodians;
  * near-duplicates: a PDF and the text pdftotext draws from it (.txt), that text with one word
    changed, and with one paragraph (about 40 words) replaced by a paragraph of another order;
  * threads: replies and forwards built on real Enron messages with proper Message-ID,
    In-Reply-To and References headers (Outlook-style quoting), a second-level reply, a
    forward adding a new attachment, and replies that lost their threading headers (found only
    by subject);
  * fillers: other real messages and orders that belong to no group.

  plant_variants.py --corpora ../shared/corpora --out DIR [--seed 1] [--messages 40] [--orders 16]

truth.json: {"files": {relative path: {"kind", "dup", "near", "message_id"}},
             "messages": {message id: {"thread", "dup"}}} — `dup` and `near` are cluster ids
(null when the item is alone); relative paths are "<custodian folder>/<path>".
Standard library only, plus pdftotext (poppler-utils).
"""
import argparse
import email
import email.policy
import email.utils
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
from datetime import timedelta
from email.message import EmailMessage

CUSTODIANS = [("a-lay", "Kenneth Lay"), ("b-kean", "Steven Kean"), ("c-kitchen", "Louise Kitchen"),
              ("d-records", "Records Office")]


def read_enron(corpora, count, rng):
    """Real messages with distinct subjects that are neither replies nor forwards."""
    root = os.path.join(corpora, "enron-maildir-inbox", "maildir")
    paths = []
    for dirpath, _, files in os.walk(root):
        for f in files:
            paths.append(os.path.join(dirpath, f))
    paths.sort()
    rng.shuffle(paths)
    chosen, subjects = [], set()
    for p in paths:
        with open(p, "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.compat32)
        subject = " ".join((msg.get("Subject") or "").split())
        norm = re.sub(r"^((re|fw|fwd)\s*:\s*)+", "", subject, flags=re.I).lower()
        if (not subject or norm != subject.lower() or norm in subjects or msg.is_multipart()
                or msg.get("In-Reply-To") or msg.get("References")):
            continue
        body = msg.get_payload(decode=True)
        if body is None:
            continue
        text = body.decode("latin-1")
        words = len(text.split())
        if words < 60 or words > 1500 or "original message" in text.lower():
            continue
        subjects.add(norm)
        chosen.append({"path": p, "msg": msg, "subject": subject, "body": text})
        if len(chosen) == count:
            break
    return chosen


def pdf_text(path):
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8", "replace")


def read_orders(corpora, count, rng):
    """Real general orders with at least 1,500 words of text, one per agency."""
    root = os.path.join(corpora, "il-police-general-orders", "Illinois")
    agencies = sorted(os.listdir(root))
    rng.shuffle(agencies)
    chosen = []
    for agency in agencies:
        files = sorted(f for f in os.listdir(os.path.join(root, agency)) if f.endswith(".pdf"))
        rng.shuffle(files)
        for f in files[:6]:
            path = os.path.join(root, agency, f)
            text = pdf_text(path)
            if len(text.split()) >= 1500:
                chosen.append({"path": path, "agency": agency, "text": text})
                break
        if len(chosen) == count:
            break
    return chosen


def paragraphs(text):
    return [p for p in re.split(r"\n\s*\n", text) if len(p.split()) >= 25]


def mbox_from(msg_bytes):
    """An mboxrd entry: a From_ line and the message with '>From ' quoting."""
    lines = msg_bytes.split(b"\n")
    quoted = [b">" + l if re.match(rb"^>*From ", l) else l for l in lines]
    return b"From MAILER-DAEMON Thu Jan  1 00:00:00 2001\n" + b"\n".join(quoted).rstrip(b"\n") + b"\n\n"


class Planter:
    def __init__(self, out, rng):
        self.out, self.rng = out, rng
        self.files, self.messages = {}, {}
        self.mboxes = {}
        self.serial = 0

    def write(self, folder, rel, data, kind, dup=None, near=None, message_id=None):
        path = os.path.join(self.out, "collection", folder, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        self.files[f"{folder}/{rel}"] = {"kind": kind, "dup": dup, "near": near,
                                         "message_id": message_id}

    def message(self, message_id, thread=None, dup=None):
        m = self.messages.setdefault(message_id, {"thread": None, "dup": None})
        m["thread"] = m["thread"] or thread
        m["dup"] = m["dup"] or dup

    def new_id(self):
        self.serial += 1
        return f"<planted.{self.serial}.{self.rng.randrange(1 << 30)}@bates.example>"


def header(msg, name):
    """A header's value unfolded ('' when absent)."""
    return " ".join(str(msg.get(name) or "").split())


def reply(base, when, body, prefix="RE", headers=True, attach=None, planter=None):
    """A reply to (or forward of) `base` quoting it whole, Outlook style."""
    m = EmailMessage()
    mid = planter.new_id()
    m["Message-ID"] = mid
    m["Date"] = email.utils.format_datetime(when)
    first_to = (header(base, "To") or "someone@enron.com").split(",")[0].strip()
    m["From"] = first_to
    m["To"] = header(base, "From")
    m["Subject"] = f"{prefix}: {header(base, 'Subject')}"
    if headers:
        base_id = header(base, "Message-ID")
        refs = header(base, "References").split() + [base_id]
        m["In-Reply-To"] = base_id
        m["References"] = " ".join(refs)
    base_body = base.get_payload(decode=True)
    base_text = base_body.decode("latin-1") if isinstance(base_body, bytes) else base.get_content()
    quoted = (f"{body}\n\n -----Original Message-----\nFrom: \t{header(base, 'From')}\n"
              f"Sent:\t{header(base, 'Date')}\nTo:\t{header(base, 'To')}\n"
              f"Subject:\t{header(base, 'Subject')}\n\n{base_text}")
    m.set_content(quoted)
    if attach is not None:
        m.add_attachment(attach[1].encode("utf-8"), maintype="text", subtype="plain",
                         filename=attach[0])
    return mid, m


def plant(corpora, out, seed, n_messages, n_orders):
    rng = random.Random(seed)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    p = Planter(out, rng)

    mails = read_enron(corpora, n_messages * 2, rng)
    bases, fillers = mails[:n_messages], mails[n_messages:]
    sgml = open(os.path.join(corpora, "reuters21578", "reut2-000.sgm"), encoding="latin-1").read()
    bodies = " ".join(re.findall(r"<BODY>(.*?)</BODY>", sgml, flags=re.S))
    reuters_words = [w for w in bodies.split() if re.fullmatch(r"[A-Za-z][A-Za-z.,'-]*", w)]

    def sentence(k):
        start = (k * 37) % (len(reuters_words) - 40)
        return " ".join(reuters_words[start:start + 25])

    mbox = []
    for k, b in enumerate(bases):
        raw = open(b["path"], "rb").read()
        mid = header(b["msg"], "Message-ID")
        thread = f"T{k:03d}"
        # Exact copies: two .eml files and one in an mbox.
        p.write("a-lay", f"inbox/{k:03d}.eml", raw, "email", message_id=mid)
        p.write("b-kean", f"saved/{k:03d}.eml", raw, "email", message_id=mid)
        mbox.append(raw)
        p.message(mid, dup=f"D{k:03d}")
        when = email.utils.parsedate_to_datetime(header(b["msg"], "Date").split(" (")[0])
        if k % 2 == 0:
            # A reply with headers, and a reply to the reply.
            r1, m1 = reply(b["msg"], when + timedelta(hours=2), sentence(k), planter=p)
            p.write("c-kitchen", f"sent/{k:03d}-re.eml", m1.as_bytes(), "email", message_id=r1)
            p.message(r1, thread)
            p.message(mid, thread)
            r2, m2 = reply(m1, when + timedelta(hours=5), sentence(k + 500), planter=p)
            p.write("a-lay", f"inbox/{k:03d}-re-re.eml", m2.as_bytes(), "email", message_id=r2)
            p.message(r2, thread)
        if k % 4 == 1:
            # A forward adding a new attachment.
            f1, mf = reply(b["msg"], when + timedelta(days=1), "FYI, see the attached note.",
                           prefix="FW", attach=("note.txt", sentence(k + 900) * 3), planter=p)
            p.write("d-records", f"mail/{k:03d}-fw.eml", mf.as_bytes(), "email", message_id=f1)
            p.message(f1, thread)
            p.message(mid, thread)
        if k % 4 == 3:
            # A reply whose client dropped In-Reply-To and References: found by subject only.
            r3, m3 = reply(b["msg"], when + timedelta(hours=1), sentence(k + 200), headers=False,
                           planter=p)
            p.write("c-kitchen", f"sent/{k:03d}-re-noheaders.eml", m3.as_bytes(), "email",
                    message_id=r3)
            p.message(r3, thread)
            p.message(mid, thread)
    p.write("c-kitchen", "archive.mbox", b"".join(mbox_from(r) for r in mbox), "container")
    for k, f in enumerate(fillers):
        mid = header(f["msg"], "Message-ID")
        p.write("d-records", f"mail/filler-{k:03d}.eml", open(f["path"], "rb").read(), "email",
                message_id=mid)
        p.message(mid)

    orders = read_orders(corpora, n_orders, rng)
    for k, o in enumerate(orders):
        pdf = open(o["path"], "rb").read()
        dup, near = f"P{k:03d}", f"N{k:03d}"
        name = os.path.basename(o["path"])
        p.write("a-lay", f"orders/{name}", pdf, "file", dup=dup, near=near)
        if k % 2 == 0:
            p.write("d-records", f"policies/{o['agency']}/{name}", pdf, "file", dup=dup, near=near)
        text = o["text"]
        p.write("b-kean", f"drafts/{k:03d}-from-pdf.txt", text.encode("utf-8"), "file", near=near)
        words = text.split(" ")
        i = len(words) // 2
        while i < len(words) and not words[i].strip().isalpha():
            i += 1
        one = words[:i] + ["amended"] + words[i + 1:]
        p.write("b-kean", f"drafts/{k:03d}-one-word.txt", " ".join(one).encode("utf-8"), "file",
                near=near)
        paras = paragraphs(text)
        other = paragraphs(orders[(k + 1) % len(orders)]["text"])
        if paras and other:
            victim = paras[len(paras) // 2]
            replaced = text.replace(victim, other[len(other) // 3], 1)
            p.write("b-kean", f"drafts/{k:03d}-one-paragraph.txt", replaced.encode("utf-8"), "file",
                    near=near)
    with open(os.path.join(out, "custodians.tsv"), "w", encoding="utf-8") as f:
        f.write("folder\tcustodian\n")
        for folder, name in CUSTODIANS:
            f.write(f"{folder}\t{name}\n")
    truth = {"seed": seed, "files": p.files, "messages": p.messages,
             "sources": {"enron": [b["path"] for b in mails], "orders": [o["path"] for o in orders]}}
    with open(os.path.join(out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1, sort_keys=True)
    return truth


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", default=os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                                      "shared", "corpora"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--messages", type=int, default=40)
    ap.add_argument("--orders", type=int, default=16)
    args = ap.parse_args()
    truth = plant(args.corpora, args.out, args.seed, args.messages, args.orders)
    print(f"planted {len(truth['files'])} files, {len(truth['messages'])} messages in {args.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
