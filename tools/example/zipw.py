"""A deterministic DEFLATE compressor and a ZIP writer.

zlib's output may differ between zlib builds (zlib, zlib-ng, patched distributions), which would
break byte-identical output across machines, so the generator compresses with its own encoder:
greedy LZ77 over a 32 KiB window with the fixed Huffman codes of RFC 1951 section 3.2.6. Any
inflater reads it. Only zlib.crc32/adler32 (checksums, identical everywhere) come from zlib.
"""

import struct
import zlib

# Length codes 257..285: (base, extra bits)
_LEN = []
for _extra, _count in ((0, 8), (1, 4), (2, 4), (3, 4), (4, 4), (5, 4)):
    for _ in range(_count):
        _LEN.append(_extra)
_LEN_BASE = []
_b = 3
for _e in _LEN:
    _LEN_BASE.append(_b)
    _b += 1 << _e
_LEN_BASE.append(258)
_LEN.append(0)

_DIST_BASE = []
_DIST_EXTRA = []
_b = 1
for _code in range(30):
    _e = 0 if _code < 4 else (_code // 2) - 1
    _DIST_BASE.append(_b)
    _DIST_EXTRA.append(_e)
    _b += 1 << _e

# lookup tables: length -> (code index, extra value); distance -> (code, extra value)
_LEN_LOOKUP = [None] * 259
for _i in range(29):
    _base = _LEN_BASE[_i]
    _top = 258 if _i == 28 else min(258, _base + (1 << _LEN[_i]) - 1)
    if _i == 27:
        _top = 257  # 227..257 (258 has its own code)
    for _l in range(_base, _top + 1):
        if _LEN_LOOKUP[_l] is None:
            _LEN_LOOKUP[_l] = (257 + _i, _LEN[_i], _l - _base)


def _dist_code(d):
    lo, hi = 0, 29
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _DIST_BASE[mid] <= d:
            lo = mid
        else:
            hi = mid - 1
    return lo, _DIST_EXTRA[lo], d - _DIST_BASE[lo]


def _rev(code, n):
    r = 0
    for _ in range(n):
        r = (r << 1) | (code & 1)
        code >>= 1
    return r


def _fixed_lit(sym):
    if sym < 144:
        return _rev(0x30 + sym, 8), 8
    if sym < 256:
        return _rev(0x190 + sym - 144, 9), 9
    if sym < 280:
        return _rev(sym - 256, 7), 7
    return _rev(0xC0 + sym - 280, 8), 8


_LIT_CODES = [_fixed_lit(s) for s in range(288)]
_DIST_CODES = [(_rev(c, 5), 5) for c in range(30)]


def deflate_raw(data):
    """Raw DEFLATE stream (one final fixed-Huffman block)."""
    out = bytearray()
    acc = 0
    nbits = 0

    def put(value, n):
        nonlocal acc, nbits
        acc |= value << nbits
        nbits += n
        while nbits >= 8:
            out.append(acc & 0xFF)
            acc >>= 8
            nbits -= 8

    put(1, 1)  # BFINAL
    put(1, 2)  # BTYPE = fixed Huffman
    n = len(data)
    head = {}
    i = 0
    while i < n:
        best_len = 0
        best_dist = 0
        if i + 2 < n:
            key = data[i:i + 3]
            cands = head.get(key)
            if cands:
                for j in reversed(cands[-16:]):
                    dist = i - j
                    if dist > 32768:
                        break
                    length = 3
                    limit = min(258, n - i)
                    while length < limit and data[j + length] == data[i + length]:
                        length += 1
                    if length > best_len:
                        best_len, best_dist = length, dist
                        if length == limit:
                            break
        if best_len >= 3:
            code, ebits, evalue = _LEN_LOOKUP[best_len]
            c, l = _LIT_CODES[code]
            put(c, l)
            if ebits:
                put(evalue, ebits)
            dcode, debits, devalue = _dist_code(best_dist)
            c, l = _DIST_CODES[dcode]
            put(c, l)
            if debits:
                put(devalue, debits)
            end = i + best_len
            while i < end:
                if i + 2 < n:
                    head.setdefault(data[i:i + 3], []).append(i)
                i += 1
        else:
            c, l = _LIT_CODES[data[i]]
            put(c, l)
            if i + 2 < n:
                head.setdefault(data[i:i + 3], []).append(i)
            i += 1
    c, l = _LIT_CODES[256]
    put(c, l)
    if nbits:
        out.append(acc & 0xFF)
    return bytes(out)


def zlib_stream(data):
    """zlib-wrapped DEFLATE (for PDF FlateDecode)."""
    return b"\x78\x01" + deflate_raw(data) + struct.pack(">I", zlib.adler32(data) & 0xFFFFFFFF)


def _dos_time(dt):
    t = (dt.hour << 11) | (dt.minute << 5) | (dt.second // 2)
    d = ((dt.year - 1980) << 9) | (dt.month << 5) | dt.day
    return t, d


def make_zip(entries):
    """ZIP archive bytes from [(name, data, datetime, deflate)], in the given order.

    The datetime's wall-clock time is stored (ZIP has no zone), as every ZIP tool does.
    """
    out = bytearray()
    central = bytearray()
    for name, data, when, deflate in entries:
        raw_name = name.encode("utf-8")
        flags = 0x0800 if any(b > 127 for b in raw_name) else 0
        crc = zlib.crc32(data) & 0xFFFFFFFF
        payload = deflate_raw(data) if deflate else data
        method = 8 if deflate else 0
        t, d = _dos_time(when)
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, t, d, crc,
                           len(payload), len(data), len(raw_name), 0)
        out += raw_name
        out += payload
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, 20, flags, method, t,
                               d, crc, len(payload), len(data), len(raw_name), 0, 0, 0, 0,
                               0o100644 << 16, offset)
        central += raw_name
    cd_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central),
                       cd_offset, 0)
    return bytes(out)
