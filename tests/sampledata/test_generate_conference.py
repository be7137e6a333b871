"""`manage.py generate_conference`: a synthetic conference for benchmarks,
whose data works through the real pages."""

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.html import escape

from portal.management.commands.check_invariants import find_violations
from portal.models import Panel, PanelChair, User
from portal.validators import validate_orcid
from reviews.conflicts import detect_conflicts
from reviews.models import (
    Assignment, BiddingPhase, Conflict, Criterion, PanelReviewer, Review, ReviewerInvitation, ReviewVersion, Score,
)
from sampledata.synthetic import CONFERENCE_SLUG
from submissions.models import Author, PaperFile, Submission

pytestmark = pytest.mark.django_db
SMALL = {"papers": 60, "reviewers": 20, "reviews_per_paper": 3, "panels": 2, "seed": 7}


def generate(**options):
    call_command("generate_conference", **{**SMALL, **options}, stdout=None)


def fingerprint() -> dict:
    """What the same seed must write again: texts, codes, people and scores."""
    return {
        "papers": list(Submission.objects.order_by("panel__slug", "number").values_list(
            "panel__slug", "number", "code", "state", "title", "abstract", "created_by__email")),
        "authors": list(Author.objects.order_by("submission__code", "position").values_list(
            "submission__code", "position", "email", "affiliation", "orcid", "is_corresponding")),
        "assignments": sorted(Assignment.objects.values_list("submission__code", "reviewer__email")),
        "reviews": sorted(Review.objects.values_list("code", "state", "overall", "confidence", "comments_to_authors")),
        "conflicts": sorted(Conflict.objects.values_list("submission__code", "reviewer__email", "source")),
    }


@pytest.fixture
def small_conference():
    generate()


def test_a_small_conference_has_what_was_asked_for(small_conference):
    panels = list(Panel.objects.filter(conference__slug=CONFERENCE_SLUG).order_by("slug"))
    assert [panel.slug for panel in panels] == ["panel-1", "panel-2"]
    for panel in panels:
        assert panel.submissions.count() == 30
        assert PanelReviewer.objects.filter(panel=panel).count() == 10
        assert PanelChair.objects.filter(panel=panel).count() == 2
        assert 6 <= panel.topics.count() <= 8
        assert BiddingPhase.objects.get(panel=panel).is_open
        assert Panel.objects.filter(pk=panel.pk).open_for_submissions().exists()
    assert User.objects.filter(email__startswith="chair").count() == 4
    assert User.objects.filter(email__startswith="reviewer").count() == 20
    assert User.objects.filter(email__startswith="author").count() == 120
    in_review = Submission.objects.filter(state=Submission.State.SUBMITTED)
    assert set(in_review.annotate(n=Count("assignments")).values_list("n", flat=True)) == {3}


def test_the_same_seed_writes_the_same_conference(small_conference):
    first = fingerprint()
    generate(replace=True)
    assert fingerprint() == first
    generate(replace=True, seed=8)
    assert fingerprint()["papers"] != first["papers"]


def test_it_refuses_to_overwrite_the_conference_without_replace(small_conference):
    with pytest.raises(CommandError, match="--replace"):
        generate()


def test_the_generated_data_keeps_every_invariant(small_conference, capsys):
    """The generator writes rows directly; its docstring lists what it keeps by hand."""
    call_command("check_invariants")
    assert "All invariants hold" in capsys.readouterr().out


@pytest.mark.parametrize("shape", [
    {"papers": 12, "reviewers": 0, "panels": 1},
    {"papers": 0, "reviewers": 6, "panels": 2},
    {"papers": 40, "reviewers": 4, "reviews_per_paper": 5, "panels": 1, "bids_per_reviewer": 40},
], ids=["no reviewers", "no papers", "more reviews per paper than reviewers"])
def test_the_invariants_hold_at_the_edges_of_the_shape(shape):
    generate(**shape)
    assert find_violations() == []
    assert Panel.objects.filter(conference__slug=CONFERENCE_SLUG).count() == shape["panels"]


def test_no_reviewer_is_assigned_a_paper_they_are_in_conflict_with_even_lifted(small_conference):
    in_conflict = Conflict.objects.filter(submission=OuterRef("submission"), reviewer=OuterRef("reviewer"))
    assert Conflict.objects.exists()
    assert not Assignment.objects.filter(Exists(in_conflict)).exists()


def test_conflict_detection_finds_what_was_generated_and_no_more(small_conference):
    """Opening bidding, the assigner and assigning by hand detect conflicts again: they must not
    find every pair in conflict (authors sign papers with their institution's address)."""
    for panel in Panel.objects.filter(conference__slug=CONFERENCE_SLUG):
        found = detect_conflicts(panel)
        assert not [key for key in found if key[2] == Conflict.Source.EMAIL_DOMAIN]
        automatic = {key for key in found if key[2] in {Conflict.Source.AFFILIATION, Conflict.Source.AUTHOR_DECLARED}}
        assert automatic == set(Conflict.objects.filter(
            submission__panel=panel, source__in=[Conflict.Source.AFFILIATION, Conflict.Source.AUTHOR_DECLARED],
        ).values_list("submission_id", "reviewer_id", "source"))


def test_submitted_reviews_score_every_criterion_and_have_a_submitted_version(small_conference):
    criteria = Criterion.objects.count() // 2
    submitted = Review.objects.submitted()
    assert submitted.exists() and Review.objects.filter(state=Review.State.DRAFT).exists()
    assert set(submitted.annotate(n=Count("scores")).values_list("n", flat=True)) == {criteria}
    for review in submitted:
        latest = ReviewVersion.objects.filter(review=review).order_by("-number").first()
        assert latest.state == Review.State.SUBMITTED
        assert latest.scores == {score.criterion.key: score.value for score in Score.objects.filter(review=review)}


def test_every_account_is_verified_and_every_orcid_valid(small_conference):
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == User.objects.count()
    author = User.objects.get(email="author1@bench.example")
    paper_address = Author.objects.filter(submission__created_by=author, position=1).values_list("email", flat=True)[0]
    assert EmailAddress.objects.filter(user=author, email=paper_address, verified=True).exists()
    orcids = [orcid for orcid in User.objects.values_list("orcid", flat=True) if orcid]
    assert orcids
    for orcid in orcids:
        validate_orcid(orcid)
    assert {"en", "pt-br", "es"} <= set(User.objects.values_list("language", flat=True))


def test_reviewers_accepted_their_invitations_whose_mail_was_sent(small_conference):
    assert ReviewerInvitation.objects.filter(state=ReviewerInvitation.State.ACCEPTED).count() == 20
    assert not ReviewerInvitation.objects.filter(last_mail__isnull=True).exists()


def test_a_chair_logs_in_and_sees_the_papers_on_the_dashboard(small_conference, client):
    assert client.login(email="chair1@bench.example", password="bench-password")
    response = client.get(reverse("reviews:dashboard", kwargs={"conference": CONFERENCE_SLUG, "panel": "panel-1"}))
    assert response.status_code == 200
    paper = Submission.objects.filter(panel__slug="panel-1", state=Submission.State.SUBMITTED).first()
    assert escape(paper.title) in response.content.decode()


def test_a_reviewer_logs_in_and_sees_the_papers_to_review(small_conference, client):
    assignment = Assignment.objects.select_related("reviewer", "submission").first()
    assert client.login(email=assignment.reviewer.email, password="bench-password")
    response = client.get(reverse("reviews:my_reviews"))
    assert response.status_code == 200
    assert escape(assignment.submission.title) in response.content.decode()
    page = client.get(reverse("reviews:review", kwargs={"code": assignment.submission.code}))
    assert page.status_code == 200


def test_an_author_logs_in_sees_their_paper_and_downloads_the_shared_pdf(small_conference, client):
    paper = Submission.objects.get(panel__slug="panel-1", number=1)
    assert paper.created_by.email == "author1@bench.example"
    assert client.login(email="author1@bench.example", password="bench-password")
    response = client.get(reverse("submissions:dashboard"))
    assert response.status_code == 200
    assert escape(paper.title) in response.content.decode()
    if (version := PaperFile.objects.filter(submission=paper).first()) is not None:
        download = client.get(version.get_absolute_url())
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF-")
