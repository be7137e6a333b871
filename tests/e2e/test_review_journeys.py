"""Journey 2: a chair invites a reviewer, who accepts from the mail, bids, is
assigned by the automatic assigner, downloads the metadata-stripped PDF,
saves a draft, closes the tab, comes back to it and submits the review.

Journey 3: the chair sees the scores on the dashboard, decides, previews and
releases the decisions; the author receives the decision mail and reads the
comments to the authors."""

import time

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader

from reviews.models import Assignment, Review
from sampledata.demo import demo_load
from submissions import pdf
from submissions.models import Submission
from tests.e2e.helpers import last_mail_to, link_in, log_in, sign_up
from tests.factories import AuthorFactory, PaperFileFactory, SubmissionFactory, UserFactory
from tests.pdfs import FIXTURES

pytestmark = pytest.mark.django_db(transaction=True)

REVIEWER = {"email": "paula.pareceres@usp.example.br", "name": "Paula Pareceres", "affiliation": "USP"}
COMMENTS = "The comparison of Mercocities with other city networks is convincing; section 3 needs sources."


@pytest.fixture
def reviewed_call(live_server):
    """The demo call with the seed paper submitted by its first author."""
    panel, logins = demo_load()
    chair = panel.panel_chairs.first().user
    author = UserFactory(email="gilberto.rodrigues@ufabc.edu.br", full_name="Gilberto Marcos Antonio Rodrigues",
                         affiliation="Federal University of ABC")
    paper = SubmissionFactory(
        panel=panel, created_by=author, title="Paradiplomacy, Security Policies and City Networks",
        keywords=["paradiplomacy", "citizen security", "Mercocities"],
    )
    paper.topics.set(panel.topics.filter(number__in=[2, 6]))
    AuthorFactory(submission=paper, position=2, name="Thiago Mattioli", email="thiago.mattioli@ufabc.edu.br")
    seed = (FIXTURES / "seed_paper.pdf").read_bytes()
    checked = pdf.inspect_pdf_bytes(seed, name="seed.pdf", page_limit=panel.page_limit)
    PaperFileFactory(submission=paper, content=seed, pages=checked.pages,
                     blind_copy=ContentFile(pdf.reviewers_copy(checked), name="blind.pdf"))
    return panel, chair, author, paper


def saved_automatically(paper, reviewer, *, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if Review.objects.filter(submission=paper, reviewer=reviewer, comments_to_authors=COMMENTS).exists():
            return True
        time.sleep(0.25)
    return False


def panel_path(panel, page: str) -> str:
    return f"/reviews/{panel.conference.slug}/{panel.slug}/{page}"


def test_a_reviewer_is_invited_assigned_and_reviews(page, reviewed_call, screenshots, assert_accessible, tmp_path):
    panel, chair, author, paper = reviewed_call

    # The chair invites the reviewer and opens bidding.
    log_in(page, chair.email, "demo-conference-2026")
    page.goto(panel_path(panel, "invitations/"))
    page.locator("main [name=people]").fill(f"{REVIEWER['name']} <{REVIEWER['email']}>")
    page.get_by_role("button", name="Send the invitations").click()
    assert REVIEWER["email"] in page.locator("main").inner_text()
    screenshots(page, "chair-invitations")
    assert_accessible(page)
    page.goto(panel_path(panel, "bidding/"))
    page.locator("main [name=is_open]").check()
    page.get_by_role("button", name="Save bidding settings").click()
    page.context.clear_cookies()

    # The reviewer follows the mail's link, creates an account and accepts.
    invitation = last_mail_to(REVIEWER["email"], "reviewer_invitation")
    page.goto(link_in(invitation, "/reviews/invitations/"))
    screenshots(page, "invitation")
    page.get_by_role("link", name="Create an account and accept").click()
    # The invitation link proved the address: no verification mail is needed.
    sign_up(page, email=REVIEWER["email"], name=REVIEWER["name"], affiliation=REVIEWER["affiliation"])
    page.get_by_role("button", name="Accept").click()
    reviewer = panel.reviewers.get(user__email=REVIEWER["email"]).user

    # The reviewer bids; the double-blind call shows no author.
    page.goto(panel_path(panel, "bids/"))
    assert paper.title in page.content()
    assert author.full_name not in page.content()
    page.locator(f"main input[name='bid-{paper.code}'][value='eager']").check()
    page.get_by_role("button", name="Save my bids").click()
    screenshots(page, "bids")
    assert_accessible(page)
    page.context.clear_cookies()

    # The chair runs the automatic assigner and commits its proposal.
    log_in(page, chair.email, "demo-conference-2026")
    page.goto(panel_path(panel, "assignment/proposals/"))
    page.locator("main [name=reviewers_per_paper]").fill("1")
    page.locator("main form:has([name=reviewers_per_paper])").locator("button[type=submit], input[type=submit]").first.click()
    page.get_by_role("button", name="Commit and tell the reviewers").click()
    assert Assignment.objects.filter(submission=paper, reviewer=reviewer).exists()
    screenshots(page, "assignment-committed")
    page.context.clear_cookies()

    # The reviewer downloads the paper: the copy without the authors' metadata.
    log_in(page, reviewer.email)
    page.goto("/reviews/mine/")
    screenshots(page, "my-reviews")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the paper (PDF)").click()
    saved = tmp_path / "paper.pdf"
    download.value.save_as(saved)
    metadata = PdfReader(saved).metadata or {}
    assert "Rodrigues" not in str(dict(metadata))

    # A draft saved automatically survives closing the tab.
    page.get_by_role("link", name="Write your review").click()
    page.locator("main input[name=score_overall][value='2']").check()
    page.locator("main [name=comments_to_authors]").fill(COMMENTS)
    # Nobody presses a button: the page saves the draft by itself within seconds.
    assert saved_automatically(paper, reviewer), "the draft was not saved automatically"
    screenshots(page, "draft-autosaved")
    page.close()
    page = page.context.new_page()
    page.goto("/reviews/mine/")
    page.get_by_role("link", name="Continue your draft").click()
    assert page.locator("main [name=comments_to_authors]").input_value() == COMMENTS
    for name in ("relevance", "originality", "rigour", "clarity"):
        radios = page.locator(f"main input[name=score_{name}]")
        if radios.count():
            radios.nth(3).check()
    page.locator("main input[name=score_confidence][value='3']").check()
    page.get_by_role("button", name="Submit the review").click()
    assert Review.objects.get(submission=paper, reviewer=reviewer).state == Review.State.SUBMITTED
    screenshots(page, "review-submitted")
    assert_accessible(page)


def test_the_chair_decides_releases_and_the_author_reads_the_decision(
    page, reviewed_call, screenshots, assert_accessible,
):
    from tests.reviews.reviewing_factories import assign, submit_review

    panel, chair, author, paper = reviewed_call
    reviewer = assign(paper, email="paula.pareceres@usp.example.br", full_name="Paula Pareceres")
    submit_review(paper, reviewer, overall=2, comments=COMMENTS, confidential="Strong paper, accept.")

    log_in(page, chair.email, "demo-conference-2026")
    page.goto(panel_path(panel, "dashboard/"))
    dashboard = page.locator("main").inner_text()
    assert paper.title in dashboard
    screenshots(page, "dashboard")
    assert_accessible(page)

    page.get_by_role("link", name=paper.title).first.click()
    page.locator("main [name=outcome]").select_option("accept")
    page.locator("main [name=note]").fill("A welcome contribution to the panel.")
    page.locator("main form[action$='/decide/'] button[type=submit]").click()

    page.goto(panel_path(panel, "decisions/"))
    page.get_by_role("link", name="Preview the mails and release").click()
    preview = page.locator("main").inner_text()
    assert COMMENTS in preview and "Strong paper, accept." not in preview and "Paula" not in preview
    screenshots(page, "release-preview")
    assert_accessible(page)
    page.locator("main [name=confirm]").check()
    page.locator("main form[action$='/decisions/release/'] button[type=submit]").click()
    paper.refresh_from_db()
    assert paper.state == Submission.State.ACCEPTED
    screenshots(page, "release-batch")
    page.context.clear_cookies()

    decision_mail = last_mail_to(author.email, "decision")
    assert COMMENTS in decision_mail.body_text
    assert "Strong paper, accept." not in decision_mail.body_text
    log_in(page, author.email)
    page.goto(link_in(decision_mail, "/reviews/paper/"))
    text = page.locator("main").inner_text()
    assert COMMENTS in text and "Strong paper" not in text and "Paula" not in text
    screenshots(page, "author-decision")
    assert_accessible(page)
