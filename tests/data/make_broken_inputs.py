#!/usr/bin/env python3
"""Writes a folder of hostile and broken inputs for bates' ingest tests and demos.

    tests/data/make_broken_inputs.py DIR             # the hostile files, into DIR
    tests/data/make_broken_inputs.py --fixtures DIR  # the small PDFs checked in under tests/data/pdf

Python standard library only. The encrypted PDF is made with qpdf when it is installed (Debian
package qpdf), else with a hand-written RC4 standard security handler. Every document is
fictional; names and domains are invented (.example).

Each file's expected outcome is in the comment above the code that writes it, and in
tests/data/README.md. "exception X" means the item is an exception item with code X; the run
always goes on.
"""

import hashlib
import io
import os
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import zlib

# --------------------------------------------------------------------------------------------
# PDF


def build_pdf(pages, info=None, embedded=None):
    """A small valid PDF: one Helvetica text line per page, an /Info dictionary, and optional
    embedded files [(name, bytes, description)]."""
    objects = {}  # number -> body bytes

    def esc(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    font = 3
    objects[font] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    next_number = 4
    kids = []
    for text in pages:
        page, content = next_number, next_number + 1
        next_number += 2
        stream = ("BT /F1 12 Tf 72 720 Td (%s) Tj ET" % esc(text)).encode("latin-1") if text else b""
        objects[content] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        objects[page] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content, font)
        )
        kids.append(page)
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    names = b""
    if embedded:
        entries = []
        for name, data, description in embedded:
            file_obj, spec = next_number, next_number + 1
            next_number += 2
            objects[file_obj] = (
                b"<< /Type /EmbeddedFile /Subtype /text#2Fplain /Length %d "
                b"/Params << /Size %d /ModDate (D:20200102030405Z) >> >>\nstream\n%s\nendstream"
                % (len(data), len(data), data)
            )
            objects[spec] = (
                b"<< /Type /Filespec /F (%s) /UF (%s) /Desc (%s) /EF << /F %d 0 R >> >>"
                % (esc(name).encode(), esc(name).encode(), esc(description).encode(), file_obj)
            )
            entries.append(b"(%s) %d 0 R" % (esc(name).encode(), spec))
        names = b" /Names << /EmbeddedFiles << /Names [%s] >> >>" % b" ".join(entries)
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R%s >>" % names
    trailer_info = b""
    if info:
        info_number = next_number
        next_number += 1
        objects[info_number] = b"<< %s >>" % b" ".join(
            b"/%s (%s)" % (k.encode(), esc(v).encode("latin-1")) for k, v in info.items()
        )
        trailer_info = b" /Info %d 0 R" % info_number

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R%s /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        trailer_info,
        b"0123456789abcdef0123456789abcdef",
        b"0123456789abcdef0123456789abcdef",
        xref,
    )
    return bytes(out)


SAMPLE_INFO = {
    "Title": "General Order 7: Evidence Handling (fictional)",
    "Author": "Chief R. Ramos",
    "Subject": "Evidence",
    "Keywords": "evidence; chain of custody",
    "Creator": "bates test generator",
    "Producer": "make_broken_inputs.py",
    "CreationDate": "D:20180124101500-05'00'",
    "ModDate": "D:20190305120000",
}


def sample_pdf():
    return build_pdf(
        ["Evidence must be logged on receipt.", "Page two: storage and release."],
        SAMPLE_INFO,
        [("notes.txt", b"Fictional meeting notes, Springfield PD (example).\n", "meeting notes")],
    )


PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypt_pdf_by_hand(user_password, owner_password):
    """A one-page PDF under the standard security handler, revision 2 (RC4, 40 bits)."""
    import re

    file_id = bytes.fromhex("0123456789abcdef0123456789abcdef")
    padded_user = (user_password.encode() + PAD)[:32]
    padded_owner = (owner_password.encode() + PAD)[:32]
    o_value = rc4(hashlib.md5(padded_owner).digest()[:5], padded_user)
    permissions = struct.pack("<i", -4)
    key = hashlib.md5(padded_user + o_value + permissions + file_id).digest()[:5]
    u_value = rc4(key, PAD)

    def object_key(number):
        return hashlib.md5(key + struct.pack("<I", number)[:3] + b"\x00\x00").digest()[:10]

    text = b"BT /F1 12 Tf 72 720 Td (Confidential: fictional test) Tj ET"
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        4: None,
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        6: b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>"
        % (o_value.hex().encode(), u_value.hex().encode()),
    }
    encrypted = rc4(object_key(4), text)
    objects[4] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(encrypted), encrypted)
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref = len(out)
    out += b"xref\n0 7\n0000000000 65535 f \n"
    for number in range(1, 7):
        out += b"%010d 00000 n \n" % offsets[number]
    out += b"trailer\n<< /Size 7 /Root 1 0 R /Encrypt 6 0 R /ID [<%s> <%s>] >>\n" % (
        file_id.hex().encode(),
        file_id.hex().encode(),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    assert re.search(rb"/Encrypt", out)
    return bytes(out)


def encrypted_pdf(user_password="secret", owner_password="owner"):
    qpdf = shutil.which("qpdf")
    if qpdf:
        with tempfile.TemporaryDirectory() as tmp:
            plain = os.path.join(tmp, "plain.pdf")
            locked = os.path.join(tmp, "locked.pdf")
            with open(plain, "wb") as f:
                f.write(build_pdf(["Confidential: fictional test"], {"Title": "Locked (fictional)"}))
            # AES-128 with --static-id and --static-aes-iv gives the same bytes on every run
            # (AES-256 salts its keys at random); weaker encryption does not matter in test data.
            result = subprocess.run(
                [qpdf, "--static-id", "--static-aes-iv", "--encrypt", user_password, owner_password,
                 "128", "--use-aes=y", "--", plain, locked],
                capture_output=True,
            )
            if result.returncode == 0:
                with open(locked, "rb") as f:
                    return f.read()
    return encrypt_pdf_by_hand(user_password, owner_password)

# --------------------------------------------------------------------------------------------
# ZIP, written by hand so that every byte (and every flaw) is ours.

DOS_DATE = ((2019 - 1980) << 9) | (3 << 5) | 4  # 2019-03-04
DOS_TIME = (5 << 11) | (6 << 5) | (8 // 2)  # 05:06:08


def local_header(name, crc, compressed, size, method, flags=0):
    return (
        struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, flags, method, DOS_TIME, DOS_DATE, crc,
                    compressed, size, len(name), 0)
        + name
    )


def central_header(name, crc, compressed, size, method, offset, flags=0):
    return (
        struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, flags, method, DOS_TIME,
                    DOS_DATE, crc, compressed, size, len(name), 0, 0, 0, 0, 0, offset)
        + name
    )


def end_record(count, directory_size, directory_offset):
    return struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, directory_size,
                       directory_offset, 0)


def deflate_raw(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def build_zip(members):
    """members: [(name, data, method)] with method 0 (stored) or 8 (deflated)."""
    out = bytearray()
    directory = bytearray()
    for name, data, method in members:
        name = name.encode()
        payload = deflate_raw(data) if method == 8 else data
        crc = zlib.crc32(data)
        offset = len(out)
        out += local_header(name, crc, len(payload), len(data), method) + payload
        directory += central_header(name, crc, len(payload), len(data), method, offset)
    directory_offset = len(out)
    out += directory + end_record(len(members), len(directory), directory_offset)
    return bytes(out)


class ZipCrypto:
    """Traditional PKWARE encryption (APPNOTE 6.1)."""

    def __init__(self, password):
        self.keys = [0x12345678, 0x23456789, 0x34567890]
        for byte in password:
            self._update(byte)

    @staticmethod
    def _crc(crc, byte):
        return zlib.crc32(bytes([byte]), crc ^ 0xFFFFFFFF) ^ 0xFFFFFFFF

    def _update(self, byte):
        self.keys[0] = self._crc(self.keys[0], byte)
        self.keys[1] = (self.keys[1] + (self.keys[0] & 0xFF)) & 0xFFFFFFFF
        self.keys[1] = (self.keys[1] * 134775813 + 1) & 0xFFFFFFFF
        self.keys[2] = self._crc(self.keys[2], self.keys[1] >> 24)

    def encrypt(self, data):
        out = bytearray()
        for byte in data:
            temp = (self.keys[2] | 2) & 0xFFFF
            out.append(byte ^ (((temp * (temp ^ 1)) >> 8) & 0xFF))
            self._update(byte)
        return bytes(out)


def encrypted_member_zip():
    plain_name, plain = b"readme.txt", b"This member is not encrypted (fictional).\n"
    secret_name, secret = b"secret.txt", b"Fictional secret: the budget is 42.\n"
    crc = zlib.crc32(secret)
    # The 12-byte header ends with the CRC's high byte, which is how readers check a password.
    header = bytes((i * 37 + 11) & 0xFF for i in range(11)) + bytes([crc >> 24])
    payload = ZipCrypto(b"secret").encrypt(header + secret)
    out = bytearray()
    directory = bytearray()
    offset = 0
    out += local_header(plain_name, zlib.crc32(plain), len(plain), len(plain), 0) + plain
    directory += central_header(plain_name, zlib.crc32(plain), len(plain), len(plain), 0, offset)
    offset = len(out)
    out += local_header(secret_name, crc, len(payload), len(secret), 0, flags=1) + payload
    directory += central_header(secret_name, crc, len(payload), len(secret), 0, offset, flags=1)
    directory_offset = len(out)
    out += directory + end_record(2, len(directory), directory_offset)
    return bytes(out)


def bomb_zip(gibibytes=1):
    """One member of `gibibytes` GiB of zeros, deflated to about 1 MiB per GiB."""
    size = gibibytes << 30
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(1 << 20)
    crc = 0
    parts = []
    for _ in range(size >> 20):
        parts.append(compressor.compress(chunk))
        crc = zlib.crc32(chunk, crc)
    parts.append(compressor.flush())
    payload = b"".join(parts)
    name = b"zeros.bin"
    out = local_header(name, crc, len(payload), size, 8) + payload
    directory = central_header(name, crc, len(payload), size, 8, 0)
    return out + directory + end_record(1, len(directory), len(out))


def _zlib_crc32_combine():
    """zlib's own crc32_combine through ctypes (Python's zlib module does not expose it)."""
    try:
        import ctypes
        import ctypes.util
        lib = ctypes.CDLL(ctypes.util.find_library("z") or "libz.so.1")
        combine = lib.crc32_combine64
        combine.restype = ctypes.c_ulong
        combine.argtypes = [ctypes.c_ulong, ctypes.c_ulong, ctypes.c_int64]
        return combine
    except (OSError, AttributeError):
        return None


_CRC32_COMBINE = _zlib_crc32_combine()


def crc32_combine(crc1, crc2, len2):
    """The CRC-32 of two blocks joined, from theirs (zlib's crc32_combine): appending len2 zero
    bytes is a linear map over GF(2), applied by squaring. zlib's C version when it can be loaded;
    this one (slow) otherwise."""
    if _CRC32_COMBINE is not None:
        return _CRC32_COMBINE(crc1, crc2, len2) & 0xFFFFFFFF

    def times(matrix, vector):
        total, i = 0, 0
        while vector:
            if vector & 1:
                total ^= matrix[i]
            vector >>= 1
            i += 1
        return total

    def square(matrix):
        return [times(matrix, matrix[n]) for n in range(32)]

    if len2 == 0:
        return crc1
    odd = [0xEDB88320] + [1 << (n - 1) for n in range(1, 32)]
    even = square(odd)
    odd = square(even)
    while True:
        even = square(odd)
        if len2 & 1:
            crc1 = times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = square(even)
        if len2 & 1:
            crc1 = times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def nested_zip(depth):
    """`depth` ZIPs, each storing the next ("nest-<n>.zip"), the innermost storing bottom.txt.
    Level k is local header + level k-1 + central directory and end record, so the file is
    L_depth ... L_1 text D_1 ... D_depth, built in linear time with CRCs joined by
    crc32_combine (the same construction as ArchiveReaderTest's NestedZip)."""
    text = b"The bottom of a fictional nest of archives.\n"
    size, crc = len(text), zlib.crc32(text)
    heads, tails = [], []
    for level in range(1, depth + 1):
        name = b"bottom.txt" if level == 1 else b"nest-%d.zip" % (level - 1)
        head = local_header(name, crc, size, size, 0, 0)
        head = head[:10] + b"\x00\x00\x00\x00" + head[14:]  # no date: the wall time is the same
        directory = central_header(name, crc, size, size, 0, 0)
        directory = directory[:12] + b"\x00\x00\x00\x00" + directory[16:]
        tail = directory + end_record(1, len(directory), len(head) + size)
        crc = crc32_combine(crc32_combine(zlib.crc32(head), crc, size), zlib.crc32(tail), len(tail))
        size += len(head) + len(tail)
        heads.append(head)
        tails.append(tail)
    return b"".join(reversed(heads)) + text + b"".join(tails)

# --------------------------------------------------------------------------------------------


def write(folder, name, data):
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def make_broken_inputs(folder):
    os.makedirs(folder, exist_ok=True)

    # truncated.mbox — three messages, the third cut in the middle of its body.
    # Expected: messages 1 and 2 are emails, processed; message 3 is kept as far as it goes
    # (processed with the text that is there) or is an exception "corrupt"; never dropped.
    message = (
        "From sender@city.example Mon Jan 22 09:00:00 2018\n"
        "From: Records Clerk <clerk@city.example>\n"
        "To: Chief Ramos <chief@city.example>\n"
        "Subject: Fictional message {n}\n"
        "Date: Mon, 22 Jan 2018 09:0{n}:00 -0600\n"
        "Message-ID: <msg{n}@city.example>\n\n"
        "Body of fictional message {n}. It has several lines.\n"
        "Line two of message {n}.\n\n"
    )
    mbox = "".join(message.format(n=n) for n in (1, 2, 3))
    cut = mbox.rindex("It has several lines.") + 6
    write(folder, "truncated.mbox", mbox[:cut].encode())

    # corrupt.zip — two good members with valid local headers, then garbage where the central
    # directory and end record belong. Expected: the archive is an exception "corrupt"
    # ("damaged archive: no valid entry header after 2 entries"); members one.txt and two.txt
    # are still items, processed.
    good = build_zip([("one.txt", b"First member (fictional).\n", 8),
                      ("two.txt", b"Second member (fictional).\n", 0)])
    directory = good.index(b"PK\x01\x02")
    garbage = bytes((i * 131 + 7) & 0xFF for i in range(len(good) - directory))
    write(folder, "corrupt.zip", good[:directory] + garbage)

    # corrupt_directory.zip — the same, but only the central directory is garbage and the end
    # record is intact (libarchive alone would see an empty archive). Expected: exception
    # "corrupt" ("ZIP central directory is damaged; members were read from their local
    # headers"); one.txt and two.txt are items, processed.
    end = good.rindex(b"PK\x05\x06")
    write(folder, "corrupt_directory.zip", good[:directory] + b"Z" * (end - directory) + good[end:])

    # encrypted_member.zip — readme.txt in clear, secret.txt under traditional PKWARE encryption
    # (password "secret"). Expected: the archive is processed; readme.txt processed; secret.txt
    # an exception "encrypted" ("archive member is encrypted").
    write(folder, "encrypted_member.zip", encrypted_member_zip())

    # encrypted.pdf — needs a user password ("secret"). Expected: exception "encrypted",
    # "PDF is password-protected" (tool poppler), no text.
    write(folder, "encrypted.pdf", encrypted_pdf())

    # garbage_after_header.pdf — a PDF header, then 64 KiB of noise. Expected: exception
    # "corrupt" (tool poppler: "poppler cannot open the PDF: ..."); the helper survives.
    noise = bytes((i * 2654435761 >> 13) & 0xFF for i in range(65536))
    write(folder, "garbage_after_header.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + noise)

    # junk.eml — binary noise with an email's extension. Expected: detection by content says
    # application/octet-stream, not message/rfc822, so it is not read as an email; exception
    # "unsupported_format" (no reader for the type), never a crash.
    write(folder, "junk.eml", bytes((i * 7919 + (i >> 3)) & 0xFF for i in range(8192)))

    # bomb.zip — one member of 1 GiB of zeros, deflated to about 1 MiB. Expected: zeros.bin is an
    # exception "resource_exhausted" ("... expands more than 200:1 — decompression bomb"), and so
    # is the archive (reading stops there); it takes milliseconds, in bounded memory and disk.
    bomb = bomb_zip(1)
    write(folder, "bomb.zip", bomb)

    # nested_bomb.zip — a ZIP of four ZIPs, each holding the 1 GiB bomb, deflated again (the
    # deflated zeros compress about 130:1 once more). Expected: bomb-1.zip (1 MiB, under the
    # 1 MiB ratio floor) is read and is itself an exception "resource_exhausted" like bomb.zip;
    # reading bomb-2.zip takes the outer archive past 200:1, so bomb-2.zip and the outer archive
    # are exceptions "resource_exhausted" ("archive expands more than 200:1 — decompression
    # bomb"); bomb-3 and bomb-4 are never expanded.
    write(folder, "nested_bomb.zip",
          build_zip([("bomb-%d.zip" % n, bomb, 8) for n in range(1, 5)]))

    # traversal.zip — members named "../../evil.txt", "/tmp/bates-evil.txt" and "ok.txt".
    # Expected: three items, processed, whose names are those strings as labels; no file is
    # created outside the case's temporary folder (none named evil.txt anywhere).
    write(folder, "traversal.zip", build_zip([("../../evil.txt", b"path traversal (fictional)\n", 0),
                                              ("/tmp/bates-evil.txt", b"absolute path\n", 0),
                                              ("ok.txt", b"an ordinary member\n", 0)]))

    # symlink.tar — report.txt, a symbolic link to /etc/passwd and a hard link to report.txt.
    # Expected: report.txt processed; the symbolic link an exception "unsupported_format"
    # ("symbolic link in archive, not followed (to /etc/passwd)"); the hard link an exception
    # "unsupported_format" ("hard link in archive, not followed ..."). /etc/passwd is never read.
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        data = b"Fictional report.\n"
        info = tarfile.TarInfo("report.txt")
        info.size, info.mtime = len(data), 1600000000
        tar.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("passwd")
        link.type, link.linkname, link.mtime = tarfile.SYMTYPE, "/etc/passwd", 1600000000
        tar.addfile(link)
        hard = tarfile.TarInfo("report-again.txt")
        hard.type, hard.linkname, hard.mtime = tarfile.LNKTYPE, "report.txt", 1600000000
        tar.addfile(hard)
    write(folder, "symlink.tar", buffer.getvalue())

    # nested_10000.zip — a ZIP storing a ZIP storing a ZIP ... 10,000 deep (about 1.2 MiB), the
    # innermost holding bottom.txt. Expected: the archives at depths 0 to 16 are processed
    # containers, nest-9983.zip at depth 17 an exception "resource_exhausted" ("nested deeper than
    # the limit of 16 levels", tool limits), nothing below it opened; in well under a second, with
    # memory bounded by the depth limit (each open level holds its 1.2 MiB member), not the depth.
    write(folder, "nested_10000.zip", nested_zip(10000))

    # empty.bin — zero bytes. Expected: detected as empty (application/x-empty); an item,
    # processed, with no text (flag no_text) and the hashes of the empty string.
    write(folder, "empty.bin", b"")


def make_fixtures(folder):
    """The small PDFs checked in under tests/data/pdf (see tests/data/README.md)."""
    os.makedirs(folder, exist_ok=True)
    write(folder, "sample.pdf", sample_pdf())
    write(folder, "encrypted.pdf", encrypted_pdf())
    write(folder, "no_text.pdf", build_pdf([""], {"Title": "A page with no text (fictional)"}))


def main(argv):
    if len(argv) == 3 and argv[1] == "--fixtures":
        make_fixtures(argv[2])
    elif len(argv) == 2 and not argv[1].startswith("-"):
        make_broken_inputs(argv[1])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
