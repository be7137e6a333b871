"""Journey 1: an author finds the seed call, signs up, verifies the address
from the mail, submits the seed paper (both authors, the Portuguese abstract,
the PDF), sees the receipt, edits the title, uploads a new version and finds
the submission on the dashboard."""

import pytest

from sampledata.demo import demo_load
from submissions.models import Submission
from tests.e2e.helpers import last_mail_to, sign_up, verify_email
from tests.pdfs import FIXTURES
from tests.seed_paper import seed_paper

pytestmark = pytest.mark.django_db(transaction=True)


def fill_author(page, index: int, author: dict):
    for field in ("name", "email", "affiliation", "orcid"):
        page.locator(f"main [name='authors-{index}-{field}']").fill(author[field])
    page.locator(f"main [name='authors-{index}-country']").select_option(author["country"])
    if author.get("is_corresponding"):
        page.locator(f"main [name='authors-{index}-is_corresponding']").check()


def test_an_author_submits_the_seed_paper_in_the_browser(page, screenshots, assert_accessible):
    panel, _logins = demo_load()
    paper = seed_paper()
    gilberto, thiago = paper["authors"]

    page.goto(panel.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == panel.title
    screenshots(page, "call")
    assert_accessible(page)

    page.get_by_role("link", name="Submit a paper").first.click()
    sign_up(page, email=gilberto["email"], name=gilberto["name"], affiliation=gilberto["affiliation"])
    assert "/accounts/confirm-email/" in page.url
    screenshots(page, "verification-sent")
    verify_email(page, gilberto["email"])
    assert page.url.endswith(f"/calls/demo/{panel.slug}/submit/")
    screenshots(page, "empty-form")
    assert_accessible(page)

    page.locator("main [name=title]").fill(paper["title"])
    page.locator("main [name=abstract]").fill(paper["abstract"])
    page.locator("main [name=keywords]").fill("; ".join(paper["keywords"]))
    page.get_by_label("South-South cooperation", exact=False).check()
    page.locator("main [name=language]").select_option(paper["language"])
    page.locator("main [name=second_language]").select_option(paper["second_language"])
    page.locator("main [name=second_title]").fill(paper["second_title"])
    page.locator("main [name=second_abstract]").fill(paper["second_abstract"])
    page.locator("main [name=second_keywords]").fill("; ".join(paper["second_keywords"]))
    fill_author(page, 0, gilberto)
    if page.get_by_role("button", name="Add another author").is_visible():
        page.get_by_role("button", name="Add another author").click()
    fill_author(page, 1, thiago)
    page.locator("main [name=paper]").set_input_files(str(FIXTURES / "seed_paper.pdf"))
    page.get_by_role("button", name="Save and review").click()

    submission = Submission.objects.get(title=paper["title"])
    assert page.url.endswith(f"/submissions/{submission.code}/")
    # The call is double-blind and the seed PDF's metadata names both authors.
    assert "names its authors" in page.content()
    screenshots(page, "draft-with-warnings")
    page.get_by_role("button", name="Submit anyway").click()
    submission.refresh_from_db()
    assert submission.state == Submission.State.SUBMITTED
    receipt = page.locator("body").inner_text()
    assert f"#{submission.number}" in receipt
    assert submission.files.get().sha256 in receipt
    screenshots(page, "receipt")
    assert_accessible(page)
    # The second author hears of the paper they were added to.
    assert last_mail_to(thiago["email"], "submission_coauthor_added").subject

    page.get_by_role("link", name="Edit").first.click()
    page.locator("main [name=title]").fill(paper["title"] + " (revised)")
    page.get_by_role("button", name="Save changes").click()
    assert "(revised)" in page.get_by_role("heading", level=1).inner_text()

    page.get_by_role("link", name="Upload a new PDF").first.click()
    page.locator("main [name=paper]").set_input_files(str(FIXTURES / "seed_paper.pdf"))
    page.get_by_role("button", name="Upload").click()
    assert submission.files.count() == 2

    page.goto("/submissions/")
    assert "(revised)" in page.locator("main").inner_text()
    screenshots(page, "dashboard")
    assert_accessible(page)
