import pytest
from django.urls import reverse

from submissions.models import PaperFile, Submission
from tests.factories import AuthorFactory, PaperFileFactory
from tests.pdfs import make_pdf, upload

pytestmark = pytest.mark.django_db


def urls_of(submission) -> dict[str, str]:
    PaperFileFactory(submission=submission)
    code = {"code": submission.code}
    return {
        "detail": reverse("submissions:detail", kwargs=code),
        "edit": reverse("submissions:edit", kwargs=code),
        "upload": reverse("submissions:upload", kwargs=code),
        "submit": reverse("submissions:submit", kwargs=code),
        "withdraw": reverse("submissions:withdraw", kwargs=code),
        "download": reverse("submissions:download", kwargs=code | {"kind": "paper", "version": 1}),
    }


@pytest.mark.parametrize("page", ["detail", "edit", "upload", "download"])
def test_another_author_can_never_see_edit_or_download_someone_elses_submission(client, paper, other_author, page):
    client.force_login(other_author)
    response = client.get(urls_of(paper)[page])
    assert response.status_code == 404
    assert paper.title.encode() not in response.content


@pytest.mark.parametrize("page", ["edit", "upload", "submit", "withdraw"])
def test_another_author_can_never_change_someone_elses_submission(client, paper, other_author, page):
    client.force_login(other_author)
    url = urls_of(paper)[page]
    data = {"title": "Taken over", "confirm": "on", "paper": upload(make_pdf())}
    assert client.post(url, data).status_code == 404
    paper.refresh_from_db()
    assert (paper.title, paper.state) == ("Paradiplomacy and city networks", Submission.State.SUBMITTED)
    assert PaperFile.objects.filter(submission=paper).count() == 1


def test_another_authors_dashboard_does_not_list_the_paper(client, paper, other_author):
    client.force_login(other_author)
    body = client.get(reverse("submissions:dashboard")).content.decode()
    assert paper.title not in body and "An unrelated paper on drug policy" in body


@pytest.mark.parametrize("page", ["submit", "withdraw"])
def test_a_get_on_a_change_view_is_refused(client, paper, author, page):
    client.force_login(author)
    assert client.get(urls_of(paper)[page]).status_code == 405


def test_a_visitor_is_sent_to_log_in_and_brought_back(client, paper):
    url = urls_of(paper)["detail"]
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == f"{reverse('account_login')}?next={url}"


def test_a_coauthor_may_only_look_when_the_call_keeps_editing_to_the_submitter(client, paper, coauthor):
    paper.panel.coauthors_may_edit = False
    paper.panel.save()
    client.force_login(coauthor)
    urls = urls_of(paper)
    assert client.get(urls["detail"]).status_code == 200
    response = client.get(urls["edit"])
    assert response.status_code == 403
    assert b"only the author who created the submission may change it" in response.content


def test_the_panels_chair_sees_and_downloads_a_submitted_paper_but_cannot_change_it(client, paper, chair):
    client.force_login(chair)
    urls = urls_of(paper)
    assert client.get(urls["detail"]).status_code == 200
    assert client.get(urls["download"]).status_code == 200
    response = client.get(urls["edit"])
    assert response.status_code == 403 and paper.title.encode() not in response.content


def test_the_download_is_a_private_attachment(client, paper, author):
    client.force_login(author)
    response = client.get(urls_of(paper)["download"])
    assert response["Content-Disposition"] == f'attachment; filename="submission-{paper.number}-paper-v1.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_withdrawing_needs_the_box_ticked(client, paper, author):
    client.force_login(author)
    response = client.post(urls_of(paper)["withdraw"], {})
    assert response.status_code == 302
    paper.refresh_from_db()
    assert paper.state == Submission.State.SUBMITTED


def test_a_decided_paper_cannot_be_withdrawn(client, paper, author):
    Submission.objects.filter(pk=paper.pk).update(state=Submission.State.ACCEPTED)
    client.force_login(author)
    response = client.post(urls_of(paper)["withdraw"], {"confirm": "on"})
    assert response.status_code == 403 and b"decided" in response.content


def test_the_edit_form_comes_filled_in(client, paper, author, coauthor):
    client.force_login(author)
    body = client.get(urls_of(paper)["edit"]).content.decode()
    assert paper.title in body and coauthor.email in body and "paradiplomacy; security policy; city networks" in body


def test_the_dashboard_shows_state_countdown_and_receipt(client, paper, author):
    client.force_login(author)
    version = PaperFileFactory(submission=paper)
    body = client.get(reverse("submissions:dashboard")).content.decode()
    assert "Submitted" in body and f"#{paper.number}" in body and version.sha256 in body
    assert "left until the full-paper deadline" in body


def test_a_submissions_page_needs_the_same_queries_whatever_its_authors_and_versions(
    client, paper, author, django_assert_max_num_queries,
):
    client.force_login(author)
    PaperFileFactory(submission=paper)
    url = reverse("submissions:detail", kwargs={"code": paper.code})
    with django_assert_max_num_queries(14) as few:
        first = client.get(url)
    assert first.status_code == 200
    for _extra in range(4):
        AuthorFactory(submission=paper)
        PaperFileFactory(submission=paper)
    with django_assert_max_num_queries(len(few.captured_queries)):
        again = client.get(url)
    assert again.status_code == 200
