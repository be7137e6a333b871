"""What the portal checks in an uploaded paper, and the copy reviewers get.

`inspect_pdf` reads an upload (never trusting its name or declared content
type) and refuses it, with a message naming the rule, when it is not a PDF,
is encrypted, cut short or damaged, breaks the call's size or page limit, or
is too complex to check within the budget. The cheap checks run here; the
parsing runs in a child process under the budget (`budget.run_within`,
`reading.read`), which also reads the text the anonymity check searches,
lists the active content and writes the reviewers' copy.
"""

import hashlib
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from submissions.pdf.budget import Budget, BudgetExceeded, Usage, run_within
from submissions.pdf.reading import Ceilings, read

logger = logging.getLogger(__name__)

PDF_HEADER = b"%PDF-"
# The header may follow a little garbage; the end-of-file marker sits within
# the last kilobyte of a complete file (PDF 1.7, 7.5.5 and implementation notes).
HEADER_WINDOW = 1024
TRAILER_WINDOW = 1024
MB = 1024 * 1024


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
    # The kinds of active content found ("javascript", "launch", "uri", ...).
    active_content: list[str] = field(default_factory=list)
    # The copy reviewers get: no metadata, no active content, no annotation text.
    reviewers_copy: bytes = field(default=b"", repr=False)


def budget() -> Budget:
    return Budget(cpu_seconds=settings.PDF_CHECK_SECONDS, memory_mb=settings.PDF_CHECK_MEMORY_MB,
                  wall_seconds=settings.PDF_CHECK_SECONDS * 5 + 1)


def ceilings(page_limit: int) -> Ceilings:
    return Ceilings(
        page_limit=page_limit, stream_bytes=settings.PDF_MAX_STREAM_MB * MB,
        document_bytes=settings.PDF_MAX_DECOMPRESSED_MB * MB,
        operators_per_page=settings.PDF_MAX_OPERATORS_PER_PAGE, operators=settings.PDF_MAX_OPERATORS,
    )


def inspect_pdf(upload, *, max_bytes: int, page_limit: int, read_text: bool = False) -> CheckedPdf:
    """Read an uploaded file and return its facts, or raise PdfRejected. With
    `read_text` (a double-blind call), the text and metadata the anonymity
    check searches are read too, within the same budget."""
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
    return inspect_pdf_bytes(data, name=getattr(upload, "name", None) or "paper.pdf", page_limit=page_limit,
                             read_text=read_text)


def inspect_pdf_bytes(data: bytes, *, name: str, page_limit: int, read_text: bool = False) -> CheckedPdf:
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
        outcome, usage = run_within(budget(), read, data, ceilings(page_limit), read_text)
    except BudgetExceeded as exceeded:
        _log_check(name, f"past the {exceeded.resource} budget", exceeded.usage)
        raise PdfRejected(_too_complex_message(exceeded.resource, {}), code="pdf_too_complex") from exceeded
    _log_check(name, outcome.code or "accepted", usage, detail=outcome.params.get("error", ""))
    if outcome.code:
        raise PdfRejected(_refusal_message(outcome.code, outcome.params), code=outcome.code)
    return CheckedPdf(
        name=name, data=data, size=len(data), sha256=hashlib.sha256(data).hexdigest(), pages=outcome.pages,
        searchable=outcome.searchable, active_content=outcome.active, reviewers_copy=outcome.copy,
    )


def _log_check(name: str, outcome: str, usage: Usage, detail: str = "") -> None:
    """One line per check, with what it cost (the hostile corpus's figures come from these)."""
    logger.info("PDF check of %r: %s", name, outcome, extra={
        "pdf_outcome": outcome, "pdf_detail": detail, "cpu_seconds": round(usage.cpu_seconds, 3),
        "memory_mb": round(usage.memory_mb, 1), "wall_seconds": round(usage.wall_seconds, 3),
    })


def reviewers_copy(pdf: CheckedPdf) -> bytes:
    """The copy reviewers download (made by the check)."""
    return pdf.reviewers_copy


def _damaged_message() -> str:
    return _("The PDF is incomplete or damaged and could not be read to the end. "
             "Export it again from your editor and upload the new file.")


def _refusal_message(code: str, params: dict) -> str:
    if code == "pdf_encrypted":
        return _("The PDF is encrypted or password-protected; reviewers could not open it. "
                 "Upload a copy saved without protection.")
    if code == "pdf_no_pages":
        return _("The PDF has no pages.")
    if code == "pdf_too_many_pages":
        return ngettext(
            "The PDF has %(pages)d pages; this call accepts at most %(limit)d page.",
            "The PDF has %(pages)d pages; this call accepts at most %(limit)d pages.",
            params["limit"],
        ) % params
    if code == "pdf_too_complex":
        return _too_complex_message(params.pop("reason"), params)
    return _damaged_message()


def _too_complex_message(reason: str, params: dict) -> str:
    reasons = {
        "time": lambda: _("checking it takes more than %(seconds)d s") % {"seconds": settings.PDF_CHECK_SECONDS},
        "memory": lambda: _("checking it needs more than %(size)d MB of memory") % {
            "size": settings.PDF_CHECK_MEMORY_MB},
        "document": lambda: _("its pages unpack to more than %(size)d MB") % {"size": params["limit"] // MB},
        "operators": lambda: _("page %(page)d has more than %(limit)s drawing operations") % {
            "page": params["page"], "limit": number_format(params["limit"], force_grouping=True)},
        "all_operators": lambda: _("its pages have more than %(limit)s drawing operations in all") % {
            "limit": number_format(params["limit"], force_grouping=True)},
        "structure": lambda: _("one of its parts is too large, too many or nested too deeply"),
    }
    return _("The PDF is too complex to check (%(reason)s); export it again from your editor "
             "and upload the new file.") % {"reason": reasons.get(reason, reasons["structure"])()}
