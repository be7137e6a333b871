"""The expensive half of the check, run in a child process under a budget
(`submissions.pdf.budget`): parse with pypdf, count pages, read the text and
metadata the anonymity check searches, find active content and write the
reviewers' copy. It imports nothing of Django and returns plain data: either
`Outcome.refused(code, **params)` for a rule the file breaks, or the facts.

Ceilings, besides the child's CPU and memory limits:
- bytes decompressed per stream (pypdf's own per-filter output limits),
- bytes decompressed per document (page contents and XMP, counted here),
- drawing operators per page and per document (counted on the decompressed
  content before pypdf parses it, so a page of millions of `Tj` is refused
  before the text extraction would spend seconds on it; pypdf reads about
  50,000 to 100,000 operators a second).
"""

import html
import io
import logging
import re
from dataclasses import dataclass, field

from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError

from submissions.pdf.active import active_content, reviewers_copy

# An operator in a content stream: a run of letters (and ' " *) standing alone,
# once strings, names, comments and hex strings are removed. Counting this way
# runs at C speed on the bytes and overcounts slightly (words of inline image
# data), which only makes the ceiling stricter.
_NOT_OPERATORS = re.compile(rb"\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>|/[^\s/\[\]()<>{}%]*|%[^\r\n]*", re.DOTALL)
_OPERATOR = re.compile(rb"(?<![A-Za-z0-9.+\-])[A-Za-z'\"][A-Za-z0-9*'\"]{0,2}(?![A-Za-z0-9])")
_SEPARATORS = [bytes([byte]) for byte in b" \t\r\n\f\x00()[]<>{}/%"]
_SLICE = 256 * 1024  # a string or name cut at a slice's edge is counted as words: stricter, never looser


@dataclass(frozen=True)
class Ceilings:
    page_limit: int
    stream_bytes: int
    document_bytes: int
    operators_per_page: int
    operators: int


@dataclass
class Outcome:
    """What the child hands back: a refusal (`code`, `params`) or the facts."""

    code: str = ""
    params: dict = field(default_factory=dict)
    pages: int = 0
    searchable: list = field(default_factory=list)
    active: list = field(default_factory=list)
    copy: bytes = b""

    @classmethod
    def refused(cls, code: str, **params) -> "Outcome":
        return cls(code=code, params=params)


class TooComplex(Exception):
    def __init__(self, reason: str, **params):
        super().__init__(reason)
        self.reason = reason
        self.params = params


def operators_at_most(content: bytes) -> int:
    """A bound at C speed: an operator follows a separator (white space or a
    delimiter) or starts the stream."""
    return 1 + sum(content.count(separator) for separator in _SEPARATORS)


def operators_in(content: bytes, *, stop_above: int | None = None) -> int:
    """The operators in a content stream, counted a slice at a time; with
    `stop_above`, the count stops once past it (the cost stays bounded)."""
    count = 0
    for start in range(0, len(content), _SLICE):
        count += len(_OPERATOR.findall(_NOT_OPERATORS.sub(b" ", content[start:start + _SLICE])))
        if stop_above is not None and count > stop_above:
            break
    return count


def read(data: bytes, ceilings: Ceilings, read_text: bool) -> Outcome:
    """Every check that needs the parsed file, under pypdf's ceilings. The text
    and metadata are read only with `read_text` (the anonymity check's needs)."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a hostile file's thousand warnings are not news
    limit = ceilings.stream_bytes
    with apply_configuration(
        zlib_maximum_output_length=limit, lzw_maximum_output_length=limit,
        run_length_maximum_output_length=limit, brotli_maximum_output_length=limit,
        array_based_stream_maximum_output_length=limit, xmp_maximum_input_length=limit,
        maximum_declared_stream_length=limit, xform_maximum_invocations_per_extraction=1000,
    ):
        try:
            return _read(data, ceilings, read_text)
        except TooComplex as error:
            return Outcome.refused("pdf_too_complex", reason=error.reason, **error.params)
        except LimitReachedError:
            return Outcome.refused("pdf_too_complex", reason="structure")
        except RecursionError:
            return Outcome.refused("pdf_too_complex", reason="structure")
        except MemoryError:
            raise
        except Exception as error:  # pypdf raises many kinds of error on broken files  # noqa: BLE001
            return Outcome.refused("pdf_damaged", error=f"{type(error).__name__}: {error}"[:300])


def _read(data: bytes, ceilings: Ceilings, read_text: bool) -> Outcome:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        return Outcome.refused("pdf_encrypted")
    declared = _declared_pages(reader)
    if declared > ceilings.page_limit:  # refused before pypdf walks a tree of 10,000 pages
        return Outcome.refused("pdf_too_many_pages", pages=declared, limit=ceilings.page_limit)
    pages = len(reader.pages)
    if pages == 0:
        return Outcome.refused("pdf_no_pages")
    if pages > ceilings.page_limit:
        return Outcome.refused("pdf_too_many_pages", pages=pages, limit=ceilings.page_limit)
    searchable = _searchable_parts(reader, ceilings) if read_text else []
    active = active_content(reader)  # before the copy, which cleans the annotations it reads
    return Outcome(pages=pages, searchable=searchable, active=active, copy=reviewers_copy(reader))


def _declared_pages(reader: PdfReader) -> int:
    """The page count the page tree's root declares (a file may lie: the pages are still counted)."""
    pages = reader.trailer["/Root"].get_object().get("/Pages")
    count = pages.get_object().get("/Count") if pages is not None else None
    return count if isinstance(count, int) else 0


def _searchable_parts(reader: PdfReader, ceilings: Ceilings) -> list:
    searchable = _metadata_parts(reader, ceilings)
    contents = _page_contents(reader, ceilings)
    for number, page in enumerate(reader.pages, start=1):
        searchable.append((("page", number), page.extract_text() if contents[number - 1] else ""))
    return searchable


def _metadata_parts(reader: PdfReader, ceilings: Ceilings) -> list:
    parts = [(("info", str(key).lstrip("/")), str(value)) for key, value in (reader.metadata or {}).items()]
    xmp = reader.xmp_metadata
    if xmp is not None:
        packet = xmp.stream.get_data()
        if len(packet) > ceilings.document_bytes:
            raise TooComplex("document", limit=ceilings.document_bytes)
        parts.append((("xmp", ""), html.unescape(packet.decode("utf-8", errors="replace"))))
    return parts


def _page_contents(reader: PdfReader, ceilings: Ceilings) -> list[int]:
    """Decompress each page's content once, before any text is extracted: the
    document's total and each page's operators must keep to their ceilings."""
    total, operators, sizes = 0, 0, []
    for number, page in enumerate(reader.pages, start=1):
        contents = page.get_contents()
        content = contents.get_data() if contents is not None else b""
        total += len(content)
        if total > ceilings.document_bytes:
            raise TooComplex("document", limit=ceilings.document_bytes)
        on_page = operators_at_most(content) if content else 0
        if on_page > ceilings.operators_per_page or operators + on_page > ceilings.operators:
            on_page = operators_in(content, stop_above=ceilings.operators_per_page)
        if on_page > ceilings.operators_per_page:
            raise TooComplex("operators", page=number, limit=ceilings.operators_per_page)
        operators += on_page
        if operators > ceilings.operators:
            raise TooComplex("all_operators", limit=ceilings.operators)
        sizes.append(len(content))
    return sizes
