"""A small, correct PDF writer: text pages in the standard Helvetica fonts, WinAnsi encoding.

Output is PDF 1.4 with one content stream per page (optionally FlateDecode with the generator's
own deterministic deflate), an Info dictionary with fixed dates, a cross-reference table with
exact byte offsets and a trailer /ID derived from the content. pdftotext extracts the text.
"""

import hashlib
import textwrap

from common import MARKER, pdf_date
from zipw import zlib_stream

PAGE_W, PAGE_H = 612, 792  # US Letter
MARGIN = 72
BODY_SIZE, BODY_LEAD, BODY_WRAP = 10.5, 14, 88
HEAD_SIZE, HEAD_LEAD, HEAD_WRAP = 13, 17, 62
SMALL_SIZE = 8


def _pdf_string(text):
    raw = text.encode("cp1252", errors="replace")
    out = bytearray(b"(")
    for b in raw:
        if b in (0x28, 0x29, 0x5C):
            out += b"\\" + bytes([b])
        elif b < 32 or b > 126:
            out += b"\\%03o" % b
        else:
            out.append(b)
    out += b")"
    return bytes(out)


def _info_string(text):
    if all(32 <= ord(c) < 127 for c in text):
        return _pdf_string(text)
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def wrap(text, width, keep=()):
    """Wrap at spaces; never inside a word, nor inside any string in keep (e.g. 'A# 012345678')."""
    protected = text
    for k in keep:
        if " " in k and k in protected:
            protected = protected.replace(k, k.replace(" ", "\x00"))
    lines = textwrap.wrap(protected, width, break_long_words=False, break_on_hyphens=False)
    return [ln.replace("\x00", " ") for ln in lines] or [""]


def layout(blocks, keep=()):
    """blocks: [(style, text)] with style 'title', 'h', 'p', 'pre'. Returns pages of lines."""
    lines = []  # (font, size, lead, text)
    for style, text in blocks:
        if style == "title":
            for ln in wrap(text, HEAD_WRAP, keep):
                lines.append(("F2", HEAD_SIZE + 2, HEAD_LEAD + 2, ln))
            lines.append(("F1", BODY_SIZE, BODY_LEAD, ""))
        elif style == "h":
            lines.append(("F1", BODY_SIZE, 6, ""))
            for ln in wrap(text, HEAD_WRAP, keep):
                lines.append(("F2", HEAD_SIZE, HEAD_LEAD, ln))
        elif style == "pre":
            for ln in text.split("\n"):
                lines.append(("F1", BODY_SIZE, BODY_LEAD, ln))
            lines.append(("F1", BODY_SIZE, 8, ""))
        else:
            for ln in wrap(text, BODY_WRAP, keep):
                lines.append(("F1", BODY_SIZE, BODY_LEAD, ln))
            lines.append(("F1", BODY_SIZE, 8, ""))
    pages = [[]]
    y = PAGE_H - MARGIN - 24
    for item in lines:
        if y - item[2] < MARGIN + 24:
            pages.append([])
            y = PAGE_H - MARGIN - 24
        y -= item[2]
        pages[-1].append((item[0], item[1], y, item[3]))
    return pages


def _content(page_lines, page_no, page_count, footer):
    out = bytearray()

    def text(font, size, x, y, s):
        out.extend(b"BT /%s %s Tf %d %s Td " % (font.encode(), _num(size), x, _num(y)))
        out.extend(_pdf_string(s))
        out.extend(b" Tj ET\n")

    text("F1", SMALL_SIZE, MARGIN, PAGE_H - MARGIN + 10, MARKER)
    for font, size, y, s in page_lines:
        if s:
            text(font, size, MARGIN, y, s)
    text("F1", SMALL_SIZE, MARGIN, MARGIN - 20,
         "%s    Page %d of %d" % (footer, page_no, page_count))
    return bytes(out)


def _num(v):
    if v == int(v):
        return b"%d" % int(v)
    return (b"%.2f" % v).rstrip(b"0").rstrip(b".")


def make_pdf(title, author, date, blocks, compress=False, footer="", keep=()):
    """PDF bytes. blocks as for layout(); date is an aware datetime used for both PDF dates."""
    pages = layout(blocks, keep)
    n = len(pages)
    # object numbers: 1 catalog, 2 pages, 3 F1, 4 F2, 5 info, then (page, content) pairs
    objs = {}
    kids = []
    for i, page_lines in enumerate(pages):
        page_obj = 6 + 2 * i
        content_obj = page_obj + 1
        kids.append(page_obj)
        stream = _content(page_lines, i + 1, n, footer or title[:60])
        if compress:
            data = zlib_stream(stream)
            head = b"<< /Length %d /Filter /FlateDecode >>" % len(data)
        else:
            data = stream
            head = b"<< /Length %d >>" % len(data)
        objs[content_obj] = head + b"\nstream\n" + data + b"\nendstream"
        objs[page_obj] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>"
            % (PAGE_W, PAGE_H, content_obj))
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), n)
    objs[3] = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               b"/Encoding /WinAnsiEncoding >>")
    objs[4] = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
               b"/Encoding /WinAnsiEncoding >>")
    d = pdf_date(date).encode("ascii")
    objs[5] = (b"<< /Title " + _info_string(title) + b" /Author " + _info_string(author)
               + b" /Creator (bates tools/example/make_example.py) /Producer (bates example PDF"
               b" writer) /CreationDate (" + d + b") /ModDate (" + d + b") >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    count = max(objs) + 1
    offsets = [0] * count
    for num in range(1, count):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % count
    out += b"0000000000 65535 f \n"
    for num in range(1, count):
        out += b"%010d 00000 n \n" % offsets[num]
    doc_id = hashlib.md5(bytes(out)).hexdigest().upper().encode("ascii")
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n"
            b"%%%%EOF\n" % (count, doc_id, doc_id, xref))
    return bytes(out)
