"""Journey 4: what goes wrong gets a clear message, and nothing typed is lost."""

import datetime

import pytest
from django.utils import timezone

from sampledata.demo import demo_load
from tests.e2e.helpers import log_in
from tests.factories import SubmissionFactory, UserFactory
from tests.pdfs import FIXTURES
from tests.seed_paper import seed_paper

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_author(live_server):
    panel, _logins = demo_load()
    user = UserFactory(email="ana.autora@unb.example.br", full_name="Ana Autora", affiliation="UnB")
    return panel, user


def test_a_text_file_renamed_pdf_is_refused_and_the_form_keeps_what_was_typed(
    page, demo_author, tmp_path, screenshots, assert_accessible,
):
    panel, user = demo_author
    paper = seed_paper()
    fake = tmp_path / "paper.pdf"
    fake.write_text("These are my notes, not a PDF.")
    log_in(page, user.email)
    page.goto(f"/calls/demo/{panel.slug}/submit/")
    page.locator("main [name=title]").fill(paper["title"])
    page.locator("main [name=abstract]").fill(paper["abstract"])
    page.locator("main [name=paper]").set_input_files(str(fake))
    page.get_by_role("button", name="Save and review").click()

    error = page.locator("#id_paper").locator("xpath=..").inner_text()
    assert "not a PDF" in error or "PDF" in error
    assert page.locator("main [name=title]").input_value() == paper["title"]
    assert page.locator("main [name=abstract]").input_value() == paper["abstract"]
    assert page.get_by_role("alert").first.is_visible()
    screenshots(page, "not-a-pdf")
    assert_accessible(page)


def test_an_edit_after_the_deadline_is_refused_with_the_deadline_named(page, demo_author, screenshots):
    panel, user = demo_author
    submission = SubmissionFactory(panel=panel, created_by=user, title="A paper finished too late")
    log_in(page, user.email)
    page.goto(f"/submissions/{submission.code}/edit/")
    page.locator("main [name=title]").fill("A better title, typed in time")
    panel.submission_deadline = timezone.now() - datetime.timedelta(seconds=1)
    panel.save(update_fields=["submission_deadline"])
    page.get_by_role("button", name="Save changes").click()

    assert "deadline" in page.locator("main").inner_text().lower()
    assert page.locator("main [name=title]").input_value() == "A better title, typed in time"
    submission.refresh_from_db()
    assert submission.title == "A paper finished too late"
    screenshots(page, "after-the-deadline")


def test_another_authors_submission_cannot_be_opened_by_its_url(page, demo_author, screenshots):
    panel, user = demo_author
    someone_else = UserFactory(email="rival@elsewhere.example.org", full_name="Rita Rival")
    theirs = SubmissionFactory(panel=panel, created_by=someone_else, title="A secret paper of Rita Rival")
    log_in(page, user.email)
    for path in (f"/submissions/{theirs.code}/", f"/submissions/{theirs.code}/edit/",
                 f"/submissions/{theirs.code}/files/paper/v1/"):
        response = page.goto(path)
        assert response.status == 404
        assert "A secret paper" not in page.content()
        assert "Rita Rival" not in page.content()
    screenshots(page, "not-found")


def test_the_seed_pdf_uploads_fine_after_a_mistake(page, demo_author):
    """Recovering from the refusal: choosing the real PDF again saves the paper."""
    panel, user = demo_author
    paper = seed_paper()
    log_in(page, user.email)
    page.goto(f"/calls/demo/{panel.slug}/submit/")
    page.locator("main [name=title]").fill(paper["title"])
    page.locator("main [name=abstract]").fill(paper["abstract"])
    page.locator("main [name=keywords]").fill("; ".join(paper["keywords"]))
    page.locator("main input[name=topics]").first.check()
    page.locator("main [name=paper]").set_input_files(str(FIXTURES / "seed_paper.pdf"))
    page.get_by_role("button", name="Save and review").click()
    assert "/submissions/" in page.url
