"""A corpus of hostile uploads, generated (never downloaded): the shapes of
issue 14 and the classic ones. Each `Case` carries the bytes, the name the
browser sends, and what the check may answer: `accept` (with the kinds of
active content it must find), a set of refusal codes, or, for files whose
damage may or may not stop a lenient reader (a flipped byte, a cut that kept
the end marker), "accepted or any named rule".

Files are written by hand with `raw_pdf` (objects in, a correct cross-reference
table out) when pypdf's writer would refuse to build them, and with pypdf
otherwise. Everything is seeded: the corpus is the same on every run.
"""

import functools
import io
import random
import zlib
from dataclasses import dataclass, field

from pypdf import PdfReader, PdfWriter

from tests.pdfs import make_pdf, seed_paper_bytes

ANY_RULE = frozenset({
    "accepted", "pdf_damaged", "pdf_truncated", "pdf_not_pdf", "pdf_encrypted", "pdf_no_pages",
    "pdf_too_many_pages", "pdf_too_complex", "pdf_empty", "empty",
})
MB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes = field(repr=False)
    expect: frozenset  # "accepted" and/or refusal codes
    filename: str = "paper.pdf"
    active: frozenset = frozenset()  # kinds the check must report when it accepts
    hidden: tuple = ()  # text the reviewers' copy must not carry


def accepted(name, data, *, active=(), filename="paper.pdf") -> Case:
    return Case(name, data, frozenset({"accepted"}), filename, frozenset(active))


def refused(name, data, *codes, filename="paper.pdf") -> Case:
    return Case(name, data, frozenset(codes), filename)


# --- A hand-written PDF -------------------------------------------------------

def stream(dictionary: bytes, payload: bytes, *, compress: bool = False, length: int | None = None) -> bytes:
    if compress:
        payload = zlib.compress(payload, 9)
        dictionary += b" /Filter /FlateDecode"
    declared = len(payload) if length is None else length
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % declared + payload + b"\nendstream"


def raw_pdf(objects: dict[int, bytes], *, root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """Objects numbered 1..n (bodies without `obj`/`endobj`), a cross-reference table, a trailer."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n")
    size = max(objects) + 1
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n")
    out.write(b"trailer\n<< /Size %d /Root %d 0 R " % (size, root) + trailer_extra + b">>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = b"BT /F1 12 Tf 72 720 Td (A paper on paradiplomacy and city networks) Tj ET"


def simple_pdf(*, catalog_extra: bytes = b"", page_extra: bytes = b"", content: bytes = TEXT,
               extra: dict[int, bytes] | None = None, compress: bool = False) -> bytes:
    """One page (object 3) with Helvetica text; extra objects from number 10 on."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
           b"/Resources << /Font << /F1 5 0 R >> >> " + page_extra + b" >>",
        4: stream(b"", content, compress=compress),
        5: FONT,
    }
    objects.update(extra or {})
    return raw_pdf(objects)


def pages_pdf(count: int, *, content: bytes = TEXT, compress: bool = True, declared_count: int | None = None) -> bytes:
    """`count` pages sharing one content stream (object 4)."""
    kids = b" ".join(b"%d 0 R" % (10 + index) for index in range(count))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % (count if declared_count is None else declared_count),
        4: stream(b"", content, compress=compress),
        5: FONT,
    }
    for index in range(count):
        objects[10 + index] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                               b"/Resources << /Font << /F1 5 0 R >> >> >>")
    return raw_pdf(objects)


def operator_bomb(*, pages: int, repeats: int, unit: bytes = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n",
                  shared: bool = False) -> bytes:
    """Issue 14's shape: every page a compressed run of text-drawing operators."""
    content = zlib.compress(unit * repeats, 9)
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 5: FONT}
    kids = []
    for index in range(pages):
        page, contents = 10 + 2 * index, 11 + 2 * index
        kids.append(b"%d 0 R" % page)
        objects[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                         b"/Resources << /Font << /F1 5 0 R >> >> >>" % (11 if shared else contents))
        if not shared or index == 0:
            objects[contents] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream"
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % pages
    return raw_pdf(objects)


@functools.cache
def zeros_compressed(megabytes: int) -> bytes:
    compressor = zlib.compressobj(9)
    chunk = bytes(MB)
    return b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()


def deflate_bomb_stream(dictionary: bytes, megabytes: int) -> bytes:
    payload = zeros_compressed(megabytes)
    return b"<< " + dictionary + b" /Filter /FlateDecode /Length %d >>\nstream\n" % len(payload) + payload + b"\nendstream"


# --- The families ---------------------------------------------------------------

@functools.cache
def seed() -> bytes:
    return seed_paper_bytes()


def truncations() -> list[Case]:
    data = seed()
    cases = [refused(f"truncated-at-{offset}", data[:offset], "pdf_truncated", "pdf_not_pdf", "pdf_empty")
             for offset in [1, 4, 8, 100, 1000] + [len(data) * step // 40 for step in range(1, 40)]]
    # Cut, then given back an end marker: a lenient reader may rebuild some of it.
    cases += [Case(f"truncated-at-{len(data) * step // 16}-with-eof", data[: len(data) * step // 16] + b"\n%%EOF\n",
                   ANY_RULE) for step in range(1, 16)]
    return cases


def byte_flips() -> list[Case]:
    rng, data, cases = random.Random(14), seed(), []
    for index in range(30):
        flipped = bytearray(data)
        for _ in range(1 + index % 5):
            position = rng.randrange(16, len(flipped) - 16)
            flipped[position] ^= 1 << rng.randrange(8)
        cases.append(Case(f"byte-flip-{index}", bytes(flipped), ANY_RULE))
    for index, position in enumerate([9, 15, len(data) - 30, len(data) - 12]):  # the header's end, the startxref
        flipped = bytearray(data)
        flipped[position] = ord("9")
        cases.append(Case(f"byte-flip-structure-{index}", bytes(flipped), ANY_RULE))
    return cases


def _encrypted(data: bytes, *, user: str, owner: str, algorithm: str | None) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm=algorithm)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def encrypted() -> list[Case]:
    small = make_pdf(["An encrypted paper"], pages=2)
    cases = []
    for algorithm in (None, "RC4-128", "AES-128", "AES-256"):
        label = algorithm or "RC4-40"
        try:
            with_user = _encrypted(small, user="secret", owner="owner", algorithm=algorithm)
            owner_only = _encrypted(small, user="", owner="owner", algorithm=algorithm)
        except ImportError:  # AES needs the cryptography package; RC4 is built in
            continue
        cases.append(refused(f"encrypted-user-password-{label}", with_user, "pdf_encrypted"))
        cases.append(refused(f"encrypted-owner-password-only-{label}", owner_only, "pdf_encrypted"))
    return cases


def bombs() -> list[Case]:
    too_complex = ("pdf_too_complex",)
    return [
        refused("deflate-bomb-page-content-200MB", raw_pdf({
            1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            4: deflate_bomb_stream(b"", 200),
        }), *too_complex),
        refused("deflate-bomb-40-pages-of-12MB", raw_pdf({
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % n for n in range(10, 50)) + b"] /Count 40 >>",
            4: deflate_bomb_stream(b"", 12),
            **{n: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>" for n in range(10, 50)},
        }), *too_complex),
        refused("deflate-bomb-xmp-200MB", simple_pdf(
            catalog_extra=b"/Metadata 10 0 R", extra={10: deflate_bomb_stream(b"/Type /Metadata /Subtype /XML", 200)},
        ), *too_complex, "pdf_damaged"),
        Case("deflate-bomb-unused-object", simple_pdf(extra={10: deflate_bomb_stream(b"", 200)}),
             frozenset({"accepted", "pdf_too_complex"})),
        Case("deflate-bomb-image-never-drawn", simple_pdf(
            page_extra=b"/Resources << /Font << /F1 5 0 R >> /XObject << /Im0 10 0 R >> >>",
            extra={10: deflate_bomb_stream(b"/Type /XObject /Subtype /Image /Width 10000 /Height 10000 "
                                           b"/ColorSpace /DeviceGray /BitsPerComponent 8", 100)},
        ), frozenset({"accepted", "pdf_too_complex"})),
        refused("deflate-bomb-flate-of-flate", raw_pdf({
            1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            4: (lambda inner: b"<< /Filter [/FlateDecode /FlateDecode] /Length %d >>\nstream\n" % len(inner)
                + inner + b"\nendstream")(zlib.compress(zeros_compressed(100), 9)),
        }), *too_complex),
        Case("declared-length-2GB", simple_pdf(extra={10: stream(b"", b"tiny", length=2_000_000_000)}), ANY_RULE),
        refused("xmp-billion-laughs", simple_pdf(catalog_extra=b"/Metadata 10 0 R", extra={10: stream(
            b"/Type /Metadata /Subtype /XML",
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + n]), (b"&" + bytes([97 + n]) + b";") * 10) for n in range(9))
            + b']><x:xmpmeta xmlns:x="adobe:ns:meta/">&j;</x:xmpmeta>')},
        ), "accepted", "pdf_damaged", "pdf_too_complex"),
        refused("object-stream-bomb", _object_stream_bomb(), *too_complex, "pdf_damaged"),
        Case("object-stream-claims-a-million-objects", _object_stream_lying_count(), ANY_RULE),
    ]


def _object_stream_bomb() -> bytes:
    """The catalogue lives in an object stream that unpacks to 200 MB (a cross-reference stream points into it)."""
    objstm = deflate_bomb_stream(b"/Type /ObjStm /N 1 /First 10", 200)
    return _with_xref_stream({2: b"<< /Type /Pages /Kids [] /Count 0 >>", 5: objstm}, root_in_stream=5)


def _object_stream_lying_count() -> bytes:
    header = b"1 0 "
    body = b"<< /Type /Catalog /Pages 2 0 R >>"
    payload = header + body
    objstm = stream(b"/Type /ObjStm /N 1000000 /First %d" % len(header), payload, compress=True)
    return _with_xref_stream({2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                              3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>", 5: objstm},
                             root_in_stream=5)


def _with_xref_stream(objects: dict[int, bytes], *, root_in_stream: int) -> bytes:
    """Objects, with object 1 (the catalogue) compressed inside object `root_in_stream`."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n")
    xref_number = max(objects) + 1
    offsets[xref_number] = out.tell()
    rows = [b"\x00\x00\x00\x00\xff\xff"]
    for number in range(1, xref_number + 1):
        if number == 1:
            rows.append(b"\x02" + root_in_stream.to_bytes(4, "big") + b"\x00")
        elif number in offsets:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00")
        else:
            rows.append(b"\x00\x00\x00\x00\x00\x00")
    body = b"".join(rows)
    out.write(b"%d 0 obj\n<< /Type /XRef /Size %d /Root 1 0 R /W [1 4 1] /Length %d >>\nstream\n"
              % (xref_number, xref_number + 1, len(body)) + body + b"\nendstream\nendobj\n")
    out.write(b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number])
    return out.getvalue()


def page_trees() -> list[Case]:
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
    base = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 4: stream(b"", TEXT), 5: FONT}
    deep = dict(base)
    deep[2] = b"<< /Type /Pages /Kids [10 0 R] /Count 1 >>"
    for level in range(10, 610):
        deep[level] = b"<< /Type /Pages /Parent %d 0 R /Kids [%d 0 R] /Count 1 >>" % (level - 1, level + 1)
    deep[610] = page.replace(b"/Parent 2 0 R", b"/Parent 609 0 R")
    nested_array = b"[" * 20000 + b"]" * 20000
    return [
        Case("page-tree-kids-cycle-self", raw_pdf({**base, 2: b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"}), ANY_RULE),
        Case("page-tree-kids-cycle-two-nodes", raw_pdf({
            **base, 2: b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>",
            6: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"}), ANY_RULE),
        Case("page-tree-same-page-twice-in-a-loop", raw_pdf({
            **base, 2: b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>", 3: page,
            6: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>"}), ANY_RULE),
        Case("page-tree-600-levels-deep", raw_pdf(deep), ANY_RULE),
        Case("nested-arrays-20000-deep", simple_pdf(extra={10: b"<< /Junk " + nested_array + b" >>"},
                                                   catalog_extra=b"/Junk 10 0 R"), ANY_RULE),
        Case("nested-dictionaries-5000-deep", simple_pdf(
            catalog_extra=b"/Junk " + b"<< /A " * 5000 + b"1" + b" >>" * 5000), ANY_RULE),
        Case("page-count-lies-a-million", pages_pdf(3, declared_count=1_000_000), ANY_RULE),
        Case("page-count-lies-zero", pages_pdf(3, declared_count=0), ANY_RULE),
        Case("page-count-negative", pages_pdf(2, declared_count=-5), ANY_RULE),
        refused("no-pages-at-all", raw_pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                                            2: b"<< /Type /Pages /Kids [] /Count 0 >>"}), "pdf_no_pages", "pdf_damaged"),
        refused("ten-thousand-pages", pages_pdf(10_000), "pdf_too_many_pages"),
        refused("forty-one-pages", pages_pdf(41), "pdf_too_many_pages"),
        accepted("forty-pages", pages_pdf(40)),
    ]


def operator_bombs() -> list[Case]:
    too_complex = ("pdf_too_complex",)
    return [
        # Issue 14's file: 40 pages, each several MB of text operators, 1.2 MB on disk.
        refused("operator-bomb-issue-14", operator_bomb(pages=40, repeats=150_000), *too_complex),
        refused("operator-bomb-one-page", operator_bomb(pages=1, repeats=200_000), *too_complex),
        refused("operator-bomb-under-the-page-ceiling-on-40-pages", operator_bomb(pages=40, repeats=3_000), *too_complex),
        refused("operator-bomb-tj-arrays", operator_bomb(pages=4, repeats=60_000,
                                                         unit=b"BT /F1 9 Tf [(a) -20 (b) -20 (c)] TJ ET\n"), *too_complex),
        refused("operator-bomb-paths", operator_bomb(pages=2, repeats=100_000, unit=b"10 10 m 20 20 l S\n"),
                *too_complex),
        refused("operator-bomb-nested-q", operator_bomb(pages=1, repeats=100_000, unit=b"q "), *too_complex),
        Case("form-xobject-fan-out", _xobject_fan_out(), frozenset({"accepted", "pdf_too_complex"})),
        accepted("many-operators-but-within-the-ceilings", operator_bomb(pages=4, repeats=1_000)),
    ]


def _xobject_fan_out() -> bytes:
    """Each level draws the next one 50 times, six levels deep: 50**6 invocations if followed blindly."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", 5: FONT}
    objects[3] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                  b"/Resources << /XObject << /X 10 0 R >> /Font << /F1 5 0 R >> >> >>")
    objects[4] = stream(b"", b"/X Do " * 50)
    for level in range(10, 16):
        resources = b"/Resources << /XObject << /X %d 0 R >> /Font << /F1 5 0 R >> >>" % (level + 1)
        objects[level] = stream(b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] " + resources, b"/X Do " * 50)
    objects[16] = stream(b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >>", TEXT)
    return raw_pdf(objects)
