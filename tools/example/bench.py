"""Mode 2: benchmark collections, N generated emails as maildirs.

DIR/<custodian>/{cur,new,tmp}/, each message in cur/ as '<n>.bates:2,S', so notmuch, mu and bates
read exactly the same files. Bodies are words drawn from a fixed Zipf-Mandelbrot vocabulary
(the vocabulary does not depend on the seed, so planted terms and phrases are the same in every
collection), with a few dozen rare planted terms and phrases for selective queries. MIME text is
built directly (no email package in the loop) and each file is written with one write.
"""

import array
import base64
import bisect
import json
import operator
import os
import random
import sys
import time

from common import GENERATOR_VERSION, MARKER, ZONES, substream
import pdf as pdfw

START_TS = 1420070400 + 8 * 3600  # 2015-01-01 00:00 Pacific
END_TS = 1546300800 + 8 * 3600    # 2019-01-01 00:00 Pacific
DOMAINS = ("pd.thistlewick.example", "thistlewick.example", "cityattorney.thistlewick.example",
           "fire.thistlewick.example", "meridalehealth.example")

COMMON = """the of and to a in for is on that by this with be it as are at from or will
have an not all was we our please you your can has been if any their they these which
would there but should may more also other one time new than about must after when who
its were no so into out up per all each only what some two such those before through
under over same between first while date back next any both most three during where how
week day month year today tomorrow office team staff unit shift call report case""".split()

DOMAIN_WORDS = """officer officers sergeant lieutenant captain chief deputy patrol division
department city county records request requests review policy order orders directive
training bulletin memo memorandum schedule overtime budget vehicle fleet maintenance
incident arrest booking custody jail facility corrections detention release warrant
court judge attorney counsel legal response agency federal state local program grant
application report reports form forms log data system database dispatch radio cad rms
evidence property room storage inventory audit compliance complaint investigation
internal affairs supervisor supervisors personnel hiring promotion recruitment academy
firearms qualification range certification course instructor lesson plan attendance
community event outreach meeting agenda minutes council committee public information
press media release statement website social account accounts payable invoice vendor
contract contractor purchase order quote repair service tires brakes oil engine unit
units cruiser motorcycle parking lot building facilities janitorial keys badge badges
uniform equipment radios body cameras camera footage video retention destruction
subpoena discovery production privilege confidential draft final version revised
update updated approve approved approval signature sign signed attached attachment
thanks thank regards question questions follow followup reminder deadline due
monday tuesday wednesday thursday friday saturday sunday morning afternoon evening
night hours minutes squad sector beat traffic collision citation stop stops calls
service priority response times staffing coverage leave vacation sick swap bid""".split()

PLANTED_TERMS = """zephyrlock quandrel miravost obelune tarsivane kelpwright
brindlemoor vaskerin ophiram zolvance fennimore quistral lumbrecht astravel
corvinex pellamyre drosk ixthyra wendelcrest yarrowmede halcyrix moltaver
grisbane tovarik ulmenshaw petravine saffrenix blaudorn kestrival norvelle
jaspertine callowmere orrindale fenwraith skellig vandermoor trimbleck zandrith
quorvel emberlyn""".split()

PLANTED_PHRASES = [
    "federal civil detainer request", "chain of custody form", "roll call briefing notes",
    "mutual aid agreement", "use of force review board", "outside agency request log",
    "body worn camera footage", "notice of claim", "records destruction certificate",
    "judicial warrant signed by a judge", "do not confirm release times",
    "refer the request to the watch commander",
]

FIRST = """Ada Bram Cai Dora Emil Faye Gus Hana Ivo Jun Kit Lena Milo Nia Oren Pia Quin Rosa
Saul Tova Uma Vik Wren Xan Yara Zeb Abe Bea Cole Dina Eli Fern Gil Hale Iris Joss Kara Lou
Mae Ned Ona Pete Rhea Sid Tess Ulf Vera Wade Yuri Zoe""".split()
LAST = """Abernathy Brightwater Calloway Dunmore Eastlake Fairweather Greystone Hollowell
Ironwood Jasperson Kettleby Lindqvist Marchbanks Northcott Oakenshaw Pemberton Quarrington
Rookwood Silverthorne Thistledown Underhill Vantongeren Whitlock Yarborough Zellweger
Ashcombe Blackwood Crestfield Dovecote Elmhurst""".split()

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def build_vocab(size=6000):
    """Words and Zipf-Mandelbrot cumulative weights; independent of the seed."""
    rng = random.Random(20180124)
    words = []
    seen = set()
    for w in COMMON + DOMAIN_WORDS:
        if w not in seen:
            seen.add(w)
            words.append(w)
    names = {w.lower() for w in FIRST + LAST}
    assert not names & set(PLANTED_TERMS), "a planted term is also a name"
    reserved = set(PLANTED_TERMS) | names
    for ph in PLANTED_PHRASES:
        reserved.update(ph.split())
    onsets = ("b bl br c ch cl cr d dr f fl fr g gr h j k l m n p pl pr r s sh st t th tr "
              "v w").split()
    vowels = "a e i o u a e i o ea ou ai".split()
    codas = ["", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ck", "ng"]
    while len(words) < size:
        r = rng.random()
        syll = 1 if r < 0.3 else (2 if r < 0.85 else 3)
        w = "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
                    for _ in range(syll))
        if len(w) < 3 or w in seen or w in reserved:
            continue
        seen.add(w)
        words.append(w)
    cum = []
    acc = 0.0
    for rank in range(len(words)):
        acc += 1.0 / (rank + 2.7) ** 1.05
        cum.append(acc)
    return words, cum


class ZipfSampler:
    """Draws words in bulk: a 65,536-slot table (each word at least one slot, the rest by
    largest remainder), indexed by 16-bit numbers cut from one getrandbits() call and looked
    up by operator.itemgetter, so the per-word work runs in C. The rarest words are drawn a
    little more often than their exact Zipf weight (one slot in 65,536)."""

    BITS = 16

    def __init__(self, words, cum):
        size = 1 << self.BITS
        n = len(words)
        total = cum[-1]
        weights = [cum[0]] + [cum[i] - cum[i - 1] for i in range(1, n)]
        spare = size - n
        exact = [w / total * spare for w in weights]
        slots = [1 + int(e) for e in exact]
        left = size - sum(slots)
        order = sorted(range(n), key=lambda i: (-(exact[i] - int(exact[i])), i))
        for i in order[:left]:
            slots[i] += 1
        table = []
        for w, k in zip(words, slots):
            table.extend([w] * k)
        assert len(table) == size
        self.table = table
        self.swap = sys.byteorder == "big"

    def draw(self, rng, k):
        raw = rng.getrandbits(16 * k).to_bytes(2 * k, "little")
        idx = array.array("H", raw)
        if self.swap:
            idx.byteswap()
        if k == 1:
            return [self.table[idx[0]]]
        return list(operator.itemgetter(*idx)(self.table))


def _fmt_date(ts, off):
    t = time.gmtime(ts + off)
    o = off // 60
    sign = "+" if o >= 0 else "-"
    o = abs(o)
    return "%s, %02d %s %04d %02d:%02d:%02d %s%02d%02d" % (
        _DAYS[t.tm_wday], t.tm_mday, _MONTHS[t.tm_mon - 1], t.tm_year, t.tm_hour, t.tm_min,
        t.tm_sec, sign, o // 60, o % 60)


class _Person:
    __slots__ = ("name", "addr", "folder", "zone")

    def __init__(self, name, addr, folder, zone):
        self.name, self.addr, self.folder, self.zone = name, addr, folder, zone


def _people(rng, n_cust):
    custodians = []
    used = set()
    while len(custodians) < n_cust:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if (first, last) in used:
            continue
        used.add((first, last))
        dom = DOMAINS[rng.randrange(len(DOMAINS) - 1)]
        addr = "%s.%s@%s" % (first.lower(), last.lower(), dom)
        folder = "%02d-%s-%s" % (len(custodians) + 1, first.lower(), last.lower())
        zone = ZONES[0] if rng.random() < 0.6 else ZONES[rng.randrange(len(ZONES))]
        custodians.append(_Person("%s %s" % (first, last), addr, folder, zone))
    others = []
    while len(others) < 150:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if (first, last) in used:
            continue
        used.add((first, last))
        dom = DOMAINS[rng.randrange(len(DOMAINS))]
        others.append(_Person("%s %s" % (first, last),
                              "%s%s@%s" % (first[0].lower(), last.lower(), dom), None, ZONES[0]))
    return custodians, others


def generate(out_dir, n_items, seed, manifest_path=None, progress=True):
    rng = substream(seed, "bench")
    words, cum = build_vocab()
    n_words = len(words)
    draw = ZipfSampler(words, cum).draw
    n_cust = 20 + rng.randrange(31)
    custodians, others = _people(rng, n_cust)
    everyone = custodians + others
    for c in custodians:
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(out_dir, c.folder, sub), exist_ok=True)

    # planted terms: probabilities log-spaced from 1e-2 down to 2e-5 per message
    nt = len(PLANTED_TERMS)
    term_p = [1e-2 * (2e-5 / 1e-2) ** (i / (nt - 1)) for i in range(nt)]
    term_cum = []
    acc = 0.0
    for p in term_p:
        acc += p
        term_cum.append(acc)
    np_ = len(PLANTED_PHRASES)
    phrase_p = [5e-3 * (1e-4 / 5e-3) ** (i / (np_ - 1)) for i in range(np_)]
    phrase_cum = []
    acc = 0.0
    for p in phrase_p:
        acc += p
        phrase_cum.append(acc)
    term_counts = [0] * nt
    phrase_counts = [0] * np_
    per_custodian = [0] * n_cust

    random_ = rng.random
    randrange = rng.randrange
    span = END_TS - START_TS
    ring = []  # recent messages: (msgid, subject, ts, refs, sender name, quoted lines)
    ring_max = 4000
    width = max(7, len(str(n_items)))
    seedtag = "%x" % seed
    replies = text_atts = pdf_atts = 0
    total_bytes = 0
    t0 = time.monotonic()
    next_report = t0 + 3.0
    enc_fictional = MARKER
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)

    for i in range(1, n_items + 1):
        ci = randrange(n_cust)
        cust = custodians[ci]
        per_custodian[ci] += 1
        # sender and recipients; the custodian is one of them
        if random_() < 0.4:
            sender = cust
            to = [everyone[randrange(len(everyone))]]
        else:
            sender = everyone[randrange(len(everyone))]
            if sender is cust:
                sender = others[randrange(len(others))]
            to = [cust]
        if random_() < 0.35:
            to.append(everyone[randrange(len(everyone))])
        cc = [everyone[randrange(len(everyone))]] if random_() < 0.25 else []

        parent = None
        if ring and random_() < 0.30:
            parent = ring[randrange(len(ring))]
        if parent is not None:
            replies += 1
            ts = parent[2] + 300 + randrange(3 * 86400)
            if ts >= END_TS:
                ts = END_TS - 1 - randrange(3600)
            psub = parent[1]
            subject = psub if psub.startswith("Re: ") else "Re: " + psub
            refs = parent[3] + [parent[0]]
            if len(refs) > 12:
                refs = refs[:1] + refs[-11:]
        else:
            ts = START_TS + randrange(span)
            sw = draw(rng, 3 + randrange(5))
            sw[0] = sw[0].capitalize()
            subject = " ".join(sw)
            refs = []
        off = cust.zone.offset_at(ts)
        msgid = "<%s.%d.%08x@bench.thistlewick.example>" % (seedtag, i, rng.getrandbits(32))

        # body; planted items go after the first 33 words, which replies quote
        target = 500 + randrange(3600)
        k = target // 7 + 1
        body_words = draw(rng, k)
        u = random_()
        if u < term_cum[-1]:
            ti = bisect.bisect_right(term_cum, u)
            term_counts[ti] += 1
            body_words[randrange(40, k)] = PLANTED_TERMS[ti]
        u = random_()
        if u < phrase_cum[-1]:
            pi = bisect.bisect_right(phrase_cum, u)
            phrase_counts[pi] += 1
            body_words[randrange(40, k)] = PLANTED_PHRASES[pi]
        lines = [" ".join(body_words[j:j + 11]) for j in range(0, k, 11)]
        # sentence-ish capitalisation and full stops at paragraph ends
        para = []
        j = 0
        nl = len(lines)
        while j < nl:
            step = 3 + randrange(5)
            chunk = lines[j:j + step]
            chunk[0] = chunk[0][:1].upper() + chunk[0][1:]
            chunk[-1] = chunk[-1] + "."
            para.append("\n".join(chunk))
            j += step
        quoted = lines[:3]
        if parent is not None:
            para.append("On %s, %s wrote:\n> %s" % (
                _fmt_date(parent[2], off), parent[4], "\n> ".join(parent[5])))
        body = "%s\n\n%s\n\n-- \n%s\n%s\n" % (enc_fictional, "\n\n".join(para), sender.name,
                                            enc_fictional)

        hdr = [
            "Return-Path: <%s>" % sender.addr,
            "From: %s <%s>" % (sender.name, sender.addr),
            "To: %s" % ", ".join("%s <%s>" % (p.name, p.addr) for p in to),
        ]
        if cc:
            hdr.append("Cc: %s <%s>" % (cc[0].name, cc[0].addr))
        hdr.append("Subject: %s" % subject)
        hdr.append("Date: %s" % _fmt_date(ts, off))
        hdr.append("Message-ID: %s" % msgid)
        if parent is not None:
            hdr.append("In-Reply-To: %s" % parent[0])
            hdr.append("References: %s" % "\n ".join(refs))
        hdr.append("MIME-Version: 1.0")
        hdr.append("X-Bates-Fictional: yes")
        hdr.append("X-Bates-Generator: make_example.py bench v%s seed %d" % (
            GENERATOR_VERSION, seed))

        r = random_()
        if r < 0.10:
            boundary = "=_bates_%s_%d" % (seedtag, i)
            hdr.append('Content-Type: multipart/mixed; boundary="%s"' % boundary)
            parts = [
                "This is a multi-part message in MIME format.\n",
                "--%s\nContent-Type: text/plain; charset=utf-8\n"
                "Content-Transfer-Encoding: 8bit\n\n%s" % (boundary, body),
            ]
            if r < 0.05:
                text_atts += 1
                aw = draw(rng, 60 + randrange(150))
                alines = [" ".join(aw[j:j + 12]) for j in range(0, len(aw), 12)]
                att = "%s\n\nNotes %d\n\n%s\n" % (enc_fictional, i, "\n".join(alines))
                parts.append(
                    "--%s\nContent-Type: text/plain; charset=utf-8; name=\"notes-%d.txt\"\n"
                    "Content-Disposition: attachment; filename=\"notes-%d.txt\"\n"
                    "Content-Transfer-Encoding: 8bit\n\n%s" % (boundary, i, i, att))
            else:
                pdf_atts += 1
                aw = draw(rng, 80 + randrange(200))
                title = "Memo %d: %s" % (i, " ".join(aw[:4]))
                blocks = [("title", title),
                          ("p", " ".join(aw[4:]))]
                data = pdfw.make_pdf(title, sender.name, cust.zone.aware(ts), blocks)
                b64 = base64.encodebytes(data).decode("ascii")
                parts.append(
                    "--%s\nContent-Type: application/pdf; name=\"memo-%d.pdf\"\n"
                    "Content-Disposition: attachment; filename=\"memo-%d.pdf\"\n"
                    "Content-Transfer-Encoding: base64\n\n%s" % (boundary, i, i, b64))
            parts.append("--%s--\n" % boundary)
            text = "\n".join(hdr) + "\n\n" + "\n".join(parts)
        else:
            hdr.append("Content-Type: text/plain; charset=utf-8")
            hdr.append("Content-Transfer-Encoding: 8bit")
            text = "\n".join(hdr) + "\n\n" + body

        data = text.encode("utf-8")
        total_bytes += len(data)
        path = "%s/%s/cur/%0*d.bates:2,S" % (out_dir, cust.folder, width, i)
        fd = os.open(path, flags, 0o644)
        os.write(fd, data)
        os.close(fd)

        if len(ring) < ring_max:
            ring.append((msgid, subject, ts, refs, sender.name, quoted))
        else:
            ring[randrange(ring_max)] = (msgid, subject, ts, refs, sender.name, quoted)

        if progress and (i & 1023) == 0:
            now = time.monotonic()
            if now >= next_report:
                rate = i / (now - t0)
                sys.stderr.write("bench: %d/%d messages (%.0f/s, %.0f s left)\n" % (
                    i, n_items, rate, (n_items - i) / rate))
                sys.stderr.flush()
                next_report = now + 3.0

    if progress:
        el = time.monotonic() - t0
        sys.stderr.write("bench: %d messages, %d custodians, %.1f MB in %.1f s\n" % (
            n_items, n_cust, total_bytes / 1e6, el))
    if manifest_path:
        manifest = {
            "generator_version": GENERATOR_VERSION,
            "seed": seed,
            "items": n_items,
            "fictional": True,
            "layout": "maildir: <custodian>/{cur,new,tmp}, messages in cur/ as <n>.bates:2,S",
            "custodians": {c.folder: per_custodian[k] for k, c in enumerate(custodians)},
            "replies": replies,
            "attachments": {"text": text_atts, "pdf": pdf_atts},
            "bytes": total_bytes,
            "vocabulary_size": n_words,
            "planted_terms": {t: term_counts[k] for k, t in enumerate(PLANTED_TERMS)},
            "planted_phrases": {p: phrase_counts[k] for k, p in enumerate(PLANTED_PHRASES)},
        }
        with open(manifest_path, "w", encoding="utf-8") as f:
            json.dump(manifest, f, indent=1, sort_keys=True)
            f.write("\n")
