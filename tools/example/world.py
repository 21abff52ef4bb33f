"""Mode 1's machinery: the fictional city's people, documents, emails, and where copies land.

A Doc is one logical document (rendered as PDF, HTML or text); a Mail is one message (one
Message-ID). The Builder places them in custodians' folders (loose files, ZIPs, .eml files,
mbox files), keeps every byte it will write, and records one ground-truth record per copy.
Labels that follow from the text (personal data, keywords) are computed from the rendered text,
so the ground truth cannot disagree with the documents.
"""

import hashlib
import html
import re
from email import policy
from email.message import EmailMessage

from common import MARKER, GENERATOR_VERSION, PACIFIC, iso, mbox_from_date, rfc5322_date
import pdf as pdfw
import zipw

JURISDICTION = "City of Thistlewick (fictional)"
TIMEFRAME_START = PACIFIC.localize(2016, 10, 1, 0, 0, 0)
TIMEFRAME_END = PACIFIC.localize(2018, 1, 24, 23, 59, 59)
PII_KINDS = ("ssn", "a_number", "dob", "phone", "email", "drivers_license", "passport",
             "bank_account", "card")

_ICE_RE = re.compile(r"\bICE\b")
_IMM_RE = re.compile(r"immigration", re.IGNORECASE)


def says_keywords(text):
    return bool(_ICE_RE.search(text) or _IMM_RE.search(text))


class Person:
    def __init__(self, name, title, addr, folder=None, store=None, crlf=False):
        self.name, self.title, self.addr = name, title, addr
        self.folder = folder      # custodian folder, or None
        self.store = store        # 'eml' or 'mbox' (received mail), for custodians
        self.crlf = crlf          # .eml files written with CRLF line ends
        self.members = []         # for distribution lists: the custodians on it

    @property
    def header(self):
        return "%s <%s>" % (self.name, self.addr)


class Doc:
    """One logical document. blocks: [(style, text)], style in title/h/p/pre."""

    _next = 0

    def __init__(self, title, date, author, blocks, on_topic, privileged=False, basis=None,
                 note=None, near_of=None, compress=False, footer=None):
        Doc._next += 1
        self.id = Doc._next
        self.title, self.date, self.author, self.blocks = title, date, author, blocks
        self.on_topic, self.privileged, self.basis = on_topic, privileged, basis
        self.note, self.near_of, self.compress = note, near_of, compress
        self.footer = footer or title
        self._cache = {}

    def text(self):
        out = [MARKER, "", self.title, "=" * min(len(self.title), 78), ""]
        for style, t in self.blocks:
            if style == "pre":
                out.append(t)
            elif style == "h":
                out.append(t.upper() if len(t) < 60 else t)
            else:
                out.extend(pdfw.wrap(t, 76, Builder.keep))
            out.append("")
        out.append(MARKER)
        return "\n".join(out) + "\n"

    def render(self, fmt):
        if fmt not in self._cache:
            if fmt == "txt":
                data = self.text().encode("utf-8")
            elif fmt == "html":
                data = self._html().encode("utf-8")
            elif fmt == "pdf":
                data = pdfw.make_pdf(self.title, self.author, self.date,
                                     [("title", self.title)] + self.blocks,
                                     compress=self.compress, footer=self.footer[:70],
                                     keep=Builder.keep)
            else:
                raise ValueError(fmt)
            self._cache[fmt] = data
        return self._cache[fmt]

    def _html(self):
        e = lambda s: html.escape(s, quote=False)
        parts = ['<!DOCTYPE html>', '<html lang="en">', "<head>", '<meta charset="utf-8">',
                 "<title>%s</title>" % e(self.title),
                 '<meta name="author" content="%s">' % html.escape(self.author),
                 '<meta name="date" content="%s">' % iso(self.date),
                 "<style>body{font-family:sans-serif;max-width:44em;margin:2em auto}"
                 ".fictional{color:#a00;font-size:small}</style>",
                 "</head>", "<body>", '<p class="fictional">%s</p>' % e(MARKER),
                 "<h1>%s</h1>" % e(self.title)]
        for style, t in self.blocks:
            if style == "h":
                parts.append("<h2>%s</h2>" % e(t))
            elif style == "pre":
                parts.append("<pre>%s</pre>" % e(t))
            else:
                parts.append("<p>%s</p>" % e(t))
        parts += ['<p class="fictional">%s</p>' % e(MARKER), "</body>", "</html>", ""]
        return "\n".join(parts)


class Mail:
    """One message. attachments: [Att]. parent: the message replied to or forwarded."""

    def __init__(self, subject, date, sender, to, body, cc=(), attachments=(), on_topic=False,
                 privileged=False, basis=None, note=None, thread=None, parent=None,
                 forward=False, html_alt=False):
        self.subject, self.date, self.sender = subject, date, sender
        self.to, self.cc = list(to), list(cc)
        self.body = body
        self.attachments = list(attachments)
        self.on_topic, self.privileged, self.basis, self.note = on_topic, privileged, basis, note
        self.parent, self.forward, self.html_alt = parent, forward, html_alt
        self.thread = thread if thread is not None else (parent.thread if parent else None)
        self.msgid = None
        self._raw = {}

    def full_body(self):
        """The text/plain body: marker, the new text, then the quoted or forwarded parent."""
        text = MARKER + "\n\n" + self.body.rstrip("\n") + "\n"
        p = self.parent
        if p is not None:
            pbody = p.full_body().rstrip("\n")
            if self.forward:
                text += ("\n---------- Forwarded message ----------\nFrom: %s\nDate: %s\n"
                         "Subject: %s\nTo: %s\n\n%s\n" % (
                             p.sender.header, rfc5322_date(p.date), p.subject,
                             ", ".join(x.header for x in p.to), pbody))
            else:
                text += "\nOn %s, %s wrote:\n%s\n" % (
                    rfc5322_date(p.date), p.sender.header,
                    "\n".join((">" + ln) if ln.startswith(">") or not ln else ("> " + ln)
                              for ln in pbody.split("\n")))
        return text

    def references(self):
        p = self.parent
        chain = []
        while p is not None:
            chain.append(p.msgid)
            p = p.parent
        return list(reversed(chain))

    def build(self, linesep):
        if linesep in self._raw:
            return self._raw[linesep]
        m = EmailMessage(policy=policy.default)
        m["From"] = self.sender.header
        m["To"] = ", ".join(x.header for x in self.to)
        if self.cc:
            m["Cc"] = ", ".join(x.header for x in self.cc)
        m["Subject"] = self.subject
        m["Date"] = rfc5322_date(self.date)
        m["Message-ID"] = self.msgid
        if self.parent is not None:
            m["In-Reply-To"] = self.parent.msgid
            m["References"] = " ".join(self.references())
        m["X-Bates-Fictional"] = "yes"
        m["X-Mailer"] = "bates make_example.py %s (fictional test data)" % GENERATOR_VERSION
        body = self.full_body()
        m.set_content(body, subtype="plain", charset="utf-8", cte="quoted-printable")
        if self.html_alt:
            paras = "".join("<p>%s</p>\n" % html.escape(p).replace("\n", "<br>\n")
                            for p in body.split("\n\n"))
            m.add_alternative("<html><body>\n%s</body></html>\n" % paras, subtype="html",
                              charset="utf-8", cte="quoted-printable")
        for att in self.attachments:
            maintype, subtype = att.mime.split("/")
            params = {"charset": "utf-8"} if maintype == "text" else None
            m.add_attachment(att.data(), maintype=maintype, subtype=subtype,
                             filename=att.filename, params=params)
        n = 0
        for part in m.walk():
            if part.is_multipart():
                n += 1
                part.set_boundary("=_bates_%s_%d" % (
                    hashlib.sha256(self.msgid.encode()).hexdigest()[:12], n))
        # max_line_length: the default folder puts a long Subject wholly on a continuation
        # line (" RE: ...") which some readers keep as a leading space; headers here stay
        # well under RFC 5322's 998-character limit unfolded
        raw = m.as_bytes(policy=policy.default.clone(linesep=linesep, max_line_length=998))
        self._raw[linesep] = raw
        return raw


class Att:
    """An attachment: a Doc in a format, or a ZIP of entries. Optional label override."""

    def __init__(self, filename, doc=None, fmt=None, zip_entries=None, zip_date=None,
                 privileged=None, basis=None):
        self.filename, self.doc, self.fmt = filename, doc, fmt
        self.zip_entries, self.zip_date = zip_entries, zip_date
        self.privileged, self.basis = privileged, basis
        self._data = None

    @property
    def mime(self):
        if self.zip_entries is not None:
            return "application/zip"
        return {"pdf": "application/pdf", "html": "text/html", "txt": "text/plain"}[self.fmt]

    def data(self):
        if self._data is None:
            if self.zip_entries is not None:
                self._data = zip_bytes(self.zip_entries)
            else:
                self._data = self.doc.render(self.fmt)
        return self._data


def zip_bytes(entries):
    """entries: [(name, Doc, fmt) | (name, [entries...], date)] -> ZIP bytes."""
    flat = []
    for e in entries:
        if isinstance(e[1], list):
            flat.append((e[0], zip_bytes(e[1]), e[2], False))
        else:
            name, doc, fmt = e
            flat.append((name, doc.render(fmt), doc.date, fmt != "pdf"))
    return zipw.make_zip(flat)


def _mboxrd_escape(raw):
    out = []
    for line in raw.split(b"\n"):
        stripped = line.lstrip(b">")
        if stripped.startswith(b"From "):
            line = b">" + line
        out.append(line)
    return b"\n".join(out)


def _safe_name(s, limit=60):
    s = re.sub(r"[^A-Za-z0-9 ._-]+", "_", s).strip(" ._")
    return s[:limit].rstrip(" ._") or "message"


class Builder:
    keep = []  # PII values containing spaces: never wrap inside them

    def __init__(self, seed, rng):
        Builder.keep = []
        Doc._next = 0
        self.seed = seed
        self.rng = rng
        self.files = {}        # "folder/path" -> bytes
        self.records = []
        self.mails = []
        self.mailboxes = {}    # (folder, path) -> [Mail]
        self.pii = {}          # value -> kind
        self.decoys = set()
        self.custodians = []
        self._msg_n = 0
        self._names = set()

    # --- planted values -----------------------------------------------------------------------
    def plant(self, kind, value):
        assert kind in PII_KINDS
        assert value not in self.decoys
        self.pii[value] = kind
        if " " in value and value not in Builder.keep:
            Builder.keep.append(value)
        return value

    def decoy(self, value):
        assert value not in self.pii
        self.decoys.add(value)
        if " " in value and value not in Builder.keep:
            Builder.keep.append(value)
        return value

    # --- placement ----------------------------------------------------------------------------
    def _claim(self, folder, path):
        full = folder + "/" + path
        if full in self._names:
            stem, dot, ext = path.rpartition(".")
            k = 2
            while "%s/%s (%d).%s" % (folder, stem, k, ext) in self._names:
                k += 1
            path = "%s (%d).%s" % (stem, k, ext)
            full = folder + "/" + path
        self._names.add(full)
        return path

    def file(self, owner, path, doc, fmt):
        path = self._claim(owner.folder, path)
        data = doc.render(fmt)
        self.files[owner.folder + "/" + path] = data
        self._record_doc(owner, path, None, None, "file", doc, fmt, data, doc.date)
        return path

    def zipfile(self, owner, path, entries, date, title=None):
        path = self._claim(owner.folder, path)
        data = zip_bytes(entries)
        self.files[owner.folder + "/" + path] = data
        self._rec(owner, path, None, None, "container", title or path.rsplit("/", 1)[-1],
                  date, fmt="zip", data=data)
        self._record_zip_members(owner, path, "", None, entries, "file", None)
        return path

    def _record_zip_members(self, owner, path, prefix, msgid, entries, kind, parent_date,
                            over=None):
        for e in entries:
            member = prefix + e[0]
            if isinstance(e[1], list):
                data = zip_bytes(e[1])
                self._rec(owner, path, member, msgid, "container", e[0].rsplit("/", 1)[-1],
                          parent_date or e[2], fmt="zip", data=data)
                self._record_zip_members(owner, path, member + "/", msgid, e[1], kind,
                                         parent_date, over)
            else:
                name, doc, fmt = e
                self._record_doc(owner, path, member, msgid, kind, doc, fmt, doc.render(fmt),
                                 parent_date or doc.date, over)

    def send(self, mail):
        """Deliver a message: a copy in the sender's and each custodian recipient's mailbox."""
        self._msg_n += 1
        local = "%s.%04d.%s" % (mail.date.strftime("%Y%m%d%H%M%S"), self._msg_n,
                                "%06x" % self.rng.getrandbits(24))
        mail.msgid = "<%s@%s>" % (local, mail.sender.addr.split("@", 1)[1])
        self.mails.append(mail)
        holders = []
        if mail.sender.folder:
            holders.append((mail.sender, "Sent"))
        for r in mail.to + mail.cc:
            for c in ([r] if r.folder else r.members):
                if c is not mail.sender and all(c is not h for h, _ in holders):
                    holders.append((c, "Inbox"))
        for owner, box in holders:
            if box == "Inbox" and owner.store == "mbox":
                self.mailboxes.setdefault((owner.folder, "Mail/Inbox.mbox"), []).append(mail)
                continue
            sub = "Mail/%s/" % box
            if box == "Inbox" and getattr(mail, "inbox_folder", None):
                sub += mail.inbox_folder + "/"
            name = "%s %s.eml" % (mail.date.strftime("%Y-%m-%d %H%M"), _safe_name(mail.subject))
            path = self._claim(owner.folder, sub + name)
            raw = mail.build("\r\n" if owner.crlf else "\n")
            self.files[owner.folder + "/" + path] = raw
            self._record_mail(owner, path, mail)
        return mail

    def _record_mail(self, owner, path, mail):
        people = [mail.sender] + mail.to + mail.cc
        lawyer = any(p.addr.endswith("@cityattorney.thistlewick.example") for p in people)
        self._rec(owner, path, None, mail.msgid, "email", mail.subject, mail.date,
                  text=mail.full_body(), on_topic=mail.on_topic, privileged=mail.privileged,
                  basis=mail.basis, note=mail.note, thread=mail.thread, fmt="eml",
                  attorney=lawyer)
        for att in mail.attachments:
            over = None if att.privileged is None else (att.privileged, att.basis)
            if att.zip_entries is not None:
                self._rec(owner, path, att.filename, mail.msgid, "container", att.filename,
                          mail.date, fmt="zip", data=att.data())
                self._record_zip_members(owner, path, att.filename + "/", mail.msgid,
                                         att.zip_entries, "attachment", mail.date, over)
            else:
                self._record_doc(owner, path, att.filename, mail.msgid, "attachment", att.doc,
                                 att.fmt, att.data(), mail.date, over)

    def finish_mailboxes(self):
        for (folder, path), mails in sorted(self.mailboxes.items()):
            owner = next(c for c in self.custodians if c.folder == folder)
            mails = sorted(mails, key=lambda m: (m.date.timestamp(), m.msgid))
            chunks = []
            for m in mails:
                raw = m.build("\n")
                line = "From %s %s\n" % (m.sender.addr, mbox_from_date(m.date))
                body = _mboxrd_escape(raw)
                if not body.endswith(b"\n"):
                    body += b"\n"
                chunks.append(line.encode("ascii") + body + b"\n")
            path = self._claim(folder, path)
            data = b"".join(chunks)
            self.files[folder + "/" + path] = data
            self._rec(owner, path, None, None, "container", path.rsplit("/", 1)[-1],
                      mails[-1].date, fmt="mbox", data=data)
            for m in mails:
                self._record_mail(owner, path, m)

    # --- records ------------------------------------------------------------------------------
    def _record_doc(self, owner, path, member, msgid, kind, doc, fmt, data, date, over=None):
        priv, basis = (doc.privileged, doc.basis) if over is None else over
        self._rec(owner, path, member, msgid, kind, doc.title, date, text=doc.text(),
                  on_topic=doc.on_topic, privileged=priv, basis=basis, note=doc.note,
                  fmt=fmt, data=data, doc=doc)

    def _rec(self, owner, path, member, msgid, kind, title, date, text=None, on_topic=False,
             privileged=False, basis=None, note=None, thread=None, fmt=None, data=None,
             doc=None, attorney=False):
        key = owner.folder + "/" + path
        if msgid is not None and path.endswith(".mbox"):
            key += "::" + msgid
        if member is not None:
            key += "::" + member
        in_tf = TIMEFRAME_START <= date <= TIMEFRAME_END
        is_doc = kind != "container"
        pii = []
        decoys = []
        if text is not None:
            for value, k in self.pii.items():
                if value in text:
                    pii.append({"kind": k, "value": value})
            decoys = sorted(v for v in self.decoys if v in text)
            pii.sort(key=lambda x: (x["kind"], x["value"]))
        rec = {
            "key": key,
            "custodian_folder": owner.folder,
            "custodian": owner.name,
            "path": path,
            "member": member,
            "message_id": msgid,
            "kind": kind,
            "format": fmt,
            "title": title,
            "date": iso(date),
            "on_topic": bool(on_topic) and is_doc,
            "in_timeframe": in_tf,
            "responsive": bool(on_topic) and is_doc and in_tf,
            "requests": [1] if (on_topic and is_doc and in_tf) else [],
            "privileged": bool(privileged) and is_doc,
            "privilege_basis": basis if (privileged and is_doc) else None,
            "attorney_involved": attorney,
            "says_ice_or_immigration": says_keywords(text) if text is not None else False,
            "pii": pii,
            "pii_decoys": decoys,
            "sha256": hashlib.sha256(data).hexdigest() if data is not None else None,
            "duplicate_of": None,
            "near_duplicate_of": None,
            "thread": thread if kind == "email" else None,
            "note": note,
            "fictional": True,
        }
        rec["_doc"] = doc
        self.records.append(rec)

    def finish(self):
        self.finish_mailboxes()
        recs = self.records
        # exact duplicates: same Message-ID for emails, same bytes for everything else
        groups = {}
        for r in recs:
            if r["kind"] == "email":
                ident = "msg:" + r["message_id"]
            elif r["format"] == "mbox":
                continue
            else:
                ident = "sha:" + r["sha256"]
            groups.setdefault(ident, []).append(r["key"])
        first = {ident: min(keys) for ident, keys in groups.items()}
        for r in recs:
            if r["kind"] == "email":
                ident = "msg:" + r["message_id"]
            elif r["format"] == "mbox":
                continue
            else:
                ident = "sha:" + r["sha256"]
            if first[ident] != r["key"]:
                r["duplicate_of"] = first[ident]
        # near duplicates: the smallest key of any copy of the original document
        doc_keys = {}
        for r in recs:
            if r["_doc"] is not None:
                doc_keys.setdefault(r["_doc"].id, []).append(r["key"])
        for r in recs:
            d = r["_doc"]
            if d is not None and d.near_of is not None:
                r["near_duplicate_of"] = min(doc_keys[d.near_of.id])
        for r in recs:
            del r["_doc"]
        recs.sort(key=lambda r: r["key"])
        return recs


def counts(records):
    docs = [r for r in records if r["kind"] != "container"]
    c = {
        "records": len(records),
        "documents": len(docs),
        "emails": sum(r["kind"] == "email" for r in records),
        "attachments": sum(r["kind"] == "attachment" for r in records),
        "files": sum(r["kind"] == "file" for r in records),
        "containers": sum(r["kind"] == "container" for r in records),
        "distinct_messages": len({r["message_id"] for r in records if r["kind"] == "email"}),
        "on_topic": sum(r["on_topic"] for r in docs),
        "responsive": sum(r["responsive"] for r in docs),
        "responsive_unique": sum(r["responsive"] and not r["duplicate_of"] for r in docs),
        "responsive_without_keywords": sum(
            r["responsive"] and not r["says_ice_or_immigration"] for r in docs),
        "on_topic_outside_timeframe": sum(r["on_topic"] and not r["in_timeframe"] for r in docs),
        "not_responsive": sum(not r["responsive"] for r in docs),
        "off_topic_with_keywords": sum(
            (not r["on_topic"]) and r["says_ice_or_immigration"] for r in docs),
        "privileged": sum(r["privileged"] for r in docs),
        "privileged_responsive": sum(r["privileged"] and r["responsive"] for r in docs),
        "privileged_attorney_client": sum(
            bool(r["privilege_basis"]) and "attorney-client" in r["privilege_basis"]
            for r in docs),
        "privileged_work_product": sum(
            bool(r["privilege_basis"]) and "work product" in r["privilege_basis"]
            for r in docs),
        "attorney_involved_not_privileged": sum(
            r["attorney_involved"] and not r["privileged"] for r in docs),
        "with_pii": sum(bool(r["pii"]) for r in docs),
        "pii_values": len({p["value"] for r in docs for p in r["pii"]}),
        "pii_by_kind": {k: len({p["value"] for r in docs for p in r["pii"] if p["kind"] == k})
                        for k in PII_KINDS},
        "with_pii_decoys": sum(bool(r["pii_decoys"]) for r in docs),
        "duplicates": sum(bool(r["duplicate_of"]) for r in records),
        "near_duplicates": sum(bool(r["near_duplicate_of"]) for r in records),
        "threads": len({r["thread"] for r in records if r["thread"]}),
        "thread_messages": len({r["message_id"] for r in records if r["thread"]}),
    }
    return c
