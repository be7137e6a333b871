import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from portal.refusals import Refused
from reviews.models import Review, ReviewVersion
from reviews.services.reviewing import ReviewContent, ReviewIncomplete, review_save
from tests import factories
from tests.reviews.reviewing_factories import assign, content, draft_review, submit_review, upload_paper

pytestmark = pytest.mark.django_db


def review_url(paper, name="reviews:review"):
    return reverse(name, kwargs={"code": paper.code})


def typed(**overrides) -> dict:
    """The review form as a reviewer fills it in completely."""
    data = {
        "score_relevance": "4", "score_originality": "3", "score_rigour": "4", "score_clarity": "5",
        "score_overall": "2", "score_confidence": "3",
        "comments_to_authors": "The comparison of the two cities is convincing.",
        "confidential_comments": "Probably a doctoral chapter.",
    }
    data.update(overrides)
    return data


def test_the_reviewer_page_lists_assigned_papers_with_status_and_deadline_in_their_time_zone(
    client, panel, paper, reviewer,
):
    panel.review_deadline = datetime.datetime(2031, 3, 1, 2, 30, tzinfo=datetime.UTC)
    panel.save()
    reviewer.time_zone = "America/Sao_Paulo"
    reviewer.save()
    second = factories.SubmissionFactory(panel=panel, title="Drug policy in border towns")
    third = factories.SubmissionFactory(panel=panel, title="Police missions abroad")
    assign(second, reviewer)
    assign(third, reviewer)
    draft_review(second, reviewer)
    submit_review(third, reviewer)
    upload_paper(paper)
    client.force_login(reviewer)

    body = client.get(reverse("reviews:my_reviews")).content.decode()

    assert "not started" in body and "draft" in body and "submitted" in body
    assert paper.title in body and second.title in body and third.title in body
    # 02:30 UTC on 1 March is 23:30 on 28 February in São Paulo (UTC-3).
    assert "Feb. 28, 2031, 11:30 p.m." in body and "America/Sao_Paulo" in body
    assert review_url(paper, "reviews:review_paper_download") in body


def test_the_reviewer_page_leaves_out_papers_in_conflict_and_of_other_reviewers(client, paper, reviewer,
                                                                                conflicted_reviewer):
    client.force_login(conflicted_reviewer)
    assert paper.title not in client.get(reverse("reviews:my_reviews")).content.decode()


def test_a_reviewer_saves_a_draft_without_scoring_everything(client, paper, reviewer):
    client.force_login(reviewer)
    response = client.post(review_url(paper), {"action": "save", "comments_to_authors": "Half-way through."})
    assert response.status_code == 302
    review = Review.objects.get(submission=paper, reviewer=reviewer)
    assert review.state == Review.State.DRAFT
    assert review.comments_to_authors == "Half-way through."
    assert review.overall is None


def test_submitting_needs_every_required_score_and_keeps_what_was_typed(client, paper, reviewer):
    client.force_login(reviewer)
    response = client.post(review_url(paper), typed(action="submit", score_overall=""))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose a point on this scale before submitting." in body
    assert "The comparison of the two cities is convincing." in body
    assert not Review.objects.filter(submission=paper, state=Review.State.SUBMITTED).exists()


def test_a_score_outside_the_scale_is_refused_next_to_its_field(client, paper, reviewer):
    client.force_login(reviewer)
    response = client.post(review_url(paper), typed(action="submit", score_overall="7"))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_a_submitted_review_stores_its_scores_as_rows_and_its_overall_and_confidence(client, paper, reviewer):
    client.force_login(reviewer)
    response = client.post(review_url(paper), typed(action="submit"))
    assert response.status_code == 302
    review = Review.objects.get(submission=paper, reviewer=reviewer)
    assert review.state == Review.State.SUBMITTED
    assert (review.overall, review.confidence) == (2, 3)
    assert {score.criterion.key: score.value for score in review.scores.all()} == {
        "relevance": 4, "originality": 3, "rigour": 4, "clarity": 5, "overall": 2, "confidence": 3,
    }


def test_autosave_keeps_a_draft_of_what_is_typed(client, paper, reviewer):
    client.force_login(reviewer)
    response = client.post(review_url(paper, "reviews:review_autosave"),
                           {"comments_to_authors": "First thoughts", "score_originality": "4"})
    assert response.status_code == 200
    assert response.json()["saved"] is True
    review = Review.objects.get(submission=paper, reviewer=reviewer)
    assert review.state == Review.State.DRAFT and review.comments_to_authors == "First thoughts"

    # The form shows it again when the reviewer comes back.
    assert "First thoughts" in client.get(review_url(paper)).content.decode()


def test_repeated_autosaves_make_one_version_and_an_explicit_save_keeps_it(paper, reviewer):
    for text in ("F", "Fi", "First thoughts"):
        review_save(submission=paper, by=reviewer, content=ReviewContent({}, text, ""), autosave=True)
    assert ReviewVersion.objects.filter(review__submission=paper).count() == 1
    review_save(submission=paper, by=reviewer, content=ReviewContent({}, "First thoughts", ""))
    version = ReviewVersion.objects.get(review__submission=paper)
    assert version.comments_to_authors == "First thoughts" and not version.autosaved
    review_save(submission=paper, by=reviewer, content=ReviewContent({}, "Second thoughts", ""), autosave=True)
    assert ReviewVersion.objects.filter(review__submission=paper).count() == 2


def test_every_version_of_a_review_is_kept(client, paper, reviewer):
    draft_review(paper, reviewer, comments="A draft.")
    submit_review(paper, reviewer, overall=1, comments="Submitted.")
    submit_review(paper, reviewer, overall=2, comments="Changed my mind.")
    review = Review.objects.get(submission=paper, reviewer=reviewer)
    versions = list(review.versions.order_by("number").values_list("state", "comments_to_authors"))
    assert versions == [("draft", "A draft."), ("submitted", "Submitted."), ("submitted", "Changed my mind.")]
    assert review.overall == 2

    client.force_login(reviewer)
    body = client.get(reverse("reviews:review_versions", kwargs={"code": review.code})).content.decode()
    assert "A draft." in body and "Submitted." in body and "Changed my mind." in body


def test_changes_saved_automatically_on_a_submitted_review_wait_until_the_reviewer_updates_it(client, paper, reviewer):
    submit_review(paper, reviewer, overall=1, comments="Submitted text.")
    client.force_login(reviewer)
    client.post(review_url(paper, "reviews:review_autosave"), typed(comments_to_authors="Edited, not submitted."))

    review = Review.objects.get(submission=paper, reviewer=reviewer)
    assert review.comments_to_authors == "Submitted text."  # what the chairs and the dashboard see
    assert review.pending_edit.comments_to_authors == "Edited, not submitted."
    page = client.get(review_url(paper)).content.decode()
    assert "Edited, not submitted." in page and "not submitted yet" in page

    client.post(review_url(paper, "reviews:review_discard"))
    review.refresh_from_db()
    assert review.pending_edit is None
    assert "Edited, not submitted." not in client.get(review_url(paper)).content.decode()
    assert review.versions.filter(comments_to_authors="Edited, not submitted.").exists()  # kept in the history


def test_a_submitted_review_may_be_changed_until_the_review_deadline_only(paper, reviewer):
    submit_review(paper, reviewer, overall=1)
    deadline = paper.panel.review_deadline
    submit_review(paper, reviewer, overall=2, now=deadline - datetime.timedelta(minutes=1))
    with pytest.raises(Refused, match="review deadline"):
        submit_review(paper, reviewer, overall=3, now=deadline + datetime.timedelta(minutes=1))
    assert Review.objects.get(submission=paper, reviewer=reviewer).overall == 2


def test_a_late_reviewer_may_still_submit_a_review_never_submitted(paper, reviewer):
    late = paper.panel.review_deadline + datetime.timedelta(days=2)
    review = submit_review(paper, reviewer, now=late)
    assert review.is_submitted


def test_the_review_page_after_the_deadline_says_why_the_review_cannot_change(client, paper, reviewer):
    submit_review(paper, reviewer)
    paper.panel.review_deadline = timezone.now() - datetime.timedelta(hours=1)
    paper.panel.save()
    client.force_login(reviewer)
    body = client.get(review_url(paper)).content.decode()
    assert "a submitted review can no longer be changed" in body
    assert 'id="review-form"' not in body
    assert client.post(review_url(paper, "reviews:review_autosave"), typed()).status_code == 403


def test_nobody_but_the_assigned_reviewers_writes_a_review(paper, reviewer, unassigned_reviewer, conflicted_reviewer,
                                                           chair):
    for outsider in (unassigned_reviewer, conflicted_reviewer, chair):
        with pytest.raises(Refused):
            review_save(submission=paper, by=outsider, content=content(paper.panel), submit=True)


def test_a_withdrawn_paper_takes_no_more_reviews(paper, reviewer):
    paper.state = "withdrawn"
    paper.save()
    with pytest.raises(Refused):
        draft_review(paper, reviewer)


def test_submitting_through_the_service_checks_the_required_criteria_too(paper, reviewer):
    with pytest.raises(ReviewIncomplete, match="Overall recommendation"):
        review_save(submission=paper, by=reviewer, content=ReviewContent({"originality": 3}, "", ""), submit=True)


def test_the_review_page_loads_the_autosave_script_and_carries_no_inline_script(client, paper, reviewer):
    client.force_login(reviewer)
    body = client.get(review_url(paper)).content.decode()
    assert "reviews/autosave.js" in body
    assert f'data-autosave-url="{review_url(paper, "reviews:review_autosave")}"' in body
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), "an inline script"
    assert " onclick=" not in body and " style=" not in body


def test_the_autosave_script_saves_in_the_background_and_when_the_page_is_left():
    script = (Path(settings.BASE_DIR) / "static" / "reviews" / "autosave.js").read_text()
    assert "data-autosave-url" in script
    assert "setInterval" in script
    assert "visibilitychange" in script and "pagehide" in script and "sendBeacon" in script


def test_the_reviewer_downloads_the_anonymised_copy_under_a_neutral_name(client, paper, reviewer):
    stored = upload_paper(paper)
    client.force_login(reviewer)
    response = client.get(review_url(paper, "reviews:review_paper_download"))
    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert body == stored.blind_copy.open("rb").read()
    assert b"Gilberto" not in body
    assert f'filename="paper-{paper.number}.pdf"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_without_an_anonymised_copy_a_double_blind_reviewer_gets_no_file(client, paper, reviewer):
    upload_paper(paper, blind=False)
    client.force_login(reviewer)
    assert client.get(review_url(paper, "reviews:review_paper_download")).status_code == 404


def test_in_a_call_that_is_not_double_blind_reviewers_get_the_paper_itself(client, panel, paper, reviewer):
    panel.double_blind = False
    panel.save()
    stored = upload_paper(paper, blind=False)
    client.force_login(reviewer)
    response = client.get(review_url(paper, "reviews:review_paper_download"))
    assert b"".join(response.streaming_content) == stored.file.open("rb").read()


def test_the_chair_downloads_the_paper_as_uploaded(client, paper, chair):
    stored = upload_paper(paper)
    client.force_login(chair)
    response = client.get(review_url(paper, "reviews:review_paper_download"))
    assert b"".join(response.streaming_content) == stored.file.open("rb").read()
