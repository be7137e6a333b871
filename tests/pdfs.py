"""PDFs for tests, made with pypdf: a paper with chosen text and metadata, and
the broken files authors upload by mistake."""

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject

FIXTURES = Path(__file__).parent / "fixtures"
SEED_PAPER_PDF = FIXTURES / "seed_paper.pdf"


def _escaped(line: str) -> bytes:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def make_pdf(lines: list[str] = ("An anonymous paper on city networks",), *, pages: int = 1,
             metadata: dict | None = None, xmp: str | None = None) -> bytes:
    """A small real PDF: each page carries `lines` as Helvetica text."""
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
    }))
    content = b"BT /F1 12 Tf 72 720 Td 14 TL " + b" ".join(b"(" + _escaped(line) + b") '" for line in lines) + b" ET"
    for _number in range(pages):
        page = writer.add_blank_page(612, 792)
        stream = StreamObject()
        stream.set_data(content)
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject({
            NameObject("/Font"): DictionaryObject({NameObject("/F1"): font}),
        })
    writer.metadata = None
    if metadata:
        writer.add_metadata(metadata)
    if xmp:
        writer.xmp_metadata = xmp.encode()
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def xmp_packet(creator: str) -> str:
    return (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>"
        "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>"
    )


def encrypted(data: bytes, password: str = "secret") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(password)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def with_direct_content_stream(data: bytes) -> bytes:
    """A malformed PDF that readers display but pypdf cannot rewrite: the first
    page's content stream sits directly inside an array (streams must be
    indirect objects), as some hand-made or repaired files have it."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    page = writer.pages[0]
    page[NameObject("/Contents")] = ArrayObject([page["/Contents"]])  # the resolved stream, not its reference
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def truncated(data: bytes, keep: float = 0.6) -> bytes:
    return data[: int(len(data) * keep)]


def seed_paper_bytes() -> bytes:
    return SEED_PAPER_PDF.read_bytes()


def upload(data: bytes, name: str = "paper.pdf", content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
