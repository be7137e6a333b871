"""The lifecycle rules, checked at chosen moments (`now`) around the deadlines."""

import datetime

import pytest
from allauth.account.models import EmailAddress

from submissions import permissions
from submissions.models import PaperFile, Submission
from tests.factories import PaperFileFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db
SECOND = datetime.timedelta(seconds=1)


def test_authors_may_edit_until_the_deadline_and_not_one_second_after(paper, author):
    deadline = paper.panel.submission_deadline
    assert permissions.can_edit(author, paper, now=deadline)
    refusal = permissions.why_not_edit(author, paper, now=deadline + SECOND)
    assert "full-paper deadline" in refusal and "has passed" in refusal


def test_the_refusal_states_the_deadline_in_the_conferences_time_zone(paper, author):
    paper.panel.submission_deadline = datetime.datetime(2027, 1, 5, 23, 59, 59, tzinfo=paper.panel.conference.zone)
    refusal = permissions.why_not_edit(author, paper, now=paper.panel.submission_deadline + SECOND)
    assert "Jan. 5, 2027, 11:59 p.m. (AoE)" in refusal


def test_a_deadline_is_the_end_of_the_day_anywhere_on_earth_not_in_utc(paper, author):
    """11:59 p.m. AoE on 5 January is 11:59 a.m. UTC on 6 January: still open at 10:00 UTC that day."""
    panel = paper.panel
    panel.submission_deadline = datetime.datetime(2027, 1, 5, 23, 59, 59, tzinfo=panel.conference.zone)
    assert permissions.can_edit(author, paper, now=datetime.datetime(2027, 1, 6, 10, 0, tzinfo=datetime.UTC))
    assert not permissions.can_edit(author, paper, now=datetime.datetime(2027, 1, 6, 12, 0, tzinfo=datetime.UTC))


def test_a_coauthor_may_edit_when_the_call_allows_it(paper, coauthor):
    assert permissions.can_edit(coauthor, paper)
    paper.panel.coauthors_may_edit = False
    assert permissions.why_not_edit(coauthor, paper) == (
        "In this call only the author who created the submission may change it."
    )
    assert permissions.can_view(coauthor, paper)


def test_an_unverified_address_does_not_make_anyone_an_author(paper, coauthor):
    EmailAddress.objects.filter(user=coauthor).update(verified=False)
    assert not permissions.can_view(coauthor, paper)


def test_a_verified_second_address_makes_its_owner_an_author(paper):
    user = UserFactory(email="thiago.private@mail.example.org")
    EmailAddress.objects.create(user=user, email=paper.authors.get().email.upper(), verified=True, primary=False)
    assert permissions.can_edit(user, paper)


def test_chairs_see_submitted_papers_of_their_panel_but_change_nothing(paper, chair, other_chair):
    assert permissions.can_view(chair, paper)
    assert permissions.why_not_edit(chair, paper) == "Only the paper's authors may change it."
    assert not permissions.can_withdraw(chair, paper)
    assert not permissions.can_view(other_chair, paper)


def test_chairs_do_not_see_drafts(panel, chair, author):
    draft = SubmissionFactory(panel=panel, created_by=author, state=Submission.State.DRAFT)
    assert not permissions.can_view(chair, draft)
    assert permissions.can_view(author, draft)


def test_another_author_may_not_see_or_touch_a_paper(paper, other_author):
    assert permissions.why_not_view(other_author, paper) == "This submission is not yours."
    assert not permissions.can_edit(other_author, paper)
    assert not permissions.can_withdraw(other_author, paper)
    assert not permissions.can_download(other_author, PaperFileFactory(submission=paper))


def test_withdrawing_is_possible_after_the_deadline_but_not_after_a_decision(paper, author):
    paper.panel.submission_deadline = paper.panel.opens_at
    assert permissions.can_withdraw(author, paper)
    paper.state = Submission.State.REJECTED
    assert "decided" in permissions.why_not_withdraw(author, paper)
    paper.state = Submission.State.WITHDRAWN
    assert permissions.why_not_withdraw(author, paper) == "This submission was already withdrawn."


def test_a_decided_paper_can_no_longer_be_edited(paper, author):
    paper.state = Submission.State.ACCEPTED
    assert "can no longer be changed" in permissions.why_not_edit(author, paper)


def test_submitting_needs_a_draft_with_its_pdf(panel, author):
    draft = SubmissionFactory(panel=panel, created_by=author, state=Submission.State.DRAFT)
    assert permissions.why_not_submit(author, draft) == "Upload the paper (PDF) before submitting."
    PaperFileFactory(submission=draft)
    assert permissions.can_submit(author, draft)
    assert not permissions.can_submit(author, draft, now=panel.submission_deadline + SECOND)
    draft.state = Submission.State.SUBMITTED
    assert permissions.why_not_submit(author, draft) == "This submission was already submitted."


def test_a_new_submission_needs_an_open_call(panel, author):
    assert permissions.can_start(author, panel)
    assert "opens for submissions" in permissions.why_not_start(author, panel, now=panel.opens_at - SECOND)
    assert "no new submissions" in permissions.why_not_start(author, panel, now=panel.submission_deadline + SECOND)
    panel.is_published = False
    assert permissions.why_not_start(author, panel) == "This call is not published."


def test_new_submissions_close_at_the_abstract_deadline_when_there_is_one(panel, author, paper):
    panel.abstract_deadline = panel.submission_deadline - datetime.timedelta(days=7)
    after_abstracts = panel.abstract_deadline + SECOND
    assert "abstract deadline" in permissions.why_not_start(author, panel, now=after_abstracts)
    assert permissions.can_edit(author, paper, now=after_abstracts)  # existing ones stay open


def test_after_acceptance_an_upload_is_the_camera_ready_copy_until_its_deadline(paper, author):
    paper.state = Submission.State.ACCEPTED
    assert permissions.upload_kind(paper) == PaperFile.Kind.CAMERA_READY
    assert permissions.why_not_upload(author, paper) == "This call has not opened camera-ready uploads yet."
    paper.panel.camera_ready_deadline = paper.panel.submission_deadline + datetime.timedelta(days=60)
    assert permissions.can_upload(author, paper, now=paper.panel.submission_deadline + SECOND)
    assert not permissions.can_upload(author, paper, now=paper.panel.camera_ready_deadline + SECOND)
