"""What the portal checks in an uploaded paper, and the copy reviewers get.

`inspect_pdf` reads an upload with pypdf (never trusting its name or its
declared content type) and refuses it, with a message naming the rule, when
it is not a PDF, is encrypted, is cut short or damaged, or breaks the call's
size or page limit. `identity_findings` looks for the authors' names, email
addresses and ORCID iDs in the text and the metadata (Info dictionary and
XMP) of a double-blind paper. `metadata_stripped_copy` writes the same pages
without any document metadata, for reviewers.
"""

import hashlib
import html
import io
import logging
import re
import unicodedata
from dataclasses import dataclass, field

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

logger = logging.getLogger(__name__)

PDF_HEADER = b"%PDF-"
# The header may follow a little garbage; the end-of-file marker sits within
# the last kilobyte of a complete file (PDF 1.7, 7.5.5 and implementation notes).
HEADER_WINDOW = 1024
TRAILER_WINDOW = 1024
PAGE_METADATA_KEYS = ("/Metadata", "/PieceInfo")
# The Info dictionary's standard properties, named as a PDF reader in the author's language names them.
PROPERTY_LABELS = {
    "Title": pgettext_lazy("PDF property", "Title"),
    "Author": pgettext_lazy("PDF property", "Author"),
    "Subject": pgettext_lazy("PDF property", "Subject"),
    "Keywords": pgettext_lazy("PDF property", "Keywords"),
    "Creator": pgettext_lazy("PDF property", "Creator"),
    "Producer": pgettext_lazy("PDF property", "Producer"),
}


class PdfRejected(Exception):
    """An upload that breaks a rule; `message` says which, for the author."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class CheckedPdf:
    """An upload that passed every check, with what was learnt reading it."""

    name: str
    data: bytes
    size: int
    sha256: str
    pages: int
    # What the identity check searches: (place, text) with place one of
    # ("info", <entry name>), ("xmp", ""), ("page", <page number>).
    searchable: list[tuple[tuple[str, str | int], str]] = field(default_factory=list, repr=False)
    # The reviewers' copy, when the check was asked to make it (double-blind calls).
    blind_copy: bytes | None = field(default=None, repr=False)


def inspect_pdf(upload, *, max_bytes: int, page_limit: int, blind_copy: bool = False) -> CheckedPdf:
    """Read an uploaded file and return its facts, or raise PdfRejected. With
    `blind_copy`, the reviewers' copy is written as part of the check, so a file
    pypdf reads but cannot rewrite is refused here rather than failing later."""
    size = upload.size
    if size > max_bytes:
        raise PdfRejected(
            _("The file is %(size)s; this call accepts PDF files of at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
            code="pdf_too_large",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return inspect_pdf_bytes(data, name=getattr(upload, "name", "paper.pdf"), page_limit=page_limit,
                             blind_copy=blind_copy)


def inspect_pdf_bytes(data: bytes, *, name: str, page_limit: int, blind_copy: bool = False) -> CheckedPdf:
    if not data:
        raise PdfRejected(_("The file is empty."), code="pdf_empty")
    if PDF_HEADER not in data[:HEADER_WINDOW]:
        raise PdfRejected(
            _("This file is not a PDF (it does not start like one), whatever its name says. "
              "Save or export your paper as PDF and upload that file."),
            code="pdf_not_pdf",
        )
    if b"%%EOF" not in data[-TRAILER_WINDOW:]:
        raise PdfRejected(_damaged_message(), code="pdf_truncated")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise PdfRejected(
                _("The PDF is encrypted or password-protected; reviewers could not open it. "
                  "Upload a copy saved without protection."),
                code="pdf_encrypted",
            )
        pages = len(reader.pages)
        if pages == 0:
            raise PdfRejected(_("The PDF has no pages."), code="pdf_no_pages")
        if pages > page_limit:
            raise PdfRejected(
                ngettext(
                    "The PDF has %(pages)d pages; this call accepts at most %(limit)d page.",
                    "The PDF has %(pages)d pages; this call accepts at most %(limit)d pages.",
                    page_limit,
                ) % {"pages": pages, "limit": page_limit},
                code="pdf_too_many_pages",
            )
        searchable = _searchable_parts(reader)
        stripped = _stripped_copy(reader) if blind_copy else None
    except PdfRejected:
        raise
    except Exception as error:  # pypdf raises many kinds of error on broken files
        logger.info("Unreadable PDF upload %r: %s: %s", name, type(error).__name__, error)
        raise PdfRejected(_damaged_message(), code="pdf_damaged") from error
    return CheckedPdf(
        name=name, data=data, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
        pages=pages, searchable=searchable, blind_copy=stripped,
    )


def _damaged_message() -> str:
    return _("The PDF is incomplete or damaged and could not be read to the end. "
             "Export it again from your editor and upload the new file.")


def _searchable_parts(reader: PdfReader) -> list[tuple[tuple[str, str | int], str]]:
    parts = []
    for key, value in (reader.metadata or {}).items():
        parts.append((("info", str(key).lstrip("/")), str(value)))
    xmp = reader.xmp_metadata
    if xmp is not None:
        packet = xmp.stream.get_data().decode("utf-8", errors="replace")
        parts.append((("xmp", ""), html.unescape(packet)))
    for number, page in enumerate(reader.pages, start=1):
        parts.append((("page", number), page.extract_text() or ""))
    return parts


def _folded(text: str) -> str:
    """Lower case, no accents, single spaces: 'Mattioli ' matches 'MATTIOLI\\n'."""
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", without_accents).casefold()


def identity_findings(pdf: CheckedPdf, *, names: list[str], emails: list[str], orcids: list[str]) -> list[dict]:
    """Where the PDF names its authors, one finding per term and place:
    {"term": ..., "in": "info", "field": "Author"}, {"term": ..., "in": "xmp"},
    {"term": ..., "in": "text", "pages": [1, 2]}."""
    terms = [term.strip() for term in [*names, *emails, *orcids] if term and len(term.strip()) >= 3]
    folded_terms = [(term, _folded(term)) for term in dict.fromkeys(terms)]
    metadata_findings, pages_by_term = [], {}
    for (place, detail), text in pdf.searchable:
        folded_text = _folded(text)
        for term, folded_term in folded_terms:
            if folded_term not in folded_text:
                continue
            if place == "page":
                pages_by_term.setdefault(term, []).append(detail)
            elif place == "info":
                metadata_findings.append({"term": term, "in": "info", "field": detail})
            else:
                metadata_findings.append({"term": term, "in": "xmp"})
    text_findings = [{"term": term, "in": "text", "pages": pages} for term, pages in pages_by_term.items()]
    return metadata_findings + text_findings


def property_label(key: str) -> str:
    """A finding's Info dictionary key ("Author") as the reader's language names it; other keys as they are."""
    return str(PROPERTY_LABELS.get(key, key))


def metadata_stripped_copy(pdf: CheckedPdf) -> bytes:
    """The same pages with no Info dictionary, no XMP packet, no page-level
    metadata and no annotation authors: the copy reviewers download."""
    if pdf.blind_copy is not None:
        return pdf.blind_copy
    return _stripped_copy(PdfReader(io.BytesIO(pdf.data)))


def _stripped_copy(reader: PdfReader) -> bytes:
    writer = PdfWriter()
    for page in reader.pages:
        added = writer.add_page(page)
        for key in PAGE_METADATA_KEYS:
            if key in added:
                del added[NameObject(key)]
        for annotation in added.get("/Annots", None) or []:
            annotation = annotation.get_object()
            if "/T" in annotation:
                del annotation[NameObject("/T")]
    writer.metadata = None
    writer.xmp_metadata = None
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
