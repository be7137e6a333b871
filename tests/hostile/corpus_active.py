"""The rest of the hostile corpus: active content and hidden text (accepted,
reported, and absent from the reviewers' copy), files of other kinds renamed
.pdf, polyglots, empty and oversize files, and hostile file names."""

import io
import zipfile
import zlib
from dataclasses import replace

from tests.hostile.corpus import ANY_RULE, Case, accepted, refused, seed, simple_pdf, stream
from tests.pdfs import make_pdf

JS = b"<< /S /JavaScript /JS (app.alert\\('hello'\\)) >>"
URI = b"<< /S /URI /URI (https://tracker.example/opened) >>"
LAUNCH = b"<< /S /Launch /F (calc.exe) >>"
LINK = b"<< /Type /Annot /Subtype /Link /Rect [72 600 300 620] /A %s >>"
AUTHOR = "Thiago Mattioli"


def _annotated(annotation: bytes, *more: tuple[int, bytes]) -> bytes:
    return simple_pdf(page_extra=b"/Annots [10 0 R]", extra={10: annotation, **dict(more)})


def active_content() -> list[Case]:
    embedded = stream(b"/Type /EmbeddedFile", b"MZ\x90\x00 not really a program")
    cases = [
        accepted("open-action-javascript", simple_pdf(catalog_extra=b"/OpenAction " + JS), active={"javascript"}),
        accepted("open-action-javascript-in-a-stream", simple_pdf(
            catalog_extra=b"/OpenAction 10 0 R",
            extra={10: b"<< /S /JavaScript /JS 11 0 R >>", 11: stream(b"", b"app.launchURL('https://x.example');")},
        ), active={"javascript"}),
        accepted("open-action-launch", simple_pdf(catalog_extra=b"/OpenAction " + LAUNCH), active={"launch"}),
        accepted("open-action-launch-windows", simple_pdf(
            catalog_extra=b"/OpenAction << /S /Launch /Win << /F (cmd.exe) /P (/c calc) >> >>"), active={"launch"}),
        accepted("open-action-uri", simple_pdf(catalog_extra=b"/OpenAction " + URI), active={"uri"}),
        accepted("open-action-submit-form", simple_pdf(
            catalog_extra=b"/OpenAction << /S /SubmitForm /F << /FS /URL /F (https://collect.example) >> >>"),
            active={"submit_form"}),
        accepted("open-action-import-data", simple_pdf(
            catalog_extra=b"/OpenAction << /S /ImportData /F (data.fdf) >>"), active={"submit_form"}),
        accepted("open-action-remote-go-to", simple_pdf(
            catalog_extra=b"/OpenAction << /S /GoToR /F (other.pdf) /D [0 /Fit] >>"), active={"launch"}),
        accepted("document-additional-actions", simple_pdf(catalog_extra=b"/AA << /WC " + JS + b" /DP " + URI + b" >>"),
                 active={"javascript", "uri"}),
        accepted("named-javascript", simple_pdf(catalog_extra=b"/Names << /JavaScript << /Names [(init) " + JS + b"] >> >>"),
                 active={"javascript"}),
        accepted("embedded-files", simple_pdf(
            catalog_extra=b"/Names << /EmbeddedFiles << /Names [(setup.exe) 10 0 R] >> >>",
            extra={10: b"<< /Type /Filespec /F (setup.exe) /EF << /F 11 0 R >> >>", 11: embedded},
        ), active={"embedded_file"}),
        accepted("xfa-form", simple_pdf(
            catalog_extra=b"/AcroForm << /Fields [] /XFA 10 0 R >>",
            extra={10: stream(b"", b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'><script>x()</script></xdp:xdp>")},
        ), active={"javascript"}),
        accepted("page-open-javascript", simple_pdf(page_extra=b"/AA << /O " + JS + b" >>"), active={"javascript"}),
        accepted("page-close-uri", simple_pdf(page_extra=b"/AA << /C " + URI + b" >>"), active={"uri"}),
        accepted("link-uri", _annotated(LINK % URI), active={"uri"}),
        accepted("link-launch", _annotated(LINK % LAUNCH), active={"launch"}),
        accepted("link-javascript", _annotated(LINK % JS), active={"javascript"}),
        accepted("link-go-to-then-javascript", _annotated(
            LINK % (b"<< /S /GoTo /D [3 0 R /Fit] /Next " + JS + b" >>")), active={"javascript"}),
        accepted("link-go-to-then-array-of-actions", _annotated(
            LINK % (b"<< /S /GoTo /D [3 0 R /Fit] /Next [" + URI + b" " + LAUNCH + b"] >>")), active={"uri", "launch"}),
        accepted("action-chain-that-loops", _annotated(
            LINK % b"11 0 R", (11, b"<< /S /GoTo /D [3 0 R /Fit] /Next 12 0 R >>"),
            (12, b"<< /S /JavaScript /JS (x) /Next 11 0 R >>")), active={"javascript"}),
        accepted("widget-with-keystroke-javascript", _annotated(
            b"<< /Type /Annot /Subtype /Widget /Rect [72 500 300 520] /FT /Tx /T (name) /AA << /K " + JS + b" >> >>"),
            active={"javascript"}),
        accepted("widget-whose-field-runs-javascript", _annotated(
            b"<< /Type /Annot /Subtype /Widget /Rect [72 500 300 520] /Parent 11 0 R >>",
            (11, b"<< /FT /Tx /T (field) /Kids [10 0 R] /AA << /F " + JS + b" >> >>")), active={"javascript"}),
        accepted("file-attachment-annotation", _annotated(
            b"<< /Type /Annot /Subtype /FileAttachment /Rect [72 400 90 420] /FS 11 0 R /Contents (see attached) >>",
            (11, b"<< /Type /Filespec /F (tool.exe) /EF << /F 12 0 R >> >>"), (12, embedded)), active={"embedded_file"}),
        accepted("screen-annotation-with-rendition", _annotated(
            b"<< /Type /Annot /Subtype /Screen /Rect [72 300 300 400] /A << /S /Rendition /OP 0 /JS (play\\(\\)) >> >>"),
            active={"media", "javascript"}),
        accepted("rich-media-annotation", _annotated(
            b"<< /Type /Annot /Subtype /RichMedia /Rect [72 300 300 400] >>"), active={"media"}),
        accepted("go-to-embedded", _annotated(LINK % b"<< /S /GoToE /T << /R /C /N (a.pdf) >> >>"),
                 active={"embedded_file"}),
    ]
    return cases + hidden_text()


def hidden_text() -> list[Case]:
    """Annotation text and authors: no active content, but none of it may reach reviewers."""
    names = (AUTHOR, "thiago.mattioli@ufabc.example.edu.br")
    return [
        replace(accepted("text-annotation-names-the-author", _annotated(
            b"<< /Type /Annot /Subtype /Text /Rect [72 700 90 720] /T (Thiago Mattioli) "
            b"/Contents (Written by Thiago Mattioli, thiago.mattioli@ufabc.example.edu.br) >>")), hidden=names),
        replace(accepted("free-text-annotation-rich-text", _annotated(
            b"<< /Type /Annot /Subtype /FreeText /Rect [72 700 300 720] /DA (/Helv 10 Tf) /Subj (Thiago Mattioli) "
            b"/Contents (Thiago Mattioli) /RC (<body><p>Thiago Mattioli</p></body>) >>")), hidden=names[:1]),
        replace(accepted("popup-of-a-comment", _annotated(
            b"<< /Type /Annot /Subtype /Highlight /Rect [72 700 300 720] /QuadPoints [72 720 300 720 72 700 300 700] "
            b"/T (Thiago Mattioli) /Contents (my note) /Popup 11 0 R >>",
            (11, b"<< /Type /Annot /Subtype /Popup /Rect [300 700 400 760] /Parent 10 0 R >>"))), hidden=names[:1]),
    ]


def _png() -> bytes:
    def chunk(kind, data):
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")
    header = (1).to_bytes(4, "big") * 2 + b"\x08\x00\x00\x00\x00"
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")


def _zip(members: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return output.getvalue()


def other_kinds() -> list[Case]:
    not_pdf = "pdf_not_pdf"
    paper = make_pdf(["A small paper"], pages=1)
    return [
        refused("html-renamed", b"<!doctype html><html><body><script>alert(1)</script></body></html>", not_pdf),
        refused("zip-renamed", _zip({"paper.tex": b"\\documentclass{article}"}), not_pdf),
        refused("docx-renamed", _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}), not_pdf),
        refused("exe-renamed", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(56) + b"This program cannot be run in DOS mode.", not_pdf),
        refused("elf-renamed", b"\x7fELF\x02\x01\x01" + bytes(57), not_pdf),
        refused("svg-renamed", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>', not_pdf),
        refused("png-renamed", _png(), not_pdf),
        refused("jpeg-renamed", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(100) + b"\xff\xd9", not_pdf),
        refused("gif-renamed", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", not_pdf),
        refused("shell-script-renamed", b"#!/bin/sh\necho 'not a paper'\n", not_pdf),
        refused("pdf-header-after-the-window", b"/*" + b" " * 2000 + b"*/\n" + paper, not_pdf),
        Case("html-prologue-polyglot", b"<html><!-- " + paper + b" --></html>\n%%EOF\n",
             frozenset({"accepted", "pdf_damaged"})),
        Case("pdf-with-a-small-zip-appended", paper + _zip({"x": b"y"})[:300], ANY_RULE),
        refused("pdf-with-a-large-zip-appended", paper + _zip({"x.bin": bytes(range(256)) * 40}), "pdf_truncated"),
        Case("javascript-comment-polyglot", b"/*" + paper + b"*/ alert(1);\n%%EOF\n", frozenset({"accepted", "pdf_damaged"})),
        refused("zero-bytes", b"", "pdf_empty", "empty"),  # Django's file field says it first
        refused("a-megabyte-of-nul-bytes", bytes(1024 * 1024), not_pdf),
        refused("only-a-header", b"%PDF-1.7\n", "pdf_truncated"),
        refused("header-and-eof-only", b"%PDF-1.7\n%%EOF\n", "pdf_damaged"),
        refused("oversize", seed() + b"%" + b"x" * (11 * 1024 * 1024) + b"\n%%EOF\n", "pdf_too_large"),
    ]


HOSTILE_NAMES = [
    "../../../../etc/passwd.pdf", "..\\..\\windows\\win.ini.pdf", "<script>alert(1)</script>.pdf",
    "\u202egnp.pdf", "paper.pdf.exe", "CON.pdf", "a" * 400 + ".pdf", "rapport\u0000.pdf",
    "line\nbreak\r\n.pdf", "\"quotes'and;semicolons.pdf", "%2e%2e%2fescape.pdf", "名前 🎓.pdf", ".pdf", " ",
]


def hostile_names() -> list[Case]:
    paper = make_pdf(["A paper with a hostile name"], pages=1)
    return [Case(f"file-name-{index}", paper, frozenset({"accepted"}), name) for index, name in enumerate(HOSTILE_NAMES)]


def every_case() -> list[Case]:
    from tests.hostile import corpus

    cases = [
        *corpus.truncations(), *corpus.byte_flips(), *corpus.encrypted(), *corpus.bombs(), *corpus.page_trees(),
        *corpus.operator_bombs(), *active_content(), *other_kinds(), *hostile_names(),
    ]
    assert len({case.name for case in cases}) == len(cases), "two cases share a name"
    return cases
