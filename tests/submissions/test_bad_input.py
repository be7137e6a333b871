"""What an author gets wrong, through the form: each mistake gets a message
naming the rule next to its field, everything typed comes back, nothing is
saved (no submission, no file), and there is never a server error."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from submissions.models import PaperFile, Submission
from tests.pdfs import encrypted, make_pdf, seed_paper_bytes, truncated, upload, with_direct_content_stream
from tests.seed_paper import form_data, seed_paper

pytestmark = pytest.mark.django_db
TYPED_TITLE = "Paradiplomacy, Security Policies and City Networks"


@pytest.fixture
def gilberto(client):
    from tests.factories import UserFactory

    user = UserFactory(email="gilberto.rodrigues@ufabc.edu.br", full_name="Gilberto Marcos Antonio Rodrigues")
    client.force_login(user)
    return user


def form_url(panel) -> str:
    return reverse("submissions:create", kwargs={"conference_slug": panel.conference.slug, "panel_slug": panel.slug})


def post_new(client, panel, *, paper=None, pdf: bytes | None = None, pdf_name="paper.pdf"):
    paper = paper or seed_paper()
    paper["title"] = TYPED_TITLE
    data = form_data(paper, topics=panel.topics.all()[:1])
    if pdf is not None:
        data["paper"] = upload(pdf, pdf_name)
    return client.post(form_url(panel), data)


def assert_refused_and_kept(response, field: str, rule_words: str, stored_files, status=200):
    assert response.status_code == status
    form = response.context["form"]
    errors = " ".join(form.errors.get(field, []) if field != "authors" else response.context["authors"].non_form_errors())
    assert rule_words in errors, errors
    body = response.content.decode()
    assert TYPED_TITLE in body and "Mercocities, the main city network in South America" in body
    # The summary above the form names the rule too, and links to the field.
    summary = body[body.index('id="error-summary"'):body.index("</div>", body.index('id="error-summary"'))]
    assert rule_words in summary.replace("&#x27;", "'").replace("&quot;", '"') or status == 403
    if field not in ("authors", "__all__") and status != 403:
        assert f'href="#id_{field}"' in summary
    assert not Submission.objects.exists() and not PaperFile.objects.exists()
    assert stored_files() == []


def test_a_text_file_renamed_pdf(client, panel, gilberto, stored_files):
    response = post_new(client, panel, pdf=b"My paper is attached in Word.\n" * 40, pdf_name="paper.pdf")
    assert_refused_and_kept(response, "paper", "This file is not a PDF", stored_files)


def test_an_encrypted_pdf(client, panel, gilberto, stored_files):
    response = post_new(client, panel, pdf=encrypted(make_pdf()))
    assert_refused_and_kept(response, "paper", "encrypted or password-protected", stored_files)


def test_a_truncated_pdf(client, panel, gilberto, stored_files):
    response = post_new(client, panel, pdf=truncated(seed_paper_bytes()))
    assert_refused_and_kept(response, "paper", "incomplete or damaged", stored_files)


def test_a_pdf_that_cannot_be_copied_for_blind_review(client, panel, gilberto, stored_files):
    assert panel.double_blind
    response = post_new(client, panel, pdf=with_direct_content_stream(make_pdf(pages=2)))
    assert_refused_and_kept(response, "paper", "incomplete or damaged", stored_files)


def test_an_over_size_file(client, panel, gilberto, stored_files):
    panel.pdf_max_mb = 1
    panel.save()
    response = post_new(client, panel, pdf=make_pdf() + b"%" * (1024 * 1024))
    assert_refused_and_kept(response, "paper", "this call accepts PDF files of at most 1.0\xa0MB", stored_files)


def test_an_over_size_file_beyond_djangos_in_memory_upload_limit_gets_the_same_message(
    client, panel, gilberto, stored_files, settings,
):
    """Above FILE_UPLOAD_MAX_MEMORY_SIZE Django streams to a temporary file; the rule still answers."""
    big = make_pdf() + b"%" * (settings.FILE_UPLOAD_MAX_MEMORY_SIZE + panel.pdf_max_bytes)
    response = post_new(client, panel, pdf=big)
    assert_refused_and_kept(response, "paper", "this call accepts PDF files of at most 10.0\xa0MB", stored_files)


def test_a_pdf_over_the_page_limit(client, panel, gilberto, stored_files):
    panel.page_limit = 10
    panel.save()
    response = post_new(client, panel, pdf=seed_paper_bytes())
    assert_refused_and_kept(response, "paper", "The PDF has 15 pages; this call accepts at most 10 pages.", stored_files)


def test_an_over_long_abstract(client, panel, gilberto, stored_files):
    paper = seed_paper()
    paper["abstract"] = paper["abstract"] + " More words." * 200
    response = post_new(client, panel, paper=paper, pdf=seed_paper_bytes())
    assert_refused_and_kept(response, "abstract", "The abstract has 507 words; this call asks for between 50 and 300",
                            stored_files)


def test_too_few_keywords(client, panel, gilberto, stored_files):
    paper = seed_paper()
    paper["keywords"] = ["Paradiplomacy"]
    response = post_new(client, panel, paper=paper)
    assert_refused_and_kept(response, "keywords", "You gave 1 keyword; this call asks for between 3 and 8.",
                            stored_files)


@pytest.mark.parametrize(("marked", "message"), [
    (False, "Mark exactly one author as the corresponding author (0 marked)."),
    (True, "Mark exactly one author as the corresponding author (2 marked)."),
], ids=["a missing corresponding author", "two corresponding authors"])
def test_a_missing_or_doubled_corresponding_author(client, panel, gilberto, stored_files, marked, message):
    paper = seed_paper()
    for author in paper["authors"]:
        author["is_corresponding"] = marked
    response = post_new(client, panel, paper=paper, pdf=seed_paper_bytes())
    assert_refused_and_kept(response, "authors", message, stored_files)


def test_a_malformed_orcid(client, panel, gilberto, stored_files):
    paper = seed_paper()
    paper["authors"][1]["orcid"] = "0000-0002-5648-635"
    response = post_new(client, panel, paper=paper, pdf=seed_paper_bytes())
    assert response.status_code == 200
    author_form = response.context["authors"].forms[1]
    assert "An ORCID iD has the form 0000-0002-1825-0097" in " ".join(author_form.errors["orcid"])
    body = response.content.decode()
    assert "0000-0002-5648-635" in body and TYPED_TITLE in body
    assert not Submission.objects.exists() and stored_files() == []


def test_an_orcid_with_a_wrong_check_digit(client, panel, gilberto):
    paper = seed_paper()
    paper["authors"][0]["orcid"] = "0000-0001-5150-5147"
    response = post_new(client, panel, paper=paper)
    assert "check digit" in " ".join(response.context["authors"].forms[0].errors["orcid"])


def test_the_submitter_cannot_leave_the_author_list(client, panel, gilberto, stored_files):
    paper = seed_paper()
    paper["authors"][0]["email"] = "someone.else@ufabc.edu.br"
    response = post_new(client, panel, paper=paper)
    assert_refused_and_kept(response, "authors", "Keep yourself among the authors", stored_files)


def test_a_pdf_that_passed_is_asked_for_again_when_another_field_fails(client, panel, gilberto):
    paper = seed_paper()
    paper["keywords"] = []
    response = post_new(client, panel, paper=paper, pdf=seed_paper_bytes())
    assert "choose it again" in " ".join(response.context["form"].errors["paper"])


def test_a_new_submission_one_second_after_the_deadline(client, panel, gilberto, stored_files):
    panel.submission_deadline = timezone.now() - datetime.timedelta(seconds=1)
    panel.save()
    response = post_new(client, panel, pdf=seed_paper_bytes())
    assert response.status_code == 403
    assert "The full-paper deadline" in " ".join(response.context["form"].non_field_errors())
    assert TYPED_TITLE in response.content.decode()
    assert not Submission.objects.exists() and stored_files() == []


def test_a_change_one_second_after_the_deadline(client, paper, author, stored_files):
    client.force_login(author)
    panel = paper.panel
    panel.submission_deadline = timezone.now() - datetime.timedelta(seconds=1)
    panel.save()
    changed = seed_paper()
    changed["title"] = TYPED_TITLE
    changed["authors"] = [{"name": a.name, "email": a.email, "affiliation": "ABC", "is_corresponding": a.is_corresponding}
                          for a in paper.authors.all()]
    response = client.post(reverse("submissions:edit", kwargs={"code": paper.code}),
                           form_data(changed, topics=panel.topics.all()[:1], initial_authors=1)
                           | {"paper": upload(seed_paper_bytes())})
    assert response.status_code == 403
    refusal = " ".join(response.context["form"].non_field_errors())
    assert "The full-paper deadline" in refusal and "has passed" in refusal and "(AoE)" in refusal
    assert TYPED_TITLE in response.content.decode()
    paper.refresh_from_db()
    assert paper.title == "Paradiplomacy and city networks" and not paper.files.exists()
    assert stored_files() == []


def test_a_submit_one_second_after_the_deadline_gets_a_clear_refusal(client, panel, author):
    from tests.factories import PaperFileFactory, SubmissionFactory

    draft = SubmissionFactory(panel=panel, created_by=author, state=Submission.State.DRAFT, submitted_at=None)
    PaperFileFactory(submission=draft)
    panel.submission_deadline = timezone.now() - datetime.timedelta(seconds=1)
    panel.save()
    client.force_login(author)
    response = client.post(reverse("submissions:submit", kwargs={"code": draft.code}))
    assert response.status_code == 403
    assert "The full-paper deadline" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == Submission.State.DRAFT


def test_an_upload_one_second_after_the_deadline_is_refused_and_stores_nothing(client, paper, author, stored_files):
    paper.panel.submission_deadline = timezone.now() - datetime.timedelta(seconds=1)
    paper.panel.save()
    client.force_login(author)
    url = reverse("submissions:upload", kwargs={"code": paper.code})
    assert client.get(url).status_code == 403
    response = client.post(url, {"paper": upload(make_pdf())})
    assert response.status_code == 403 and "has passed" in response.content.decode()
    assert stored_files() == [] and not paper.files.exists()


def test_every_mistake_of_the_author_list_shows_at_once(client, panel, gilberto):
    paper = seed_paper()
    paper["authors"][1]["orcid"] = "not an orcid"
    paper["authors"][1]["email"] = paper["authors"][0]["email"]
    paper["authors"][0]["is_corresponding"] = False
    response = post_new(client, panel, paper=paper)
    authors = response.context["authors"]
    assert "(0 marked)" in " ".join(authors.non_form_errors())
    assert "already given for another author" in " ".join(authors.forms[1].errors["email"])
    assert "ORCID" in " ".join(authors.forms[1].errors["orcid"])


def test_the_summary_names_the_author_row_of_an_error(client, panel, gilberto, stored_files):
    paper = seed_paper()
    paper["authors"][1]["affiliation"] = ""
    response = post_new(client, panel, paper=paper, pdf=seed_paper_bytes())
    assert response.status_code == 200
    body = response.content.decode()
    summary = body[body.index('id="error-summary"'):body.index("</div>", body.index('id="error-summary"'))]
    assert 'href="#id_authors-1-affiliation">Author 2 · Affiliation: This field is required.' in summary
    assert not Submission.objects.exists()
