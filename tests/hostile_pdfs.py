"""Damaged and hostile PDFs, written by hand, for the hardening tests and benchmarks/hostile_inputs.py.

Each maker returns the bytes of one PDF built to trip one reader: a page tree that loops, a page
size that is not a number, nesting past any recursion limit, a page tree claiming more pages
than it holds, a font map giving lone surrogates and control characters, a page far larger than
any paper, a text operator repeated a hundred thousand times. ``mutations`` makes the fuzzed
variants of a good PDF: truncations, flipped bytes, cut-out and repeated stretches.
"""
from __future__ import annotations

import random
import zlib


def pdf_bytes(objects: list[bytes], root: int = 1, extra_trailer: bytes = b"") -> bytes:
    """A PDF with ``objects`` numbered from 1 and a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root,
                                                                              extra_trailer, xref)
    return bytes(out)


def _stream(content: bytes, compress: bool = False, extra: bytes = b"") -> bytes:
    if compress:
        content = zlib.compress(content)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = (b"BT /F1 11 Tf 72 760 Td (Protokoll fort vid styrelsemote den 3 mars 2020) Tj "
         b"0 -16 Td (Narvarande: Anna Berg, ordforande; Bo Ek, sekreterare) Tj "
         b"0 -16 Td (1. Motets oppnande. Ordforanden oppnade motet och halsade alla valkomna.) Tj ET")


def _page(media: bytes = b"[0 0 595 842]", contents: int = 4, parent: int = 2) -> bytes:
    return (b"<< /Type /Page /Parent %d 0 R /MediaBox %s /Contents %d 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>" % (parent, media, contents))


def text_page(text: bytes = _TEXT, media: bytes = b"[0 0 595 842]") -> bytes:
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      _page(media), _stream(text), _FONT])


def page_tree_loop() -> bytes:
    # The page's parent list holds itself: 2 -> 3 -> 2.
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
                      _page(), _stream(_TEXT), _FONT, b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])


def non_numeric_page_size() -> bytes:
    return text_page(media=b"[0 0 /Wide (tall)]")


def deep_nesting(depth: int = 100_000) -> bytes:
    nested = b"[" * depth + b"]" * depth
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R /Nest 6 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      _page(media=b"[0 0 595 842]"), _stream(b"BT /F1 11 Tf 72 760 Td " + nested + b" TJ ET"), _FONT,
                      nested])


def page_count_claim(claimed: int = 100_000) -> bytes:
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 3 0 R 6 0 R] /Count %d >>" % claimed,
                      _page(), _stream(_TEXT), _FONT, b"<< /Type /Pages /Count 5 >>"])


def kids_not_pages() -> bytes:
    # A kid that is no page at all: one parser skips it, the other counts it.
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
                      _page(), _stream(_TEXT), _FONT, b"<< /Type /Page /Parent 2 0 R /MediaBox 7 >>"])


def font_map_surrogates() -> bytes:
    """Text whose font map gives lone UTF-16 surrogates, NUL, BEL and direction marks."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
            b"1 begincodespacerange <00> <FF> endcodespacerange 6 beginbfchar "
            b"<41> <0041> <42> <D800> <43> <0000> <44> <0007> <45> <202E> <46> <0042> "
            b"endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    text = b"BT /F1 14 Tf 72 760 Td (ABCDEF ABCDEF Protokoll) Tj 0 -20 Td (" + _TEXT[30:90] + b") Tj ET"
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      _page(), _stream(text), font, _stream(cmap)])


def font_map_bomb(first: bytes = b"<0000>", last: bytes = b"<FFFF>", codes: bytes = b"<00> <FF>",
                  ranges: int = 1) -> bytes:
    """A font whose ToUnicode map claims ranges over every code (a few hundred bytes that a reader
    expanding the ranges turns into millions of entries)."""
    body = b"".join(b"%s %s <0041>\n" % (first, last) for _ in range(ranges))
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
            b"1 begincodespacerange " + codes + b" endcodespacerange %d beginbfrange\n" % ranges + body +
            b"endbfrange endcmap CMapName currentdict /CMap defineresource pop end end")
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      _page(), _stream(_TEXT), font, _stream(cmap)])


def font_map_bomb_4g() -> bytes:
    return font_map_bomb(b"<00000000>", b"<FFFFFFFF>", b"<00000000> <FFFFFFFF>")


def huge_page(points: int = 14_400) -> bytes:
    """A page of the largest size PDF allows, covered by a scan (a 2 x 2 pixel image), so that
    it needs OCR: at 200 dpi that is 40,000 x 40,000 pixels."""
    content = b"q %d 0 0 %d 0 0 cm /Im1 Do Q" % (points, points)
    image = b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R "
            b"/Resources << /XObject << /Im1 5 0 R >> >> >>" % (points, points))
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      page, _stream(content), image])


def many_text_operators(count: int = 100_000) -> bytes:
    """``count`` lines of text on one page (each ' operator starts a line and shows a word)."""
    ops = b"BT /F1 6 Tf 7 TL 10 830 Td " + b"(Protokoll) ' " * count + b"ET"
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      _page(), _stream(ops, compress=True), _FONT])


def compression_bomb(megabytes: int = 200) -> bytes:
    """A content stream of ``megabytes`` of spaces that compresses to a few hundred kB."""
    content = b"BT /F1 11 Tf 72 760 Td (Protokoll) Tj ET" + b" " * (megabytes << 20)
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      _page(), _stream(content, compress=True), _FONT])


HOSTILE = {
    "page-tree-loop": page_tree_loop,
    "non-numeric-page-size": non_numeric_page_size,
    "deep-nesting": deep_nesting,
    "page-count-claim": page_count_claim,
    "kids-not-pages": kids_not_pages,
    "font-map-surrogates": font_map_surrogates,
    "font-map-4g": font_map_bomb_4g,
    "font-map-16m": lambda: font_map_bomb(b"<000000>", b"<FFFFFF>", b"<000000> <FFFFFF>"),
    "huge-page": huge_page,
    "many-text-operators": many_text_operators,
    "compression-bomb": compression_bomb,
}


def mutations(data: bytes, count: int, seed: int = 15) -> list[tuple[str, bytes]]:
    """``count`` damaged variants of ``data``: truncated, bytes flipped, stretches cut or repeated."""
    rng = random.Random(seed)
    out = []
    for index in range(count):
        how = ("truncate", "flip", "flip-many", "cut", "repeat", "zero")[index % 6]
        buf = bytearray(data)
        if how == "truncate":
            buf = buf[: rng.randrange(16, len(buf))]
        elif how == "flip":
            for _ in range(rng.randint(1, 8)):
                buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
        elif how == "flip-many":
            for _ in range(rng.randint(20, 400)):
                buf[rng.randrange(len(buf))] = rng.randrange(256)
        elif how == "cut":
            start = rng.randrange(len(buf))
            del buf[start: start + rng.randint(1, 4000)]
        elif how == "repeat":
            start = rng.randrange(len(buf))
            piece = buf[start: start + rng.randint(1, 2000)]
            buf[start:start] = piece * rng.randint(2, 50)
        else:
            start = rng.randrange(len(buf))
            buf[start: start + rng.randint(1, 3000)] = b"\0" * len(buf[start: start + 3000])
        out.append((f"{how}-{index:04}", bytes(buf)))
    return out
