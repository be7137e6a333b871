import hashlib
import io

import pytest
from pypdf import PdfReader

from submissions import pdf
from tests.pdfs import (
    encrypted, make_pdf, seed_paper_bytes, truncated, upload, with_direct_content_stream, xmp_packet,
)
from tests.seed_paper import SEED_PAPER

LIMITS = {"max_bytes": 10 * 1024 * 1024, "page_limit": 40, "read_text": True}
SEED_AUTHORS = {
    "names": [author["name"] for author in SEED_PAPER["authors"]],
    "emails": [author["email"] for author in SEED_PAPER["authors"]],
    "orcids": [author["orcid"] for author in SEED_PAPER["authors"]],
}


def rejection_code(data: bytes, name="paper.pdf", **limits) -> str:
    with pytest.raises(pdf.PdfRejected) as rejected:
        pdf.inspect_pdf(upload(data, name), **(LIMITS | limits))
    return rejected.value.code


def test_the_seed_paper_passes_the_checks_with_its_pages_and_checksum():
    checked = pdf.inspect_pdf(upload(seed_paper_bytes()), **LIMITS)
    assert checked.pages == 15
    assert checked.size == len(seed_paper_bytes())
    assert checked.sha256 == hashlib.sha256(seed_paper_bytes()).hexdigest()


def test_the_anonymity_check_flags_the_seed_paper_whose_metadata_names_both_authors():
    checked = pdf.inspect_pdf(upload(seed_paper_bytes()), **LIMITS)
    findings = pdf.identity_findings(checked, **SEED_AUTHORS)
    in_metadata = {(finding["term"], finding["field"]) for finding in findings if finding["in"] == "info"}
    assert in_metadata == {("Gilberto Marcos Antonio Rodrigues", "Author"), ("Thiago Mattioli", "Author")}
    in_text = {finding["term"]: finding["pages"] for finding in findings if finding["in"] == "text"}
    assert 1 in in_text["Thiago Mattioli"]
    assert "0000-0002-5648-6359" in in_text  # the ORCID iDs in the footnotes give them away too


def test_a_pdf_without_the_authors_passes_the_anonymity_check():
    checked = pdf.inspect_pdf(upload(make_pdf(["Paradiplomacy and city networks", "Author removed for review"],
                                              metadata={"/Title": "Paradiplomacy"})), **LIMITS)
    assert pdf.identity_findings(checked, **SEED_AUTHORS) == []


def test_names_are_found_in_xmp_metadata_and_whatever_their_case_accents_or_line_breaks():
    checked = pdf.inspect_pdf(upload(make_pdf(
        ["Thanks to GILBERTO MARCOS", "ANTONIO RODRIGUES for comments"], xmp=xmp_packet("Thiago Mattióli"),
    )), **LIMITS)
    findings = pdf.identity_findings(checked, **SEED_AUTHORS)
    assert {"term": "Thiago Mattioli", "in": "xmp"} in findings
    assert {"term": "Gilberto Marcos Antonio Rodrigues", "in": "text", "pages": [1]} in findings


def test_an_email_address_in_the_text_is_found():
    checked = pdf.inspect_pdf(upload(make_pdf(["Write to thiago.mattioli@ufabc.edu.br"])), **LIMITS)
    assert pdf.identity_findings(checked, **SEED_AUTHORS) == [
        {"term": "thiago.mattioli@ufabc.edu.br", "in": "text", "pages": [1]},
    ]


def test_a_text_file_named_pdf_is_refused_as_not_a_pdf():
    assert rejection_code(b"Dear chairs,\nplease find my paper attached.\n" * 20, "paper.pdf") == "pdf_not_pdf"


def test_a_file_that_starts_like_a_pdf_but_is_garbage_is_refused_as_damaged():
    assert rejection_code(b"%PDF-1.7\n" + b"\x00garbage" * 500 + b"\n%%EOF\n") == "pdf_damaged"


def test_an_encrypted_pdf_is_refused():
    assert rejection_code(encrypted(make_pdf())) == "pdf_encrypted"


def test_an_encrypted_pdf_with_an_empty_user_password_is_refused_too():
    assert rejection_code(encrypted(make_pdf(), password="")) == "pdf_encrypted"


@pytest.mark.parametrize("keep", [0.3, 0.9, 0.995])
def test_a_truncated_pdf_is_refused(keep):
    assert rejection_code(truncated(seed_paper_bytes(), keep)) in {"pdf_truncated", "pdf_damaged"}


def test_a_pdf_over_the_page_limit_is_refused_naming_the_limit():
    with pytest.raises(pdf.PdfRejected) as rejected:
        pdf.inspect_pdf(upload(make_pdf(pages=5)), max_bytes=LIMITS["max_bytes"], page_limit=4)
    assert rejected.value.code == "pdf_too_many_pages"
    assert "5 pages" in rejected.value.message and "at most 4 pages" in rejected.value.message


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    with pytest.raises(pdf.PdfRejected) as rejected:
        pdf.inspect_pdf(upload(b"x" * 2_000_000), max_bytes=1024 * 1024, page_limit=40)
    assert rejected.value.code == "pdf_too_large"
    assert "1.9\xa0MB" in rejected.value.message and "1.0\xa0MB" in rejected.value.message


def test_an_empty_file_is_refused():
    assert rejection_code(b"") == "pdf_empty"


def test_the_reviewers_copy_keeps_the_pages_and_drops_every_piece_of_metadata():
    original = make_pdf(["Paradiplomacy"], pages=3, metadata={"/Author": "Thiago Mattioli"},
                        xmp=xmp_packet("Thiago Mattioli"))
    copy = pdf.reviewers_copy(pdf.inspect_pdf(upload(original), **LIMITS))
    reader = PdfReader(io.BytesIO(copy))
    assert len(reader.pages) == 3
    assert reader.xmp_metadata is None
    assert "Thiago" not in str(reader.metadata or {})
    assert b"Mattioli" not in copy
    assert pdf.identity_findings(pdf.inspect_pdf(upload(copy), **LIMITS), **SEED_AUTHORS) == []


def test_the_reviewers_copy_of_the_seed_paper_has_no_author_in_its_metadata():
    copy = pdf.reviewers_copy(pdf.inspect_pdf(upload(seed_paper_bytes()), **LIMITS))
    findings = pdf.identity_findings(pdf.inspect_pdf(upload(copy), **LIMITS), **SEED_AUTHORS)
    assert findings and all(finding["in"] == "text" for finding in findings)


def test_a_pdf_that_cannot_be_rewritten_for_the_reviewers_is_refused_as_damaged():
    """Every call gives reviewers a rewritten copy, so a file pypdf reads but cannot rewrite is refused."""
    malformed = with_direct_content_stream(make_pdf(pages=2))
    with pytest.raises(pdf.PdfRejected) as rejected:
        pdf.inspect_pdf(upload(malformed), **LIMITS)
    assert rejected.value.code == "pdf_damaged"


def test_the_check_hands_over_the_reviewers_copy_it_made():
    checked = pdf.inspect_pdf(upload(make_pdf(["Paradiplomacy"], metadata={"/Author": "Thiago Mattioli"})),
                              **LIMITS)
    assert checked.reviewers_copy and b"Mattioli" not in checked.reviewers_copy
    assert pdf.reviewers_copy(checked) is checked.reviewers_copy
