"""Active content: the author is told before submitting, the chair sees it on
the paper, and reviewers, in every call, get a copy without it."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from submissions import pdf, services
from submissions.pdf.active import active_content
from tests.hostile.corpus import simple_pdf
from tests.hostile.corpus_active import JS, LINK, URI
from tests.pdfs import upload
from tests.seed_paper import form_data, seed_paper

pytestmark = pytest.mark.django_db
ACTIVE_PDF = simple_pdf(catalog_extra=b"/OpenAction " + JS, page_extra=b"/Annots [10 0 R] /AA << /O " + JS + b" >>",
                        extra={10: LINK % URI})


def checked(data: bytes) -> pdf.CheckedPdf:
    return pdf.inspect_pdf(upload(data), max_bytes=10 * 1024 * 1024, page_limit=40)


def test_the_check_names_each_kind_and_the_copy_has_none_of_them():
    paper = checked(ACTIVE_PDF)
    assert paper.active_content == ["javascript", "uri"]
    copy = PdfReader(io.BytesIO(paper.reviewers_copy))
    assert active_content(copy) == [] and len(copy.pages) == 1
    assert b"/JavaScript" not in paper.reviewers_copy and b"tracker.example" not in paper.reviewers_copy


def test_a_plain_paper_has_no_active_content():
    assert checked(simple_pdf()).active_content == []


def test_the_author_is_told_before_submitting(client, panel):
    from tests.factories import UserFactory

    client.force_login(UserFactory(email="gilberto.rodrigues@ufabc.edu.br", full_name="Gilberto Marcos Antonio Rodrigues"))
    data = form_data(seed_paper(), topics=panel.topics.all()[:1])
    data["paper"] = upload(ACTIVE_PDF)
    url = reverse("submissions:create", kwargs={"conference_slug": panel.conference.slug, "panel_slug": panel.slug})
    response = client.post(url, data, follow=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert "reviewers will get a copy without it" in body
    assert "This PDF carries active content" in body and "JavaScript" in body and "web addresses" in body
    assert "Not submitted yet" in body


@pytest.mark.parametrize("double_blind", [True, False])
def test_reviewers_get_the_copy_without_it_in_every_call(client, panel, paper, author, reviewer, double_blind):
    panel.double_blind = double_blind
    panel.save()
    services.paper_upload(submission=paper, by=author, paper=checked(ACTIVE_PDF))
    client.force_login(reviewer)
    response = client.get(reverse("reviews:review_paper_download", kwargs={"code": paper.code}))
    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert active_content(PdfReader(io.BytesIO(body))) == []
    assert b"/JavaScript" not in body


def test_the_chair_sees_it_on_the_paper(client, panel, paper, author, chair, reviewer):
    services.paper_upload(submission=paper, by=author, paper=checked(ACTIVE_PDF))
    client.force_login(chair)
    body = client.get(reverse("reviews:paper_reviews", kwargs={"code": paper.code})).content.decode()
    assert "This PDF carries active content" in body and "JavaScript" in body
    client.force_login(reviewer)
    body = client.get(reverse("reviews:review", kwargs={"code": paper.code})).content.decode()
    assert "This PDF carries active content" not in body
