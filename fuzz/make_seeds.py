#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora, fuzz/corpus/READER/, from files made here, from tests/data,
and from a few small Apache Tika test documents in ../shared/corpora (when present).

    fuzz/make_seeds.py             # (re)writes fuzz/corpus/*
    fuzz/make_seeds.py --check     # lists what would be written, and the total size

Seeds are small on purpose (no corpus file over 50 KB, a few MB in all): libFuzzer mutates them,
and the replay runner (fuzz/CMakeLists.txt) runs each one as a ctest case under the normal build.
Python standard library only. Every document written here is fictional (.example domains).
"""

import base64
import io
import os
import shutil
import struct
import sys
import tarfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TESTDATA = os.path.join(ROOT, "tests", "data")
TIKA = os.path.join(os.environ.get("BATES_CORPORA", os.path.join(ROOT, "..", "shared", "corpora")),
                    "tika-test-documents", "files")
MAX_SEED = 50 * 1024
LARGE_SEEDS = {("pst", "testPST_variousBodyTypes.pst"): 300 * 1024}

sys.path.insert(0, TESTDATA)
import make_broken_inputs as broken  # noqa: E402  (tests/data's generator of hostile inputs)

# ---------------------------------------------------------------------------------------------
# Pictures, written byte by byte (no imaging library needed): a few black bars on white, which
# Tesseract looks at as it would at text.


def bars(width, height):
    rows = []
    for y in range(height):
        row = bytearray(b"\xff" * width)
        if (y // 4) % 3 == 1:
            for x in range(2, width - 2):
                if (x // 3) % 4 != 3:
                    row[x] = 0
        rows.append(bytes(row))
    return rows


def png(width=48, height=24, extra_chunks=()):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + row for row in bars(width, height))
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    for kind, data in extra_chunks:
        out += chunk(kind, data)
    return out + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def bmp(width=32, height=16):
    row_size = (width + 3) & ~3
    palette = b"".join(bytes([i, i, i, 0]) for i in range(256))
    pixels = b"".join(row + b"\x00" * (row_size - width) for row in reversed(bars(width, height)))
    offset = 14 + 40 + len(palette)
    header = struct.pack("<2sIHHI", b"BM", offset + len(pixels), 0, 0, offset)
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 8, 0, len(pixels), 2835, 2835, 256, 0)
    return header + info + palette + pixels


def tiff(pages=2, width=32, height=16, tags=()):
    """An uncompressed 8-bit grey TIFF, little-endian, one IFD per page, optional ASCII tags."""
    out = bytearray(b"II*\x00\x00\x00\x00\x00")
    ifd_offsets = []
    for page in range(pages):
        pixels = b"".join(bars(width, height))
        strip = len(out)
        out += pixels
        strings = {}
        for tag, text in tags:
            strings[tag] = len(out)
            out += text.encode() + b"\x00"
        if len(out) % 2:
            out += b"\x00"
        entries = [(256, 3, 1, width), (257, 3, 1, height), (258, 3, 1, 8), (259, 3, 1, 1),
                   (262, 3, 1, 1), (273, 4, 1, strip), (277, 3, 1, 1), (278, 3, 1, height),
                   (279, 4, 1, len(pixels))]
        entries += [(tag, 2, len(text) + 1, strings[tag]) for tag, text in tags]
        entries.sort()
        ifd_offsets.append(len(out))
        out += struct.pack("<H", len(entries))
        for tag, kind, count, value in entries:
            out += struct.pack("<HHI", tag, kind, count)
            out += struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value)
        out += b"\x00\x00\x00\x00"
    struct.pack_into("<I", out, 4, ifd_offsets[0])
    for i in range(len(ifd_offsets) - 1):
        next_field = ifd_offsets[i] + 2 + 12 * struct.unpack_from("<H", out, ifd_offsets[i])[0]
        struct.pack_into("<I", out, next_field, ifd_offsets[i + 1])
    return bytes(out)


def exif_block():
    """A minimal EXIF APP1 payload: Make, DateTimeOriginal and a GPS latitude."""
    def ifd(entries, data_offset):
        blob = bytearray(struct.pack("<H", len(entries)))
        data = bytearray()
        for tag, kind, count, payload in entries:
            blob += struct.pack("<HHI", tag, kind, count)
            if len(payload) <= 4:
                blob += payload.ljust(4, b"\x00")
            else:
                blob += struct.pack("<I", data_offset + len(data))
                data += payload
        blob += b"\x00\x00\x00\x00"
        return blob, data

    make = b"Fictional Optics\x00"
    ifd0_size = 2 + 12 * 3 + 4
    exif_ifd_offset = 8 + ifd0_size + len(make) + 8
    gps_ifd_offset = exif_ifd_offset + 2 + 12 + 4 + 20
    ifd0, ifd0_data = ifd([(0x010F, 2, len(make), make), (0x8769, 4, 1, struct.pack("<I", exif_ifd_offset)),
                           (0x8825, 4, 1, struct.pack("<I", gps_ifd_offset))], 8 + ifd0_size)
    ifd0_data = ifd0_data.ljust(len(make) + 8, b"\x00")
    date = b"2018:01:24 10:15:30\x00"
    exif, exif_data = ifd([(0x9003, 2, len(date), date)], exif_ifd_offset + 2 + 12 + 4)
    lat = struct.pack("<IIIIII", 41, 1, 52, 1, 3000, 100)
    gps, gps_data = ifd([(0x0001, 2, 2, b"N\x00"), (0x0002, 5, 3, lat)], gps_ifd_offset + 2 + 24 + 4)
    tiff_block = b"II*\x00" + struct.pack("<I", 8) + ifd0 + ifd0_data + exif + exif_data + gps + gps_data
    return b"Exif\x00\x00" + tiff_block


def jpeg_with_exif():
    """A Tika JPEG with our EXIF block after its start-of-image marker (when Tika is present)."""
    path = os.path.join(TIKA, "image", "testJPEG.jpg")
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        jpeg = f.read()
    block = exif_block()
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(block) + 2) + block + jpeg[2:]

# ---------------------------------------------------------------------------------------------
# Calendars and contacts: every construct the readers handle.

ICS = {
    "simple.ics": (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bates//fuzz seed//EN\r\nBEGIN:VEVENT\r\n"
        "UID:1@city.example\r\nDTSTAMP:20190101T120000Z\r\nDTSTART:20190301T150000Z\r\n"
        "DTEND:20190301T160000Z\r\nSUMMARY:Budget review (fictional)\r\n"
        "LOCATION:Room 2\\, City Hall\r\nDESCRIPTION:Line one\\nLine two\\; with escapes\r\n"
        "ORGANIZER;CN=Chief Ramos:mailto:chief@city.example\r\n"
        "ATTENDEE;CN=Clerk;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:clerk@city.example\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"),
    "tzid.ics": (
        "BEGIN:VCALENDAR\nVERSION:2.0\nX-WR-CALNAME:Patrol (fictional)\nX-WR-TIMEZONE:America/Chicago\n"
        "BEGIN:VTIMEZONE\nTZID:America/Chicago\nBEGIN:STANDARD\nDTSTART:19701101T020000\n"
        "TZOFFSETFROM:-0500\nTZOFFSETTO:-0600\nEND:STANDARD\nEND:VTIMEZONE\n"
        "BEGIN:VEVENT\nDTSTART;TZID=America/Chicago:20190704T090000\n"
        "DTEND;TZID=America/Chicago:20190704T100000\nSUMMARY:Parade detail\n"
        "DESCRIPTION:A long description that is folded\n  across two lines.\nEND:VEVENT\n"
        "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20190705\nSUMMARY:All-day event\nEND:VEVENT\n"
        "BEGIN:VTODO\nDUE:20190710T170000\nSUMMARY:File the report\nSTATUS:NEEDS-ACTION\nEND:VTODO\n"
        "END:VCALENDAR\n"),
    "windows_zone.ics": (
        "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VTIMEZONE\r\nTZID:Eastern Standard Time\r\n"
        "BEGIN:STANDARD\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n"
        "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nDTSTART;TZID=Eastern Standard Time:20200115T140000\r\n"
        "SUMMARY;LANGUAGE=en-US:Deposition prep\r\nATTENDEE;CN=\"Doe, Jane\":MAILTO:jane@law.example\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"),
    "vcal10.vcs": (
        "BEGIN:VCALENDAR\nVERSION:1.0\nBEGIN:VEVENT\nDTSTART:20121201T210000\n"
        "SUMMARY;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9 meeting=\n soft break\n"
        "DESCRIPTION;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Line=0D=0Atwo\nEND:VEVENT\nEND:VCALENDAR"),
    "bom_journal.ics": (
        "\ufeffBEGIN:VCALENDAR\nBEGIN:VJOURNAL\nDTSTART:20200101\nSUMMARY:Journal entry\n"
        "DESCRIPTION:Notes\nEND:VJOURNAL\nBEGIN:VALARM\nTRIGGER:-PT15M\nEND:VALARM\nEND:VCALENDAR\n"),
    "unbalanced.ics": "BEGIN:VCALENDAR\nBEGIN:VEVENT\nBEGIN:VEVENT\nSUMMARY:x\nEND:VTODO\n:\n;;\n",
}

VCF = {
    "v3.vcf": (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Ramos;Rita;;Chief;\r\nFN:Chief Rita Ramos\r\n"
        "ORG:Springfield Police (fictional);Records\r\nTITLE:Chief of Police\r\n"
        "EMAIL;TYPE=INTERNET,WORK:chief@city.example\r\nTEL;TYPE=WORK,VOICE:+1-555-0100\r\n"
        "TEL;TYPE=CELL:+1-555-0101\r\nADR;TYPE=WORK:;;100 Main St;Springfield;IL;62701;USA\r\n"
        "NOTE:Prefers email\\, not calls.\r\nBDAY:1970-01-02\r\nEND:VCARD\r\n"),
    "v21_qp.vcf": (
        "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen\n"
        "FN;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller=\n (fictional)\nTEL;HOME:555-0199\n"
        "EMAIL;PREF;INTERNET:jm@city.example\nEND:VCARD\n"),
    "v4_multi.vcf": (
        "BEGIN:VCARD\nVERSION:4.0\nFN:Alpha Person\nEMAIL:alpha@a.example\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nFN:Bravo Person\nTEL;VALUE=uri:tel:+1-555-0102\n"
        "item1.EMAIL:bravo@b.example\nitem1.X-ABLabel:Other\nEND:VCARD\n"),
    "photo.vcf": (
        "BEGIN:VCARD\nVERSION:3.0\nFN:With Photo\nPHOTO;ENCODING=b;TYPE=JPEG:"
        + base64.b64encode(b"\xff\xd8\xff\xe0 not really a jpeg").decode() + "\n END:VCARD\nEND:VCARD\n"),
    "unbalanced.vcf": "BEGIN:VCARD\nFN:\nBEGIN:VCARD\nEND:VCARD\nEND:VCARD\nN:;;;;\n",
}

# ---------------------------------------------------------------------------------------------


def tika(*relative):
    path = os.path.join(TIKA, *relative)
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        return f.read()


def testdata(*relative):
    with open(os.path.join(TESTDATA, *relative), "rb") as f:
        return f.read()


def tar_of(mode, members):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 1546300800
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def seeds():
    """Yields (reader, file name, bytes or None)."""
    for name in sorted(os.listdir(os.path.join(TESTDATA, "text"))):
        if name.endswith((".txt",)):
            yield "text", name, testdata("text", name)
    yield "text", "testColonDelimited.txt", tika("text", "testColonDelimited.txt")
    yield "text", "russian.cp866.txt", tika("text", "russian.cp866.txt")

    for name in ("page.html", "xhtml.xhtml"):
        yield "html", name, testdata("text", name)
    for name in ("testHTML.html", "testHTML_charset_utf16le.html", "testHTML_metadata.html",
                 "testHTMLBadScript.html", "testSrcDoc.html", "boilerplate.html"):
        yield "html", name, tika("html", name)

    for name in sorted(os.listdir(os.path.join(TESTDATA, "mail"))):
        if name.endswith(".eml"):
            yield "eml", name, testdata("mail", name)
        elif name.endswith(".mbox"):
            yield "mbox", name, testdata("mail", name)
    for name in ("testRFC822_base64", "testRFC822_i18nheaders", "testRFC822-multipart",
                 "testRFC822_normal_zip", "testRFC822-CC-BCC", "testGroupWiseEml.eml"):
        yield "eml", name, tika("mail", name)
    for name in ("quoted.mbox", "multiline.mbox", "testMBOX_complex.mbox"):
        yield "mbox", name, tika("mail", name)

    good = broken.build_zip([("one.txt", b"First member (fictional).\n", 8),
                             ("two.txt", b"Second member (fictional).\n", 0)])
    yield "archive", "two_members.zip", good
    yield "archive", "encrypted_member.zip", broken.encrypted_member_zip()
    yield "archive", "traversal.zip", broken.build_zip([("../../evil.txt", b"x\n", 0), ("ok.txt", b"y\n", 0)])
    yield "archive", "zip_of_zip.zip", broken.build_zip([("inner.zip", good, 8)])
    members = [("report.txt", b"Fictional report.\n"), ("dir/notes.csv", b"a,b\n1,2\n")]
    yield "archive", "plain.tar", tar_of("w", members)
    yield "archive", "gzip.tar.gz", tar_of("w:gz", members)
    yield "archive", "bzip2.tar.bz2", tar_of("w:bz2", members)
    yield "archive", "xz.tar.xz", tar_of("w:xz", members)
    for name in ("TIKA-216.tgz", "bob.gz", "multiple.gz", "test-bz2.txt.bz2", "test-zip-of-zip.zip",
                 "testEmbedded.zip", "test-nested-tarball.tar", "testARofText.ar", "testLZ4-framed.lz4",
                 "testZSTD.zst", "testZipEncrypted.zip", "testZip_with_DataDescriptor.zip",
                 "test7Z_protected_passTika.7z", "full_encrypted.7z", "gbk.zip", "testZ_oom.Z",
                 "testLZMA_oom", "droste.zip"):
        yield "archive", name, tika("pkg", name)

    for name in ("sample.pdf", "encrypted.pdf", "no_text.pdf"):
        yield "pdf", name, testdata("pdf", name)
    for name in ("testPDF_no_extract_yes_accessibility_owner_empty.pdf", "testPDF_multiFormatEmbFiles.pdf",
                 "testPDF_Version.10.x.pdf", "testPDF_bookmarks.pdf", "testPopupAnnotation.pdf",
                 "testPDF_malformedXFA.pdf"):
        yield "pdf", name, tika("pdf", name)
    yield "pdf", "image_page.pdf", image_pdf()

    yield "image", "bars.png", png()
    yield "image", "bars_text_exif.png", png(extra_chunks=[(b"tEXt", b"Title\x00Fictional scan"),
                                                           (b"eXIf", exif_block()[6:])])
    yield "image", "bars.bmp", bmp()
    yield "image", "two_pages.tif", tiff(2, tags=[(306, "2017:06:30 08:45:00"), (271, "Fictional")])
    yield "image", "exif.jpg", jpeg_with_exif()
    for relative in (("image", "testGIF.gif"), ("image", "testJPEG_MicroVideo.jpg"),
                     ("ocr-encode", "testOCR_encode.jpg"), ("ocr-encode", "testOCR_encode.png"),
                     ("ocr", "testOCR_spacing.png"), ("image", "testJPEG_GEO.jpg")):
        yield "image", relative[-1], tika(*relative)

    # The Outlook, Office and RTF readers: small Tika samples only (no PST is small enough).
    for reader, folder, names in (
            ("rtf", "microsoft", ("testRTF.rtf", "testRTFNewlines.rtf", "testRTFWindowsCodepage1250.rtf",
                                  "testRTFHexEscapeInsideWord.rtf", "testRTFUnicodeGothic.rtf",
                                  "testBinControlWord.rtf", "testRTFTableCellSeparation.rtf")),
            ("msg", "microsoft", ("testMSG_StickyNote.msg", "testMSG.msg", "testMSG_Contact.msg",
                                  "testMSG_Appointment.msg")),
            ("ooxml", "microsoft", ("testWORD_truncated.docx", "testSubdocument.docx", "testAltChunkHTML.docx",
                                    "testEXCEL_poi.xlsx", "testComment.xlsx", "testWORD_features.docx",
                                    "testPPT_comment.pptx")),
            ("odf", "miscoffice", ("testODTNoMeta.odt", "testFooter.ods", "testFooter.odt", "testODTnotaZipFile.odt",
                                   "testODTEmbedded.odt", "testODTMacro.fodt")),
            ("legacy_office", "microsoft", ("test.doc", "testWORD6.doc", "testEXCEL_5.xls",
                                            "testEXCEL_dateFormats.xls", "testPPT.ppt", "testComment.doc",
                                            "testComment.xls"))):
        for name in names:
            yield reader, name, tika(folder, name)

    # A PST: no store smaller than Tika's 265 KiB one exists and none can be written here (libpff
    # only reads), so this one seed is allowed past MAX_SEED (LARGE_SEEDS).
    yield "pst", "testPST_variousBodyTypes.pst", tika("microsoft", "testPST_variousBodyTypes.pst")

    for name, text in ICS.items():
        yield "ics", name, text.encode("utf-8")
    yield "ics", "testICalendar.ics", tika("standard-integration-tests", "testICalendar.ics")
    yield "ics", "testVCalendar.vcs", tika("text", "testVCalendar.vcs")
    for name, text in VCF.items():
        yield "vcf", name, text.encode("utf-8")


def image_pdf():
    """A one-page PDF whose only content is a small grey picture: the OCR path."""
    width, height = 48, 24
    pixels = zlib.compress(b"".join(bars(width, height)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 96 48] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        None,
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (width, height, len(pixels), pixels),
    ]
    content = b"q 96 0 0 48 0 0 cm /Im1 Do Q"
    objects[3] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def main(argv):
    check = "--check" in argv
    total = 0
    written = {}
    for reader, name, data in seeds():
        if data is None:
            continue  # a Tika file, and the corpus is absent
        if len(data) > LARGE_SEEDS.get((reader, name), MAX_SEED):
            sys.stderr.write("make_seeds: %s/%s is %d bytes, over %d; skipped\n"
                             % (reader, name, len(data), MAX_SEED))
            continue
        written.setdefault(reader, []).append((name, data))
        total += len(data)
    for reader, files in sorted(written.items()):
        print("%-8s %3d files %8d bytes" % (reader, len(files), sum(len(d) for _, d in files)))
    print("total %d bytes" % total)
    if check:
        return 0
    for reader, files in written.items():
        folder = os.path.join(HERE, "corpus", reader)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        for name, data in files:
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
